package scenario

import (
	"time"

	"github.com/extwasm/extwasm/extwasmtest"
)

// contextShape maps getContexts' result to [contextType, sorted keys] pairs, leaving out the
// values that differ from run to run (ids).
const contextShape = `.then((l) => l.map((c) => [c.contextType, Object.keys(c).sort()]))`

const getContextsSig = "Error in invocation of runtime.getContexts(runtime.ContextFilter filter, optional function callback): "

func init() {
	All = append(All,
		Scenario{
			Name: "alarms-api",
			Doc:  "chrome.alarms results and errors: shape with persistAcrossSessions, default name, replacement, get/clear/clearAll values, rejections and throws (conformance-apis A1, A2, A4, A5, A6).",
			Steps: []Step{
				{Do: extwasmtest.Eval("worker", `Object.keys(chrome.alarms)`), Want: `{"value":["onAlarm","clear","clearAll","create","get","getAll"]}`},
				{Do: extwasmtest.Eval("worker", `chrome.alarms.create({delayInMinutes: 5}).then((v) => [v === undefined, chrome.alarms.get()]).then(([u, p]) => p.then((a) => [u, a.name, Object.keys(a).sort()]))`),
					Want: `{"value":[true,"",["name","persistAcrossSessions","scheduledTime"]]}`},
				{Do: extwasmtest.Eval("worker", `chrome.alarms.create("r", {delayInMinutes: 5, periodInMinutes: 5}).then(() => chrome.alarms.get("r")).then((a) => [a.periodInMinutes, a.persistAcrossSessions])`),
					Want: `{"value":[5,true]}`},
				{Do: extwasmtest.Eval("worker", `chrome.alarms.create("r", {delayInMinutes: 1}).then(() => chrome.alarms.getAll()).then((l) => l.map((a) => [a.name, "periodInMinutes" in a]))`),
					Want: `{"value":[["",false],["r",false]]}`},
				{Do: extwasmtest.Eval("worker", `new Promise((r) => chrome.alarms.get("missing", (...a) => r(a.length)))`), Want: `{"value":0}`},
				{Do: extwasmtest.Eval("worker", `Promise.all([chrome.alarms.clear("r"), chrome.alarms.clear("r"), chrome.alarms.clearAll(), chrome.alarms.clearAll(), chrome.alarms.getAll()])`),
					Want: `{"value":[true,false,true,true,[]]}`},
				{Do: extwasmtest.Eval("worker", `chrome.alarms.create("e", {}).catch((e) => e.message)`), Want: `{"value":"Must set at least one of when, delayInMinutes, or periodInMinutes."}`},
				{Do: extwasmtest.Eval("worker", `chrome.alarms.create("e", {when: Date.now(), delayInMinutes: 1}).catch((e) => e.message)`), Want: `{"value":"Cannot set both when and delayInMinutes."}`},
				{Do: extwasmtest.Eval("worker", `chrome.alarms.create("e", {name: "x", when: Date.now()}).catch((e) => e.message)`), Want: `{"value":"Cannot set alarm name in both separate argument and object form."}`},
				{Do: extwasmtest.Eval("worker", `chrome.alarms.create("e", {delayInMinutes: "1"})`),
					Want: `{"error":{"name":"TypeError","message":"Error in invocation of alarms.create(optional string name, alarms.AlarmCreateInfo alarmInfo, optional function callback): Error at parameter 'alarmInfo': Error at property 'delayInMinutes': Invalid type: expected number, found string."}}`},
				{Do: extwasmtest.Eval("worker", `chrome.alarms.create()`),
					Want: `{"error":{"name":"TypeError","message":"Error in invocation of alarms.create(optional string name, alarms.AlarmCreateInfo alarmInfo, optional function callback): No matching signature."}}`},
			},
		},
		Scenario{
			Name: "alarm-wakes-stopped-worker",
			Doc:  "An alarm due after the worker stopped starts a fresh worker whose top-level onAlarm listener gets it (conformance-apis A9; A8: unpacked alarms may be 1 s away, so Chromium needs only seconds).",
			Steps: []Step{
				{Do: extwasmtest.Eval("worker", `(self.old = true, chrome.alarms.create("wake", {delayInMinutes: 0.05}).then(() => true))`), Want: `{"value":true}`},
				{Do: extwasmtest.StopWorker()},
				{Do: extwasmtest.Wait(4500 * time.Millisecond)},
				{Do: extwasmtest.Eval("worker", `[self.old === undefined, self.alarmsFired.map((a) => [a.name, Object.keys(a).sort()])]`),
					Want: `{"value":[true,[["wake",["name","persistAcrossSessions","scheduledTime"]]]]}`},
				{Do: extwasmtest.Eval("worker", `chrome.alarms.getAll()`), Want: `{"value":[]}`},
			},
		},
		Scenario{
			Name: "on-installed",
			Doc:  "Loading the extension fires runtime.onInstalled with exactly {reason:\"install\"} and no onStartup (conformance-apis R1, R2).",
			Steps: []Step{
				// Chromium dispatches onInstalled after the worker's first run; a loaded machine reads self.installed before it.
				{Do: extwasmtest.EvalStep{Realm: "worker", Until: `self.installed.length > 0`, Expr: `[self.installed, self.startups]`},
					Want: `{"value":[[{"reason":"install"}],0]}`},
				{Do: extwasmtest.Eval("worker", `chrome.runtime.OnInstalledReason`),
					Want: `{"value":{"CHROME_UPDATE":"chrome_update","INSTALL":"install","SHARED_MODULE_UPDATE":"shared_module_update","UPDATE":"update"}}`},
			},
		},
		Scenario{
			Name: "get-contexts",
			Doc:  "runtime.getContexts lists the worker (no document fields) and the options page that openOptionsPage opened in a tab, not content scripts; filters and argument errors (conformance-apis R3, R4).",
			Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
			Steps: []Step{
				{Do: extwasmtest.Eval("worker", `chrome.runtime.getContexts({})`+contextShape),
					Want: `{"value":[["BACKGROUND",["contextId","contextType","frameId","incognito","tabId","windowId"]]]}`},
				{Do: extwasmtest.Eval("worker", `chrome.runtime.openOptionsPage().then((v) => v === undefined)`), Want: `{"value":true}`},
				// The tab's context is listed before its document commits; a loaded machine takes longer.
				{Do: extwasmtest.Eval("worker", `(async () => { for (let i = 0; i < 200; i++) {
					const l = await chrome.runtime.getContexts({contextTypes: ["TAB"]});
					if (l.length === 1 && l[0].documentUrl === chrome.runtime.getURL("options.html")) return true;
					await new Promise((r) => setTimeout(r, 50)); } return false; })()`), Want: `{"value":true}`},
				{Do: extwasmtest.Eval("worker", `chrome.runtime.getContexts({})`+contextShape),
					Want: `{"value":[["BACKGROUND",["contextId","contextType","frameId","incognito","tabId","windowId"]],["TAB",["contextId","contextType","documentId","documentOrigin","documentUrl","frameId","incognito","tabId","windowId"]]]}`},
				{Do: extwasmtest.Eval("worker", `chrome.runtime.getContexts({contextTypes: ["TAB"]}).then(([c]) => [c.documentUrl === chrome.runtime.getURL("options.html"), c.documentOrigin === "chrome-extension://{{ext}}", c.frameId, c.tabId > 0, c.tabId !== {{tab:main}}])`),
					Want: `{"value":[true,true,0,true,true]}`},
				{Do: extwasmtest.Eval("worker", `chrome.runtime.getContexts({tabIds: [-1], frameIds: [-1]}).then((l) => l.map((c) => c.contextType))`), Want: `{"value":["BACKGROUND"]}`},
				{Do: extwasmtest.Eval("worker", `chrome.runtime.getContexts({contextTypes: []})`), Want: `{"value":[]}`},
				{Do: extwasmtest.Eval("worker", `chrome.runtime.getContexts()`), Want: `{"error":{"name":"TypeError","message":"` + getContextsSig + `No matching signature."}}`},
				{Do: extwasmtest.Eval("worker", `chrome.runtime.getContexts({contextTypes: ["X"]})`),
					Want: `{"error":{"name":"TypeError","message":"` + getContextsSig + `Error at parameter 'filter': Error at property 'contextTypes': Error at index 0: Value must be one of BACKGROUND, DEVELOPER_TOOLS, OFFSCREEN_DOCUMENT, POPUP, SIDE_PANEL, TAB."}}`},
			},
		},
		Scenario{
			Name: "popup-context",
			Doc:  "chrome.action.openPopup opens the action popup: getContexts reports it as POPUP with no tab or window, and its messages carry only id, url and origin (measured beside conformance-apis R3).",
			Steps: []Step{
				{Do: extwasmtest.Eval("worker", `chrome.action.openPopup().then((v) => v === undefined)`), Want: `{"value":true}`},
				// The popup's script says hello once it runs; then its context is listed.
				{Do: extwasmtest.EvalStep{Realm: "worker", Until: `self.seen.some((s) => s.msg && s.msg.popup)`}, Want: `{"value":true}`},
				{Do: extwasmtest.Eval("worker", `chrome.runtime.getContexts({contextTypes: ["POPUP"]}).then((l) => l.map((c) => [Object.keys(c).sort(), c.documentUrl === chrome.runtime.getURL("popup.html"), c.frameId, c.tabId, c.windowId]))`),
					Want: `{"value":[[["contextId","contextType","documentId","documentOrigin","documentUrl","frameId","incognito","tabId","windowId"],true,0,-1,-1]]}`},
				{Do: extwasmtest.Eval("worker", `self.seen.filter((s) => s.msg && s.msg.popup).map(({sender}) => [Object.keys(sender), sender.url === chrome.runtime.getURL("popup.html"), sender.origin === location.origin])`),
					Want: `{"value":[[["id","url","origin"],true,true]]}`},
			},
		},
	)
}
