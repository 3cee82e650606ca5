package scenario

import "github.com/extwasm/extwasm/extwasmtest"

// pageWorldHTML is a top page with one subframe, which must never see the channel.
const pageWorldHTML = `<!doctype html><html><head><title>pw</title></head><body><p>top</p><iframe src="/sub.html"></iframe></body></html>`

func init() {
	ev := extwasmtest.Eval
	All = append(All, Scenario{
		Name: "page-world-channel",
		Doc: "A Go content script's page-world channel (bridge.OpenPageWorld, extwasm-page.js): the worker injects the " +
			"library and the page's code into the top frame's main world with chrome.scripting and passes the nonce as " +
			"args; the main world transfers a MessageChannel port to its own window with the nonce and the content " +
			"script takes it. The page world calls cs.echo and gets Go's reply (sender marked as the page world, the " +
			"frame's origin); a route that does not admit the page world, or one not registered, is not_found; strict " +
			"decoding and MaxBytes apply; Go calls page.add in the page world. A page script's forged handshake (a " +
			"guessed nonce, its own port) and forged traffic over window.postMessage reach nothing; a same-origin " +
			"subframe that knows the nonce and posts the handshake to its parent is ignored (not the content script's " +
			"own window); the subframe sees no handshake. What the page does see, measured: a listener of its own on " +
			"window during the handshake gets the message and the port; one added later sees no traffic. A flood of " +
			"requests from the page: at most 100 wait for Go at once, the rest are busy.",
		Fixture: "gopage",
		Tabs:    []Tab{{Name: "main", Path: "/pw.html", HTML: pageWorldHTML}},
		Steps: []Step{
			{Do: ev("main/frame1/page", `self.got = []; addEventListener("message", e => got.push(e.data)); 1`), Want: `{"value":1}`},
			{Do: ev("main/cs", `__pw("open")`), Want: `{"value":32}`},
			// The page forges the handshake with a guessed nonce and its own port, and forges traffic.
			{Do: ev("main/page", `self.forged = []; self.fch = new MessageChannel(); fch.port1.onmessage = e => forged.push(e.data); `+
				`postMessage({extwasmPage: 1, nonce: "0123456789abcdef0123456789abcdef"}, "*", [fch.port2]); `+
				`postMessage({t: "call", id: 1, msg: {extwasm: 1, route: "cs.echo", body: {text: "forged"}}}, "*"); `+
				`dispatchEvent(new MessageEvent("message", {data: {extwasmPage: 1, nonce: "x"}, source: window, origin: location.origin, ports: [new MessageChannel().port2]})); 1`),
				Want: `{"value":1}`},
			// A same-origin subframe that learned the nonce (here through the origin's localStorage)
			// posts the handshake to its parent: it is not the content script's own window.
			{Do: ev("main/cs", `__pw("nonce").then(n => { localStorage.setItem("leaked", n); return n.length; })`), Want: `{"value":32}`},
			{Do: ev("main/frame1/page", `self.subForged = []; const c = new MessageChannel(); c.port1.onmessage = e => subForged.push(e.data); `+
				`parent.postMessage({extwasmPage: 1, nonce: localStorage.getItem("leaked")}, "*", [c.port2]); localStorage.getItem("leaked").length`),
				Want: `{"value":32}`},
			// What the page can see: a listener of its own on window gets the real handshake, port included.
			{Do: ev("main/page", `self.sniffed = []; addEventListener("message", e => { if (e.isTrusted && e.source === window && e.data && e.data.extwasmPage === 1 && e.data.nonce !== "0123456789abcdef0123456789abcdef") sniffed.push([e.data.nonce.length, e.ports.length]); }); 1`),
				Want: `{"value":1}`},
			{Do: ev("main/cs", `__pw("inject")`), Want: `{"value":"connected"}`},
			{Do: ev("main/page", `sniffed`), Want: `{"value":[[32,1]]}`},
			// A listener added after the handshake sees none of the traffic.
			{Do: ev("main/page", `self.late = []; addEventListener("message", e => late.push(e.data)); 1`), Want: `{"value":1}`},
			{Do: ev("main/page", `pageChannel.call("cs.echo", {text: "hi"})`), Want: `{"value":{"got":"hi","pageWorld":true,"pageHost":true}}`},
			{Do: ev("main/page", `pageChannel.call("cs.secret", {}).then(() => "resolved", e => [e.code, e.message])`),
				Want: `{"value":["not_found","no handler for route \"cs.secret\""]}`},
			{Do: ev("main/page", `pageChannel.call("nope", {}).then(() => "resolved", e => [e.code, e.message])`),
				Want: `{"value":["not_found","no handler for route \"nope\""]}`},
			{Do: ev("main/page", `pageChannel.call("cs.echo", {text: "hi", admin: true}).then(() => "resolved", e => e.code)`), Want: `{"value":"invalid"}`},
			{Do: ev("main/page", `pageChannel.call("cs.echo", {text: "x".repeat(300)}).then(() => "resolved", e => e.code)`), Want: `{"value":"too_large"}`},
			{Do: ev("main/cs", `__pw("add", 2, 3)`), Want: `{"value":5}`},
			{Do: ev("main/cs", `__pw("served")`), Want: `{"value":1}`},
			{Do: ev("main/page", `[forged, late]`), Want: `{"value":[[],[]]}`},
			{Do: ev("main/frame1/page", `[got, subForged]`), Want: `{"value":[[],[]]}`},
			{Do: ev("main/frame1/page", `typeof extwasmPage`), Want: `{"value":"undefined"}`},
			// A page flooding the channel: at most 100 of its requests wait for Go at once, the rest are
			// told busy at once. Here each waits, through Go, for page.add, which waits for the gate.
			{Do: ev("main/page", `const g = new Promise(r => { self.gate = r; }); pageChannel.handle("page.add", b => g.then(() => ({sum: b.a + b.b}))); `+
				`const calls = []; for (let i = 0; i < 150; i++) calls.push(pageChannel.call("cs.addThere", {a: i, b: 1}).then(r => r.sum === i + 1 ? "ok" : "wrong", e => e.code)); `+
				`self.flood = Promise.all(calls); 1`), Want: `{"value":1}`},
			{Do: ev("main/page", `gate(); flood.then(r => [r.filter(x => x === "ok").length, r.filter(x => x === "busy").length, r.length])`),
				Want: `{"value":[100,50,150]}`},
			// Once closed, Go's calls fail at once.
			{Do: ev("main/cs", `__pw("close")`), Want: `{"value":"closed"}`},
			{Do: ev("main/cs", `__pw("add", 1, 1).then(() => "resolved", e => e.message)`),
				Want: `{"value":"bridge: page.add to page world: extwasm: no page-world channel is connected"}`},
		},
	})
}

