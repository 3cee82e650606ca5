package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/nativehost"
)

const id = "abcdefghijklmnopabcdefghijklmnop"

func runCmd(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestInstallIntoUserDataDir(t *testing.T) {
	udd := t.TempDir()
	exe := filepath.Join(t.TempDir(), "vaulthost")
	require.NoError(t, os.WriteFile(exe, nil, 0o755))

	code, out, errOut := runCmd("-name", "com.extwasm.vault", "-description", "Vault",
		"-path", exe, "-extension-id", id, "-user-data-dir", udd)
	require.Equal(t, 0, code, errOut)
	want := filepath.Join(udd, "NativeMessagingHosts", "com.extwasm.vault.json")
	assert.Equal(t, want+"\n", out)

	// That nativehost.Install's manifests pass Chrome's launch rules is hostsim's nativeresolve
	// test; here, the command hands it what its flags say.
	data, err := os.ReadFile(want)
	require.NoError(t, err)
	m, err := nativehost.ParseManifest(data)
	require.NoError(t, err)
	assert.Equal(t, "com.extwasm.vault", m.Name)
	assert.Equal(t, exe, m.Path)
	assert.Equal(t, "Vault", m.Description)
	assert.Equal(t, []string{"chrome-extension://" + id + "/"}, m.AllowedOrigins)

	code, out, _ = runCmd("-uninstall", "-name", "com.extwasm.vault", "-user-data-dir", udd)
	require.Equal(t, 0, code)
	assert.Equal(t, want+"\n", out)
	assert.NoFileExists(t, want)
}

func TestPrintMakesPathAbsolute(t *testing.T) {
	code, out, errOut := runCmd("-print", "-name", "a.b", "-description", "d", "-path", "rel/host",
		"-origin", "chrome-extension://"+id+"/")
	require.Equal(t, 0, code, errOut)
	m, err := nativehost.ParseManifest([]byte(out))
	require.NoError(t, err)
	assert.True(t, filepath.IsAbs(m.Path))
	assert.True(t, strings.HasSuffix(m.Path, filepath.Join("rel", "host")))
}

func TestRejections(t *testing.T) {
	udd := t.TempDir()
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"bad name", []string{"-name", "Bad", "-description", "d", "-path", "/x", "-extension-id", id}, "Invalid value for name."},
		{"no description", []string{"-name", "a", "-path", "/x", "-extension-id", id}, "Invalid value for description."},
		{"wildcard", []string{"-name", "a", "-description", "d", "-path", "/x", "-origin", "chrome-extension://*/"}, `Pattern "chrome-extension://*/" is not allowed.`},
		{"bad id", []string{"-name", "a", "-description", "d", "-path", "/x", "-extension-id", "xyz"}, `Pattern "chrome-extension://xyz/" is not allowed.`},
		{"no origin", []string{"-name", "a", "-description", "d", "-path", "/x"}, "at least one"},
		{"system and profile", []string{"-system", "-name", "a"}, "exclude each other"},
		{"bad browser", []string{"-browser", "firefox", "-name", "a"}, "unknown -browser"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCmd(append(tc.args, "-user-data-dir", udd)...)
			assert.Equal(t, 1, code)
			assert.Contains(t, errOut, tc.want)
		})
	}
	entries, _ := os.ReadDir(udd)
	assert.Empty(t, entries, "nothing written")
	code, _, _ := runCmd("-nope")
	assert.Equal(t, 2, code)
}
