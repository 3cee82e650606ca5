package scenario

import (
	"time"

	"github.com/extwasm/extwasm/extwasmtest"
)

// sidePanelHead starts a side-panel step: attempt records a call's value or error, and norm writes
// the ids that differ between browsers (the tabs' and the page's window's, as numbers and in error
// texts, the extension's id and origin) as <p>, <w>, <win>, <id> and <origin>.
const sidePanelHead = `const out = [], sp = chrome.sidePanel;
	const win = (await chrome.tabs.get({{tab:p}})).windowId, origin = "chrome-extension://" + chrome.runtime.id;
	const ids = new Map([[{{tab:p}}, "<p>"], [{{tab:w}}, "<w>"], [win, "<win>"]]);
	const norm = (v) => typeof v === "number" && ids.has(v) ? ids.get(v) :
		typeof v === "string" ? v.split(origin).join("<origin>").split(chrome.runtime.id).join("<id>").replace(/(tabId|windowId): (\d+)/g, (m, k, n) => k + ": " + (ids.get(+n) || n)) :
		Array.isArray(v) ? v.map(norm) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)])) : v;
	const attempt = async (name, f) => { try { const v = await f(); out.push([name, "ok", v === undefined ? null : norm(v)]); } catch (e) { out.push([name, e.constructor.name, norm(e.message)]); } };
	const panels = async () => (await chrome.runtime.getContexts({contextTypes: ["SIDE_PANEL"]})).map((c) =>
		norm({...c, contextId: typeof c.contextId, documentId: /^[0-9A-F]{32}$/.test(c.documentId)}));
	const pause = (ms) => new Promise((r) => setTimeout(r, ms));
`

// sidePanelSurface checks, from the worker, the namespace, the options and behaviour with their
// defaults, the bindings' TypeErrors, and that open needs a user gesture and close does not.
const sidePanelSurface = `(async () => {` + sidePanelHead + `
	out.push(["keys", Object.keys(sp).sort()], ["Side", sp.Side]);
	await attempt("getOptions {}", () => sp.getOptions({}));
	await attempt("getOptions p", () => sp.getOptions({tabId: {{tab:p}}}));
	await attempt("getOptions unknown tab", () => sp.getOptions({tabId: 999999}));
	await attempt("getPanelBehavior", () => sp.getPanelBehavior());
	await attempt("getLayout", () => sp.getLayout());
	await attempt("disable w", () => sp.setOptions({tabId: {{tab:w}}, enabled: false}));
	await attempt("getOptions w", () => sp.getOptions({tabId: {{tab:w}}}));
	await attempt("path w", () => sp.setOptions({tabId: {{tab:w}}, path: "other.html"}));
	await attempt("getOptions w 2", () => sp.getOptions({tabId: {{tab:w}}}));
	await attempt("unknown tab", async () => { await sp.setOptions({tabId: 999999, path: "x.html"}); return sp.getOptions({tabId: 999999}); });
	await attempt("global path", () => sp.setOptions({path: "panel.html?g=1"}));
	await attempt("global disabled", () => sp.setOptions({enabled: false}));
	await attempt("getOptions {} 2", () => sp.getOptions({}));
	await attempt("getOptions p 2", () => sp.getOptions({tabId: {{tab:p}}}));
	await attempt("global back", () => sp.setOptions({enabled: true, path: "panel.html"}));
	await attempt("setOptions {}", () => sp.setOptions({}));
	await attempt("getOptions cb", () => new Promise((r) => sp.getOptions({}, (v) => r([v, chrome.runtime.lastError ? chrome.runtime.lastError.message : null]))));
	await attempt("getOptions()", () => sp.getOptions());
	await attempt("setOptions()", () => sp.setOptions());
	await attempt("setOptions tabId string", () => sp.setOptions({tabId: "1"}));
	await attempt("setOptions path number", () => sp.setOptions({path: 1}));
	await attempt("setOptions unknown property", () => sp.setOptions({nope: 1}));
	await attempt("setPanelBehavior()", () => sp.setPanelBehavior());
	await attempt("setPanelBehavior number", () => sp.setPanelBehavior({openPanelOnActionClick: 1}));
	await attempt("setPanelBehavior {}", () => sp.setPanelBehavior({}));
	await attempt("setPanelBehavior true", () => sp.setPanelBehavior({openPanelOnActionClick: true}));
	await attempt("getPanelBehavior 2", () => sp.getPanelBehavior());
	await attempt("setPanelBehavior false", () => sp.setPanelBehavior({openPanelOnActionClick: false}));
	await attempt("getLayout(1)", () => sp.getLayout(1));
	await attempt("open()", () => sp.open());
	await attempt("open windowId string", () => sp.open({windowId: "1"}));
	await attempt("open {}", () => sp.open({}));
	await attempt("open window", () => sp.open({windowId: win}));
	await attempt("open p", () => sp.open({tabId: {{tab:p}}}));
	await attempt("open unknown tab", () => sp.open({tabId: 999999}));
	await attempt("close()", () => sp.close());
	await attempt("close {}", () => sp.close({}));
	await attempt("close unknown tab", () => sp.close({tabId: 999999}));
	await attempt("close unknown window", () => sp.close({windowId: 999999}));
	await attempt("close window, none open", () => sp.close({windowId: win}));
	await attempt("close p, none open", () => sp.close({tabId: {{tab:p}}}));
	return out;
})()`

