package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

const fragmentProbe = `(() => {
	const f = document.createDocumentFragment(), out = [];
	out.push([f.nodeType, f.nodeName, f.parentNode, f.childNodes.length, f instanceof DocumentFragment, f instanceof Node, Object.prototype.toString.call(f)]);
	const a = document.createElement("p"); a.id = "fa"; a.textContent = "one";
	const b = document.createElement("span"); b.className = "fb"; b.textContent = "two";
	f.appendChild(a); f.append(b, "three");
	out.push([f.childNodes.length, f.textContent, f.querySelector(".fb") === b, f.getElementById("fa") === a, f.children.length, f.firstElementChild === a, a.parentNode === f, a.isConnected]);
	const copy = f.cloneNode(true);
	out.push([copy.nodeType, copy.childNodes.length, copy.textContent, copy.firstChild === a]);
	const host = document.createElement("div"); host.id = "fragment-host"; host.appendChild(document.createElement("i"));
	document.body.appendChild(host);
	host.insertBefore(f, host.firstChild);
	out.push([f.childNodes.length, host.innerHTML, a.parentNode === host, a.isConnected, document.getElementById("fa") === a]);
	host.appendChild(f);
	out.push([host.childNodes.length]);
	const g = new DocumentFragment(); g.appendChild(document.createElement("b"));
	host.replaceChildren(g);
	out.push([host.innerHTML, g.childNodes.length, document.createDocumentFragment().textContent]);
	return out;
})()`

const fragmentWant = `{"value":[[11,"#document-fragment",null,0,true,true,"[object DocumentFragment]"],` +
	`[3,"onetwothree",true,true,2,true,true,false],[11,3,"onetwothree",false],` +
	`[0,"<p id=\"fa\">one</p><span class=\"fb\">two</span>three<i></i>",true,true,true],[4],["<b></b>",0,""]]}`

func init() {
	All = append(All, Scenario{
		Name: "dom-document-fragment",
		Doc:  "DocumentFragment: created, filled, queried, cloned, and emptied into its new parent when inserted (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/cs", fragmentProbe), Want: fragmentWant},
		},
	})
}
