package dom

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPlainHTMLInterfaces: elements get their own interface's prototype, under HTMLElement (WPT
// dom/nodes/Document-getElementById.html checks instanceof HTMLDivElement).
func TestPlainHTMLInterfaces(t *testing.T) {
	r := bindRealm(t, parse(t, `<p id=p>x</p>`))
	assert.Equal(t, "HTMLDivElement,HTMLHeadingElement,HTMLTableCellElement,HTMLElement,HTMLBodyElement,true,true",
		r.run(t, `["div", "h2", "th", "b"].map((t) => document.createElement(t).constructor.name)
			.concat(document.body.constructor.name, document.createElement("div") instanceof HTMLElement,
				Object.getPrototypeOf(HTMLSpanElement.prototype) === HTMLElement.prototype).join()`))
}

// TestSetOuterHTML: the element is replaced by the parsed nodes in its parent's context; a
// detached element stays; the document element cannot be replaced.
func TestSetOuterHTML(t *testing.T) {
	r := bindRealm(t, parse(t, `<body><div id=a><p id=p>x</p>tail</div></body>`))
	assert.Equal(t, `<b>1</b><i id="i">2</i>tail|true|`, r.run(t, `{
		const p = document.getElementById("p"), a = document.getElementById("a");
		p.outerHTML = "<b>1</b><i id=i>2</i>";
		const d = document.createElement("div"); d.outerHTML = "<span></span>";
		[a.innerHTML, document.getElementById("i").parentNode === a, d.parentNode].join("|")}`))
	assert.Equal(t, "NoModificationAllowedError: Failed to set the 'outerHTML' property on 'Element': This element's parent is a Document, which may not be modified. [DOMException 7]",
		r.throws(t, `document.documentElement.outerHTML = "<html></html>"`))
}

func TestCanvasSaysItDoesNotRender(t *testing.T) {
	r := bindRealm(t, parse(t, `<!doctype html><canvas id="c" width=" 20px"></canvas>`))
	assert.Equal(t, []any{int64(20), int64(150)}, r.run(t, `(() => { const c = document.getElementById("c"); return [c.width, c.height]; })()`))
	assert.Contains(t, r.throws(t, `document.getElementById("c").getContext("2d")`), `hostsim: canvas getContext("2d") is not simulated`)
	assert.Contains(t, r.throws(t, `document.getElementById("c").toDataURL()`), "hostsim: canvas toDataURL() is not simulated")
	assert.Nil(t, r.run(t, `document.getElementById("c").getContext("nope")`))
}
