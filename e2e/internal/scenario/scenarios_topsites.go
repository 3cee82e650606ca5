package scenario

import (
	"net/http"

	"github.com/extwasm/extwasm/extwasmtest"
)

func init() {
	All = append(All, Scenario{
		Name: "top-sites",
		Doc: "chrome.topSites.get in a new profile, before and after visits, by promise and by callback: Chromium 156 " +
			"answers its prepopulated list, ranking visited sites only later in the background (measured).",
		Fixture: "surfaceext",
		Handle:  map[string]http.Handler{"http://top.example/": historyWeb()},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", `(async () => { const a = await chrome.topSites.get();
				for (const u of ["http://top.example/one", "http://top.example/two", "http://top.example/one"]) {
					const t = await chrome.tabs.create({url: u});
					await new Promise((r) => { const l = (id, c) => { if (id === t.id && c.status === "complete") { chrome.tabs.onUpdated.removeListener(l); r(); } }; chrome.tabs.onUpdated.addListener(l); });
				} await new Promise((r) => setTimeout(r, 300)); const b = await chrome.topSites.get(); return [a, b, await new Promise((r) => chrome.topSites.get((x) => r(x)))]; })()`), Want: `{"value":[[{"title":"Web Store","url":"https://chrome.google.com/webstore?hl=en"}],[{"title":"Web Store","url":"https://chrome.google.com/webstore?hl=en"}],[{"title":"Web Store","url":"https://chrome.google.com/webstore?hl=en"}]]}`},
		},
	})
}
