package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// Measured in Chromium 156 with Go on both sides (scenario go-offscreen; the JS-only facts are in
// scenario offscreen):
//
//   - The glue runs Go in an offscreen document as in a worker: offscreen.html loads wasm_exec.js,
//     extwasm.js and a script calling extwasm.start('offscreen.wasm'); the manifest's extension-page
//     CSP with 'wasm-unsafe-eval' lets it compile. createDocument resolves once the document has
//     loaded, which can be before its Go has called bridge.Ready (the module is fetched and
//     instantiated asynchronously): the echo sent right after it is answered either way, since the
//     glue holds what comes meanwhile for the routes offscreen.js declares.
//   - The document's messages and ports carry the sender {id, url, origin}: no tab, frameId,
//     documentId or documentLifecycle — the popup's shape, so only the URL's path tells them apart
//     (bridge.Sender.Page, bridge.AllowExtensionPages). The worker's messages and ports reach the
//     document with {id, url}: no origin.
//   - After closeDocument, a message to the extension from the worker finds no receiver.

// offNorm replaces the extension's id by <id>, so that results do not depend on the fixture's key.
const offNorm = `((v) => JSON.parse(JSON.stringify(v).split(chrome.runtime.id).join("<id>")))`

// offReady waits until the worker's Go has exported self.offtest and called bridge.Ready.
const offReady = `new Promise((resolve) => {
	const poll = () => (typeof offtest === "object" && typeof offtest.open === "function" && extwasm.status() === "ready") ? resolve(true) : setTimeout(poll, 10);
	poll();
})`

func init() {
	All = append(All, Scenario{
		Name: "go-offscreen",
		Doc: "Go in an offscreen document with the same glue: a Go worker opens it with chrome/offscreen, sends it a typed route " +
			"and a port and gets Go's answers; Go in the document calls the worker's route and port admitted by " +
			"bridge.AllowExtensionPages(\"/offscreen.html\"), and a route that admits only the popup refuses it with " +
			"the bridge's denied error; the raw senders both ways; closeDocument (measured in Chromium 156).",
		Fixture: "gooffscreen",
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", offReady), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", `offtest.open()`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", `offtest.echo("hi").then(`+offNorm+`)`), Want: `{"value":{"reply":{"text":"hi","where":"offscreen","sender":{"id":"<id>","url":"chrome-extension://<id>/sw.js","frameId":0},"page":""}}}`},
			{Do: extwasmtest.Eval("worker", `offtest.port().then(`+offNorm+`)`), Want: `{"value":[{"reply":{"text":"one","where":"offscreen port","sender":{"id":"<id>","url":"chrome-extension://<id>/sw.js","frameId":0},"page":""}},{"reply":{"text":"two","where":"offscreen port","sender":{"id":"<id>","url":"chrome-extension://<id>/sw.js","frameId":0},"page":""}}]}`},
			{Do: extwasmtest.Eval("worker", `(self.raw = [], chrome.runtime.onMessage.addListener((m, s) => { self.raw.push(["message", m && m.route, s]); }),
				chrome.runtime.onConnect.addListener((p) => { self.raw.push(["connect", p.name, p.sender]); }), true)`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", `offtest.callWorker().then(`+offNorm+`)`), Want: `{"value":{"hello":{"reply":{"text":"hello, from the offscreen document","where":"worker","sender":{"id":"<id>","url":"chrome-extension://<id>/offscreen.html","origin":"chrome-extension://<id>","frameId":0},"page":"/offscreen.html"}},"popupOnly":{"code":"denied","error":"bridge: worker.popupOnly: denied: sender not allowed on route \"worker.popupOnly\""},"port":[{"reply":{"text":"a","where":"worker port","sender":{"id":"<id>","url":"chrome-extension://<id>/offscreen.html","origin":"chrome-extension://<id>","frameId":0},"page":"/offscreen.html"}},{"reply":{"text":"b","where":"worker port","sender":{"id":"<id>","url":"chrome-extension://<id>/offscreen.html","origin":"chrome-extension://<id>","frameId":0},"page":"/offscreen.html"}}]}}`},
			{Do: extwasmtest.Eval("worker", offNorm+`(self.raw)`), Want: `{"value":[["message","worker.hello",{"id":"<id>","url":"chrome-extension://<id>/offscreen.html","origin":"chrome-extension://<id>"}],["message","worker.popupOnly",{"id":"<id>","url":"chrome-extension://<id>/offscreen.html","origin":"chrome-extension://<id>"}],["connect","worker.port",{"id":"<id>","url":"chrome-extension://<id>/offscreen.html","origin":"chrome-extension://<id>"}]]}`},
			{Do: extwasmtest.Eval("worker", `chrome.runtime.sendMessage({rawSenders: true}).then(`+offNorm+`)`), Want: `{"value":[["message","offscreen.echo",{"id":"<id>","url":"chrome-extension://<id>/sw.js"}],["connect","offscreen.port",{"id":"<id>","url":"chrome-extension://<id>/sw.js"}],["message","offscreen.callWorker",{"id":"<id>","url":"chrome-extension://<id>/sw.js"}]]}`},
			{Do: extwasmtest.Eval("worker", `offtest.close()`), Want: `{"value":false}`},
			{Do: extwasmtest.Eval("worker", `offtest.echo("gone")`), Want: `{"value":{"code":"no_receiver","error":"bridge: offscreen.echo to extension: bridge: no receiver: Could not establish connection. Receiving end does not exist."}}`},
		},
	})
}
