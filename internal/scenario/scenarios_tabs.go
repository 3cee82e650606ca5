package scenario

// Scenarios of chrome.tabs, chrome.webNavigation and the page lifecycle (conformance-apis.md §2,
// §3 and §6 item numbers).

// tabsRecorder makes the worker record every tabs and webNavigation event with the tab it is
// about, and defines self.lines(), which names the tabs ("new" is the tab the scenario creates,
// one and two the scenario's tabs) and cuts the page server's origin from URLs, so the lines
// read the same in every browser.
const tabsRecorder = `(async () => {
	self.base = (await chrome.tabs.get({{tab:one}})).url.split("/").slice(0, 3).join("/");
	self.tlog = [];
	self.mark = 0;
	const names = () => ({[self.created]: "new", [{{tab:one}}]: "one", [{{tab:two}}]: "two"});
	const cut = (v) => JSON.stringify(v).split(self.base).join("");
	const on = (ev, name, id, text) => ev.addListener((...a) => self.tlog.push([id(...a), name + " " + text(...a)]));
	on(chrome.tabs.onCreated, "tabs.onCreated", (t) => t.id, (t) => cut({status: t.status, url: t.url, title: t.title, pendingUrl: t.pendingUrl}));
	on(chrome.tabs.onActivated, "tabs.onActivated", (i) => i.tabId, () => "");
	on(chrome.tabs.onHighlighted, "tabs.onHighlighted", (i) => i.tabIds[0], () => "");
	on(chrome.tabs.onUpdated, "tabs.onUpdated", (id) => id, (id, change) => cut(change));
	on(chrome.tabs.onZoomChange, "tabs.onZoomChange", (i) => i.tabId, (i) => cut([i.oldZoomFactor, i.newZoomFactor, i.zoomSettings]));
	on(chrome.tabs.onRemoved, "tabs.onRemoved", (id) => id, (id, info) => cut({isWindowClosing: info.isWindowClosing}));
	for (const n of ["onBeforeNavigate", "onCommitted", "onDOMContentLoaded", "onCompleted", "onReferenceFragmentUpdated"]) {
		on(chrome.webNavigation[n], "webNavigation." + n, (d) => d.tabId,
			(d) => d.frameId + " " + cut(d.url) + (d.transitionType ? " " + d.transitionType : "") + " " + d.documentLifecycle);
	}
	// lines returns the events since the last call, about the created tab and tab activation.
	self.lines = () => {
		const out = self.tlog.slice(self.mark).map(([id, text]) => (names()[id] || "other") + " " + text)
			.filter((l) => l.startsWith("new ") || l.includes("tabs.onActivated") || l.includes("tabs.onHighlighted"));
		self.mark = self.tlog.length;
		return out;
	};
	// untilComplete resolves when the created tab's onUpdated reports status complete.
	self.untilComplete = () => new Promise((r) => chrome.tabs.onUpdated.addListener(function l(id, change) {
		if (id === self.created && change.status === "complete") { chrome.tabs.onUpdated.removeListener(l); r(); }
	}));
	return true;
})()`

// tabBrief names a tab as the recorder does and keeps the fields a scenario compares.
const tabBrief = `((t) => [({[self.created]: "new", [{{tab:one}}]: "one", [{{tab:two}}]: "two"})[t.id] || "other", t.title, t.status, t.active])`

