//go:build e2e

package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromium"
)

// optionsPage opens the example's options page (plain JS over chrome.storage.local) and restores the
// vault it found when the test ends, since the other example tests expect the demo vault.
func optionsPage(t *testing.T) chromium.Realm {
	t.Helper()
	requireExample(t)
	ctx := testCtx(t)
	tab, err := browser.OpenTab(ctx, "chrome-extension://"+exampleID+"/options.html")
	require.NoError(t, err)
	page := tab.Page()
	require.NoError(t, chromium.WaitFor(ctx, page, `typeof vaultOptions === "object"`))
	saved, err := page.Eval(ctx, `vaultOptions.readVault()`)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := page.Eval(testCtx(t), `chrome.storage.local.set({vault: `+string(saved)+`}).then(() => true)`)
		assert.NoError(t, err, "restoring the vault")
		tab.Close()
	})
	return page
}

// setVault replaces the vault (a JSON object by origin) from the options page.
func setVault(t *testing.T, options chromium.Realm, vault string) {
	t.Helper()
	evalJSON(t, options, `chrome.storage.local.set({vault: `+vault+`}).then(() => true)`, `true`)
}

// clickFill opens the example's popup page for tab (as the action popup would for the active tab),
// clicks its Fill button and returns the result: {origin, saved, filled} or {error, message}.
func clickFill(t *testing.T, tab int) string {
	t.Helper()
	ctx := testCtx(t)
	popup, err := browser.OpenTab(ctx, fmt.Sprintf("chrome-extension://%s/popup.html?tab=%d", exampleID, tab))
	require.NoError(t, err)
	defer popup.Close()
	require.NoError(t, chromium.WaitFor(ctx, popup.Page(), `document.getElementById("fill") !== null && typeof extwasm === "object"`))
	_, err = popup.Page().Eval(ctx, `document.getElementById("fill").click()`)
	require.NoError(t, err)
	require.NoError(t, chromium.WaitFor(ctx, popup.Page(), `self.fillResult !== undefined`))
	got, err := popup.Page().Eval(ctx, `self.fillResult`)
	require.NoError(t, err)
	return string(got)
}

// fillTab opens a page and its content script, with the extension-side tab id.
func fillTab(t *testing.T, page string) (*chromium.Tab, int) {
	t.Helper()
	w := exampleWorker(t)
	tab, id, err := w.OpenTab(testCtx(t), pages.Page(page))
	require.NoError(t, err)
	t.Cleanup(tab.Close)
	requireDemo(t, tab.Isolated(exampleID), "content script on "+page)
	return tab, id
}

