package manifest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The manifest chromium.md records as working in Chromium 156.
const workingManifest = `{"manifest_version": 3, "name": "Go WASM proto", "version": "0.1",
 "background": {"service_worker": "sw.js"},
 "content_security_policy": {"extension_pages": "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"},
 "content_scripts": [{"matches": ["http://127.0.0.1/*"], "exclude_matches": ["http://127.0.0.1/nocs*"],
                      "js": ["wasm_exec.js", "cs.js"], "run_at": "document_idle"}],
 "host_permissions": ["http://127.0.0.1/*"],
 "web_accessible_resources": [{"resources": ["cs.wasm", "frame.html"], "matches": ["http://127.0.0.1/*"]}]}`

func TestParseWorkingManifest(t *testing.T) {
	m, warnings, err := Parse([]byte(workingManifest))
	require.NoError(t, err)
	assert.Empty(t, warnings)
	assert.Equal(t, 3, m.ManifestVersion)
	assert.Equal(t, "Go WASM proto", m.Name)
	assert.Equal(t, "sw.js", m.ServiceWorker)
	assert.True(t, m.CSP.AllowsWasm())
	assert.Empty(t, m.CSP.WasmCompileError("instantiate"))
	require.Len(t, m.ContentScripts, 1)
	assert.Equal(t, DocumentIdle, m.ContentScripts[0].RunAt)
	assert.Equal(t, SerializationJSON, m.MessageSerialization)
	assert.Nil(t, m.ExternallyConnectable)
	assert.True(t, m.OnMessagePromiseSupport())

	// Any port; exclude_matches wins; child frames need all_frames.
	assert.Len(t, m.ContentScriptsFor("http://127.0.0.1:8080/page", true), 1)
	assert.Empty(t, m.ContentScriptsFor("http://127.0.0.1:8080/nocs/x", true))
	assert.Empty(t, m.ContentScriptsFor("http://127.0.0.1/page", false))
	assert.Empty(t, m.ContentScriptsFor("http://example.com/", true))

	assert.True(t, m.WebAccessible("cs.wasm", "http://127.0.0.1:9999/any"))
	assert.True(t, m.WebAccessible("/frame.html", "http://127.0.0.1/"))
	assert.False(t, m.WebAccessible("bg.wasm", "http://127.0.0.1/"))
	assert.False(t, m.WebAccessible("cs.wasm", "http://example.com/"))
	assert.False(t, m.UsesDynamicURL("cs.wasm"))
}

func TestCSP(t *testing.T) {
	cases := []struct {
		name, csp string
		allows    bool
		directive string
	}{
		{"absent", ``, false, "script-src 'self'"},
		{"self only", `"content_security_policy": {"extension_pages": "script-src 'self'; object-src 'self'"}`, false, "script-src 'self'"},
		{"wasm", `"content_security_policy": {"extension_pages": "script-src 'self' 'wasm-unsafe-eval'"}`, true, ""},
		{"default-src", `"content_security_policy": {"extension_pages": "default-src 'self' 'wasm-unsafe-eval'"}`, true, ""},
		{"no script-src", `"content_security_policy": {"extension_pages": "object-src 'self'"}`, false, "script-src 'self'"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			extra := ""
			if c.csp != "" {
				extra = "," + c.csp
			}
			m, _, err := Parse([]byte(`{"manifest_version":3,"name":"n","version":"1"` + extra + `}`))
			require.NoError(t, err)
			assert.Equal(t, c.allows, m.CSP.AllowsWasm())
			if !c.allows {
				assert.Equal(t, "WebAssembly.instantiate(): Compiling or instantiating WebAssembly module violates the following Content Security policy directive because neither 'wasm-eval' nor 'unsafe-eval' is an allowed source of script in the following Content Security Policy directive: \""+c.directive+"\".",
					m.CSP.WasmCompileError("instantiate"))
			}
		})
	}
}

