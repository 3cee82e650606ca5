package nativesim

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/internal/manifest"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

func TestOrigin(t *testing.T) {
	assert.Equal(t, "chrome-extension://abcdefghijklmnopabcdefghijklmnop/", Origin(idA))
}

// TestOpenErrors checks every failure Chrome reports before a host runs, with Chrome's exact
// text, for both APIs.
func TestOpenErrors(t *testing.T) {
	exe := testHost(t)
	dir := t.TempDir()
	writeManifest(t, dir, "disk.host", exe, originA)
	writeManifest(t, dir, "disk.forbidden", exe, originB)
	writeManifest(t, dir, "disk.nobinary", filepath.Join(dir, "absent"), originA)
	notExec := filepath.Join(dir, "notexec")
	require.NoError(t, os.WriteFile(notExec, []byte("#!/bin/sh\nexit 0\n"), 0o644))
	writeManifest(t, dir, "disk.notexec", notExec, originA)
	// A manifest whose name field is not the file's name, one with a relative path and one that
	// is not a manifest: Chrome reports all three as not found.
	writeManifest(t, dir, "other.name", exe, originA)
	require.NoError(t, os.Rename(filepath.Join(dir, "other.name.json"), filepath.Join(dir, "disk.misnamed.json")))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "disk.relative.json"), []byte(`{"name":"disk.relative",
		"description":"d","path":"testhost","type":"stdio","allowed_origins":["`+originA+`"]}`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "disk.broken.json"), []byte(`{"name":`), 0o644))

	r := New(Options{Dirs: []string{t.TempDir(), dir}})
	t.Cleanup(func() { require.NoError(t, r.Close()) })
	require.NoError(t, r.RegisterFunc("go.forbidden", []string{originB}, func(*Host, json.RawMessage) {}))

	noPerm := &manifest.Manifest{ManifestVersion: 3, Permissions: []string{"tabs"}}
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"no manifest", Request{Host: "disk.host", ExtensionID: idA}, chromefacts.ErrNativeMessagingPermission},
		{"no permission", Request{Host: "disk.host", ExtensionID: idA, Manifest: noPerm}, chromefacts.ErrNativeMessagingPermission},
		{"permission before name", Request{Host: "Bad Name", ExtensionID: idA, Manifest: noPerm}, chromefacts.ErrNativeMessagingPermission},
		{"empty name", req(""), chromefacts.ErrNativeHostInvalidName},
		{"upper case", req("Disk.host"), chromefacts.ErrNativeHostInvalidName},
		{"leading dot", req(".disk"), chromefacts.ErrNativeHostInvalidName},
		{"trailing dot", req("disk."), chromefacts.ErrNativeHostInvalidName},
		{"double dot", req("disk..host"), chromefacts.ErrNativeHostInvalidName},
		{"dash", req("disk-host"), chromefacts.ErrNativeHostInvalidName},
		{"path separator", req("../disk.host"), chromefacts.ErrNativeHostInvalidName},
		{"unknown", req("no.such.host"), chromefacts.ErrNativeHostNotFound},
		{"binary missing", req("disk.nobinary"), chromefacts.ErrNativeHostNotFound},
		{"name mismatch", req("disk.misnamed"), chromefacts.ErrNativeHostNotFound},
		{"relative path", req("disk.relative"), chromefacts.ErrNativeHostNotFound},
		{"broken manifest", req("disk.broken"), chromefacts.ErrNativeHostNotFound},
		{"manifest forbids", req("disk.forbidden"), chromefacts.ErrNativeHostForbidden},
		{"go host forbids", req("go.forbidden"), chromefacts.ErrNativeHostForbidden},
		{"not executable", req("disk.notexec"), chromefacts.ErrNativeHostStartFailed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rc := &recorder{}
			c, err := r.SendNativeMessage(tc.req, js(map[string]string{"op": "echo"}), rc.deliver)
			assert.Nil(t, c)
			assert.Equal(t, tc.want, chromeText(t, err), "sendNativeMessage")

			c, err = r.ConnectNative(tc.req, rc.deliver)
			assert.Nil(t, c)
			assert.Equal(t, tc.want, chromeText(t, err), "connectNative")

			assert.Zero(t, r.Dispatch())
			assert.Empty(t, rc.events)
			assert.Zero(t, r.InFlight())
		})
	}
}

func TestOpenReasons(t *testing.T) {
	dir := t.TempDir()
	writeManifest(t, dir, "disk.forbidden", testHost(t), originB)
	r := New(Options{Dirs: []string{dir}})
	t.Cleanup(func() { require.NoError(t, r.Close()) })

	_, err := r.ConnectNative(req("disk.forbidden"), func(Event) {})
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Contains(t, e.Reason, originA, "the log reason names the refused origin")

	_, err = r.ConnectNative(req("no.such.host"), func(Event) {})
	require.ErrorAs(t, err, &e)
	assert.Contains(t, e.Reason, "no.such.host")
}

func TestOpenMisuse(t *testing.T) {
	r := New(Options{})
	require.NoError(t, r.RegisterFunc("go.host", []string{originA}, func(*Host, json.RawMessage) {}))

	_, err := r.ConnectNative(Request{Host: "go.host", ExtensionID: "not-an-id", Manifest: withPerm}, func(Event) {})
	assert.ErrorContains(t, err, "invalid extension ID")

	_, err = r.ConnectNative(req("go.host"), nil)
	assert.ErrorContains(t, err, "nil deliver")

	_, err = r.SendNativeMessage(req("go.host"), []byte("{not json"), func(Event) {})
	assert.ErrorContains(t, err, "not one JSON value")

	require.NoError(t, r.Close())
	_, err = r.ConnectNative(req("go.host"), func(Event) {})
	assert.ErrorIs(t, err, ErrClosed)
}

func TestRegisterFuncChecks(t *testing.T) {
	f := func(*Host, json.RawMessage) {}
	tests := []struct {
		name    string
		host    string
		origins []string
		f       HostFunc
		want    string
	}{
		{"bad name", "Go.Host", []string{originA}, f, "Invalid value for name."},
		{"nil origins", "go.host", nil, f, "Invalid value for allowed_origins. Expected a list of strings."},
		{"wildcard origin", "go.host", []string{"chrome-extension://*/"}, f, `Pattern "chrome-extension://*/" is not allowed.`},
		{"web origin", "go.host", []string{"https://example.com/"}, f, `Failed to parse pattern "https://example.com/": Invalid scheme.`},
		{"nil func", "go.host", []string{originA}, nil, "nil HostFunc"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := New(Options{})
			assert.ErrorContains(t, r.RegisterFunc(tc.host, tc.origins, tc.f), tc.want)
		})
	}
}

// TestGoHostFoundFirst checks that a Go host shadows a manifest of the same name.
func TestGoHostFoundFirst(t *testing.T) {
	dir := t.TempDir()
	writeManifest(t, dir, "shared.host", testHost(t), originA)
	r := New(Options{Dirs: []string{dir}})
	t.Cleanup(func() { require.NoError(t, r.Close()) })
	require.NoError(t, r.RegisterFunc("shared.host", []string{originA}, func(h *Host, _ json.RawMessage) {
		require.NoError(t, h.Post(map[string]string{"from": "go"}))
	}))
	rc := &recorder{}
	c, err := r.SendNativeMessage(req("shared.host"), js(map[string]string{"op": "echo"}), rc.deliver)
	require.NoError(t, err)
	assert.Zero(t, c.PID())
	assert.Equal(t, 1, r.Dispatch())
	assert.Equal(t, []string{`{"from":"go"}`}, rc.messages())
}
