package nativehost

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const goodManifest = `{
  "name": "com.extwasm.vault",
  "description": "Vault",
  "path": "/opt/vault/vaulthost",
  "type": "stdio",
  "allowed_origins": ["chrome-extension://abcdefghijklmnopabcdefghijklmnop/"]
}`

// withField returns goodManifest with key set to raw JSON (or removed when raw is "").
func withField(t *testing.T, key, raw string) string {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(goodManifest), &m))
	if raw == "" {
		delete(m, key)
	} else {
		m[key] = json.RawMessage(raw)
	}
	out, err := json.Marshal(m)
	require.NoError(t, err)
	return string(out)
}

func TestParseManifestValid(t *testing.T) {
	m, err := ParseManifest([]byte(goodManifest))
	require.NoError(t, err)
	assert.Equal(t, "com.extwasm.vault", m.Name)
	assert.Equal(t, []string{testOrigin}, m.AllowedOrigins)
	assert.True(t, m.Allows(testOrigin))
	assert.True(t, m.Allows("chrome-extension://ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP/"), "hosts compare case-insensitively")
	assert.False(t, m.Allows("chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba/"))
	assert.False(t, m.Allows("https://abcdefghijklmnopabcdefghijklmnop/"))
	assert.NoError(t, m.Validate())

	m, err = ParseManifest([]byte(withField(t, "supports_native_initiated_connections", "true")))
	require.NoError(t, err)
	assert.True(t, m.SupportsNativeInitiatedConnections)
	m, err = ParseManifest([]byte(withField(t, "allowed_origins", "[]")))
	require.NoError(t, err, "an empty list loads (and allows nobody)")
	assert.False(t, m.Allows(testOrigin))
}

func TestParseManifestChromeErrors(t *testing.T) {
	cases := []struct {
		name, key, raw, want string
	}{
		{"name missing", "name", "", "Invalid value for name."},
		{"name not string", "name", `5`, "Invalid value for name."},
		{"name null", "name", `null`, "Invalid value for name."},
		{"name upper case", "name", `"Com.vault"`, "Invalid value for name."},
		{"name leading dot", "name", `".vault"`, "Invalid value for name."},
		{"name trailing dot", "name", `"vault."`, "Invalid value for name."},
		{"name double dot", "name", `"a..b"`, "Invalid value for name."},
		{"name dash", "name", `"a-b"`, "Invalid value for name."},
		{"description empty", "description", `""`, "Invalid value for description."},
		{"description missing", "description", ``, "Invalid value for description."},
		{"type wrong", "type", `"pipe"`, "Invalid value for type."},
		{"type missing", "type", ``, "Invalid value for type."},
		{"path empty", "path", `""`, "Invalid value for path."},
		{"path list", "path", `["/x"]`, "Invalid value for path."},
		{"origins missing", "allowed_origins", ``, "Invalid value for allowed_origins. Expected a list of strings."},
		{"origins string", "allowed_origins", `"chrome-extension://a/"`, "Invalid value for allowed_origins. Expected a list of strings."},
		{"origins null", "allowed_origins", `null`, "Invalid value for allowed_origins. Expected a list of strings."},
		{"origin number", "allowed_origins", `[1]`, "allowed_origins must be list of strings."},
		{"origin null", "allowed_origins", `[null]`, "allowed_origins must be list of strings."},
		{"origin wildcard host", "allowed_origins", `["chrome-extension://*/"]`, `Pattern "chrome-extension://*/" is not allowed.`},
		{"origin subdomain", "allowed_origins", `["chrome-extension://*.abc/"]`, `Pattern "chrome-extension://*.abc/" is not allowed.`},
		{"origin all urls", "allowed_origins", `["<all_urls>"]`, `Pattern "<all_urls>" is not allowed.`},
		{"origin no separator", "allowed_origins", `["abc"]`, `Failed to parse pattern "abc": Missing scheme separator.`},
		{"origin https", "allowed_origins", `["https://abc/"]`, `Failed to parse pattern "https://abc/": Invalid scheme.`},
		{"origin single colon", "allowed_origins", `["chrome-extension:abc/"]`, `Failed to parse pattern "chrome-extension:abc/": Wrong scheme type.`},
		{"origin no path", "allowed_origins", `["chrome-extension://abc"]`, `Failed to parse pattern "chrome-extension://abc": Empty path.`},
		{"origin no host", "allowed_origins", `["chrome-extension:///"]`, `Failed to parse pattern "chrome-extension:///": Host can not be empty.`},
		{"origin nothing after scheme", "allowed_origins", `["chrome-extension://"]`, `Failed to parse pattern "chrome-extension://": Host can not be empty.`},
		{"origin port", "allowed_origins", `["chrome-extension://abc:80/"]`, `Failed to parse pattern "chrome-extension://abc:80/": Invalid port.`},
		{"origin star inside host", "allowed_origins", `["chrome-extension://a*c/"]`, `Failed to parse pattern "chrome-extension://a*c/": Invalid host wildcard.`},
		{"origin bad host char", "allowed_origins", `["chrome-extension://a c/"]`, `Failed to parse pattern "chrome-extension://a c/": Invalid host.`},
		{"native init not bool", "supports_native_initiated_connections", `"yes"`, "supports_native_initiated_connections must be a boolean."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseManifest([]byte(withField(t, tc.key, tc.raw)))
			var me *ManifestError
			require.ErrorAs(t, err, &me)
			assert.Equal(t, tc.want, me.Message)
		})
	}
}

