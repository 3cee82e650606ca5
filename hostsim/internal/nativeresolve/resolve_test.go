package nativeresolve

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/extwasm/extwasm/nativehost"
)

const testOrigin = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/"

func TestResolveFindsWhatInstallWrote(t *testing.T) {
	udd := t.TempDir()
	exe := filepath.Join(t.TempDir(), "vaulthost")
	require.NoError(t, os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755))
	m := nativehost.Manifest{Name: "com.extwasm.vault", Description: "Vault", Path: exe, Type: "stdio",
		AllowedOrigins: []string{testOrigin}}
	_, err := nativehost.Install(nativehost.UserDataDir(udd), m)
	require.NoError(t, err)

	dirs := []string{nativehost.UserDataDir(udd), filepath.Join(udd, "system")}
	got, gotExe, err := Resolve("com.extwasm.vault", testOrigin, "linux", dirs...)
	require.NoError(t, err)
	assert.Equal(t, exe, gotExe)
	assert.Equal(t, m.Name, got.Name)

	_, _, err = Resolve("com.extwasm.vault", "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba/", "linux", dirs...)
	assert.ErrorIs(t, err, ErrHostForbidden)
	assert.EqualError(t, errors.Unwrap(err), chromefacts.ErrNativeHostForbidden)
	_, _, err = Resolve("com.extwasm.other", testOrigin, "linux", dirs...)
	assert.ErrorIs(t, err, ErrHostNotFound)
	_, _, err = Resolve("Bad..Name", testOrigin, "linux", dirs...)
	assert.ErrorIs(t, err, ErrInvalidHostName)

	require.NoError(t, nativehost.Uninstall(nativehost.UserDataDir(udd), m.Name))
	_, _, err = Resolve("com.extwasm.vault", testOrigin, "linux", dirs...)
	assert.ErrorIs(t, err, ErrHostNotFound)
}

func TestResolveLaunchChecks(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "host")
	require.NoError(t, os.WriteFile(exe, nil, 0o755))
	write := func(file string, fields map[string]any) {
		m := map[string]any{"name": file, "description": "Vault", "path": exe, "type": "stdio",
			"allowed_origins": []string{testOrigin}}
		for k, v := range fields {
			if v == nil {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
		data, err := json.Marshal(m)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, file+".json"), data, 0o644))
	}
	write("wrong.name", map[string]any{"name": "other.name"})
	write("relative", map[string]any{"path": "host"})
	write("missing.exe", map[string]any{"path": exe + ".gone"})
	write("broken", map[string]any{"description": nil})
	cases := []struct {
		name, goos, reason string
		want               error
	}{
		{"wrong.name", "linux", "Invalid name specified in the manifest.", ErrHostNotFound},
		{"relative", "linux", "must be absolute", ErrHostNotFound},
		{"missing.exe", "linux", "not the binary", ErrHostNotFound},
		{"broken", "linux", "Invalid value for description.", ErrHostNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Resolve(tc.name, testOrigin, tc.goos, dir)
			assert.ErrorIs(t, err, tc.want)
			var re *Error
			require.ErrorAs(t, err, &re)
			assert.Contains(t, re.Reason, tc.reason)
		})
	}
	_, gotExe, err := Resolve("relative", testOrigin, "windows", dir)
	require.NoError(t, err, "Windows resolves a relative path against the manifest")
	assert.Equal(t, exe, gotExe)
}
