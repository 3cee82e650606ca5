package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// afterLoad waits for the page's load event and one task more, by when Chromium has run every
// content script it means to (document_idle comes at the latest right after load).
const afterLoad = `new Promise((r) => { const go = () => setTimeout(r, 0); document.readyState === "complete" ? go() : addEventListener("load", go); })`

// noURLAccess is Chromium 156's executeScript error for the extension's own page, with allFrames
// or without.
const noURLAccess = `"Cannot access contents of url \"chrome-extension://\u003cid\u003e/page.html\". Extension manifest must request permission to access this host."`

func init() {
	All = append(All, Scenario{
		Name: "content-scripts-not-in-extension-pages",
		Doc: `Content scripts matching <all_urls> (document_start and document_idle) run in a web page and not in the ` +
			`extension's own page opened as a tab, and scripting.executeScript cannot inject into that page either, even with ` +
			`<all_urls> (measured in Chromium 156: the extension page's document is never marked).`,
		Fixture: "cspagesext",
		Tabs:    []Tab{{Name: "web", Path: "/plain.html"}, {Name: "ext", Path: "page.html", Extension: true}},
		Steps: []Step{
			{Do: extwasmtest.Eval("web/page", afterLoad+`.then(() => ({...document.documentElement.dataset}))`), Want: `{"value":{"csIdle":"ran","csStart":"ran"}}`},
			{Do: extwasmtest.Eval("ext/page", afterLoad+`.then(() => ({...document.documentElement.dataset}))`), Want: `{"value":{}}`},
			{Do: extwasmtest.Eval("worker", noID+` Promise.all([
				...[{{tab:web}}, {{tab:ext}}].map((tabId) => chrome.scripting.executeScript({target: {tabId}, func: () => 1})),
				chrome.scripting.executeScript({target: {tabId: {{tab:ext}}, allFrames: true}, func: () => 1}),
			].map((p) => p.then((r) => r.map((x) => x.result), (e) => e.message))).then(noID)`),
				Want: `{"value":[[1],` + noURLAccess + `,` + noURLAccess + `]}`},
		},
	})
}
