//go:build !e2e

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/browser"
)

// waitUntil is an expression that resolves true once cond holds, polling on the virtual clock.
func waitUntil(cond string) string {
	return `new Promise((resolve, reject) => { let n = 0; const check = () => (` + cond + `) ? resolve(true)
		: (++n > 1000 ? reject(new Error("timed out waiting for ` + strings.ReplaceAll(cond, `"`, `'`) + `")) : setTimeout(check, 10)); check(); })`
}

const filledForm = `(() => { const f = document.getElementById("login");
	return [f.elements.username.value, f.elements.password.value, f.getAttribute("data-extwasm-reconnects")]; })()`

// isFilled is true once the content script filled the login form.
const isFilled = `document.getElementById("login").hasAttribute("data-extwasm-filled")`

// demoOrigin is the origin the example's install seeds a login for.
const demoOrigin = "http://127.0.0.1:8000"

// openOptions opens the example's options page (plain JS over chrome.storage.local).
func openOptions(t *testing.T, e *env) *browser.Context {
	t.Helper()
	tab, err := e.b.OpenTab(e.ext.URL("options.html"))
	require.NoError(t, err)
	page := tab.Top().Page()
	e.assertJSON(page, waitUntil(`typeof vaultOptions === "object"`), `true`)
	return page
}

// openPage serves html at url, opens it in a tab (which becomes the window's active tab) and waits
// until the example's content script in the top frame is ready.
func openPage(t *testing.T, e *env, url string, p browser.Page) *browser.Tab {
	t.Helper()
	e.b.ServePage(url, p)
	tab, err := e.b.OpenTab(url)
	require.NoError(t, err)
	cs := tab.Top().ContentScript(e.ext)
	require.NotNil(t, cs)
	e.assertJSON(cs, waitUntil(`extwasm.status() === "ready"`), `true`)
	return tab
}

// clickFill opens the action popup, as a click on the toolbar button does, clicks its Fill button
// and returns what the popup got: {origin, saved, filled} or {error, message}.
func clickFill(t *testing.T, e *env) string {
	t.Helper()
	popup, err := e.ext.OpenPopup()
	require.NoError(t, err)
	defer func() { assert.NoError(t, popup.Close()) }()
	c := popup.Context()
	e.run(c, `document.getElementById("fill").click()`)
	e.assertJSON(c, waitUntil(`self.fillResult !== undefined`), `true`)
	return e.eval(c, `self.fillResult`)
}

// settleIdle lets virtual time pass, so that a fill on load, if there were one, would be done.
func settleIdle(t *testing.T, e *env) {
	t.Helper()
	require.NoError(t, e.b.Advance(2*time.Second))
}