// pageWorldStrictHTML is a page whose CSP blocks WebAssembly in content scripts, so the content
// script's Go runs in the extension frame; the meta element makes it open the page-world channel
// on its own.
const pageWorldStrictHTML = `<!doctype html><html><head><title>strict</title><meta name="extwasm-pw-auto" content="1"></head><body><p>strict</p></body></html>`

func init() {
	ev := extwasmtest.Eval
	All = append(All, Scenario{
		Name: "page-world-channel-from-the-extension-frame",
		Doc: "On a page whose CSP (script-src 'self') blocks the content script's wasm, Go runs in the extension frame and " +
			"the page-world channel is still the content script's: Go opens it through the frame, the worker's " +
			"chrome.scripting injection into the main world is not blocked by the page's CSP, and the page world's " +
			"requests reach Go in the frame, which calls the page world back within one request.",
		Fixture: "gopage",
		Tabs:    []Tab{{Name: "main", Path: "/strict.html", HTML: pageWorldStrictHTML, CSP: "script-src 'self'"}},
		Steps: []Step{
			{Do: ev("main/cs", `extwasm.mode() + " " + extwasm.status()`), Want: `{"value":"frame ready"}`},
			{Do: extwasmtest.EvalStep{Realm: "main/page", Until: `self.pageChannel !== undefined`, Expr: `pageChannel.call("cs.echo", {text: "hi"})`},
				Want: `{"value":{"got":"hi","pageWorld":true,"pageHost":true}}`},
			{Do: ev("main/page", `pageChannel.call("cs.addThere", {a: 20, b: 22})`), Want: `{"value":{"sum":42}}`},
			{Do: ev("main/page", `pageChannel.call("cs.secret", {}).then(() => "resolved", e => e.code)`), Want: `{"value":"not_found"}`},
		},
	})
}
