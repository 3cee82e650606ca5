package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// askColour is a plain message only the fixture's plain-JS extension page answers.
const askColour = `chrome.runtime.sendMessage({ask: "colour"})`

// pingEnvelope is the envelope of the Go worker's scenario.ping route.
const pingEnvelope = `chrome.runtime.sendMessage({extwasm: 1, route: "scenario.ping", body: {}})`

const pingReply = `{"value":{"extwasm":1,"ok":true,"body":{"pong":true}}}`

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
			// The worker refuses a port name it has no handler for with an error envelope, then
			// disconnects: the client turns that into onDisconnect's Error.
			{Do: extwasmtest.Eval("page/page", `new Promise((resolve) => { const p = extwasm.connect("nope"); const got = [];
				p.onMessage((m) => got.push(m)); p.onDisconnect((e) => resolve([got, e.code, e.message])); })`),
				Want: `{"value":[[],"not_found","no handler for port \"nope\""]}`},
		},
	})
}
