package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

func init() {
	All = append(All, Scenario{
		Name: "web-storage",
		Doc: "localStorage is per origin, shared by a page, its content scripts and the origin's other tabs, and kept across " +
			"navigations; sessionStorage is per tab and origin; values are strings; the Storage interface (measured in Chromium 156).",
		Tabs: []Tab{{Name: "one", Path: "/ws-a.html"}, {Name: "two", Path: "/ws-b.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("one/page", `(localStorage.clear(), sessionStorage.clear(), localStorage.setItem("a", 1), localStorage.b = {x: 1},
				sessionStorage.setItem("s", "one"), [localStorage.getItem("a"), localStorage.b, localStorage.length, localStorage.key(0) !== null,
				"a" in localStorage, Object.keys(localStorage).sort(), localStorage.getItem("nope"), localStorage.nope,
				Object.prototype.toString.call(localStorage), typeof Storage])`),
				Want: `{"value":["1","[object Object]",2,true,true,["a","b"],null,null,"[object Storage]","function"]}`},
			{Do: extwasmtest.Eval("one/cs", `[localStorage.getItem("a"), sessionStorage.getItem("s")]`), Want: `{"value":["1","one"]}`},
			{Do: extwasmtest.Eval("two/page", `[localStorage.getItem("a"), sessionStorage.getItem("s"), sessionStorage.length]`), Want: `{"value":["1",null,0]}`},
			{Do: extwasmtest.Eval("two/cs", `(localStorage.removeItem("b"), localStorage.setItem("c", "3"), [localStorage.length])`), Want: `{"value":[2]}`},
			{Do: extwasmtest.Navigate("one", "/ws-c.html")},
			{Do: extwasmtest.Eval("one/page", `[Object.keys(localStorage).sort(), sessionStorage.getItem("s"), (localStorage.clear(), localStorage.length)]`), Want: `{"value":[["a","c"],"one",0]}`},
		},
	})
}