func TestParseManifestChecksInChromeOrder(t *testing.T) {
	// Both name and type are wrong: Chrome reports the name.
	_, err := ParseManifest([]byte(`{"name":"A","description":"d","type":"x","path":"/p","allowed_origins":[]}`))
	assert.EqualError(t, err, "Invalid value for name.")
	// A bad pattern before a non-string: the pattern is reported.
	_, err = ParseManifest([]byte(`{"name":"a","description":"d","type":"stdio","path":"/p","allowed_origins":["chrome-extension://*/",1]}`))
	assert.EqualError(t, err, `Pattern "chrome-extension://*/" is not allowed.`)
}

func TestParseManifestNotAnObject(t *testing.T) {
	for _, in := range []string{``, `[]`, `null`, `"x"`, `{`, "{\"name\":\"\xff\"}", `{} {}`} {
		_, err := ParseManifest([]byte(in))
		var me *ManifestError
		require.ErrorAs(t, err, &me, "%q", in)
		assert.Equal(t, "Invalid manifest file.", me.Message)
	}
}

func TestValidateMatchesParse(t *testing.T) {
	m := Manifest{Name: "a.b_c", Description: "d", Path: "/x", Type: "stdio", AllowedOrigins: []string{testOrigin}}
	require.NoError(t, m.Validate())
	bad := m
	bad.AllowedOrigins = nil
	assert.EqualError(t, bad.Validate(), "Invalid value for allowed_origins. Expected a list of strings.")
	bad = m
	bad.Type = ""
	assert.EqualError(t, bad.Validate(), "Invalid value for type.")
	bad = m
	bad.AllowedOrigins = []string{"chrome-extension://*/"}
	assert.EqualError(t, bad.Validate(), `Pattern "chrome-extension://*/" is not allowed.`)
}

func TestValidName(t *testing.T) {
	for _, ok := range []string{"a", "com.my_company.host", "a.b.c", "x1_2"} {
		assert.True(t, ValidName(ok), ok)
	}
	for _, bad := range []string{"", ".", "a.", ".a", "a..b", "A", "a-b", "a b", "é"} {
		assert.False(t, ValidName(bad), bad)
	}
}

