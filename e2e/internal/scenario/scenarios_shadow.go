package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// shadowProbe is what a content script does to show its own UI on a page without the page's CSS
// or scripts reaching it: a host element with a shadow root, and what the page can and cannot see.
const shadowProbe = `(() => {
	const out = [];
	const err = (f) => { try { f(); return "no error"; } catch (e) { return [e.name, e.message]; } };
	const host = document.createElement("div");
	host.id = "ext-host";
	const root = host.attachShadow({mode: "open"});
	out.push(["types", root.constructor.name, root instanceof DocumentFragment, root.nodeType, root.nodeName, root.mode, root.host === host, host.shadowRoot === root, root.parentNode, root.delegatesFocus]);
	root.innerHTML = '<style>p { color: red }</style><p id="inner" class="x">in the shadow</p><button id="btn">b</button>';
	out.push(["before connect", root.isConnected, root.getElementById("inner").isConnected]);
	document.body.appendChild(host);
	const inner = root.getElementById("inner");
	out.push(["connected", root.isConnected, inner.isConnected, inner.getRootNode() === root, inner.getRootNode({composed: true}) === document, root.getRootNode() === root]);
	out.push(["page sees", document.getElementById("inner"), document.querySelector("#inner"), document.querySelectorAll(".x").length, host.children.length, host.innerHTML, root.querySelector("p") === inner, root.children.length, root.innerHTML.length]);
	out.push(["contains", document.contains(inner), host.contains(inner), root.contains(inner), inner.parentNode === root, inner.parentElement]);
	const log = [];
	const rec = (where) => (e) => log.push([where, e.type, e.target.id || e.target.nodeName, e.currentTarget.id || e.currentTarget.nodeName || "window", e.composedPath().length]);
	document.addEventListener("click", rec("document"));
	host.addEventListener("click", rec("host"));
	root.addEventListener("click", rec("root"));
	inner.addEventListener("click", rec("inner"));
	inner.click();
	inner.dispatchEvent(new Event("click", {bubbles: true}));
	inner.dispatchEvent(new Event("click", {bubbles: true, composed: true}));
	out.push(["events", log]);
	const closedHost = document.createElement("span");
	const closed = closedHost.attachShadow({mode: "closed"});
	out.push(["closed", closedHost.shadowRoot, closed.mode, closed.host === closedHost]);
	out.push(["errors", err(() => host.attachShadow({mode: "open"})), err(() => document.createElement("img").attachShadow({mode: "open"})),
		err(() => document.createElement("p").attachShadow({mode: "nope"})), err(() => document.createElement("p").attachShadow({})), err(() => document.createElement("p").attachShadow()),
		err(() => document.createElement("my-widget").attachShadow({mode: "open"}))]);
	host.remove();
	out.push(["removed", inner.isConnected]);
	return out;
})()`

const shadowWant = `{"value":[["types","ShadowRoot",true,11,"#document-fragment","open",true,true,null,false],["before connect",false,false],["connected",true,true,true,true,true],["page sees",null,null,0,0,"",true,3,99],["contains",false,false,true,true,null],["events",[["inner","click","inner","inner",7],["root","click","inner","#document-fragment",7],["host","click","ext-host","ext-host",7],["document","click","ext-host","#document",7],["inner","click","inner","inner",2],["root","click","inner","#document-fragment",2],["inner","click","inner","inner",7],["root","click","inner","#document-fragment",7],["host","click","ext-host","ext-host",7],["document","click","ext-host","#document",7]]],["closed",null,"closed",true],["errors",["NotSupportedError","Failed to execute 'attachShadow' on 'Element': Shadow root cannot be created on a host which already hosts a shadow tree."],["NotSupportedError","Failed to execute 'attachShadow' on 'Element': This element does not support attachShadow"],["TypeError","Failed to execute 'attachShadow' on 'Element': Failed to read the 'mode' property from 'ShadowRootInit': The provided value 'nope' is not a valid enum value of type ShadowRootMode."],["TypeError","Failed to execute 'attachShadow' on 'Element': Failed to read the 'mode' property from 'ShadowRootInit': Required member is undefined."],["TypeError","Failed to execute 'attachShadow' on 'Element': 1 argument required, but only 0 present."],"no error"],["removed",false]]}`

func init() {
	All = append(All, Scenario{
		Name: "dom-shadow-root",
		Doc: "A content script's UI in a shadow root: attachShadow (open and closed, which elements may host one, " +
			"Chromium's errors), ShadowRoot's members and innerHTML, what the page's tree does not see (getElementById, " +
			"querySelector, contains, the host's innerHTML), isConnected and getRootNode across the boundary, and events: " +
			"non-composed ones stop at the root, composed ones (click) reach the document retargeted to the host, " +
			"composedPath (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/page", shadowProbe), Want: shadowWant},
			{Do: extwasmtest.Eval("main/cs", shadowProbe), Want: shadowWant},
		},
	})
}