func base(extra string) []byte {
	return []byte(`{"manifest_version":3,"name":"n","version":"1.0"` + extra + `}`)
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, json, key, msg string
	}{
		{"mv2", `{"manifest_version":2,"name":"n","version":"1"}`, "manifest_version", ""},
		{"no name", `{"manifest_version":3,"version":"1"}`, "name", "Required value 'name' is missing or invalid."},
		{"bad version", `{"manifest_version":3,"name":"n","version":"1.x"}`, "version", "Required value 'version' is missing or invalid. It must be between 1-4 dot-separated integers each between 0 and 65536."},
		{"five parts", `{"manifest_version":3,"name":"n","version":"1.2.3.4.5"}`, "version", ""},
		{"bad cs pattern", `,"content_scripts":[{"matches":["https://*foo/bar"],"js":["a.js"]}]`, "content_scripts[0].matches[0]", "Invalid value for 'content_scripts[0].matches[0]': Invalid host wildcard."},
		{"bad exclude", `,"content_scripts":[{"matches":["<all_urls>"],"exclude_matches":["http://a"],"js":["a.js"]}]`, "content_scripts[0].exclude_matches[0]", "Invalid value for 'content_scripts[0].exclude_matches[0]': Empty path."},
		{"cs no matches", `,"content_scripts":[{"js":["a.js"]}]`, "content_scripts[0].matches", "Required value 'content_scripts[0].matches' is missing or invalid."},
		{"cs run_at", `,"content_scripts":[{"matches":["<all_urls>"],"js":["a.js"],"run_at":"later"}]`, "content_scripts[0].run_at", "Invalid value for 'content_scripts[0].run_at'."},
		{"ec bad id", `,"externally_connectable":{"ids":["nope"]}`, "externally_connectable.ids", "Invalid ID 'nope'"},
		{"ec bad pattern", `,"externally_connectable":{"matches":["https://*foo/"]}`, "externally_connectable.matches", "Invalid match pattern 'https://*foo/'"},
		{"serialization", `,"message_serialization":"cbor"`, "message_serialization", ""},
		{"serialization type", `,"message_serialization":1`, "message_serialization", ""},
		{"mv2 background", `,"background":{"scripts":["a.js"]}`, "background", ""},
		{"insecure csp", `,"content_security_policy":{"extension_pages":"script-src 'self' 'unsafe-eval'"}`, "content_security_policy.extension_pages",
			"'content_security_policy.extension_pages': Insecure CSP value \"'unsafe-eval'\" in directive 'script-src'."},
		{"csp string", `,"content_security_policy":"script-src 'self'"`, "content_security_policy", "Invalid value for 'content_security_policy'."},
		{"key not base64", `,"key":"not base64!"`, "key", "Invalid value for 'key'."},
		{"key not a string", `,"key":42`, "key", "Invalid value for 'key'."},
		{"war string list", `,"web_accessible_resources":["a.js"]`, "web_accessible_resources", ""},
		{"war path", `,"web_accessible_resources":[{"resources":["a"],"matches":["https://a.com/x"]}]`, "web_accessible_resources[0].matches[0]", "Invalid match pattern 'https://a.com/x'"},
		{"not json", `{"manifest_version":3,`, "", ""},
		{"array", `[]`, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := []byte(c.json)
			if strings.HasPrefix(c.json, ",") {
				data = base(c.json)
			}
			_, _, err := Parse(data)
			require.Error(t, err)
			var me *Error
			require.ErrorAs(t, err, &me)
			assert.Equal(t, c.key, me.Key)
			if c.msg != "" {
				assert.Equal(t, c.msg, me.Message)
			}
		})
	}
}

