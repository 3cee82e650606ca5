package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// historyRecorder is run in the worker before the page changes its history: it records the tab's
// onUpdated and webNavigation's events for the tab.
const historyRecorder = `(() => {
	self.hist = [];
	const norm = (u) => u && u.replace(/^http:\/\/127\.0\.0\.1:\d+/, "");
	chrome.tabs.onUpdated.addListener((id, info, tab) => { if (tab.url.includes("/hist")) self.hist.push(["onUpdated", Object.fromEntries(Object.entries(info).map(([k, v]) => [k, k === "url" ? norm(v) : v]))]); });
	for (const name of ["onBeforeNavigate", "onCommitted", "onHistoryStateUpdated", "onReferenceFragmentUpdated", "onDOMContentLoaded", "onCompleted"]) {
		chrome.webNavigation[name].addListener((d) => { if (d.url.includes("/hist")) self.hist.push([name, norm(d.url), d.transitionType, d.transitionQualifiers]); });
	}
	return true;
})()`

const historyProbe = `(async () => {
	const out = [];
	const here = () => location.href.replace(/^http:\/\/127\.0\.0\.1:\d+/, "");
	let pops = [];
	addEventListener("popstate", (e) => pops.push(["popstate", e.state, here()]));
	addEventListener("hashchange", () => pops.push(["hashchange", here()]));
	const start = history.length;
	out.push(["start", history.state, history.scrollRestoration, here()]);
	history.pushState({step: 1}, "", "/hist2?x=1");
	out.push(["pushed", history.length - start, history.state, here(), document.URL === location.href, pops.length]);
	history.replaceState({step: 2}, "");
	out.push(["replaced", history.length - start, history.state, here()]);
	history.pushState(null, "", "#frag");
	out.push(["pushed hash", history.length - start, here(), pops.length]);
	try { history.pushState(null, "", "http://other.example/"); } catch (e) { out.push(["cross-origin", e.name, e.message.replace(/127\.0\.0\.1:\d+/g, "HOST")]); }
	try { history.pushState(() => 1, ""); } catch (e) { out.push(["uncloneable", e.name]); }
	await new Promise((r) => setTimeout(r, 50));
	out.push(["events", pops]);
	return out;
})()`

func init() {
	All = append(All, Scenario{
		Name: "session-history",
		Doc: "history.pushState and replaceState: the state cloned (DataCloneError otherwise), the URL changed " +
			"within the origin (SecurityError otherwise) with no new document and no popstate or hashchange; the " +
			"tab's onUpdated (loading with the url when it changed, then complete) around webNavigation's " +
			"onHistoryStateUpdated, or onReferenceFragmentUpdated for a fragment-only change; history.length counted " +
			"from the start (headless Chromium's tab begins with an about:blank entry hostsim does not model) " +
			"(measured in Chromium 156).",
		Fixture: "ext",
		Tabs:    []Tab{{Name: "main", Path: "/hist1.html", HTML: "<!doctype html><title>H</title><p>h</p>"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", historyRecorder), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/page", historyProbe), Want: `{"value":[["start",null,"auto","/hist1.html"],["pushed",1,{"step":1},"/hist2?x=1",true,0],["replaced",1,{"step":2},"/hist2?x=1"],["pushed hash",2,"/hist2?x=1#frag",0],["cross-origin","SecurityError","Failed to execute 'pushState' on 'History': A history state object with URL 'http://other.example/' cannot be created in a document with origin 'http://HOST' and URL 'http://HOST/hist2?x=1#frag'."],["uncloneable","DataCloneError"],["events",[]]]}`},
			{Do: extwasmtest.EvalStep{Realm: "worker", Until: `self.hist.length >= 4`, Expr: `new Promise((r) => setTimeout(() => r(self.hist), 200))`}, Want: `{"value":[["onUpdated",{"status":"loading","url":"/hist2?x=1"}],["onHistoryStateUpdated","/hist2?x=1","link",[]],["onUpdated",{"status":"complete"}],["onUpdated",{"status":"loading"}],["onHistoryStateUpdated","/hist2?x=1","link",[]],["onUpdated",{"status":"complete"}],["onUpdated",{"status":"loading","url":"/hist2?x=1#frag"}],["onReferenceFragmentUpdated","/hist2?x=1#frag","link",[]],["onUpdated",{"status":"complete"}]]}`},
			{Do: extwasmtest.Eval("worker", `chrome.tabs.query({}).then((ts) => ts.filter((t) => t.url.includes("/hist")).map((t) => [t.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ""), t.title]))`), Want: `{"value":[["/hist2?x=1#frag","H"]]}`},
		},
	})
}
