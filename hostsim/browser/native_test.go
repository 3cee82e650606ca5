package browser

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/gobuild"
	"github.com/extwasm/extwasm/internal/gobuild/gobuildtest"
	"github.com/extwasm/extwasm/internal/probeworker"
	"github.com/extwasm/extwasm/nativehost"
)

const (
	echoHost  = "com.example.echo"
	vaultHost = "com.extwasm.vault"
	// otherOrigin is an extension that is not installed, for allowed_origins that leave ours out.
	otherOrigin = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/"
)

// nativeEnv is a browser with the native fixture extension, its worker and a host directory.
type nativeEnv struct {
	*env
	dir string
}

func newNativeEnv(t *testing.T) *nativeEnv {
	t.Helper()
	dir := t.TempDir()
	b, err := New(Options{NativeHostsDir: dir})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	ext, err := b.Install("testdata/native")
	require.NoError(t, err)
	return &nativeEnv{env: &env{b: b, ext: ext, wk: ext.Worker(), ctx: context.Background(), t: t}, dir: dir}
}

// echo answers every message with {echo, origin, n}, n counting the messages of the launch; a
// message {exit: code} ends the launch instead.
func echo(h *NativeHost, msg json.RawMessage) {
	var m struct {
		Exit *int `json:"exit"`
	}
	_ = json.Unmarshal(msg, &m)
	if m.Exit != nil {
		h.Exit(*m.Exit)
		return
	}
	_ = h.Post(map[string]any{"echo": msg, "origin": h.Origin()})
}

// portScript opens a native port to host, posts msgs one by one as each answer comes, and
// resolves with what arrived and the disconnect's lastError.
func portScript(host string, msgs string) string {
	return `new Promise((resolve) => {
		const got = [], msgs = ` + msgs + `;
		const port = chrome.runtime.connectNative("` + host + `");
		port.onMessage.addListener((m) => { got.push(m); if (msgs.length) port.postMessage(msgs.shift()); else { port.disconnect(); resolve({got, disconnect: null}); } });
		port.onDisconnect.addListener(() => { const le = chrome.runtime.lastError; resolve({got, disconnect: le ? le.message : "none"}); });
		port.postMessage(msgs.shift());
	})`
}

// Conformance 82, 87: a Go host answers one-shot messages in both forms and serves a port.
func TestNativeGoHost(t *testing.T) {
	e := newNativeEnv(t)
	require.NoError(t, e.b.RegisterNativeHost(echoHost, []string{e.ext.Origin()}, echo))
	origin := jsonOf(e.ext.Origin())
	e.assertJSON(e.wk, `chrome.runtime.sendNativeMessage("`+echoHost+`", {a: 1})`, `{"echo":{"a":1},"origin":`+origin+`}`)
	e.assertJSON(e.wk, callbackForm(`chrome.runtime.sendNativeMessage("`+echoHost+`", {b: 2}`),
		`{"args":1,"value":{"echo":{"b":2},"origin":`+origin+`},"lastError":null}`)
	e.assertJSON(e.wk, portScript(echoHost, `[{n: 1}, {n: 2}]`),
		`{"got":[{"echo":{"n":1},"origin":`+origin+`},{"echo":{"n":2},"origin":`+origin+`}],"disconnect":null}`)
	e.assertJSON(e.wk, portScript(echoHost, `[{n: 1}, {exit: 3}]`),
		`{"got":[{"echo":{"n":1},"origin":`+origin+`}],"disconnect":"Native host has exited."}`)
}

// Conformance 82, 91: failures are the promise's rejection, the callback's lastError, or the
// port's onDisconnect lastError, with Chrome's exact text.
func TestNativeErrors(t *testing.T) {
	cases := []struct {
		name, host, want string
	}{
		{"unknown host", "com.example.missing", "Specified native messaging host not found."},
		{"forbidden origin", "com.example.forbidden", "Access to the specified native messaging host is forbidden."},
		{"invalid name", "Com Example", "Invalid native messaging host name specified."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newNativeEnv(t)
			require.NoError(t, e.b.RegisterNativeHost("com.example.forbidden", []string{otherOrigin}, echo))
			e.assertJSON(e.wk, `chrome.runtime.sendNativeMessage("`+tc.host+`", {}).then(() => "resolved", (e) => e.constructor.name + ": " + e.message)`,
				jsonOf("Error: "+tc.want))
			e.assertJSON(e.wk, callbackForm(`chrome.runtime.sendNativeMessage("`+tc.host+`", {}`), `{"args":0,"lastError":`+jsonOf(tc.want)+`}`)
			e.assertJSON(e.wk, portScript(tc.host, `[{}]`), `{"got":[],"disconnect":`+jsonOf(tc.want)+`}`)
		})
	}
}

