package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// chanFromContentScript is a content-script expression: it inserts a hidden iframe showing the
// fixture's chan.html#tag and resolves with what the port the frame opens back carries (the
// sender's keys, whether its url is the element's src, and what the frame reports), or "none" when
// nothing arrived within 3 s.
func chanFromContentScript(tag string) string {
	return `new Promise((resolve) => {
		const name = "chan:` + tag + `";
		const timer = setTimeout(() => resolve("none"), 3000);
		chrome.runtime.onConnect.addListener((port) => {
			if (port.name !== name) return;
			port.onMessage.addListener((m) => {
				clearTimeout(timer);
				const s = port.sender;
				resolve({senderKeys: Object.keys(s).sort().join(","), urlIsSrc: s.url === f.src,
					getFrameIdHere: typeof chrome.runtime.getFrameId, frame: m});
			});
		});
		const f = document.createElement("iframe");
		f.src = chrome.runtime.getURL("chan.html") + "#` + tag + `";
		f.setAttribute("style", "display:none");
		document.body.appendChild(f);
	})`
}

// chanRecorder makes a content script record the chan:* ports it receives and their messages.
const chanRecorder = `(() => { self.chan = []; chrome.runtime.onConnect.addListener((port) => {
	if (!port.name.startsWith("chan:")) return;
	self.chan.push(port.name);
	port.onMessage.addListener(() => self.chan.push("message on " + port.name)); }); return true; })()`

func init() {
	All = append(All, Scenario{
		Name: "extension frame connects to its parent frame only",
		Doc: "What the extension frame's private channel is built on, measured in Chromium 156: runtime.getFrameId " +
			"does not exist, neither in a content script nor in a web-accessible extension page it frames; that page " +
			"can compare its cross-origin window.parent with window.top; its tabs.connect without frameId reaches every " +
			"frame of the tab (a subframe's content script gets the port and its messages), with frameId 0 only the top " +
			"frame; the receiver's sender is {id, origin, url} (url with the fragment, no tab, frameId or documentId) " +
			"either way.",
		Tabs: []Tab{{Name: "main", Path: "/chan.html", HTML: framesHTML}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/cs", `[window.top === window, window.parent === window]`), Want: `{"value":[true,true]}`},
			{Do: extwasmtest.Eval("main/frame1/cs", `[window.top === window, window.parent === window, window.parent === window.top]`), Want: `{"value":[false,false,true]}`},
			{Do: extwasmtest.Eval("main/frame1/cs", chanRecorder), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/cs", chanFromContentScript("all")),
				Want: `{"value":{"senderKeys":"id,origin,url","urlIsSrc":true,"getFrameIdHere":"undefined","frame":{"getFrameId":"undefined","parentIsTop":true}}}`},
			{Do: extwasmtest.Eval("main/frame1/cs", `self.chan`), Want: `{"value":["chan:all","message on chan:all"]}`},
			{Do: extwasmtest.Eval("main/cs", chanFromContentScript("top")),
				Want: `{"value":{"senderKeys":"id,origin,url","urlIsSrc":true,"getFrameIdHere":"undefined","frame":{"getFrameId":"undefined","parentIsTop":true}}}`},
			{Do: extwasmtest.Eval("main/frame1/cs", `new Promise((r) => setTimeout(() => r(self.chan), 300))`), Want: `{"value":["chan:all","message on chan:all"]}`},
		},
	})
}
