package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// Typed Go routes under both message serializations: the fixtures goclone (structured_clone) and
// gojson (the default) run the same Go worker (testdata/wasm/clone). Under structured clone []byte,
// time.Time and *big.Int cross as Uint8Array, Date and BigInt; in JSON as base64, RFC 3339 and a
// number. Either way the Go handler sees the same values (len, sum, millis, next).

func init() {
	tabs := []Tab{{Name: "main", Path: "/plain.html"}}
	// seen is the description of the Seen reply for Data [1 2 255], 2026-01-02T03:04:05.006Z and N.
	seen := func(echo, n, next string) string {
		return `{"value":{"object":"Object","entries":[["extwasm",1],["ok",true],["body",{"object":"Object","entries":[` +
			`["echo",` + echo + `],["len",3],["sum",258],["millis",1767323045006],["next","` + next + `"]]}]]}}`
	}
	asked := func(echo string) string {
		return `{"value":{"object":"Object","entries":[["extwasm",1],["ok",true],["body",{"object":"Object","entries":[` +
			`["echo",` + echo + `],["len",4],["sum",256],["millis",1778051289010],["next","-98"]]}]]}}`
	}
	All = append(All,
		Scenario{Name: "go-typed-route-structured-clone", Fixture: "goclone", Tabs: tabs,
			Doc: "A typed Go route under structured clone: []byte, time.Time, *big.Int and a map tagged extwasm:map arrive from JS as Uint8Array, Date, BigInt and Map and go back as them, both ways and on a port; a plain string where Go wants []byte is refused (99).",
			Steps: []Step{
				{Do: extwasmtest.Eval("main/cs", `call("clone.echo", {data: new Uint8Array([1, 2, 255]), at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)), n: 12345678901234567890123n, tags: new Map([["a", 1]])})`),
					Want: seen(`{"object":"Object","entries":[["data",{"Uint8Array":[1,2,255]}],["at",{"Date":"2026-01-02T03:04:05.006Z"}],["n",{"bigint":"12345678901234567890123"}],["tags",{"Map":[["a",1]]}]]}`, "", "12345678901234567890124")},
				{Do: extwasmtest.Eval("main/cs", `call("clone.ask", {tab: {{tab:main}}})`),
					Want: asked(`{"object":"Object","entries":[["data",{"Uint8Array":[1,2,3,250]}],["at",{"Date":"2026-05-06T07:08:09.010Z"}],["n",{"bigint":"-99"}]]}`)},
				{Do: extwasmtest.Eval("main/cs", `self.asked`),
					Want: `{"value":{"object":"Object","entries":[["data",{"Uint8Array":[9,8,7]}],["at",{"Date":"2026-01-02T03:04:05.006Z"}],["n",{"bigint":"41"}]]}}`},
				{Do: extwasmtest.Eval("main/cs", `call("clone.echo", {data: "AQL/", at: new Date(0)}).then((d) => d.entries[2][1].entries[0])`),
					Want: `{"value":["code","invalid"]}`},
				{Do: extwasmtest.Eval("main/cs", `portCall({data: new Uint8Array([1, 2, 255]), at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)), n: 7n})`),
					Want: `{"value":{"object":"Object","entries":[["echo",{"object":"Object","entries":[["data",{"Uint8Array":[1,2,255]}],["at",{"Date":"2026-01-02T03:04:05.006Z"}],["n",{"bigint":"7"}]]}],["len",3],["sum",258],["millis",1767323045006],["next","8"]]}}`},
			}},
		Scenario{Name: "go-typed-route-json", Fixture: "gojson", Tabs: tabs,
			Doc: "The same typed Go route in JSON (94): []byte as base64, time.Time as RFC 3339, *big.Int as a number.",
			Steps: []Step{
				{Do: extwasmtest.Eval("main/cs", `call("clone.echo", {data: "AQL/", at: "2026-01-02T03:04:05.006Z", n: 123, tags: {a: 1}})`),
					Want: seen(`{"object":"Object","entries":[["data","AQL/"],["at","2026-01-02T03:04:05.006Z"],["n",123],["tags",{"object":"Object","entries":[["a",1]]}]]}`, "", "124")},
				{Do: extwasmtest.Eval("main/cs", `call("clone.ask", {tab: {{tab:main}}})`),
					Want: asked(`{"object":"Object","entries":[["data","AQID+g=="],["at","2026-05-06T07:08:09.01Z"],["n",-99]]}`)},
				{Do: extwasmtest.Eval("main/cs", `self.asked`),
					Want: `{"value":{"object":"Object","entries":[["data","CQgH"],["at","2026-01-02T03:04:05.006Z"],["n",41]]}}`},
				{Do: extwasmtest.Eval("main/cs", `portCall({data: "AQL/", at: "2026-01-02T03:04:05.006Z", n: 7})`),
					Want: `{"value":{"object":"Object","entries":[["echo",{"object":"Object","entries":[["data","AQL/"],["at","2026-01-02T03:04:05.006Z"],["n",7]]}],["len",3],["sum",258],["millis",1767323045006],["next","8"]]}}`},
			}},
	)
}
