package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// navigatorOf reads navigator as Chromium 156 shows it; the machine's core count and memory are
// checked for their type only.
const navigatorOf = `[Object.prototype.toString.call(navigator), navigator.userAgent, navigator.language, navigator.languages,
	navigator.onLine, navigator.platform, JSON.parse(JSON.stringify(navigator.userAgentData)), typeof navigator.hardwareConcurrency,
	typeof navigator.deviceMemory, navigator.vendor, navigator.cookieEnabled]`

const (
	chromeUA      = `"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36","en-US",["en-US","en"],true,"Linux x86_64",{"brands":[{"brand":"Not:A-Brand","version":"8"},{"brand":"Chromium","version":"156"}],"mobile":false,"platform":"Linux"},"number","number"`
	workerNavWant = `{"value":["[object WorkerNavigator]",` + chromeUA + `,null,null]}`
	frameNavWant  = `{"value":["[object Navigator]",` + chromeUA + `,"Google Inc.",true]}`
)

func init() {
	All = append(All, Scenario{
		Name: "web-globals",
		Doc: "navigator in the worker (WorkerNavigator), a page and a content script; the worker's global scope is an EventTarget; " +
			"chrome.commands and chrome.omnibox exist only with their manifest keys, in extension contexts; commands.getAll lists " +
			"_execute_action for an extension with an action (measured in Chromium 156).",
		Fixture: "cmdext",
		Tabs:    []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", navigatorOf), Want: workerNavWant},
			{Do: extwasmtest.EvalStep{Realm: "main/cs", Until: `self.csLoaded === true`, Expr: navigatorOf}, Want: frameNavWant},
			{Do: extwasmtest.Eval("main/page", navigatorOf), Want: frameNavWant},
			{Do: extwasmtest.Eval("worker", `[self instanceof EventTarget, typeof self.removeEventListener, (self.dispatchEvent(new Event("ping")), self.heard)]`),
				Want: `{"value":[true,"function",["ping"]]}`},
			{Do: extwasmtest.Eval("worker", `chrome.commands.getAll().then((l) => [l, typeof chrome.omnibox, typeof chrome.commands.onCommand.addListener])`),
				Want: `{"value":[[{"description":"","name":"_execute_action","shortcut":""},{"description":"Do the thing","name":"do-thing","shortcut":"Ctrl+Shift+Y"}],"object","function"]}`},
			{Do: extwasmtest.Eval("main/cs", `[typeof chrome.commands, typeof chrome.omnibox]`), Want: `{"value":["undefined","undefined"]}`},
		},
	})
}