// otherOrigin serves the test pages on a second port: the same host, another origin.
func otherOrigin(t *testing.T) *chromium.PageServer {
	t.Helper()
	s, err := chromium.ServePages("testdata/pages")
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// crossFrame serves a page named name that frames other's login.html, and returns its path.
func crossFrame(t *testing.T, name string, other *chromium.PageServer) string {
	t.Helper()
	pages.Set("/"+name+".html", `<!doctype html><title>Cross-origin frame</title><iframe src="`+other.Page("login.html")+`"></iframe>`, nil)
	return name + ".html"
}

// isFilled is true once the content script filled the login form, or set any of its values.
const isFilled = `(() => { const f = document.getElementById("login");
	return f.hasAttribute("data-extwasm-filled") || f.elements.password.value !== ""; })()`

// TestFormFillRules: Chromium's twin of hostsim's TestFormFillRules. The fill happens only after the
// user clicks Fill, only in the tab's top frame, and only with the login saved for exactly the top
// frame's origin; subframes are never filled, same-origin or not.
func TestFormFillRules(t *testing.T) {
	other := otherOrigin(t)
	scheme := "https://" + strings.TrimPrefix(pages.URL, "http://")
	host := strings.Split(strings.TrimPrefix(pages.URL, "http://"), ":")[0]
	login := `{"username":"gopher","password":"pw"}`
	for _, tc := range []struct {
		name    string
		vault   string
		page    string // a page of testdata/pages; {{other}} is the second origin
		sub     bool   // the page frames a login form
		result  string
		topWant string // [username, password] in the top frame, "" when it has no login form
	}{
		{"top frame, same origin", `{"` + pages.URL + `":` + login + `}`, "login.html?rules-top", false,
			`{"origin":"` + pages.URL + `","saved":true,"filled":2}`, `["gopher","pw"]`},
		{"same host, another port", `{"` + other.URL + `":` + login + `}`, "login.html?rules-port", false,
			`{"origin":"` + pages.URL + `","saved":false,"filled":0}`, `["",""]`},
		{"same host and port, another scheme", `{"` + scheme + `":` + login + `}`, "login.html?rules-scheme", false,
			`{"origin":"` + pages.URL + `","saved":false,"filled":0}`, `["",""]`},
		{"host only", `{"` + host + `":` + login + `}`, "login.html?rules-host", false,
			`{"origin":"` + pages.URL + `","saved":false,"filled":0}`, `["",""]`},
		{"cross-origin subframe", `{"` + pages.URL + `":` + login + `,"` + other.URL + `":` + login + `}`, crossFrame(t, "rules-cross", other), true,
			`{"origin":"` + pages.URL + `","saved":true,"filled":0}`, ""},
		{"same-origin subframe", `{"` + pages.URL + `":` + login + `}`, "frame.html?rules-same", true,
			`{"origin":"` + pages.URL + `","saved":true,"filled":0}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			setVault(t, optionsPage(t), tc.vault)
			tab, id := fillTab(t, tc.page)
			var sub chromium.Realm
			if tc.sub {
				var frames []chromium.Frame
				require.NoError(t, waitFrames(t, tab, 2, &frames))
				sub = tab.PageFrame(frames[1].ID)
				requireDemo(t, tab.IsolatedFrame(exampleID, frames[1].ID), "content script in "+frames[1].URL)
			}
			// Nothing is filled on load: the content scripts are up, and a short wait sees no fill.
			if tc.topWant != "" {
				assert.Error(t, chromium.WaitFor(ctxNoWait(t), tab.Page(), isFilled), "filled on load")
			}
			if sub != nil {
				assert.Error(t, chromium.WaitFor(ctxNoWait(t), sub, isFilled), "filled on load")
			}
			assert.JSONEq(t, tc.result, clickFill(t, id))
			if tc.topWant != "" {
				evalJSON(t, tab.Page(), `(() => { const f = document.getElementById("login"); return [f.elements.username.value, f.elements.password.value]; })()`, tc.topWant)
			}
			if sub != nil {
				assert.Error(t, chromium.WaitFor(ctxNoWait(t), sub, isFilled), "the subframe was filled")
			}
		})
	}
}

// waitFrames waits until the tab has n frames.
func waitFrames(t *testing.T, tab *chromium.Tab, n int, out *[]chromium.Frame) error {
	t.Helper()
	ctx := testCtx(t)
	for {
		frames, err := tab.Frames(ctx)
		if err != nil {
			return err
		}
		if len(frames) >= n {
			*out = frames
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// TestPageCannotTriggerTheFill: Chromium's twin of hostsim's test, plus window messages. A page
// script's messages and connections to the extension, window messages and synthetic events fill
// nothing, and the content script cannot start a fill; the Fill button then does fill the form.
func TestPageCannotTriggerTheFill(t *testing.T) {
	setVault(t, optionsPage(t), `{"`+pages.URL+`":{"username":"gopher","password":"pw"}}`)
	tab, id := fillTab(t, "login.html?attack")
	ext := jsonString(exampleID)
	for _, tc := range []struct{ name, in, expr, want string }{
		{"page asks the worker for demo.fill", "page",
			`chrome.runtime.sendMessage(` + ext + `, {extwasm: 1, route: "demo.fill", body: {tabId: ` + itoa(id) + `}}).then((r) => r === undefined ? "no answer" : r.ok + " " + r.error.code)`,
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
		{"page posts window messages", "page", `(window.postMessage({extwasm: 1, route: "demo.fillForm", body: {fill: "guess"}}, "*"),
			window.postMessage({type: "fill"}, "*"), true)`, `true`},
		{"page dispatches events", "page", `(["click", "keydown", "focus", "input"].forEach((type) => {
				document.getElementById("login").elements.username.dispatchEvent(new Event(type, {bubbles: true}));
				document.dispatchEvent(new Event(type, {bubbles: true}));
			}), document.dispatchEvent(new KeyboardEvent("keydown", {key: "F", ctrlKey: true, shiftKey: true, bubbles: true})), true)`, `true`},
		{"content script asks the worker for demo.fill", "cs",
			`extwasmDemo.send("demo.fill", {tabId: ` + itoa(id) + `}).then((r) => r.ok + " " + r.code)`, `"false denied"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tab.Page()
			if tc.in == "cs" {
				r = tab.Isolated(exampleID)
			}
			evalJSON(t, r, tc.expr, tc.want)
			assert.Error(t, chromium.WaitFor(ctxNoWait(t), tab.Page(), isFilled), "filled")
		})
	}
	assert.JSONEq(t, `{"origin":"`+pages.URL+`","saved":true,"filled":2}`, clickFill(t, id))
	evalJSON(t, tab.Page(), `document.getElementById("login").elements.password.value`, `"pw"`)
}