func TestParseArgs(t *testing.T) {
	c, err := ParseArgs(nil)
	require.NoError(t, err)
	assert.Zero(t, c)

	c, err = ParseArgs([]string{testOrigin, "--parent-window=0"})
	require.NoError(t, err)
	assert.Equal(t, Caller{Origin: testOrigin, ExtensionID: "abcdefghijklmnopabcdefghijklmnop"}, c)

	c, err = ParseArgs([]string{testOrigin, "--parent-window=4242", "--reconnect-command=e30="})
	require.NoError(t, err)
	assert.EqualValues(t, 4242, c.ParentWindow)

	for _, bad := range [][]string{
		{"/home/u/.mozilla/native-messaging-hosts/x.json", "id@example"},
		{"chrome-extension://abc"},
		{"chrome-extension:///"},
		{"https://example.com/"},
		{testOrigin, "--parent-window=x"},
	} {
		_, err := ParseArgs(bad)
		assert.Error(t, err, "%q", bad)
	}
}

func TestCheckOrigin(t *testing.T) {
	assert.NoError(t, CheckOrigin(testOrigin, "chrome-extension://other/", testOrigin))
	assert.ErrorIs(t, CheckOrigin(testOrigin, "chrome-extension://other/"), ErrOriginNotAllowed)
	assert.ErrorIs(t, CheckOrigin("", testOrigin), ErrOriginNotAllowed)
	assert.ErrorIs(t, CheckOrigin(testOrigin), ErrOriginNotAllowed, "an empty allow-list allows nobody")
	var me *ManifestError
	assert.ErrorAs(t, CheckOrigin(testOrigin, "<all_urls>"), &me)
}

func TestInstallRoundTrip(t *testing.T) {
	udd := t.TempDir()
	m := Manifest{Name: "com.extwasm.vault", Description: "Vault", Path: "/opt/vault/vaulthost", Type: "stdio",
		AllowedOrigins: []string{testOrigin}}

	path, err := Install(UserDataDir(udd), m)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(udd, "NativeMessagingHosts", "com.extwasm.vault.json"), path)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	back, err := ParseManifest(data)
	require.NoError(t, err)
	assert.Equal(t, m, *back, "what Install writes, Chrome's rules load back unchanged")

	require.NoError(t, Uninstall(UserDataDir(udd), m.Name))
	assert.NoFileExists(t, path)
	require.NoError(t, Uninstall(UserDataDir(udd), m.Name), "removing twice is fine")
}

func TestInstallRefusesUnusableManifests(t *testing.T) {
	base := Manifest{Name: "com.extwasm.vault", Description: "Vault", Path: "/opt/vault", Type: "stdio",
		AllowedOrigins: []string{testOrigin}}
	cases := []struct {
		name   string
		mutate func(*Manifest)
		want   string
	}{
		{"bad name", func(m *Manifest) { m.Name = "Vault" }, "Invalid value for name."},
		{"no description", func(m *Manifest) { m.Description = "" }, "Invalid value for description."},
		{"relative path", func(m *Manifest) { m.Path = "vaulthost" }, "Invalid value for path."},
		{"wildcard", func(m *Manifest) { m.AllowedOrigins = []string{"chrome-extension://*/"} }, `Pattern "chrome-extension://*/" is not allowed.`},
		{"short id", func(m *Manifest) { m.AllowedOrigins = []string{"chrome-extension://abc/"} }, `Pattern "chrome-extension://abc/" is not allowed.`},
		{"id out of a-p", func(m *Manifest) { m.AllowedOrigins = []string{"chrome-extension://abcdefghijklmnopabcdefghijklmnoz/"} }, `Pattern "chrome-extension://abcdefghijklmnopabcdefghijklmnoz/" is not allowed.`},
		{"path in origin", func(m *Manifest) { m.AllowedOrigins = []string{testOrigin + "*"} }, `Pattern "` + testOrigin + `*" is not allowed.`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := base
			tc.mutate(&m)
			dir := t.TempDir()
			_, err := Install(dir, m)
			var me *ManifestError
			require.ErrorAs(t, err, &me)
			assert.Equal(t, tc.want, me.Message)
			entries, _ := os.ReadDir(dir)
			assert.Empty(t, entries, "nothing written")
		})
	}
}

