package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// frameFromContentScript is a content-script expression: it inserts a hidden iframe showing the
// extension's page at path#tag and resolves with what arrives on the port the frame opens back
// (its sender and first message), or "none" when nothing arrived within ms.
func frameFromContentScript(path, tag, ms string) string {
	return `new Promise((resolve) => {
		const name = "xframe:` + tag + `";
		const timer = setTimeout(() => resolve("none"), ` + ms + `);
		chrome.runtime.onConnect.addListener((port) => {
			if (port.name !== name) return;
			port.onMessage.addListener((m) => {
				clearTimeout(timer);
				const s = port.sender;
				resolve({senderKeys: Object.keys(s).sort().join(","), ownId: s.id === chrome.runtime.id,
					origin: s.origin === "chrome-extension://" + chrome.runtime.id, url: s.url === f.src, first: m});
			});
		});
		const f = document.createElement("iframe");
		f.src = chrome.runtime.getURL("` + path + `") + "#` + tag + `";
		f.setAttribute("style", "display:none");
		document.body.appendChild(f);
	})`
}

func init() {
	All = append(All, Scenario{
		Name: "extension frame inserted by a content script",
		Doc: "chromium.md §3's fallback frame: an extension page a content script frames into a web page loads when " +
			"web_accessible_resources lists it for the page, runs as an extension page (chrome.tabs, its tab from " +
			"tabs.getCurrent) and reaches the content script with tabs.connect, whose sender carries the extension's " +
			"id and origin but no url, tab or frameId (conformance §3, item 69's table); a page that is not web-accessible " +
			"does not load, and the page sees both iframe elements.",
		Tabs: []Tab{{Name: "main", Path: "/xframe.html", HTML: `<!doctype html><html><head><title>X</title></head><body><p>x</p></body></html>`}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/cs", frameFromContentScript("frame.html", "a", "3000")),
				Want: `{"value":{"senderKeys":"id,origin,url","ownId":true,"origin":true,"url":true,"first":{"tabs":"object","tabIsOwn":true,"path":"/frame.html"}}}`},
			{Do: extwasmtest.Eval("main/cs", frameFromContentScript("hidden.html", "b", "1500")), Want: `{"value":"none"}`},
			{Do: extwasmtest.Eval("main/page", `[...document.querySelectorAll("iframe")].map((f) => f.src.split("#")[1])`), Want: `{"value":["a","b"]}`},
		},
	})
}