func TestExternallyConnectable(t *testing.T) {
	other := "abcdefghijklmnopabcdefghijklmnop"
	third := "ponmlkjihgfedcbaponmlkjihgfedcba"
	t.Run("absent", func(t *testing.T) {
		m, w, err := Parse(base(""))
		require.NoError(t, err)
		assert.Empty(t, w)
		assert.True(t, m.ExternallyConnectable.AllowsExtension(other))
		assert.False(t, m.ExternallyConnectable.AllowsURL("https://example.com/"))
		assert.False(t, m.ExternallyConnectable.AddsTLSChannelID())
	})
	t.Run("ids and matches", func(t *testing.T) {
		m, w, err := Parse(base(`,"externally_connectable":{"ids":["` + strings.ToUpper(other) + `"],"matches":["https://*.example.org/*","*://example.com/"],"accepts_tls_channel_id":true}`))
		require.NoError(t, err)
		assert.Empty(t, w)
		ec := m.ExternallyConnectable
		assert.True(t, ec.AllowsExtension(other))
		assert.False(t, ec.AllowsExtension(third))
		assert.True(t, ec.AllowsURL("https://a.example.org/x"))
		assert.True(t, ec.AllowsURL("http://example.com/"))
		assert.False(t, ec.AllowsURL("http://example.com/one"))
		assert.False(t, ec.AllowsURL("https://evil.com/"))
		assert.True(t, ec.AddsTLSChannelID())
	})
	t.Run("star ids, no matches", func(t *testing.T) {
		m, _, err := Parse(base(`,"externally_connectable":{"ids":["*"]}`))
		require.NoError(t, err)
		assert.True(t, m.ExternallyConnectable.AllowsExtension(third))
		assert.False(t, m.ExternallyConnectable.AllowsURL("https://example.com/"))
	})
	t.Run("matches only cuts off extensions", func(t *testing.T) {
		m, _, err := Parse(base(`,"externally_connectable":{"matches":["https://example.com/*"]}`))
		require.NoError(t, err)
		assert.False(t, m.ExternallyConnectable.AllowsExtension(other))
	})
	t.Run("warnings", func(t *testing.T) {
		m, w, err := Parse(base(`,"externally_connectable":{"matches":["<all_urls>","*://*/*","http://*/*","*://*.com/*","https://*.co.uk/*","https://*.appspot.com/*","https://appspot.com/*","https://*.google.com/*"]}`))
		require.NoError(t, err)
		assert.Equal(t, []string{
			`Wildcard domain patterns such as "<all_urls>" are not allowed`,
			`Wildcard domain patterns such as "*://*/*" are not allowed`,
			`Wildcard domain patterns such as "http://*/*" are not allowed`,
			`"com" is an effective top level domain for which wildcard subdomains such as "*://*.com/*" are not allowed`,
			`"co.uk" is an effective top level domain for which wildcard subdomains such as "https://*.co.uk/*" are not allowed`,
			`"appspot.com" is an effective top level domain for which wildcard subdomains such as "https://*.appspot.com/*" are not allowed`,
		}, w)
		require.Len(t, m.ExternallyConnectable.Matches, 2)
		assert.True(t, m.ExternallyConnectable.AllowsURL("https://appspot.com/x"))
		assert.False(t, m.ExternallyConnectable.AllowsURL("https://foo.appspot.com/x"))
	})
	t.Run("all_urls permission exempts", func(t *testing.T) {
		m, w, err := Parse(base(`,"permissions":["externally_connectable.all_urls"],"externally_connectable":{"matches":["<all_urls>"]}`))
		require.NoError(t, err)
		assert.Empty(t, w)
		assert.True(t, m.ExternallyConnectable.AllowsURL("https://anything.example/"))
	})
	t.Run("neither", func(t *testing.T) {
		m, w, err := Parse(base(`,"externally_connectable":{}`))
		require.NoError(t, err)
		assert.Equal(t, []string{"'externally_connectable' specifies neither 'matches' nor 'ids'; nothing will be able to connect"}, w)
		assert.False(t, m.ExternallyConnectable.AllowsExtension(other))
	})
}

