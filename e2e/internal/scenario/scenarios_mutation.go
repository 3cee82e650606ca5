package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// mutationCSSetup observes the page's body from the content script's world.
const mutationCSSetup = `(() => {
	self.csLog = [];
	new MutationObserver((rs) => { for (const r of rs) csLog.push(r.type + ":" + r.target.nodeName + ":" + r.addedNodes.length + "/" + r.removedNodes.length + ":" + r.attributeName + ":" + r.oldValue); })
		.observe(document.body, {childList: true, subtree: true, attributes: true, attributeOldValue: true});
	return "observing";
})()`

// mutationPageProbe changes the page from its own world, with an observer of its own: records
// come after the script, before a promise queued after the changes, one per innerHTML and
// textContent, and the option errors are Chromium's.
const mutationPageProbe = `(async () => {
	const log = [], out = [];
	const t = (f) => { try { f(); out.push("no error"); } catch (e) { out.push(e.message); } };
	t(() => new MutationObserver(() => {}).observe(document.body, {}));
	t(() => new MutationObserver(() => {}).observe(document.body, {attributes: false, attributeOldValue: true}));
	const d = document.createElement("div");
	document.body.appendChild(d);
	const o = new MutationObserver((rs) => { for (const r of rs) log.push(r.type + ":" + r.addedNodes.length + "/" + r.removedNodes.length + ":" + r.attributeName + ":" + r.oldValue); });
	o.observe(d, {childList: true, attributes: true, attributeOldValue: true, characterData: true, subtree: true});
	d.innerHTML = "<b>1</b><i>2</i>";
	d.textContent = "t";
	d.id = "q";
	d.id = "r";
	d.firstChild.data = "u";
	const sync = log.length;
	await Promise.resolve();
	out.push("sync " + sync, log.join(" | "));
	o.disconnect();
	d.id = "s";
	await new Promise((r) => setTimeout(r, 0));
	out.push("after disconnect " + log.length);
	return out;
})()`

// mutationPageWant and mutationCSWant are what Chromium 156 gave (hostsim agrees): the content
// script's observer sees the page's changes too, in its own world.
const mutationPageWant = `{"value":["Failed to execute 'observe' on 'MutationObserver': The options object must set at least one of 'attributes', 'characterData', or 'childList' to true.",` +
	`"Failed to execute 'observe' on 'MutationObserver': The options object may only set 'attributeOldValue' to true when 'attributes' is true or not present.",` +
	`"sync 0","childList:2/0:null:null | childList:1/2:null:null | attributes:0/0:id:null | attributes:0/0:id:q | characterData:0/0:null:null","after disconnect 5"]}`

const mutationCSWant = `{"value":["childList:BODY:1/0:null:null","childList:DIV:2/0:null:null","childList:DIV:1/2:null:null","attributes:DIV:0/0:id:null","attributes:DIV:0/0:id:q","attributes:DIV:0/0:id:r"]}`

func init() {
	All = append(All, Scenario{
		Name: "dom-mutation-observer",
		Doc:  "MutationObserver in the page and in a content script observing the page's changes (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/cs", mutationCSSetup), Want: `{"value":"observing"}`},
			{Do: extwasmtest.Eval("main/page", mutationPageProbe), Want: mutationPageWant},
			{Do: extwasmtest.Eval("main/cs", `new Promise((r) => setTimeout(() => r(csLog), 0))`), Want: mutationCSWant},
		},
	})
}
