package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// noID replaces the extension's id in a value's JSON, which depends on where the fixture lives.
const noID = `const noID = (v) => JSON.parse(JSON.stringify(v).split(chrome.runtime.id).join("<id>"));`

func init() {
	All = append(All, Scenario{
		Name: "es-modules",
		Doc: `ES modules: a "type": "module" worker with static imports (named, default, namespace, side effect), live ` +
			`bindings, import.meta.url and a module's top level; importScripts and import() refused in the module worker; ` +
			`module scripts of an extension page (src and inline) sharing one module map; import() in a page, and the errors ` +
			`of a missing export, a bare specifier and a missing file (measured in Chromium 156).`,
		Fixture: "modext",
		Tabs:    []Tab{{Name: "page", Path: "page.html", Extension: true}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", `self.report()`), Want: `{"value":{"count":1,"libName":"counter","greeting":"hello worker from counter","keys":["default","version"],"meta":"chrome-extension://\u003cid\u003e/sw.js","thisType":"undefined","side":1,"strict":true}}`},
			{Do: extwasmtest.Eval("worker", `self.tryImportScripts()`), Want: `{"value":["TypeError","Failed to execute 'importScripts' on 'WorkerGlobalScope': Module scripts don't support importScripts()."]}`},
			{Do: extwasmtest.Eval("worker", noID+` self.tryDynamic().then(noID)`), Want: `{"value":["TypeError","import() is disallowed on ServiceWorkerGlobalScope by the HTML specification. See https://github.com/w3c/ServiceWorker/issues/1356."]}`},
			{Do: extwasmtest.Eval("page/page", `[self.pageReport, self.inlineCount]`), Want: `{"value":[{"count":2,"greeting":"hello page from counter","meta":"page.js"},null]}`},
			{Do: extwasmtest.Eval("page/page", `chrome.runtime.sendMessage({bump: true})`), Want: `{"value":2}`},
			{Do: extwasmtest.Eval("worker", `self.report().count`), Want: `{"value":2}`},
			{Do: extwasmtest.Eval("page/page", noID+` Promise.all(["./lib/greet.js", "./lib/bad.js", "./lib/bare.js", "./lib/missing.js", "/lib/counter.js"].map(self.tryDynamic)).then(noID)`), Want: `{"value":[["default","version"],["SyntaxError","The requested module './counter.js' does not provide an export named 'nope'"],["TypeError","Failed to resolve module specifier \"lodash\". Relative references must start with either \"/\", \"./\", or \"../\"."],["TypeError","Failed to fetch dynamically imported module: chrome-extension://\u003cid\u003e/lib/missing.js"],["bump","count","name"]]}`},
		},
	})
}
