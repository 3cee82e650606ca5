package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

func init() {
	All = append(All, Scenario{
		Name: "tabs-own-pages",
		Doc: "Without the tabs permission or host permissions, tabs.query gives no url or title for another page's tab but " +
			"does for a tab showing the extension's own page, in the worker and in that page (measured in Chromium 156).",
		Fixture: "owntabext",
		Tabs:    []Tab{{Name: "own", Path: "page.html", Extension: true}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", noID+` chrome.tabs.create({url: "data:text/html,<title>web</title>", active: false}).then((created) => new Promise((r) => {
				const look = () => chrome.tabs.query({}).then((all) => {
					const ts = all.filter((t) => t.id === created.id || t.id === {{tab:own}});
					ts.every((t) => t.status === "complete") ? r(ts) : setTimeout(look, 20);
				});
				look();
			})).then((ts) => noID(ts.map((t) => [t.url ?? null, t.title ?? null]).sort()))`),
				Want: `{"value":[[null,null],["chrome-extension://\u003cid\u003e/page.html","own page"]]}`},
			{Do: extwasmtest.Eval("own/page", noID+` chrome.tabs.query({active: true, currentWindow: true}).then((ts) => noID(ts.map((t) => [t.url ?? null, t.title ?? null])))`),
				Want: `{"value":[["chrome-extension://\u003cid\u003e/page.html","own page"]]}`},
		},
	})
}
