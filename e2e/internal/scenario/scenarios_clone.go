package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

// Structured-clone messaging (conformance 99): the scclone fixture's manifest sets
// "message_serialization": "structured_clone". A content script sends each value to the worker,
// which echoes it; describe (testdata/scext/describe.js) says what came back, with the types JSON
// would lose. The expected results are what Chromium 156 delivered.

// cloneKept are values structured clone carries, with the description of what arrives.
var cloneKept = []struct{ name, expr, back string }{
	{"bytes", `new Uint8Array([1, 2, 255])`, `{"Uint8Array":[1,2,255]}`},
	{"arraybuffer", `new Uint8Array([7, 8]).buffer`, `{"ArrayBuffer":[7,8]}`},
	{"float64", `new Float64Array([0.5, -2])`, `{"Float64Array":[0.5,-2]}`},
	{"dataview", `new DataView(new Uint8Array([1, 2]).buffer)`, `{"DataView":[]}`},
	{"date", `new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6))`, `{"Date":"2026-01-02T03:04:05.006Z"}`},
	{"invalid-date", `new Date(NaN)`, `{"Date":"Invalid"}`},
	{"map", `new Map([["a", 1], [2, {b: true}]])`, `{"Map":[["a",1],[2,{"object":"Object","entries":[["b",true]]}]]}`},
	{"set", `new Set(["x", 1, "x"])`, `{"Set":["x",1]}`},
	{"bigint", `({n: 12345678901234567890123n, neg: -1n})`, `{"object":"Object","entries":[["n",{"bigint":"12345678901234567890123"}],["neg",{"bigint":"-1"}]]}`},
	{"numbers", `[NaN, Infinity, -Infinity, -0, 1.5]`, `{"Array":[{"number":"NaN"},{"number":"Infinity"},{"number":"-Infinity"},{"number":"-0"},1.5],"length":5}`},
	{"cycle", `(() => { const o = {name: "root"}; o.self = o; o.list = [o]; return o; })()`, `{"object":"Object","entries":[["name","root"],["self",{"ref":0}],["list",{"Array":[{"ref":0}],"length":1}]]}`},
	{"error", `(() => { const e = new TypeError("bad"); e.extra = 1; return e; })()`, `{"Error":["Error","TypeError","TypeError","bad",[]]}`},
	{"range-error", `new RangeError("r")`, `{"Error":["Error","RangeError","RangeError","r",[]]}`},
	{"class", `new (class Point { constructor() { this.x = 1; } get y() { return 2; } })()`, `{"object":"Object","entries":[["x",1]]}`},
	{"undefined-members", `({a: undefined, b: [undefined, 1]})`, `{"object":"Object","entries":[["a",{"undefined":true}],["b",{"Array":[{"undefined":true},1],"length":2}]]}`},
	{"undefined", `undefined`, `{"undefined":true}`},
	{"sparse", `(() => { const a = [1, , 3]; a.length = 5; a.k = "v"; return a; })()`, `{"Array":[1,{"hole":true},3,{"hole":true},{"hole":true}],"length":5,"extra":["k"]}`},
	{"regexp", `/a+b/gi`, `{"RegExp":"/a+b/gi"}`},
	{"boxed", `[new Number(3), new String("s"), new Boolean(false)]`, `{"Array":[{"NumberObject":3},{"StringObject":"s"},{"BooleanObject":false}],"length":3}`},
	{"order", `({b: 1, a: 2, 1: "one", 0: "zero"})`, `{"object":"Object","entries":[["0","zero"],["1","one"],["b",1],["a",2]]}`},
	{"getter", `({get g() { return 5; }})`, `{"object":"Object","entries":[["g",5]]}`},
}

// cloneRefused are values structured clone refuses: the send fails synchronously with the same
// text as an unserializable JSON message (conformance 96), not a DataCloneError. A toJSON method
// is a function member like any other: it is not called, it makes the message unserializable.
var cloneRefused = []struct{ name, expr string }{
	{"function", `() => 1`},
	{"function-member", `({f() {}})`},
	{"tojson", `({toJSON() { return "json"; }, v: 1})`},
	{"symbol", `Symbol("s")`},
	{"symbol-member", `({a: 1, s: Symbol("x")})`},
	{"weakmap", `new WeakMap()`},
	{"promise", `Promise.resolve(1)`},
	{"dom-node", `document.body`},
	{"throwing-getter", `({get g() { throw new Error("getter"); }})`},
}

// sendMessageUnserializable is runtime.sendMessage's invocation error for such a message.
const sendMessageUnserializable = `["TypeError","TypeError","Error in invocation of runtime.sendMessage(optional string extensionId, any message, optional object options, optional function callback): ` + chromefacts.ErrCouldNotSerialize + `"]`

func init() {
	var one, port, refused []Step
	for _, p := range cloneKept {
		want := `{"value":{"back":` + p.back + `}}`
		one = append(one, Step{Do: extwasmtest.Eval("main/cs", `roundTrip(`+p.expr+`) /* `+p.name+` */`), Want: want})
		port = append(port, Step{Do: extwasmtest.Eval("main/cs", `portTrip(`+p.expr+`) /* `+p.name+` */`), Want: want})
	}
	for _, p := range cloneRefused {
		refused = append(refused,
			Step{Do: extwasmtest.Eval("main/cs", `thrown(() => chrome.runtime.sendMessage(`+p.expr+`)) /* `+p.name+` */`),
				Want: `{"value":` + sendMessageUnserializable + `}`},
			Step{Do: extwasmtest.Eval("main/cs", `thrown(() => chrome.runtime.connect({name: "e"}).postMessage(`+p.expr+`)) /* `+p.name+` */`),
				Want: `{"value":["Error","Error","` + chromefacts.ErrCouldNotSerialize + `"]}`},
		)
	}
	refused = append(refused,
		// sendResponse(function) throws in the listener and rejects the sender (conformance 26, 36).
		Step{Do: extwasmtest.Eval("main/cs", `chrome.runtime.sendMessage({mode: "function-reply"}).then(() => "resolved", (e) => [e.constructor.name, e.message])`),
			Want: `{"value":["Error","` + chromefacts.ErrCouldNotSerialize + `"]}`},
		Step{Do: extwasmtest.Eval("worker", `self.replyError`), Want: `{"value":["TypeError","` + chromefacts.ErrCouldNotSerialize + `"]}`},
		// Nothing refused reached the worker; only the function-reply request did.
		Step{Do: extwasmtest.Eval("worker", `self.seen.length`), Want: `{"value":1}`},
	)
	tabs := []Tab{{Name: "main", Path: "/plain.html"}}
	All = append(All,
		Scenario{Name: "clone-onetime", Fixture: "scext", Tabs: tabs, Steps: one,
			Doc: "Structured clone keeps bytes, dates, big integers, maps, sets, NaN/-0, undefined, holes and cycles over sendMessage and its reply (99)."},
		Scenario{Name: "clone-port", Fixture: "scext", Tabs: tabs, Steps: port,
			Doc: "The same values over a port, both ways (99)."},
		Scenario{Name: "clone-refused", Fixture: "scext", Tabs: tabs, Steps: refused,
			Doc: "Functions, symbols, promises, weak collections and DOM nodes make a structured-clone message unserializable, with JSON's texts (96, 99, 26, 36, 60)."},
	)
}