// TestFormFillRules: the fill follows a password manager's rules. It happens only after the user
// clicks Fill in the popup, only in the active tab's top frame, and only with the login saved for
// exactly the top frame's origin (scheme, host and port); subframes are never filled, same-origin
// or not. The content script runs in every frame (all_frames), so each row would fill if the rules
// did not hold.
func TestFormFillRules(t *testing.T) {
	const other = "http://127.0.0.1:8001"
	frameOf := func(url string) string {
		return `<!doctype html><title>Framed</title><iframe src="` + url + `"></iframe>`
	}
	for _, tc := range []struct {
		name     string
		vault    string // JSON for chrome.storage.local's vault
		top      string // the top frame's HTML
		sub      string // the child frame's URL (it shows loginHTML), or ""
		result   string // the popup's result
		topWant  string // filledForm in the top frame, or "" when it has no login form
		subWant  bool   // whether the child frame's form is filled
		topFills bool
	}{
		{name: "top frame, same origin", vault: `{"` + demoOrigin + `":{"username":"gopher","password":"pw"}}`, top: loginHTML,
			result: `{"origin":"` + demoOrigin + `","saved":true,"filled":3}`, topWant: `["gopher","pw",null]`, topFills: true},
		{name: "same host, another port", vault: `{"` + other + `":{"username":"gopher","password":"pw"}}`, top: loginHTML,
			result: `{"origin":"` + demoOrigin + `","saved":false,"filled":0}`, topWant: `["","",null]`},
		{name: "same host and port, another scheme", vault: `{"https://127.0.0.1:8000":{"username":"gopher","password":"pw"}}`, top: loginHTML,
			result: `{"origin":"` + demoOrigin + `","saved":false,"filled":0}`, topWant: `["","",null]`},
		{name: "host only, no port", vault: `{"127.0.0.1":{"username":"gopher","password":"pw"}}`, top: loginHTML,
			result: `{"origin":"` + demoOrigin + `","saved":false,"filled":0}`, topWant: `["","",null]`},
		{name: "cross-origin subframe", vault: `{"` + demoOrigin + `":{"username":"gopher","password":"pw"},"` + other + `":{"username":"x","password":"y"}}`,
			top: frameOf(other + "/login.html"), sub: other + "/login.html", result: `{"origin":"` + demoOrigin + `","saved":true,"filled":0}`},
		{name: "same-origin subframe", vault: `{"` + demoOrigin + `":{"username":"gopher","password":"pw"}}`,
			top: frameOf(demoOrigin + "/login.html"), sub: demoOrigin + "/login.html", result: `{"origin":"` + demoOrigin + `","saved":true,"filled":0}`},
		{name: "top frame filled, cross-origin subframe not", vault: `{"` + demoOrigin + `":{"username":"gopher","password":"pw"},"` + other + `":{"username":"x","password":"y"}}`,
			top: loginHTML + `<iframe src="` + other + `/login.html"></iframe>`, sub: other + "/login.html",
			result: `{"origin":"` + demoOrigin + `","saved":true,"filled":3}`, topWant: `["gopher","pw",null]`, topFills: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := exampleEnv(t)
			options := openOptions(t, e)
			e.assertJSON(options, `chrome.storage.local.set({vault: `+tc.vault+`}).then(() => true)`, `true`)
			if tc.sub != "" {
				e.b.ServePage(tc.sub, browser.Page{HTML: loginHTML})
			}
			tab := openPage(t, e, demoOrigin+"/rules.html", browser.Page{HTML: tc.top})
			var sub *browser.Frame
			if tc.sub != "" {
				frames := tab.Frames()
				require.Len(t, frames, 2)
				sub = frames[1]
				require.Equal(t, tc.sub, sub.URL())
				require.NotNil(t, sub.ContentScript(e.ext), "the content script runs in the subframe too")
				e.assertJSON(sub.ContentScript(e.ext), waitUntil(`extwasm.status() === "ready"`), `true`)
			}
			top := tab.Top().Page()
			settleIdle(t, e)
			if tc.topWant != "" {
				e.assertJSON(top, isFilled, `false`)
			}
			if sub != nil {
				e.assertJSON(sub.Page(), isFilled, `false`)
			}

			assert.JSONEq(t, tc.result, clickFill(t, e))
			if tc.topWant != "" {
				e.assertJSON(top, isFilled, jsonOf(tc.topFills))
				e.assertJSON(top, filledForm, tc.topWant)
			}
			if sub != nil {
				settleIdle(t, e)
				e.assertJSON(sub.Page(), isFilled+` || document.getElementById("login").elements.password.value !== ""`, jsonOf(tc.subWant))
			}
		})
	}
}

