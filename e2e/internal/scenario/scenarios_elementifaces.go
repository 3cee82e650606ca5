package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// elementInterfacesProbe names the interface of elements by tag, and replaces elements through
// outerHTML.
const elementInterfacesProbe = `(() => {
	const tags = ["div", "span", "p", "h1", "h6", "ul", "ol", "li", "dl", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption",
		"html", "head", "body", "title", "meta", "style", "base", "br", "hr", "pre", "label", "fieldset", "legend", "optgroup", "blockquote", "q", "b", "section"];
	const out = [tags.map((t) => document.createElement(t).constructor.name).join(" ")];
	const host = document.createElement("div");
	host.innerHTML = "<p id=op>x</p>tail";
	host.querySelector("#op").outerHTML = "<b>1</b><i>2</i>";
	const lone = document.createElement("div");
	lone.outerHTML = "<span></span>";
	out.push(host.innerHTML, lone.parentNode);
	try { document.documentElement.outerHTML = "<html></html>"; out.push("no error"); } catch (e) { out.push(e.name + ": " + e.message); }
	return out;
})()`

// elementInterfacesWant is what Chromium 156 gave in the page and in a content script (hostsim
// agrees).
const elementInterfacesWant = `{"value":["HTMLDivElement HTMLSpanElement HTMLParagraphElement HTMLHeadingElement HTMLHeadingElement HTMLUListElement ` +
	`HTMLOListElement HTMLLIElement HTMLDListElement HTMLTableElement HTMLTableRowElement HTMLTableCellElement HTMLTableCellElement ` +
	`HTMLTableSectionElement HTMLTableSectionElement HTMLTableSectionElement HTMLTableCaptionElement HTMLHtmlElement HTMLHeadElement ` +
	`HTMLBodyElement HTMLTitleElement HTMLMetaElement HTMLStyleElement HTMLBaseElement HTMLBRElement HTMLHRElement HTMLPreElement ` +
	`HTMLLabelElement HTMLFieldSetElement HTMLLegendElement HTMLOptGroupElement HTMLQuoteElement HTMLQuoteElement HTMLElement HTMLElement",` +
	`"<b>1</b><i>2</i>tail",null,` +
	`"NoModificationAllowedError: Failed to set the 'outerHTML' property on 'Element': This element's parent is a Document, which may not be modified."]}`

func init() {
	All = append(All, Scenario{
		Name: "dom-element-interfaces",
		Doc:  "HTML elements' interfaces by tag, and outerHTML assignment, in the page and a content script (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/page", elementInterfacesProbe), Want: elementInterfacesWant},
			{Do: extwasmtest.Eval("main/cs", elementInterfacesProbe), Want: elementInterfacesWant},
		},
	})
}