func TestMiscKeys(t *testing.T) {
	m, w, err := Parse(base(`,
	  // Chrome accepts comments in manifest.json
	  "permissions": ["nativeMessaging", "tabs"], /* block */
	  "devtools_page": "devtools.html",
	  "message_serialization": "structured_clone",
	  "background": {"service_worker": "sw.js", "type": "module"},
	  "host_permissions": ["http://*/*", "bogus"],
	  "content_scripts": [{"matches": ["https://a.com/*"], "css": ["x.css"], "all_frames": true, "run_at": "document_start"}],
	  "web_accessible_resources": [{"resources": ["img/*", "x//y"], "use_dynamic_url": true, "extension_ids": ["*"]}]`))
	require.NoError(t, err)
	assert.Equal(t, []string{"Permission 'bogus' is unknown or URL pattern is malformed."}, w)
	assert.True(t, m.HasPermission("nativeMessaging"))
	assert.False(t, m.HasPermission("storage"))
	assert.False(t, m.OnMessagePromiseSupport())
	assert.Equal(t, SerializationStructuredClone, m.MessageSerialization)
	assert.True(t, m.ServiceWorkerModule)
	require.Len(t, m.HostPermissions, 1)
	cs := m.ContentScriptsFor("https://a.com/frame", false)
	require.Len(t, cs, 1)
	assert.Equal(t, DocumentStart, cs[0].RunAt)
	assert.True(t, m.UsesDynamicURL("img/a/b.png"))
	assert.True(t, m.WebAccessibleToExtension("img/a.png", "abcdefghijklmnopabcdefghijklmnop"))
	assert.False(t, m.WebAccessible("img/a.png", "https://a.com/")) // no matches in that entry
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, FileName), []byte(workingManifest), 0o644))
	_, _, err := Load(dir)
	require.Error(t, err)
	assert.Contains(t, err.Error(), filepath.Join(dir, FileName)+": Could not load javascript 'wasm_exec.js' for script.")

	for _, f := range []string{"wasm_exec.js", "cs.js"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), []byte("//"), 0o644))
	}
	ext, warnings, err := Load(dir)
	require.NoError(t, err)
	assert.Empty(t, warnings)
	assert.Equal(t, chromefacts.UnpackedExtensionID(dir), ext.ID)
	assert.Equal(t, dir, ext.Dir)

	bad := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(bad, FileName), []byte(`{"manifest_version":3,"name":"n","version":"1","externally_connectable":{"ids":["x"]}}`), 0o644))
	_, _, err = Load(bad)
	assert.EqualError(t, err, filepath.Join(bad, FileName)+": Invalid ID 'x'")

	_, _, err = Load(t.TempDir())
	assert.ErrorContains(t, err, "Manifest file is missing or unreadable")
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(workingManifest))
	f.Add(base(`,"externally_connectable":{"ids":["*"],"matches":["*://*.com/*"]}`))
	f.Add(base(`,"web_accessible_resources":[{"resources":["*"],"matches":["<all_urls>"]}] // c`))
	f.Add([]byte(`/* x */ {"a": "/* not a comment */"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, _, err := Parse(data)
		if err != nil {
			var me *Error
			require.ErrorAs(t, err, &me)
			require.NotEmpty(t, me.Message)
			return
		}
		require.NotNil(t, m)
		require.Equal(t, 3, m.ManifestVersion)
		_ = m.ContentScriptsFor("https://a.com/x", false)
		_ = m.WebAccessible("a/b", "https://a.com/")
		_ = m.ExternallyConnectable.AllowsURL("https://a.com/")
		_ = m.CSP.WasmCompileError("compile")
	})
}

// TestOptionalHostPermissions: optional_host_permissions are parsed as host_permissions are, a bad
// pattern left out with Chrome's warning.
func TestOptionalHostPermissions(t *testing.T) {
	m, warnings, err := Parse([]byte(`{"manifest_version": 3, "name": "x", "version": "1",
		"optional_host_permissions": ["https://*.opt.example/*", "nope"]}`))
	require.NoError(t, err)
	require.Len(t, m.OptionalHostPermissions, 1)
	assert.Equal(t, "https://*.opt.example/*", m.OptionalHostPermissions[0].String())
	assert.Empty(t, m.HostPermissions)
	assert.Equal(t, []string{"Permission 'nope' is unknown or URL pattern is malformed."}, warnings)
}