// Conformance 82: without the nativeMessaging permission there is no native messaging API (the
// conformance text says the calls fail with "Access to native messaging requires nativeMessaging
// permission."; Chromium 156 measured here has neither function: typeof is "undefined"); the
// message must be an object; content scripts have neither API.
func TestNativePermissionAndArguments(t *testing.T) {
	b, err := New(Options{})
	require.NoError(t, err)
	defer b.Close()
	without, err := b.Install(copyFixture(t, "testdata/native", map[string]string{`"nativeMessaging"`: `"storage"`}))
	require.NoError(t, err)
	e := &env{b: b, ext: without, wk: without.Worker(), ctx: context.Background(), t: t}
	e.assertJSON(e.wk, `[typeof chrome.runtime.sendNativeMessage, typeof chrome.runtime.connectNative]`, `["undefined","undefined"]`)

	ext, err := b.Install(copyFixture(t, "testdata/native", nil))
	require.NoError(t, err)
	require.NoError(t, b.RegisterNativeHost(echoHost, []string{ext.Origin()}, echo))
	e = &env{b: b, ext: ext, wk: ext.Worker(), ctx: context.Background(), t: t}

	je := e.evalErr(e.wk, `(() => { chrome.runtime.sendNativeMessage("`+echoHost+`", "text"); return "no throw"; })()`)
	assert.Equal(t, "TypeError", je.Name)
	assert.Equal(t, "Error in invocation of runtime.sendNativeMessage(string application, object message, optional function callback): No matching signature.", je.Message)

	probe, err := b.Install("testdata/probe")
	require.NoError(t, err)
	tab, err := b.OpenTab(pageURL)
	require.NoError(t, err)
	e.assertJSON(tab.Top().ContentScript(probe), `[typeof chrome.runtime.sendNativeMessage, typeof chrome.runtime.connectNative]`, `["undefined","undefined"]`)
}

// vaulthostProgram is the example host, built once per test binary.
var vaulthostProgram = gobuild.Program{Pkg: "github.com/extwasm/extwasm/nativehost/cmd/vaulthost"}

// vaulthost is the example host's path.
func vaulthost(t *testing.T) string { return gobuildtest.Path(t, &vaulthostProgram) }

func TestMain(m *testing.M) {
	// The probe fixture lists sw.js but does not keep it: there is one copy for every fixture.
	if err := probeworker.Write("testdata/probe"); err != nil {
		panic(err)
	}
	gobuildtest.Main(m, &vaulthostProgram)
}

// installVault copies the built host into dir's bin folder and installs its manifest in the
// browser's host directory, allowing origins.
func (e *nativeEnv) installVault(origins ...string) {
	e.t.Helper()
	bin := vaulthost(e.t)
	_, err := nativehost.Install(e.dir, nativehost.Manifest{Name: vaultHost, Description: "example vault", Path: bin,
		Type: "stdio", AllowedOrigins: origins})
	require.NoError(e.t, err)
}

// Conformance 87, 91: the example vault host as a real process: one-shot, port, crash mid-port.
func TestNativeVaultProcess(t *testing.T) {
	e := newNativeEnv(t)
	e.installVault(e.ext.Origin())
	cred := `{"username":"gopher","password":"correct horse battery staple"}`
	e.assertJSON(e.wk, `chrome.runtime.sendNativeMessage("`+vaultHost+`", {hostname: "127.0.0.1"})`, cred)
	e.assertJSON(e.wk, callbackForm(`chrome.runtime.sendNativeMessage("`+vaultHost+`", {hostname: "localhost"}`),
		`{"args":1,"value":`+cred+`,"lastError":null}`)
	e.assertJSON(e.wk, portScript(vaultHost, `[{hostname: "127.0.0.1"}, {hostname: "localhost"}]`),
		`{"got":[`+cred+`,`+cred+`],"disconnect":null}`)
	e.assertJSON(e.wk, portScript(vaultHost, `[{hostname: "127.0.0.1"}, {crash: true}]`),
		`{"got":[`+cred+`],"disconnect":"Native host has exited."}`)
	e.assertJSON(e.wk, `chrome.runtime.sendNativeMessage("com.extwasm.nothere", {hostname: "x"}).catch((e) => e.message)`,
		`"Specified native messaging host not found."`)
}

// Conformance 91: a host whose manifest does not list the extension is refused before it starts.
func TestNativeVaultForbidden(t *testing.T) {
	e := newNativeEnv(t)
	e.installVault(otherOrigin)
	e.assertJSON(e.wk, `chrome.runtime.sendNativeMessage("`+vaultHost+`", {hostname: "127.0.0.1"}).catch((e) => e.message)`,
		`"Access to the specified native messaging host is forbidden."`)
	e.assertJSON(e.wk, portScript(vaultHost, `[{hostname: "127.0.0.1"}]`),
		`{"got":[],"disconnect":"Access to the specified native messaging host is forbidden."}`)
}