func TestDirFor(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	none := env(nil)
	cases := []struct {
		goos   string
		b      Browser
		system bool
		getenv func(string) string
		want   string
	}{
		{"linux", Chrome, false, none, "/home/u/.config/google-chrome/NativeMessagingHosts"},
		{"linux", Chromium, false, none, "/home/u/.config/chromium/NativeMessagingHosts"},
		{"linux", Chrome, true, none, "/etc/opt/chrome/native-messaging-hosts"},
		{"linux", Chromium, true, none, "/etc/chromium/native-messaging-hosts"},
		{"linux", Chromium, false, env(map[string]string{"XDG_CONFIG_HOME": "/x"}), "/x/chromium/NativeMessagingHosts"},
		{"linux", Chrome, false, env(map[string]string{"XDG_CONFIG_HOME": "rel"}), "/home/u/.config/google-chrome/NativeMessagingHosts"},
		{"linux", Chrome, false, env(map[string]string{"CHROME_CONFIG_HOME": "/c", "XDG_CONFIG_HOME": "/x"}), "/c/google-chrome/NativeMessagingHosts"},
		{"darwin", Chrome, false, none, "/home/u/Library/Application Support/Google/Chrome/NativeMessagingHosts"},
		{"darwin", Chromium, false, none, "/home/u/Library/Application Support/Chromium/NativeMessagingHosts"},
		{"darwin", Chrome, true, none, "/Library/Google/Chrome/NativeMessagingHosts"},
		{"darwin", Chromium, true, none, "/Library/Application Support/Chromium/NativeMessagingHosts"},
	}
	for _, tc := range cases {
		got, err := dirFor(tc.goos, tc.b, tc.system, "/home/u", tc.getenv)
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, "%s %s system=%v", tc.goos, tc.b, tc.system)
	}
	_, err := dirFor("windows", Chrome, false, "/home/u", none)
	assert.ErrorContains(t, err, "registry")
	_, err = dirFor("linux", "firefox", false, "/home/u", none)
	assert.Error(t, err)
	_, err = dirFor("linux", Chrome, false, "", none)
	assert.Error(t, err)
}

// FuzzParseManifest: any input either loads into a manifest that validates and round-trips, or
// fails with a ManifestError; never a panic.
func FuzzParseManifest(f *testing.F) {
	f.Add([]byte(goodManifest))
	f.Add([]byte(`{"name":"a","description":"d","type":"stdio","path":"p","allowed_origins":["chrome-extension://[::1]:*/"]}`))
	f.Add([]byte(`{"name":"a","description":"d","type":"stdio","path":"p","allowed_origins":["*://x/"]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseManifest(data)
		if err != nil {
			var me *ManifestError
			require.ErrorAs(t, err, &me)
			return
		}
		require.NoError(t, m.Validate())
		out, err := MarshalManifest(*m)
		require.NoError(t, err)
		back, err := ParseManifest(out)
		require.NoError(t, err)
		require.Equal(t, m, back)
		for _, o := range m.AllowedOrigins {
			m.Allows(o)
		}
	})
}

// FuzzOrigin: parsing arguments and checking origins never panics, and an accepted caller's
// origin matches an allow-list made of itself.
func FuzzOrigin(f *testing.F) {
	f.Add(testOrigin, "--parent-window=1")
	f.Add("chrome-extension://[::1]/", "")
	f.Add("chrome-extension://A%b/", "--parent-window=-9")
	f.Fuzz(func(t *testing.T, origin, extra string) {
		c, err := ParseArgs([]string{origin, extra})
		if err != nil {
			return
		}
		require.NoError(t, CheckOrigin(c.Origin, c.Origin))
		_ = CheckOrigin(extra, c.Origin)
	})
}
