package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

// asyncClosed is Chrome's text for a promised reply that never came (conformance 24), as a JSON string.
const asyncClosed = `"` + chromefacts.ErrAsyncResponseChannelClosed + `"`

// noReceiver is Chrome's text for a message nobody listens to, as a JSON string.
const noReceiver = `"` + chromefacts.ErrReceivingEndDoesNotExist + `"`

// framesHTML is a page with two child frames.
const framesHTML = `<!doctype html><iframe src="/child-a.html"></iframe><iframe src="/child-b.html"></iframe>`

// onConnectRecorder makes a content script record port events in self.events.
const onConnectRecorder = `(() => { self.events = []; chrome.runtime.onConnect.addListener((port) => { self.port = port;
	port.onMessage.addListener((m) => { self.events.push("msg " + JSON.stringify(m)); port.postMessage({got: m}); });
	port.onDisconnect.addListener(() => self.events.push("disconnect " + (chrome.runtime.lastError ? chrome.runtime.lastError.message : "none"))); }); return true; })()`

// openerRecorder opens a port from the worker to every frame of the tab and records its events.
const openerRecorder = `(() => { self.events = []; self.p = chrome.tabs.connect({{tab:main}}, {name: "fan"});
	self.p.onMessage.addListener((m) => self.events.push("msg " + JSON.stringify(m)));
	self.p.onDisconnect.addListener(() => self.events.push("disconnect " + (chrome.runtime.lastError ? chrome.runtime.lastError.message : "none"))); return true; })()`

const settle = `new Promise((r) => setTimeout(() => r(self.events), 50))`