// sidePanelOpenGlobal opens the global panel from an extension page in a tab, with a user gesture,
// after open's refusals.
const sidePanelOpenGlobal = `(async () => {` + sidePanelHead + `
	await attempt("unknown window", () => sp.open({windowId: 999999}));
	await attempt("unknown tab", () => sp.open({tabId: 999999}));
	await attempt("{}", () => sp.open({}));
	await attempt("disabled w", () => sp.open({tabId: {{tab:w}}}));
	await attempt("p, unknown window", () => sp.open({tabId: {{tab:p}}, windowId: 999999}));
	await sp.setOptions({enabled: false});
	await attempt("window, global disabled", () => sp.open({windowId: win}));
	await attempt("p, global disabled", () => sp.open({tabId: {{tab:p}}}));
	await sp.setOptions({enabled: true});
	await attempt("window", () => sp.open({windowId: win}));
	await attempt("window again", () => sp.open({windowId: win}));
	return out;
})()`

// sidePanelGlobalOpen looks at the open global panel from the worker, then closes it.
const sidePanelGlobalOpen = `(async () => {` + sidePanelHead + `
	out.push(["got", norm(self.got)], ["opened", norm(self.events.filter((e) => e[0] === "onOpened"))]);
	await attempt("contexts", panels);
	await attempt("all contexts", async () => (await chrome.runtime.getContexts({})).map((c) => c.contextType));
	await attempt("describe", () => chrome.runtime.sendMessage({describe: true}));
	await attempt("close p", () => sp.close({tabId: {{tab:p}}}));
	await attempt("close window", () => sp.close({windowId: win}));
	// Wait for the close to be done (no SIDE_PANEL context, onClosed fired), not for a fixed time.
	for (let i = 0; i < 200; i++) {
		const left = await chrome.runtime.getContexts({contextTypes: ["SIDE_PANEL"]});
		if (left.length === 0 && self.events.some((e) => e[0] === "onClosed")) break;
		await pause(50);
	}
	await attempt("contexts after close", panels);
	await attempt("describe after close", () => chrome.runtime.sendMessage({describe: true}));
	out.push(["onClosed fired", self.events.some((e) => e[0] === "onClosed")]);
	self.got = [], self.events = [];
	return out;
})()`

// sidePanelOpenTab gives tab p a panel of its own and opens it, with a user gesture.
const sidePanelOpenTab = `(async () => {` + sidePanelHead + `
	await attempt("options p", () => sp.setOptions({tabId: {{tab:p}}, path: "panel.html?t=1"}));
	await attempt("open p", () => sp.open({tabId: {{tab:p}}}));
	return out;
})()`

// sidePanelTabOpen looks at p's panel from the worker, then disables it, which closes it.
const sidePanelTabOpen = `(async () => {` + sidePanelHead + `
	out.push(["got", norm(self.got)], ["opened", norm(self.events.filter((e) => e[0] === "onOpened"))]);
	await attempt("contexts", panels);
	await attempt("disable p", () => sp.setOptions({tabId: {{tab:p}}, enabled: false}));
	// Wait for the panel to be gone, not for a fixed time.
	for (let i = 0; i < 200 && (await chrome.runtime.getContexts({contextTypes: ["SIDE_PANEL"]})).length > 0; i++) await pause(50);
	await attempt("contexts after disable", panels);
	await attempt("close p after", () => sp.close({tabId: {{tab:p}}}));
	await attempt("enable p", () => sp.setOptions({tabId: {{tab:p}}, enabled: true}));
	self.got = [], self.events = [];
	return out;
})()`