func init() {
	All = append(All, Scenario{
		Name: "tabs: create → load events → query → update → remove",
		Doc: "tabs.create resolves while loading (T12), then onCreated, onActivated, onHighlighted, onUpdated(loading, url), onZoomChange, " +
			"onBeforeNavigate, onCommitted(link), onUpdated(title), onDOMContentLoaded, onCompleted, onUpdated(complete) (2.4, T17–T19, N6); " +
			"query by url pattern and active (T6–T8); update resolves with the old url and pendingUrl (T14) and loads in 2.4's order; " +
			"reload has no url and no title event; remove activates the neighbour (2.4, T15); a removed tab's id rejects (T10).",
		Tabs: []Tab{
			{Name: "one", Path: "/tabs-one.html", HTML: `<!doctype html><html><head><title>T one</title></head><body><p>one</p></body></html>`},
			{Name: "two", Path: "/tabs-two.html", HTML: `<!doctype html><html><head><title>T two</title></head><body><p>two</p></body></html>`},
		},
		Steps: []Step{
			{Realm: "worker", Expr: tabsRecorder, Want: `{"value":true}`},
			// The runners open each scenario tab in a window of its own, as DevTools does in headless Chromium.
			{Realm: "worker", Expr: `Promise.all([chrome.tabs.get({{tab:one}}), chrome.tabs.get({{tab:two}})]).then(([a, b]) => [a.windowId !== b.windowId, a.active, b.active, a.index, b.index])`,
				Want: `{"value":[true,true,true,0,0]}`},
			{Realm: "worker", Expr: `(async () => {
				const complete = self.untilComplete();
				const t = await chrome.tabs.create({url: self.base + "/tabs-one.html"});
				self.created = t.id;
				await complete;
				return [t.status, t.url, t.title, t.pendingUrl.split(self.base).join(""), t.active,
					t.index - (await chrome.tabs.get({{tab:two}})).index];
			})()`, Want: `{"value":["loading","","","/tabs-one.html",true,1]}`},
			{Realm: "worker", Expr: `self.lines()`, Want: `{"value":[
				"new tabs.onCreated {\"status\":\"loading\",\"url\":\"\",\"title\":\"\",\"pendingUrl\":\"/tabs-one.html\"}",
				"new tabs.onActivated ",
				"new tabs.onHighlighted ",
				"new tabs.onUpdated {\"status\":\"loading\",\"url\":\"/tabs-one.html\"}",
				"new tabs.onZoomChange [1,1,{\"mode\":\"automatic\",\"scope\":\"per-origin\"}]",
				"new webNavigation.onBeforeNavigate 0 \"/tabs-one.html\" active",
				"new webNavigation.onCommitted 0 \"/tabs-one.html\" link active",
				"new tabs.onUpdated {\"title\":\"T one\"}",
				"new webNavigation.onDOMContentLoaded 0 \"/tabs-one.html\" active",
				"new webNavigation.onCompleted 0 \"/tabs-one.html\" active",
				"new tabs.onUpdated {\"status\":\"complete\"}"]}`},
			{Realm: "worker", Expr: `chrome.tabs.query({url: "http://127.0.0.1/tabs-*"}).then((l) => l.map(` + tabBrief + `))`,
				Want: `{"value":[["one","T one","complete",true],["two","T two","complete",false],["new","T one","complete",true]]}`},
			{Realm: "worker", Expr: `chrome.tabs.query({active: true, lastFocusedWindow: true}).then((l) => l.map(` + tabBrief + `))`,
				Want: `{"value":[["new","T one","complete",true]]}`},
			{Realm: "worker", Expr: `chrome.tabs.query({url: "http://127.0.0.1/tabs-two.html", title: "T *"}).then((l) => l.map(` + tabBrief + `))`,
				Want: `{"value":[["two","T two","complete",false]]}`},
			{Realm: "worker", Expr: `(async () => {
				const complete = self.untilComplete();
				const t = await chrome.tabs.update(self.created, {url: self.base + "/tabs-two.html"});
				await complete;
				return [t.status, t.url.split(self.base).join(""), t.title, t.pendingUrl.split(self.base).join(""), self.lines()];
			})()`, Want: `{"value":["loading","/tabs-one.html","T one","/tabs-two.html",[
				"new webNavigation.onBeforeNavigate 0 \"/tabs-two.html\" active",
				"new tabs.onUpdated {\"status\":\"loading\",\"url\":\"/tabs-two.html\"}",
				"new tabs.onZoomChange [1,1,{\"mode\":\"automatic\",\"scope\":\"per-origin\"}]",
				"new webNavigation.onCommitted 0 \"/tabs-two.html\" link active",
				"new tabs.onUpdated {\"title\":\"T two\"}",
				"new webNavigation.onDOMContentLoaded 0 \"/tabs-two.html\" active",
				"new webNavigation.onCompleted 0 \"/tabs-two.html\" active",
				"new tabs.onUpdated {\"status\":\"complete\"}"]]}`},
			{Realm: "worker", Expr: `(async () => {
				const complete = self.untilComplete();
				const r = await chrome.tabs.reload(self.created);
				await complete;
				return [r === undefined, self.lines()];
			})()`, Want: `{"value":[true,[
				"new webNavigation.onBeforeNavigate 0 \"/tabs-two.html\" active",
				"new tabs.onUpdated {\"status\":\"loading\"}",
				"new tabs.onZoomChange [1,1,{\"mode\":\"automatic\",\"scope\":\"per-origin\"}]",
				"new webNavigation.onCommitted 0 \"/tabs-two.html\" reload active",
				"new webNavigation.onDOMContentLoaded 0 \"/tabs-two.html\" active",
				"new webNavigation.onCompleted 0 \"/tabs-two.html\" active",
				"new tabs.onUpdated {\"status\":\"complete\"}"]]}`},
			{Realm: "worker", Expr: `(async () => {
				const r = await chrome.tabs.remove(self.created);
				await new Promise((res) => setTimeout(res, 100));
				const gone = await chrome.tabs.get(self.created).catch((e) => e.message.replace(String(self.created), "N"));
				return [r === undefined, gone, self.lines()];
			})()`, Want: `{"value":[true,"No tab with id: N.",[
				"new tabs.onRemoved {\"isWindowClosing\":false}",
				"two tabs.onActivated ",
				"two tabs.onHighlighted "]]}`},
		},
	}, Scenario{
		Name: "page lifecycle: readyState, DOMContentLoaded, load and run_at order in content scripts",
		Doc: "document_start runs at loading without a body and alone sees DOMContentLoaded; document_end runs after it at interactive; " +
			"document_idle and no run_at come before load on a fast page; load and readystatechange(complete) reach every script in " +
			"injection order; pageshow follows (§6 table, L1, L2). Leaving the page: beforeunload, pagehide while visible, then " +
			"visibilitychange to hidden (L3, without the back/forward cache).",
		Tabs: []Tab{{Name: "page", Path: "/lifecycle.html", HTML: `<!doctype html><html><head><title>L</title></head><body><p>life</p></body></html>`}},
		Steps: []Step{
			{Realm: "page/cs", Expr: `new Promise((r) => {
				const done = () => setTimeout(() => r(self.life), 50);
				if (document.readyState === "complete") done(); else window.addEventListener("load", done);
			})`, Want: `{"value":["start loading body=false","start:readystatechange interactive","start:DOMContentLoaded interactive",
				"end interactive body=true","idle interactive","default interactive","start:readystatechange complete","start:load complete",
				"end:load complete","idle:load complete","start:pageshow persisted=false"]}`},
			{Realm: "page/page", Expr: `[document.readyState, document.visibilityState, typeof self.life]`, Want: `{"value":["complete","visible","undefined"]}`},
			{Action: "navigate page /lifecycle-next.html"},
			{Realm: "worker", Expr: `new Promise((r) => setTimeout(() => r(self.seen.filter((s) => s.msg && s.msg.unload).map((s) => s.msg.unload)), 100))`,
				Want: `{"value":[["beforeunload","pagehide persisted=false visible","visibilitychange hidden"]]}`},
		},
	})
}