// All are the shared conformance scenarios.
var All = []Scenario{
	{
		Name: "no-receiver",
		Doc:  "Nobody listens: promise rejects, callback gets lastError, connect gets onDisconnect with it (38, 40, 56; chromium.md §5a, §5e).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", `chrome.runtime.sendMessage({}).catch((e) => e.message)`), Want: `{"value":` + noReceiver + `}`},
			{Do: extwasmtest.Eval("worker", `chrome.tabs.sendMessage(999999, {}).catch((e) => e.message)`), Want: `{"value":` + noReceiver + `}`},
			{Do: extwasmtest.Eval("worker", `new Promise((r) => chrome.tabs.sendMessage({{tab:main}}, {}, () => r(chrome.runtime.lastError.message)))`), Want: `{"value":` + noReceiver + `}`},
			{Do: extwasmtest.Eval("worker", `new Promise((r) => chrome.tabs.connect({{tab:main}}).onDisconnect.addListener(() => r(chrome.runtime.lastError.message)))`), Want: `{"value":` + noReceiver + `}`},
		},
	},
	{
		Name: "no-reply",
		Doc:  "Listeners exist but none replies: the promise resolves undefined, the callback gets the port-closed lastError (39; chromium.md §5b).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/cs", `chrome.runtime.sendMessage({mode: "none"}).then((v) => v === undefined)`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/cs", `new Promise((r) => chrome.runtime.sendMessage({mode: "none"}, (...a) => r([a.length, chrome.runtime.lastError.message])))`),
				Want: `{"value":[0,"` + chromefacts.ErrPortClosedBeforeResponse + `"]}`},
		},
	},
	{
		Name: "first-reply-wins",
		Doc:  "Two listeners answer: the first in time wins, a later sendResponse is a silent no-op (20; chromium.md §5d).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/cs", `(chrome.runtime.onMessage.addListener((m, s, r) => { setTimeout(() => r("slow"), 30); return true; }),
				chrome.runtime.onMessage.addListener((m, s, r) => { setTimeout(() => { r("fast"); self.again = r("again"); }, 5); return true; }), true)`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", `chrome.tabs.sendMessage({{tab:main}}, {})`), Want: `{"value":"fast"}`},
			{Do: extwasmtest.Eval("main/cs", `self.again === undefined`), Want: `{"value":true}`},
		},
	},
	{
		Name: "async-reply-after-worker-stop",
		Doc:  "A listener returned true and the worker stops before answering: the sender rejects with the async-response text (24, 106; chromium.md §5c).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/cs", `(self.pending = chrome.runtime.sendMessage({mode: "never"}).then(() => "resolved", (e) => e.message), true)`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/cs", `new Promise((r) => setTimeout(() => r(true), 50))`), Want: `{"value":true}`},
			{Do: extwasmtest.StopWorker()},
			{Do: extwasmtest.Eval("main/cs", `self.pending`), Want: `{"value":` + asyncClosed + `}`},
		},
	},
	{
		Name: "port-fan-out-across-frames",
		Doc:  "tabs.connect without frameId reaches every frame; the opener's post reaches all of them and every reply comes back to it (49).",
		Tabs: []Tab{{Name: "main", Path: "/frames.html", HTML: framesHTML}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/cs", onConnectRecorder), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/frame1/cs", onConnectRecorder), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/frame2/cs", onConnectRecorder), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", openerRecorder), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", `(self.p.postMessage("hi"), true)`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", settle), Want: `{"value":["msg {\"got\":\"hi\"}","msg {\"got\":\"hi\"}","msg {\"got\":\"hi\"}"]}`},
			{Do: extwasmtest.Eval("main/frame2/cs", `self.events`), Want: `{"value":["msg \"hi\""]}`},
		},
	},
	{
		Name: "port-left-alone",
		Doc: "Every receiver leaves the port alone (its onConnect listener neither listens, posts nor disconnects): the opener's port stays " +
			"open, its posts go nowhere and throw nothing, and it ends only when the receiver's context does, with no lastError (50, 55, 56).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/cs", `(self.events = [], self.lonely = chrome.runtime.connect({name: "ignore"}),
				self.lonely.onMessage.addListener((m) => self.events.push("msg " + JSON.stringify(m))),
				self.lonely.onDisconnect.addListener(() => self.events.push("disconnect " + (chrome.runtime.lastError ? chrome.runtime.lastError.message : "none"))),
				self.lonely.postMessage("anyone?"), true)`), Want: `{"value":true}`},
			{Do: extwasmtest.EvalStep{Realm: "worker", Until: `self.ignored === 1`}, Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/cs", `new Promise((r) => setTimeout(() => r((self.lonely.postMessage("still?"), self.events)), 500))`), Want: `{"value":[]}`},
			{Do: extwasmtest.StopWorker()},
			{Do: extwasmtest.EvalStep{Realm: "main/cs", Expr: `self.events`, Until: `self.events.length > 0`}, Want: `{"value":["disconnect none"]}`},
		},
	},
	{
		Name: "disconnect-rules",
		Doc:  "One receiver disconnects: only the opener hears it (no lastError); siblings get nothing and their posts are dropped; posting after onDisconnect throws (52, 53, 56, 59; chromium.md §5f).",
		Tabs: []Tab{{Name: "main", Path: "/frames.html", HTML: framesHTML}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/cs", onConnectRecorder), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/frame1/cs", onConnectRecorder), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", openerRecorder), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", settle), Want: `{"value":[]}`},
			{Do: extwasmtest.Eval("main/frame1/cs", `(self.port.disconnect(), self.port.disconnect(), true)`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", settle), Want: `{"value":["disconnect none"]}`},
			{Do: extwasmtest.Eval("main/cs", `(self.port.postMessage("void"), self.events)`), Want: `{"value":[]}`},
			{Do: extwasmtest.Eval("worker", `self.p.postMessage(1)`), Want: `{"error":{"name":"Error","message":"` + chromefacts.ErrDisconnectedPort + `"}}`},
		},
	},
	{
		Name: "navigation",
		Doc:  "Navigating away fails a promised reply, disconnects ports without lastError, and gives the new document a new documentId and a fresh content script (50, 58; chromium.md §5c).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/cs", `(chrome.runtime.onMessage.addListener(() => true), self.docId = null, true)`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/cs", `(chrome.runtime.onConnect.addListener(() => {}), true)`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", `(self.pending = chrome.tabs.sendMessage({{tab:main}}, {}).then(() => "resolved", (e) => e.message), self.events = [],
				chrome.tabs.connect({{tab:main}}).onDisconnect.addListener(() => self.events.push(chrome.runtime.lastError === undefined)), true)`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", `new Promise((r) => setTimeout(() => r(true), 50))`), Want: `{"value":true}`},
			{Do: extwasmtest.Navigate("main", "/next.html")},
			{Do: extwasmtest.Eval("worker", `Promise.all([self.pending, new Promise((r) => setTimeout(() => r(self.events), 50))])`), Want: `{"value":[` + asyncClosed + `,[true]]}`},
			{Do: extwasmtest.Eval("main/cs", `[self.csLoaded, location.pathname]`), Want: `{"value":[1,"/next.html"]}`},
		},
	},
	{
		Name: "json-mangling",
		Doc:  "Messages travel as JSON (94–97; chromium.md §5g).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/cs", `chrome.runtime.sendMessage({mode: "echo", v: {a: undefined, b: NaN, i: -Infinity, z: -0, d: new Date(0), m: new Map([[1, 2]]),
				s: new Set([1]), u: new Uint8Array([1, 2]), arr: [1, undefined, () => 1], t: {x: 1, toJSON: () => "j"}}})`),
				Want: `{"value":{"b":null,"i":null,"z":0,"d":"1970-01-01T00:00:00.000Z","m":{},"s":{},"u":{"0":1,"1":2},"arr":[1,null,null],"t":"j"}}`},
			{Do: extwasmtest.Eval("main/cs", `chrome.runtime.sendMessage(undefined, {mode: "echo"}).then((v) => v === undefined ? "undefined" : v)`), Want: `{"value":null}`},
			{Do: extwasmtest.Eval("main/cs", `chrome.runtime.sendMessage({n: 1n})`),
				Want: `{"error":{"name":"TypeError","message":"Error in invocation of runtime.sendMessage(optional string extensionId, any message, optional object options, optional function callback): Could not serialize message."}}`},
			{Do: extwasmtest.Eval("main/cs", `chrome.runtime.connect().postMessage({n: 1n})`), Want: `{"error":{"name":"Error","message":"Could not serialize message."}}`},
		},
	},
	{
		Name: "size-limit",
		Doc:  "64 MiB of UTF-8 JSON passes, one byte more throws synchronously; a too-large reply rejects (98; chromium.md §5h).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/cs", `chrome.runtime.sendMessage("x".repeat(67108862)).then(() => "sent")`), Want: `{"value":"sent"}`},
			{Do: extwasmtest.Eval("main/cs", `(() => { chrome.runtime.sendMessage("x".repeat(67108863)); })()`),
				Want: `{"error":{"name":"TypeError","message":"Error in invocation of runtime.sendMessage(optional string extensionId, any message, optional object options, optional function callback): Message exceeded maximum allowed size of 64MiB."}}`},
			{Do: extwasmtest.Eval("main/cs", `chrome.runtime.sendMessage({mode: "big", n: 67108863}).catch((e) => e.message)`), Want: `{"value":"` + chromefacts.ErrMessageTooLarge + `"}`},
		},
	},
}
