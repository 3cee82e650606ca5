// getComputedStyle's values without stylesheets or layout: for each modelled property, an element's
// inline declaration, else its parent's value for an inherited property, else the value Chromium's
// default stylesheet (html.css) gives the element, else the property's initial value; then display
// is blockified for the children of flex and grid containers and for floated or absolutely
// positioned elements, as CSS Display requires, and float is none for an absolutely positioned
// one. Measured in Chromium 156 (scenario
// dom-computed-style).
// Stylesheets (<style>, <link>) are not applied, and properties outside `initial` read "" (README,
// Limits).
(function (Node, Element) {
	"use strict";
	const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
	const parentOf = getter(Node.prototype, "parentNode"), connected = getter(Node.prototype, "isConnected"), typeOf = getter(Node.prototype, "nodeType"),
		localOf = getter(Element.prototype, "localName"), nsOf = getter(Element.prototype, "namespaceURI");
	const hasAttr = Element.prototype.hasAttribute, getAttr = Element.prototype.getAttribute;
	const HTML = "http://www.w3.org/1999/xhtml";

	// initial values, in the order a computed style lists them; true marks an inherited property.
	const initial = [
		["box-sizing", "content-box", false], ["cursor", "auto", true], ["direction", "ltr", true],
		["display", "inline", false], ["float", "none", false], ["font-style", "normal", true],
		["opacity", "1", false], ["overflow-x", "visible", false], ["overflow-y", "visible", false],
		["pointer-events", "auto", true], ["position", "static", false], ["text-align", "start", true],
		["visibility", "visible", true], ["white-space", "normal", true], ["z-index", "auto", false],
	];
	const inherited = new Set(initial.filter((p) => p[2]).map((p) => p[0]));
	const names = initial.map((p) => p[0]);

	const displayOf = {};
	const set = (value, tags) => { for (const t of tags.split(" ")) displayOf[t] = value; };
	set("block", "html body address article aside blockquote center details dialog dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend listing main menu nav ol optgroup option p pre plaintext search section summary ul xmp");
	// noscript is inline: scripts run, and its content was never parsed as markup.
	set("none", "area base basefont datalist head link meta noembed noframes param rp script style template title");
	set("list-item", "li");
	set("table", "table");
	set("table-caption", "caption");
	set("table-column-group", "colgroup");
	set("table-column", "col");
	set("table-header-group", "thead");
	set("table-row-group", "tbody");
	set("table-footer-group", "tfoot");
	set("table-row", "tr");
	set("table-cell", "td th");
	set("inline-block", "input button select textarea meter progress marquee");
	set("ruby", "ruby");
	set("ruby-text", "rt");

	const textInputs = new Set(["", "text", "search", "url", "tel", "email", "password", "number", "date", "time", "datetime-local", "month", "week"]);
	const buttonInputs = new Set(["button", "submit", "reset"]);

	// defaults is what html.css gives el for the modelled properties that differ from initial.
	function defaults(el, local) {
		const d = {display: displayOf[local] || "inline"};
		if (hasAttr.call(el, "hidden")) d.display = "none";
		if (local === "dialog" && !hasAttr.call(el, "open")) d.display = "none";
		if (local === "table" || local === "button" || local === "meter" || local === "progress") d["box-sizing"] = "border-box";
		if (local === "button") { d["text-align"] = "center"; d.cursor = "default"; }
		if (local === "select") { d["box-sizing"] = "border-box"; d.cursor = "default"; d["white-space"] = "pre"; d["overflow-x"] = "clip"; d["overflow-y"] = "clip"; }
		if ((local === "a" || local === "area") && hasAttr.call(el, "href")) d.cursor = "pointer";
		if (local === "caption") d["text-align"] = "-webkit-center";
		if (local === "th") d["text-align"] = "center";
		if (local === "dialog") d.position = "absolute";
		if (local === "input") {
			const type = String(getAttr.call(el, "type") || "").toLowerCase();
			d.cursor = "default";
			d["overflow-x"] = "clip";
			d["overflow-y"] = "clip";
			if (textInputs.has(type)) d.cursor = "text";
			if (type === "checkbox" || type === "radio") { d["box-sizing"] = "border-box"; d["overflow-x"] = "visible"; d["overflow-y"] = "visible"; }
			if (buttonInputs.has(type)) { d["box-sizing"] = "border-box"; d["text-align"] = "center"; d["white-space"] = "pre"; }
			if (type === "hidden") d.display = "none";
		}
		if (local === "textarea") { d.cursor = "text"; d["overflow-x"] = "auto"; d["overflow-y"] = "auto"; d["white-space"] = "pre-wrap"; }
		if (local === "pre" || local === "listing" || local === "xmp" || local === "plaintext") d["white-space"] = "pre";
		if (local === "center") d["text-align"] = "-webkit-center";
		if (local === "address" || local === "i" || local === "cite" || local === "em" || local === "var" || local === "dfn") d["font-style"] = "italic";
		return d;
	}

	const blockified = {"inline": "block", "inline-block": "block", "inline-table": "table", "inline-flex": "flex", "inline-grid": "grid",
		"table-row-group": "block", "table-column": "block", "table-column-group": "block", "table-header-group": "block",
		"table-footer-group": "block", "table-row": "block", "table-cell": "block", "table-caption": "block", "ruby": "block", "ruby-text": "block"};
	const containers = new Set(["flex", "inline-flex", "grid", "inline-grid"]);

	// compute returns el's values as a Map, or null for an element outside a document (Chromium
	// answers "" for every property of one). inlineOf reads an element's inline declaration.
	function compute(el, inlineOf) {
		if (!connected.call(el)) return null;
		const chain = [];
		for (let n = el; n !== null && typeOf.call(n) === 1; n = parentOf.call(n)) chain.unshift(n);
		let parent = null;
		// Indexed loops: goja allocates an iterator result (and one more for destructuring) per
		// step of for…of, and a computation takes a few hundred steps.
		for (let i = 0; i < chain.length; i++) {
			const n = chain[i];
			const local = nsOf.call(n) === HTML ? localOf.call(n) : "";
			const d = defaults(n, local);
			const v = new Map();
			for (let j = 0; j < initial.length; j++) {
				const name = initial[j][0], init = initial[j][1];
				const own = inlineOf(n, name);
				if (own !== "" && own !== "inherit" && own !== "initial" && own !== "unset") v.set(name, own);
				else if (own === "initial") v.set(name, init);
				else if (own === "inherit" || ((own === "unset" || !(name in d)) && inherited.has(name) && parent !== null)) v.set(name, parent.get(name));
				else v.set(name, name in d ? d[name] : init);
			}
			// An absolutely positioned box does not float (CSS 2.1 §9.7).
			if (v.get("position") === "absolute" || v.get("position") === "fixed") v.set("float", "none");
			const disp = v.get("display");
			if (disp !== "none" && disp in blockified &&
				((parent !== null && containers.has(parent.get("display"))) || v.get("float") !== "none" || v.get("position") === "absolute" || v.get("position") === "fixed")) {
				v.set("display", blockified[disp]);
			}
			parent = v;
		}
		return parent;
	}

	return {names, compute};
})
