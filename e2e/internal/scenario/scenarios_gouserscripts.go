package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// Measured in Chromium 156 with a Go worker (scenario go-userscripts; the JS-only facts are in
// scenarios userscripts-api and userscripts-messaging):
//
//   - A user script's sendMessage and connect reach the worker's Go through the glue's
//     runtime.onUserScriptMessage and onUserScriptConnect listeners; the bridge marks the sender
//     (bridge.Sender.UserScript) and a route or port name admits it only with
//     bridge.AllowUserScripts. A route that admits content scripts answers the user script with the
//     bridge's denied error, and the content script with its reply; a route that admits user
//     scripts denies the content script.
//   - The sender Go sees is the page's: its URL's path, a tab, frame 0.
//   - The generated chrome/userscripts package configures the world and registers a script from
//     Go; a duplicate id is Chrome's error text.
//   - A registered user script whose message wakes the stopped worker is answered by Go: the glue
//     listens to onUserScriptMessage at top level and holds the message until Go is ready.

// goUSReady waits until the worker's Go has called bridge.Ready.
const goUSReady = `new Promise((resolve) => {
	const poll = () => (typeof extwasm === "object" && extwasm.status() === "ready") ? resolve(true) : setTimeout(poll, 10);
	poll();
})`

// goUSCalls runs, in the tab's default USER_SCRIPT world (messaging on), calls to the Go worker's
// routes and port, and returns what came back.
const goUSCalls = `chrome.userScripts.configureWorld({messaging: true}).then(() => chrome.userScripts.execute({target: {tabId: {{tab:main}}}, js: [{code: ` + "`" + `(async () => {
	const send = (route, text) => chrome.runtime.sendMessage({extwasm: 1, route, body: {text}});
	const out = {open: await send("us.open", "from a user script"), closed: await send("us.closed", "from a user script")};
	out.port = await new Promise((resolve) => {
		const p = chrome.runtime.connect({name: "us.port"});
		p.onMessage.addListener((m) => { resolve(m); p.disconnect(); });
		p.postMessage({text: "on a port"});
	});
	return out;
})()` + "`" + `}]})).then((rs) => rs[0].result)`

// goUSContentCalls calls the same routes from the content script.
const goUSContentCalls = `(async () => {
	const send = (route, text) => chrome.runtime.sendMessage({extwasm: 1, route, body: {text}});
	return {open: await send("us.open", "from a content script"), closed: await send("us.closed", "from a content script")};
})()`

// goUSRegisterCold has the worker's Go register, with chrome/userscripts, a user script that calls
// us.open as soon as a /us-go2 page loads, keeping the call's promise.
const goUSRegisterCold = `ustest.registerCold()`

// goUSReadCold reads, from the page's USER_SCRIPT world, what the user script's call got.
const goUSReadCold = `chrome.userScripts.execute({target: {tabId: {{tab:main}}}, js: [{code:
	"new Promise((resolve) => { const poll = () => self.cold ? resolve(self.cold) : setTimeout(poll, 10); poll(); })"}]}).then((rs) => rs[0].result)`

func init() {
	All = append(All, Scenario{
		Name: "go-userscripts",
		Doc: "A user script's messages and ports reach a Go worker's route and port admitted by bridge.AllowUserScripts, with " +
			"Sender.UserScript set; a route admitting content scripts denies it, and the content script is denied by the " +
			"user-script route; a registered user script's message wakes the stopped Go worker and is answered (measured in " +
			"Chromium 156).",
		Fixture: "gouserscripts",
		Tabs:    []Tab{{Name: "main", Path: "/us-go.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", goUSReady), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", goUSCalls), Want: `{"value":{"closed":{"error":{"code":"denied","message":"sender not allowed on route \"us.closed\""},"extwasm":1,"ok":false},"open":{"body":{"frameId":0,"inTab":true,"path":"/us-go.html","route":"us.open","text":"from a user script","userScript":true},"extwasm":1,"ok":true},"port":{"frameId":0,"inTab":true,"path":"/us-go.html","route":"us.port","text":"on a port","userScript":true}}}`},
			{Do: extwasmtest.Eval("main/cs", goUSContentCalls), Want: `{"value":{"open":{"extwasm":1,"ok":false,"error":{"code":"denied","message":"sender not allowed on route \"us.open\""}},"closed":{"extwasm":1,"ok":true,"body":{"text":"from a content script","route":"us.closed","userScript":false,"path":"/us-go.html","inTab":true,"frameId":0}}}}`},
			{Do: extwasmtest.Eval("worker", goUSRegisterCold), Want: `{"value":{"duplicate":"userScripts.register: Duplicate script ID 'cold'","scripts":[{"id":"cold","js":[{"code":"self.cold = chrome.runtime.sendMessage({extwasm: 1, route: 'us.open', body: {text: 'cold start'}});"}],"matches":["http://127.0.0.1/us-go2*"],"runAt":"document_idle","world":"USER_SCRIPT"}],"worlds":[{"messaging":true}]}}`},
			{Do: extwasmtest.StopWorker()},
			{Do: extwasmtest.Navigate("main", "/us-go2.html")},
			{Do: extwasmtest.Eval("worker", goUSReadCold), Want: `{"value":{"body":{"frameId":0,"inTab":true,"path":"/us-go2.html","route":"us.open","text":"cold start","userScript":true},"extwasm":1,"ok":true}}`},
		},
	})
}