// askOnPort is a content-script expression that opens the login port (once per self.loginPort),
// asks for field under fill id, and resolves with the value, or "closed" when the worker closes
// the port without one.
func askOnPort(fill, field string) string {
	return `new Promise((resolve) => {
		if (!self.loginPort) {
			self.loginPort = chrome.runtime.connect({name: "login"});
			self.loginPort.onDisconnect.addListener(() => { self.loginPort = null; });
		}
		const p = self.loginPort;
		const got = (m) => { p.onMessage.removeListener(got); resolve(m.value); };
		p.onMessage.addListener(got);
		p.onDisconnect.addListener(() => resolve("closed"));
		p.postMessage({fill: ` + jsonString(fill) + `, field: ` + jsonString(field) + `});
	})`
}

// bindFill writes a fill's state from an extension page, as the worker does when the user clicks
// Fill: the tab, frame and origin the fill is bound to.
func bindFill(t *testing.T, options chromium.Realm, id string, tab int, origin string) {
	t.Helper()
	evalJSON(t, options, fmt.Sprintf(`chrome.storage.session.set({"fill:%s": {tab: %d, frame: 0, origin: %s, served: []}}).then(() => true)`,
		id, tab, jsonString(origin)), `true`)
}

// TestLoginPortServesOnlyWhereTheFillIsBound: Chromium's twin of the hostsim test. The worker
// serves a fill's port only to the tab, top frame and exact origin the fill is bound to, judged by
// Chrome's sender (frame.html frames login.html of the same origin).
func TestLoginPortServesOnlyWhereTheFillIsBound(t *testing.T) {
	other := otherOrigin(t)
	options := optionsPage(t)
	setVault(t, options, `{"`+pages.URL+`":{"password":"pw"},"`+other.URL+`":{"password":"other"}}`)
	top, id := fillTab(t, "login.html?gate")
	framed, framedID := fillTab(t, "frame.html?gate")
	crossed, crossedID := fillTab(t, crossFrame(t, "gate-cross", other))
	subOf := func(tab *chromium.Tab) chromium.Realm {
		var frames []chromium.Frame
		require.NoError(t, waitFrames(t, tab, 2, &frames))
		r := tab.IsolatedFrame(exampleID, frames[1].ID)
		requireDemo(t, r, "content script in "+frames[1].URL)
		return r
	}
	for i, tc := range []struct {
		name   string
		realm  chromium.Realm
		tab    int
		origin string
		bound  bool
		want   string
	}{
		{"top frame, bound origin", top.Isolated(exampleID), id, pages.URL, true, `"pw"`},
		{"top frame, fill bound to another port", top.Isolated(exampleID), id, other.URL, true, `"closed"`},
		{"top frame, fill bound to another tab", top.Isolated(exampleID), framedID, pages.URL, true, `"closed"`},
		{"top frame, no such fill", top.Isolated(exampleID), id, pages.URL, false, `"closed"`},
		{"same-origin subframe", subOf(framed), framedID, pages.URL, true, `"closed"`},
		{"cross-origin subframe", subOf(crossed), crossedID, pages.URL, true, `"closed"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fill := fmt.Sprintf("gate-%d", i)
			if tc.bound {
				bindFill(t, options, fill, tc.tab, tc.origin)
			}
			evalJSON(t, tc.realm, askOnPort(fill, "password"), tc.want)
		})
	}
}

// TestFormFillerSurvivesAWorkerStopMidFill: the worker is stopped between two fields of one fill;
// the content script reconnects (waking the worker) and the new worker resumes the fill from
// chrome.storage.session (S33: session storage survives a worker stop). The fill is bound as the
// worker binds it when the user clicks Fill; the test then plays the content script's side.
func TestFormFillerSurvivesAWorkerStopMidFill(t *testing.T) {
	ctx := testCtx(t)
	options := optionsPage(t)
	setVault(t, options, `{"`+pages.URL+`":{"username":"gopher","password":"correct horse battery staple"}}`)
	tab, id := fillTab(t, "plain.html?midfill")
	cs := tab.Isolated(exampleID)
	bindFill(t, options, "e2e-stop", id, pages.URL)
	evalJSON(t, cs, askOnPort("e2e-stop", "username"), `"gopher"`)
	state := func(served string) string {
		return fmt.Sprintf(`{"tab":%d,"frame":0,"origin":%s,"served":%s}`, id, jsonString(pages.URL), served)
	}
	evalJSON(t, options, `chrome.storage.session.get("fill:e2e-stop").then((r) => r["fill:e2e-stop"])`, state(`["username"]`))

	w, err := browser.Worker(ctx, exampleID)
	require.NoError(t, err)
	require.NoError(t, w.Stop(ctx))
	require.NoError(t, chromium.WaitFor(ctx, cs, `self.loginPort === null`), "the worker's stop closes the port")

	evalJSON(t, cs, askOnPort("e2e-stop", "password"), `"correct horse battery staple"`)
	evalJSON(t, options, `chrome.storage.session.get("fill:e2e-stop").then((r) => r["fill:e2e-stop"])`, state(`["username","password"]`))
	evalJSON(t, cs, `(self.loginPort.disconnect(), true)`, `true`)
	require.NoError(t, chromium.WaitFor(ctx, options, `chrome.storage.session.get("fill:e2e-stop").then((r) => !("fill:e2e-stop" in r))`),
		"a fill that ends normally leaves no state behind")
}

// TestFormFillFromTheActionPopup: the real action popup (chrome.action.openPopup, which opens it as
// a click on the toolbar button does) fills the active tab of its window: its tabs.query with
// currentWindow finds the page, not the popup.
func TestFormFillFromTheActionPopup(t *testing.T) {
	ctx := testCtx(t)
	setVault(t, optionsPage(t), `{"`+pages.URL+`":{"username":"gopher","password":"pw"}}`)
	tab, _ := fillTab(t, "login.html?action-popup") // opened last: its window's active tab
	w := exampleWorker(t)
	evalJSON(t, w, `chrome.action.openPopup().then((v) => v === undefined)`, `true`)
	popup, err := browser.ExtensionPopup(ctx, exampleID, "popup.html")
	require.NoError(t, err)
	defer popup.Close()
	require.NoError(t, chromium.WaitFor(ctx, popup, `typeof fill === "function"`))
	evalJSON(t, popup, `(document.getElementById("fill").click(), true)`, `true`)
	require.NoError(t, chromium.WaitFor(ctx, popup, `self.fillResult !== undefined`))
	evalJSON(t, popup, `self.fillResult`, `{"origin":"`+pages.URL+`","saved":true,"filled":2}`)
	evalJSON(t, tab.Page(), `document.getElementById("login").elements.password.value`, `"pw"`)
}