// TestPageCannotTriggerTheFill: what a page's script can do — message or connect to the extension
// (externally_connectable lets 127.0.0.1 pages), dispatch events — fills nothing; the extension's
// own content script cannot start a fill either. The Fill button then does fill the same form.
// (hostsim has no window.postMessage; the Chromium twin in e2e also posts window messages.)
func TestPageCannotTriggerTheFill(t *testing.T) {
	e := exampleEnv(t)
	tab := openPage(t, e, demoOrigin+"/attack.html", browser.Page{HTML: loginHTML,
		Script: `window.inputEvents = []; document.getElementById("login").addEventListener("input", (e) => inputEvents.push(e.target.name));`})
	page := tab.Top().Page()
	ext := jsonOf(e.ext.ID())
	for _, tc := range []struct{ name, in, expr, want string }{
		{"page asks the worker for demo.fill", "page",
			`chrome.runtime.sendMessage(` + ext + `, {extwasm: 1, route: "demo.fill", body: {tabId: ` + jsonOf(tab.ID()) + `}}).then((r) => r === undefined ? "no answer" : r.ok + " " + r.error.code)`,
			`"no answer"`}, // demo.fill admits no external sender: for a page it does not exist
		{"page sends the worker demo.fillForm", "page",
			`chrome.runtime.sendMessage(` + ext + `, {extwasm: 1, route: "demo.fillForm", body: {fill: "guess"}}).then((r) => r === undefined ? "no answer" : r)`,
			`"no answer"`},
		{"page opens the login port", "page", `new Promise((resolve) => {
				const p = chrome.runtime.connect(` + ext + `, {name: "login"}), got = [];
				p.onMessage.addListener((m) => got.push(m.value === undefined ? m.error.code : "value"));
				p.onDisconnect.addListener(() => got.push("disconnect"));
				p.postMessage({fill: "guess", field: "password"});
				setTimeout(() => { resolve(got); p.disconnect(); }, 300);
			})`, `[]`}, // the login port admits no external sender: for a page it does not exist, and is left alone
		{"page dispatches events", "page", `(["click", "keydown", "focus", "input"].forEach((type) => {
				document.getElementById("login").elements.username.dispatchEvent(new Event(type, {bubbles: true}));
				document.dispatchEvent(new Event(type, {bubbles: true}));
			}), true)`, `true`},
		{"content script asks the worker for demo.fill", "cs",
			`extwasmDemo.send("demo.fill", {tabId: ` + jsonOf(tab.ID()) + `}).then((r) => r.ok + " " + r.code)`, `"false denied"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := page
			if tc.in == "cs" {
				c = tab.Top().ContentScript(e.ext)
			}
			e.assertJSON(c, tc.expr, tc.want)
			settleIdle(t, e)
			e.assertJSON(page, isFilled+` || document.getElementById("login").elements.password.value !== ""`, `false`)
		})
	}
	assert.JSONEq(t, `{"origin":"`+demoOrigin+`","saved":true,"filled":3}`, clickFill(t, e))
	e.assertJSON(page, filledForm, `["gopher","correct horse battery staple",null]`)
}

// TestFormFillerSurvivesAWorkerStopMidFill stops the worker after the first field of a fill, with a
// latency on every hop so the fill is still under way: the Go content script reconnects, the new
// worker resumes the fill from chrome.storage.session (S33) and counts every field of it.
func TestFormFillerSurvivesAWorkerStopMidFill(t *testing.T) {
	dir := harnessExampleDir(t)
	b, err := browser.New(browser.Options{Seed: 1, MinLatency: 20 * time.Millisecond, MaxLatency: 20 * time.Millisecond})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	ext, err := b.Install(dir)
	require.NoError(t, err)
	e := &env{b: b, ext: ext, wk: ext.Worker(), ctx: t.Context(), t: t}
	// The login is written first, so the fill does not race the install's seeding.
	e.assertJSON(openOptions(t, e), `vaultOptions.addLogin("`+demoOrigin+`", "gopher", "correct horse battery staple").then(() => true)`, `true`)
	tab := openPage(t, e, pageURL, browser.Page{HTML: loginHTML})
	page := tab.Top().Page()
	popup, err := ext.OpenPopup()
	require.NoError(t, err)
	e.run(popup.Context(), `document.getElementById("fill").click()`)
	for i := 0; ; i++ {
		require.Less(t, i, 1000, "the first field was never filled")
		require.NoError(t, b.Advance(5*time.Millisecond))
		if e.eval(page, `document.getElementById("login").elements.username.value`) != `""` {
			break
		}
	}
	e.assertJSON(page, `document.getElementById("login").elements.password.value`, `""`)
	require.NoError(t, ext.StopWorker())

	e.assertJSON(page, waitUntil(isFilled), `true`)
	e.assertJSON(page, filledForm, `["gopher","correct horse battery staple","1"]`)
	// The worker logs the fill's count when the content script closes the port.
	for i := 0; !strings.Contains(ext.Worker().ConsoleText(), "served "); i++ {
		require.Less(t, i, 1000, "the worker never logged the fill: %s", ext.Worker().ConsoleText())
		require.NoError(t, b.Advance(10*time.Millisecond))
	}
	assert.Contains(t, ext.Worker().ConsoleText(), fmt.Sprintf("served %d fields on %s", 3, demoOrigin),
		"the restarted worker resumed the fill: the field served before the stop is counted")
}

// askLogin is a content-script expression: open the login port, ask for the password under fill,
// and resolve with the value, or "closed" when the worker closes the port without one.
func askLogin(fill string) string {
	return `new Promise((resolve) => {
		const p = chrome.runtime.connect({name: "login"});
		p.onMessage.addListener((m) => { p.disconnect(); resolve(m.value); });
		p.onDisconnect.addListener(() => resolve("closed"));
		p.postMessage({fill: ` + jsonOf(fill) + `, field: "password"});
	})`
}

// TestLoginPortServesOnlyWhereTheFillIsBound: the worker serves a fill's port only to the tab, top
// frame and exact origin it bound the fill to, judged by Chrome's sender. Each row writes a fill's
// state as the worker does when the user clicks Fill, then asks from a frame's content script.
func TestLoginPortServesOnlyWhereTheFillIsBound(t *testing.T) {
	const other = "http://127.0.0.1:8001"
	e := exampleEnv(t)
	options := openOptions(t, e)
	e.assertJSON(options, `chrome.storage.local.set({vault: {"`+demoOrigin+`": {password: "pw"}, "`+other+`": {password: "other"},
		"https://127.0.0.1:8000": {password: "tls"}, "127.0.0.1": {password: "host"}}}).then(() => true)`, `true`)
	e.b.ServePage(other+"/login.html", browser.Page{HTML: loginHTML})
	e.b.ServePage(demoOrigin+"/login.html", browser.Page{HTML: loginHTML})
	tab := openPage(t, e, demoOrigin+"/gate.html", browser.Page{HTML: loginHTML +
		`<iframe src="` + other + `/login.html"></iframe><iframe src="` + demoOrigin + `/login.html"></iframe>`})
	frames := tab.Frames()
	require.Len(t, frames, 3)
	for _, f := range frames {
		e.assertJSON(f.ContentScript(e.ext), waitUntil(`extwasm.status() === "ready"`), `true`)
	}
	for i, tc := range []struct {
		name   string
		frame  int // index in frames of the asking frame
		tab    int // the fill's tab; 0 means the page's tab
		origin string
		fill   bool // whether the fill's state exists
		want   string
	}{
		{"top frame, bound origin", 0, 0, demoOrigin, true, `"pw"`},
		{"top frame, fill bound to another port", 0, 0, other, true, `"closed"`},
		{"top frame, fill bound to another scheme", 0, 0, "https://127.0.0.1:8000", true, `"closed"`},
		{"top frame, fill bound to another tab", 0, 999, demoOrigin, true, `"closed"`},
		{"top frame, no such fill", 0, 0, demoOrigin, false, `"closed"`},
		{"cross-origin subframe", 1, 0, demoOrigin, true, `"closed"`},
		{"same-origin subframe", 2, 0, demoOrigin, true, `"closed"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := fmt.Sprintf("gate-%d", i)
			if tc.fill {
				tabID := tab.ID()
				if tc.tab != 0 {
					tabID = tc.tab
				}
				e.assertJSON(options, `chrome.storage.session.set({"fill:`+id+`": {tab: `+jsonOf(tabID)+`, frame: 0, origin: `+jsonOf(tc.origin)+`, served: []}}).then(() => true)`, `true`)
			}
			e.assertJSON(frames[tc.frame].ContentScript(e.ext), askLogin(id), tc.want)
		})
	}
}
