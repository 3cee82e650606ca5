package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// navigatorLegacy reads navigator's legacy identity members, which platform sniffing still uses,
// and WebHID's entry point.
const navigatorLegacy = `(async () => {
	const hid = navigator.hid;
	const out = {appVersion: navigator.appVersion, appName: navigator.appName, appCodeName: navigator.appCodeName,
		product: navigator.product, productSub: navigator.productSub, vendorSub: navigator.vendorSub,
		hid: Object.prototype.toString.call(hid)};
	if (hid) {
		out.hidMembers = ["getDevices", "requestDevice", "addEventListener", "onconnect", "ondisconnect"].map((k) => k + ":" + typeof hid[k]);
		out.hidIsEventTarget = hid instanceof EventTarget;
		out.devices = await hid.getDevices();
		out.request = typeof hid.requestDevice !== "function" ? "none" : await hid.requestDevice({filters: []}).then((d) => ["resolved", d], (e) => [e.name, e.message]);
	}
	return out;
})()`

// What Chromium 156 gives: the worker's navigator lacks productSub and vendorSub and its HID has
// no requestDevice; a document's HID refuses requestDevice without a user gesture.
const (
	hidWorkerWant = `{"value":{"appCodeName":"Mozilla","appName":"Netscape","appVersion":"5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36","devices":[],"hid":"[object HID]","hidIsEventTarget":true,"hidMembers":["getDevices:function","requestDevice:undefined","addEventListener:function","onconnect:object","ondisconnect:object"],"product":"Gecko","request":"none"}}`
	hidWindowWant = `{"value":{"appCodeName":"Mozilla","appName":"Netscape","appVersion":"5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36","devices":[],"hid":"[object HID]","hidIsEventTarget":true,"hidMembers":["getDevices:function","requestDevice:function","addEventListener:function","onconnect:object","ondisconnect:object"],"product":"Gecko","productSub":"20030107","request":["SecurityError","Failed to execute 'requestDevice' on 'HID': Must be handling a user gesture to show a permission request."],"vendorSub":""}}`
)

func init() {
	All = append(All, Scenario{
		Name: "navigator-legacy-and-hid",
		Doc: "navigator's legacy members (appVersion, appName, …), which platform sniffing reads, and navigator.hid with no device " +
			"attached, in the worker, a web page (loopback http is a secure context), its content script and an extension page " +
			"(measured in Chromium 156).",
		Fixture: "cspagesext",
		Tabs:    []Tab{{Name: "main", Path: "/plain.html"}, {Name: "ext", Path: "page.html", Extension: true}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", navigatorLegacy), Want: hidWorkerWant},
			{Do: extwasmtest.Eval("main/page", navigatorLegacy), Want: hidWindowWant},
			{Do: extwasmtest.Eval("main/cs", navigatorLegacy), Want: hidWindowWant},
			{Do: extwasmtest.Eval("ext/page", navigatorLegacy), Want: hidWindowWant},
		},
	})
}
