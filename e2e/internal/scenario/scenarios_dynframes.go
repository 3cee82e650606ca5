package scenario

import (
	"fmt"

	"github.com/extwasm/extwasm/extwasmtest"
)

// framesOfMain waits until the main tab has n frames and lists them: [top?, parentFrameId, last path part].
const framesOfMain = `new Promise((resolve) => {
	const poll = () => chrome.webNavigation.getAllFrames({tabId: {{tab:main}}}).then((fs) => fs.length === %d
		? resolve(fs.sort((a, b) => a.frameId - b.frameId).map((f) => [f.frameId === 0, f.parentFrameId, f.url.split("/").pop()]))
		: setTimeout(poll, 20));
	poll();
})`

func init() {
	All = append(All, Scenario{
		Name: "script-inserted-iframe",
		Doc: "An iframe a page script inserts loads: webNavigation lists it, the extension's content script runs in it, and " +
			"removing the iframe removes the frame (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/dyn.html", HTML: `<!doctype html><title>D</title><p>host</p>`}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/page", `(() => { const f = document.createElement("iframe"); f.id = "dyn"; f.src = "/dyn-child.html";
				document.body.appendChild(f); return true; })()`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", fmt.Sprintf(framesOfMain, 2)), Want: `{"value":[[true,-1,"dyn.html"],[false,0,"dyn-child.html"]]}`},
			{Do: extwasmtest.EvalStep{Realm: "main/frame1/cs", Until: `self.csLoaded >= 1`, Expr: `[location.pathname, window.top !== window]`},
				Want: `{"value":["/dyn-child.html",true]}`},
			{Do: extwasmtest.Eval("main/page", `(document.getElementById("dyn").remove(), true)`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", fmt.Sprintf(framesOfMain, 1)), Want: `{"value":[[true,-1,"dyn.html"]]}`},
		},
	})
}
