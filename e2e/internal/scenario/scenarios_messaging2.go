package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// emptyErrorListener makes the worker answer {k: "empty"} by throwing an Error with no message
// while a second listener promises a later answer.
const emptyErrorListener = `(chrome.runtime.onMessage.addListener((m) => { if (m.k === "empty") throw new Error(""); }),
	chrome.runtime.onMessage.addListener((m, s, r) => { if (m.k === "empty") { setTimeout(() => r("late"), 10); return true; } }), true)`

// outcome turns a sendMessage promise into what it settled with, the rejection as both message
// and toString.
const outcome = `.then((v) => ({ok: v === undefined ? "undefined" : v}), (e) => ({err: e.message, str: String(e)}))`

func init() {
	All = append(All,
		Scenario{
			Name: "listener-error-message",
			Doc: "A listener that throws, or whose promise rejects, with an Error: the sender rejects with the Error's message as is, " +
				"whatever its class; an empty message reads as no answer; non-Errors get the fallback texts (32–34, 39).",
			Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
			Steps: []Step{
				{Do: extwasmtest.Eval("main/cs", `chrome.runtime.sendMessage({mode: "throw"})`+outcome), Want: `{"value":{"err":"boom","str":"Error: boom"}}`},
				{Do: extwasmtest.Eval("main/cs", `chrome.runtime.sendMessage({mode: "reject"})`+outcome), Want: `{"value":{"err":"nope","str":"Error: nope"}}`},
				{Do: extwasmtest.Eval("main/cs", `chrome.runtime.sendMessage({mode: "throwString"})`+outcome),
					Want: `{"value":{"err":"Error message from listener couldn't be parsed or was empty.","str":"Error: Error message from listener couldn't be parsed or was empty."}}`},
				{Do: extwasmtest.Eval("main/cs", `chrome.runtime.sendMessage({mode: "rejectString"})`+outcome),
					Want: `{"value":{"err":"A runtime.onMessage listener's promise rejected without an Error","str":"Error: A runtime.onMessage listener's promise rejected without an Error"}}`},
				{Do: extwasmtest.Eval("main/cs", `new Promise((r) => chrome.runtime.sendMessage({mode: "throw"}, (...a) => r([a.length, chrome.runtime.lastError.message])))`),
					Want: `{"value":[0,"boom"]}`},
				{Do: extwasmtest.Eval("worker", emptyErrorListener), Want: `{"value":true}`},
				{Do: extwasmtest.Eval("main/cs", `chrome.runtime.sendMessage({k: "empty"})`+outcome), Want: `{"value":{"ok":"undefined"}}`},
			},
		},
		Scenario{
			Name: "refusal-message-before-disconnect",
			Doc: "The receiver posts one message and disconnects at once inside onConnect: the opener gets the message, " +
				"then onDisconnect with no lastError (49, 52, 56, 61).",
			Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
			Steps: []Step{
				{Do: extwasmtest.Eval("main/cs", `(() => { self.events = []; const p = chrome.runtime.connect({name: "refuse-with-reason"});
					p.onMessage.addListener((m) => self.events.push("msg " + JSON.stringify(m)));
					p.onDisconnect.addListener(() => self.events.push("disconnect " + (chrome.runtime.lastError ? chrome.runtime.lastError.message : "none")));
					return true; })()`), Want: `{"value":true}`},
				{Do: extwasmtest.Eval("main/cs", settle), Want: `{"value":["msg {\"refused\":\"refuse-with-reason\"}","disconnect none"]}`},
			},
		},
	)
}
