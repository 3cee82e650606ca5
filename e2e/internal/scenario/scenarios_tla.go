package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

func init() {
	All = append(All, Scenario{
		Name: "es-modules-top-level-await",
		Doc: `Top-level await in an extension page's module scripts that neither import nor export: ` +
			`each runs to its first await in document order, then resumes when what it awaits settles; this is undefined ` +
			`and import.meta.url is the module's (measured in Chromium 156). Chromium reports what such a module throws ` +
			`after an await as "Uncaught TypeError: …", not as a rejection (measured with make corpus's fixture run).`,
		Fixture: "tlaext",
		Tabs:    []Tab{{Name: "page", Path: "page.html", Extension: true}},
		Steps: []Step{
			{Do: extwasmtest.Eval("page/page", `self.tla`), Want: `{"value":{"file":"page.js","sameURL":true,"thisType":"undefined"}}`},
			{Do: extwasmtest.Eval("page/page", `self.order`), Want: `{"value":["classic","src before await","second before await","second after await","src after await"]}`},
		},
	})
}
