package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// zoomTry defines zoomTry, which runs f and gives its value, or the name and message of what it
// threw or rejected with.
const zoomTry = `var zoomTry = async (f) => { try { const v = await f(); return v === undefined ? "undefined" : v; } catch (e) { return e.name + ": " + e.message; } };`

func init() {
	All = append(All, Scenario{
		Name: "tabs-zoom",
		Doc: "tabs zoom: getZoom, setZoom (per-origin by default, so the other tab of the host follows; factors are powers " +
			"of 1.2; 0 or less is the default), getZoomSettings, setZoomSettings (per-tab scope, disabled and manual modes) " +
			"and the No tab errors (measured in Chromium 156; onZoomChange is left out, hostsim does not fire it).",
		Tabs: []Tab{{Name: "a", Path: "/plain.html"}, {Name: "b", Path: "/other.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", zoomTry+` (async () => [await zoomTry(() => chrome.tabs.getZoom({{tab:a}})),
				await zoomTry(() => chrome.tabs.getZoomSettings({{tab:a}})), await zoomTry(() => chrome.tabs.setZoom({{tab:a}}, 1.5)),
				await zoomTry(() => chrome.tabs.getZoom({{tab:a}})), await zoomTry(() => chrome.tabs.getZoom({{tab:b}}))])()`),
				Want: `{"value":[1,{"defaultZoomFactor":1,"mode":"automatic","scope":"per-origin"},"undefined",1.5,1.5]}`},
			// Factors come back through zoom levels (log base 1.2) in both, rounded in the last digits
			// differently (Chromium gives 10.000000000000004 for 10, hostsim 10.000000000000005), so
			// only the calls are compared here.
			{Do: extwasmtest.Eval("worker", zoomTry+` (async () => [await zoomTry(() => chrome.tabs.setZoom({{tab:a}}, 10)),
				(await chrome.tabs.getZoom({{tab:a}})).toFixed(6), await zoomTry(() => chrome.tabs.setZoom({{tab:a}}, 0.1)),
				(await chrome.tabs.getZoom({{tab:b}})).toFixed(6), await zoomTry(() => chrome.tabs.setZoom({{tab:a}}, -1)),
				await zoomTry(() => chrome.tabs.getZoom({{tab:a}})), await zoomTry(() => chrome.tabs.getZoom(987654)),
				await zoomTry(() => chrome.tabs.setZoom(987654, 1)), await zoomTry(() => chrome.tabs.getZoomSettings(987654))])()`),
				Want: `{"value":["undefined","10.000000","undefined","0.100000","undefined",1,` +
					`"Error: No tab with id: 987654.","Error: No tab with id: 987654.","Error: No tab with id: 987654."]}`},
			{Do: extwasmtest.Eval("worker", zoomTry+` (async () => [await zoomTry(() => chrome.tabs.setZoomSettings({{tab:b}}, {scope: "per-tab"})),
				await zoomTry(() => chrome.tabs.getZoomSettings({{tab:b}})), await zoomTry(() => chrome.tabs.getZoom({{tab:b}})),
				await zoomTry(() => chrome.tabs.setZoom({{tab:b}}, 2)), await zoomTry(() => chrome.tabs.getZoom({{tab:a}})),
				await zoomTry(() => chrome.tabs.getZoom({{tab:b}})), await zoomTry(() => chrome.tabs.setZoom({{tab:a}}, 0)),
				await zoomTry(() => chrome.tabs.getZoom({{tab:a}})), await zoomTry(() => chrome.tabs.setZoomSettings({{tab:a}}, {mode: "disabled"})),
				await zoomTry(() => chrome.tabs.getZoomSettings({{tab:a}})),
				await zoomTry(() => chrome.tabs.setZoomSettings({{tab:a}}, {mode: "manual", scope: "per-tab"})),
				await zoomTry(() => chrome.tabs.getZoomSettings({{tab:a}}))])()`),
				Want: `{"value":["undefined",{"defaultZoomFactor":1,"mode":"automatic","scope":"per-tab"},1,"undefined",1,2,"undefined",1,` +
					`"undefined",{"defaultZoomFactor":1,"mode":"disabled","scope":"per-tab"},"undefined",{"defaultZoomFactor":1,"mode":"manual","scope":"per-tab"}]}`},
		},
	})
}
