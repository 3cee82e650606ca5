package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// askColour is a plain message only the fixture's plain-JS extension page answers.
const askColour = `chrome.runtime.sendMessage({ask: "colour"})`

// pingEnvelope is the envelope of the Go worker's scenario.ping route.
const pingEnvelope = `chrome.runtime.sendMessage({extwasm: 1, route: "scenario.ping", body: {}})`

const pingReply = `{"value":{"extwasm":1,"ok":true,"body":{"pong":true}}}`

// askPage is a plain message only the plain-JS page answers; greet one only the Go worker's raw
// handler claims (bridge.RawKeys("greeting")).
const (
	askPage    = `chrome.runtime.sendMessage({ping: "page"})`
	pageReply  = `{"value":{"pong":"from the page"}}`
	greet      = `chrome.runtime.sendMessage({greeting: "hello"})`
	greetReply = `{"value":{"farewell":"goodbye from the Go worker"}}`
)

// jsOnlyPort opens a port named "jsonly", which only the plain-JS page handles, posts one message
// and resolves after 300 ms with what came back and whether the port was disconnected.
const jsOnlyPort = `new Promise((resolve) => {
	const p = chrome.runtime.connect({name: "jsonly"}), got = [];
	p.onMessage.addListener((m) => got.push(m));
	p.onDisconnect.addListener(() => got.push("disconnect"));
	p.postMessage({n: 1});
	setTimeout(() => { resolve(got); try { p.disconnect(); } catch (e) {} }, 300);
})`

const jsOnlyReply = `{"value":[{"pageEcho":{"n":1}}]}`

func init() {
	All = append(All, Scenario{
		Name: "first-reply-go-and-js",
		Doc: "A Go worker that does not handle a message stays silent, so a plain-JS extension page answers it, also when the message " +
			"wakes the worker; the route Go handles is answered by Go; a message nobody handles resolves undefined, Chrome's own " +
			"outcome (conformance 20, 39; DESIGN decision 8).",
		Fixture: "goext",
		Tabs:    []Tab{{Name: "main", Path: "/plain.html"}, {Name: "page", Path: "page.html", Extension: true}},
		Steps: []Step{
			{Do: extwasmtest.Eval("page/page", `self.pageReady === true`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/cs", askColour), Want: `{"value":"blue, from the page"}`},
			{Do: extwasmtest.Eval("main/cs", pingEnvelope), Want: pingReply},
			{Do: extwasmtest.Eval("main/cs", `chrome.runtime.sendMessage({extwasm: 1, route: "scenario.nobody", body: {}}).then((v) => v === undefined)`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/cs", `chrome.runtime.sendMessage({nobody: true}).then((v) => v === undefined)`), Want: `{"value":true}`},
			// The message wakes the worker: the glue decides from start's declared routes before Go runs.
			{Do: extwasmtest.StopWorker()},
			{Do: extwasmtest.Eval("main/cs", askColour), Want: `{"value":"blue, from the page"}`},
			{Do: extwasmtest.StopWorker()},
			{Do: extwasmtest.Eval("main/cs", pingEnvelope), Want: pingReply},
		},
	}, Scenario{
		Name: "first-reply-raw-and-ports",
		Doc: "A Go raw handler narrowed with RawKeys claims only its keys, so a plain-JS page answers other plain messages; a port " +
			"name the Go worker has no handler for is left alone (no message, no disconnect), so the page's listener keeps it; " +
			"both also when the message or port wakes the worker, from start's declared raw keys (conformance 20, 49, 53).",
		Fixture: "goext",
		Tabs:    []Tab{{Name: "main", Path: "/plain.html"}, {Name: "page", Path: "page.html", Extension: true}},
		Steps: []Step{
			{Do: extwasmtest.Eval("page/page", `self.pageReady === true`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/cs", askPage), Want: pageReply},
			{Do: extwasmtest.Eval("main/cs", greet), Want: greetReply},
			{Do: extwasmtest.Eval("main/cs", jsOnlyPort), Want: jsOnlyReply},
			{Do: extwasmtest.StopWorker()},
			{Do: extwasmtest.Eval("main/cs", askPage), Want: pageReply},
			{Do: extwasmtest.StopWorker()},
			{Do: extwasmtest.Eval("main/cs", greet), Want: greetReply},
			{Do: extwasmtest.StopWorker()},
			{Do: extwasmtest.Eval("main/cs", jsOnlyPort), Want: jsOnlyReply},
		},
	}, Scenario{
		Name:    "js-client",
		Doc:     "extwasm.send and extwasm.connect from a plain-JS extension page: a reply body, the handler's error and nobody answering as an Error with .code, a port to a Go handler (conformance 39; DESIGN decision 8).",
		Fixture: "goext",
		Tabs:    []Tab{{Name: "page", Path: "page.html", Extension: true}},
		Steps: []Step{
			{Do: extwasmtest.Eval("page/page", `extwasm.send("scenario.ping", {n: 1})`), Want: `{"value":{"pong":true}}`},
			{Do: extwasmtest.Eval("page/page", `extwasm.send("scenario.fail", {}).catch((e) => [e instanceof Error, e.code, e.message])`),
				Want: `{"value":[true,"remote","scenario.fail always fails"]}`},
			{Do: extwasmtest.Eval("page/page", `extwasm.send("scenario.nobody", {}).catch((e) => [e.code, e.message])`),
				Want: `{"value":["no_receiver","extwasm.send: nobody answered route scenario.nobody"]}`},
			{Do: extwasmtest.Eval("page/page", `extwasm.send("", {}).catch((e) => [e.code, e.message])`),
				Want: `{"value":["invalid","extwasm.send: route must be a non-empty string"]}`},
			{Do: extwasmtest.Eval("page/page", `new Promise((resolve) => { const p = extwasm.connect("echo"); const got = [];
				p.onMessage((m) => { got.push(m); if (got.length === 2) { p.disconnect(); resolve(got); } });
				p.send({n: 1}); p.send("two"); })`), Want: `{"value":[{"echo":{"n":1}},{"echo":"two"}]}`},
			{Do: extwasmtest.Eval("page/page", `(() => { const p = extwasm.connect("echo"); p.disconnect(); try { p.send(1); } catch (e) { return [e.code, e.message]; } })()`),
				Want: `{"value":["disconnected","Attempting to use a disconnected port object"]}`},
			// The worker leaves a port name it has no handler for alone, so another context could take
			// it: nothing comes back and the port stays open (port-left-alone has Chrome's side).
			{Do: extwasmtest.Eval("page/page", `new Promise((resolve) => { const p = extwasm.connect("nope"); const got = [];
				p.onMessage((m) => got.push(m)); p.onDisconnect((e) => got.push("disconnect " + e.code));
				setTimeout(() => { resolve(got); p.disconnect(); }, 300); })`),
				Want: `{"value":[]}`},
		},
	})
}