// sidePanelActivation opens the panel outside the gesture's own task, 100 ms after it: the page's
// gesture still counts for a while (Chrome's transient user activation, 5 s), and it closes the
// panel, which needs no gesture. (The wait is inside one evaluation, so a slow machine between
// steps does not eat into the 5 s.)
const sidePanelActivation = `(async () => {` + sidePanelHead + `
	await new Promise((r) => setTimeout(r, 100));
	await attempt("open soon after the gesture", () => sp.open({windowId: win}));
	await attempt("close", () => sp.close({windowId: win}));
	return out;
})()`

func init() {
	All = append(All, Scenario{
		Name: "side-panel",
		Doc: "chrome.sidePanel: options global and per tab with the manifest's default_path, the panel behaviour, the " +
			"layout, the bindings' TypeErrors and Chrome's error texts; open only with a user gesture (a page's " +
			"transient activation, which lasts 5 s), close without one; the panel is an extension page in no tab that " +
			"messages the worker, reported as SIDE_PANEL, with onOpened (measured in Chromium 156).",
		Fixture: "sidepanelext",
		Tabs:    []Tab{{Name: "p", Path: "page.html", Extension: true}, {Name: "w", Path: "/web.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", sidePanelSurface), Want: "{\"value\":[[\"keys\",[\"Side\",\"close\",\"getLayout\",\"getOptions\",\"getPanelBehavior\",\"onClosed\",\"onOpened\",\"open\",\"setOptions\",\"setPanelBehavior\"]],[\"Side\",{\"LEFT\":\"left\",\"RIGHT\":\"right\"}],[\"getOptions {}\",\"ok\",{\"enabled\":true,\"path\":\"panel.html\"}],[\"getOptions p\",\"ok\",{\"enabled\":true,\"path\":\"panel.html\"}],[\"getOptions unknown tab\",\"ok\",{\"enabled\":true,\"path\":\"panel.html\"}],[\"getPanelBehavior\",\"ok\",{\"openPanelOnActionClick\":false}],[\"getLayout\",\"ok\",{\"side\":\"right\"}],[\"disable w\",\"ok\",null],[\"getOptions w\",\"ok\",{\"enabled\":false,\"tabId\":\"\\u003cw\\u003e\"}],[\"path w\",\"ok\",null],[\"getOptions w 2\",\"ok\",{\"enabled\":false,\"path\":\"other.html\",\"tabId\":\"\\u003cw\\u003e\"}],[\"unknown tab\",\"ok\",{\"enabled\":true,\"path\":\"x.html\",\"tabId\":999999}],[\"global path\",\"ok\",null],[\"global disabled\",\"ok\",null],[\"getOptions {} 2\",\"ok\",{\"enabled\":false,\"path\":\"panel.html?g=1\"}],[\"getOptions p 2\",\"ok\",{\"enabled\":false,\"path\":\"panel.html?g=1\"}],[\"global back\",\"ok\",null],[\"setOptions {}\",\"ok\",null],[\"getOptions cb\",\"ok\",[{\"enabled\":true,\"path\":\"panel.html\"},null]],[\"getOptions()\",\"TypeError\",\"Error in invocation of sidePanel.getOptions(sidePanel.GetPanelOptions options, optional function callback): No matching signature.\"],[\"setOptions()\",\"TypeError\",\"Error in invocation of sidePanel.setOptions(sidePanel.PanelOptions options, optional function callback): No matching signature.\"],[\"setOptions tabId string\",\"TypeError\",\"Error in invocation of sidePanel.setOptions(sidePanel.PanelOptions options, optional function callback): Error at parameter 'options': Error at property 'tabId': Invalid type: expected integer, found string.\"],[\"setOptions path number\",\"TypeError\",\"Error in invocation of sidePanel.setOptions(sidePanel.PanelOptions options, optional function callback): Error at parameter 'options': Error at property 'path': Invalid type: expected string, found integer.\"],[\"setOptions unknown property\",\"TypeError\",\"Error in invocation of sidePanel.setOptions(sidePanel.PanelOptions options, optional function callback): Error at parameter 'options': Unexpected property: 'nope'.\"],[\"setPanelBehavior()\",\"TypeError\",\"Error in invocation of sidePanel.setPanelBehavior(sidePanel.PanelBehavior behavior, optional function callback): No matching signature.\"],[\"setPanelBehavior number\",\"TypeError\",\"Error in invocation of sidePanel.setPanelBehavior(sidePanel.PanelBehavior behavior, optional function callback): Error at parameter 'behavior': Error at property 'openPanelOnActionClick': Invalid type: expected boolean, found integer.\"],[\"setPanelBehavior {}\",\"ok\",null],[\"setPanelBehavior true\",\"ok\",null],[\"getPanelBehavior 2\",\"ok\",{\"openPanelOnActionClick\":true}],[\"setPanelBehavior false\",\"ok\",null],[\"getLayout(1)\",\"TypeError\",\"Error in invocation of sidePanel.getLayout(optional function callback): No matching signature.\"],[\"open()\",\"TypeError\",\"Error in invocation of sidePanel.open(sidePanel.OpenOptions options, optional function callback): No matching signature.\"],[\"open windowId string\",\"TypeError\",\"Error in invocation of sidePanel.open(sidePanel.OpenOptions options, optional function callback): Error at parameter 'options': Error at property 'windowId': Invalid type: expected integer, found string.\"],[\"open {}\",\"Error\",\"`sidePanel.open()` may only be called in response to a user gesture.\"],[\"open window\",\"Error\",\"`sidePanel.open()` may only be called in response to a user gesture.\"],[\"open p\",\"Error\",\"`sidePanel.open()` may only be called in response to a user gesture.\"],[\"open unknown tab\",\"Error\",\"`sidePanel.open()` may only be called in response to a user gesture.\"],[\"close()\",\"TypeError\",\"Error in invocation of sidePanel.close(sidePanel.CloseOptions options, optional function callback): No matching signature.\"],[\"close {}\",\"Error\",\"At least one of `tabId` and `windowId` must be provided\"],[\"close unknown tab\",\"Error\",\"No tab with id: 999999.\"],[\"close unknown window\",\"Error\",\"No window with id: 999999.\"],[\"close window, none open\",\"ok\",null],[\"close p, none open\",\"Error\",\"No active tab-specific side panel for tabId: \\u003cp\\u003e\"]]}"},
			{Do: extwasmtest.Eval("w/cs", `typeof chrome.sidePanel`), Want: `{"value":"undefined"}`},
			{Do: extwasmtest.Eval("p/page", `(async () => {`+sidePanelHead+`
	out.push(["keys", Object.keys(sp).sort()]);
	await attempt("open without a gesture", () => sp.open({windowId: win}));
	return out;
})()`), Want: "{\"value\":[[\"keys\",[\"Side\",\"close\",\"getLayout\",\"getOptions\",\"getPanelBehavior\",\"onClosed\",\"onOpened\",\"open\",\"setOptions\",\"setPanelBehavior\"]],[\"open without a gesture\",\"Error\",\"`sidePanel.open()` may only be called in response to a user gesture.\"]]}"},
			{Do: extwasmtest.EvalWithGesture("p/page", sidePanelOpenGlobal), Want: "{\"value\":[[\"unknown window\",\"Error\",\"No window with id: 999999.\"],[\"unknown tab\",\"Error\",\"No tab with id: 999999.\"],[\"{}\",\"Error\",\"At least one of `tabId` and `windowId` must be provided\"],[\"disabled w\",\"Error\",\"No active side panel for tabId: \\u003cw\\u003e\"],[\"p, unknown window\",\"Error\",\"No window with id: 999999.\"],[\"window, global disabled\",\"Error\",\"No active side panel for windowId: \\u003cwin\\u003e\"],[\"p, global disabled\",\"Error\",\"No active side panel for tabId: \\u003cp\\u003e\"],[\"window\",\"ok\",null],[\"window again\",\"ok\",null]]}"},
			{Do: extwasmtest.EvalStep{Realm: "worker", Until: `self.got.length >= 1 && self.events.some((e) => e[0] === "onOpened")`, Expr: sidePanelGlobalOpen}, Want: "{\"value\":[[\"got\",[[{\"hello\":\"/panel.html\"},{\"id\":\"\\u003cid\\u003e\",\"url\":\"\\u003corigin\\u003e/panel.html\",\"origin\":\"\\u003corigin\\u003e\"}]]],[\"opened\",[[\"onOpened\",{\"path\":\"/panel.html\",\"windowId\":\"\\u003cwin\\u003e\"}]]],[\"contexts\",\"ok\",[{\"contextId\":\"string\",\"contextType\":\"SIDE_PANEL\",\"documentId\":true,\"documentOrigin\":\"\\u003corigin\\u003e\",\"documentUrl\":\"\\u003corigin\\u003e/panel.html\",\"frameId\":0,\"incognito\":false,\"tabId\":-1,\"windowId\":-1}]],[\"all contexts\",\"ok\",[\"BACKGROUND\",\"TAB\",\"SIDE_PANEL\"]],[\"describe\",\"ok\",{\"keys\":[\"action\",\"dom\",\"extension\",\"i18n\",\"management\",\"permissions\",\"runtime\",\"sidePanel\",\"tabs\",\"windows\"],\"sidePanel\":[\"Side\",\"close\",\"getLayout\",\"getOptions\",\"getPanelBehavior\",\"onClosed\",\"onOpened\",\"open\",\"setOptions\",\"setPanelBehavior\"],\"path\":\"/panel.html\",\"sender\":{\"id\":\"\\u003cid\\u003e\",\"url\":\"\\u003corigin\\u003e/sw.js\"}}],[\"close p\",\"Error\",\"No active tab-specific side panel for tabId: \\u003cp\\u003e\"],[\"close window\",\"ok\",null],[\"contexts after close\",\"ok\",[]],[\"describe after close\",\"Error\",\"Could not establish connection. Receiving end does not exist.\"],[\"onClosed fired\",true]]}"},
			{Do: extwasmtest.EvalWithGesture("p/page", sidePanelOpenTab), Want: "{\"value\":[[\"options p\",\"ok\",null],[\"open p\",\"ok\",null]]}"},
			{Do: extwasmtest.EvalStep{Realm: "worker", Until: `self.got.length >= 1 && self.events.some((e) => e[0] === "onOpened")`, Expr: sidePanelTabOpen}, Want: "{\"value\":[[\"got\",[[{\"hello\":\"/panel.html?t=1\"},{\"id\":\"\\u003cid\\u003e\",\"url\":\"\\u003corigin\\u003e/panel.html?t=1\",\"origin\":\"\\u003corigin\\u003e\"}]]],[\"opened\",[[\"onOpened\",{\"path\":\"/panel.html\",\"tabId\":\"\\u003cp\\u003e\",\"windowId\":\"\\u003cwin\\u003e\"}]]],[\"contexts\",\"ok\",[{\"contextId\":\"string\",\"contextType\":\"SIDE_PANEL\",\"documentId\":true,\"documentOrigin\":\"\\u003corigin\\u003e\",\"documentUrl\":\"\\u003corigin\\u003e/panel.html?t=1\",\"frameId\":0,\"incognito\":false,\"tabId\":-1,\"windowId\":-1}]],[\"disable p\",\"ok\",null],[\"contexts after disable\",\"ok\",[]],[\"close p after\",\"Error\",\"No active tab-specific side panel for tabId: \\u003cp\\u003e\"],[\"enable p\",\"ok\",null]]}"},
			{Do: extwasmtest.EvalWithGesture("p/page", sidePanelActivation), Want: "{\"value\":[[\"open soon after the gesture\",\"ok\",null],[\"close\",\"ok\",null]]}"},
			{Do: extwasmtest.Wait(6 * time.Second)},
			{Do: extwasmtest.Eval("p/page", `(async () => {`+sidePanelHead+`
	await attempt("open 6 s after the gesture", () => sp.open({windowId: win}));
	return out;
})()`), Want: "{\"value\":[[\"open 6 s after the gesture\",\"Error\",\"`sidePanel.open()` may only be called in response to a user gesture.\"]]}"},
		},
	})
}
