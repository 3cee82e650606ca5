package dom

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestComputedStyle checks computedstyle.js rule by rule; the whole table is compared with Chromium
// 156 by the shared scenario dom-computed-style.
func TestComputedStyle(t *testing.T) {
	doc := parse(t, `<!doctype html><body>
		<div id="flex" style="display: flex; direction: rtl; cursor: pointer"><span id="item">x</span><b id="gone" style="display: none">n</b></div>
		<p id="hidden" hidden>h</p><a id="link" href="/">l</a><a id="anchor">a</a>
		<input id="text"><input id="box" type="checkbox"><input id="submit" type="submit">
		<span id="abs" style="position: absolute; float: left">a</span>
		<div style="direction: rtl"><p id="initial" style="direction: initial">i</p><p id="inherit" style="direction: inherit">h</p><p id="inherited">d</p></div>
		<dialog id="dialog"></dialog><li id="li">l</li></body>`)
	r := bindRealm(t, doc)
	tests := []struct{ id, prop, want string }{
		{"flex", "display", "flex"},
		{"item", "display", "block"}, // blockified: a flex item
		{"item", "direction", "rtl"}, // inherited
		{"item", "cursor", "pointer"},
		{"gone", "display", "none"},
		{"hidden", "display", "none"},
		{"link", "cursor", "pointer"},
		{"anchor", "cursor", "auto"},
		{"text", "cursor", "text"},
		{"text", "overflow-x", "clip"},
		{"box", "overflow-x", "visible"},
		{"box", "box-sizing", "border-box"},
		{"submit", "white-space", "pre"},
		{"submit", "text-align", "center"},
		{"abs", "float", "none"},
		{"abs", "display", "block"},
		{"initial", "direction", "ltr"},
		{"inherit", "direction", "rtl"},
		{"inherited", "direction", "rtl"},
		{"dialog", "display", "none"},
		{"dialog", "position", "absolute"},
		{"li", "display", "list-item"},
		{"li", "color", ""}, // not modelled
	}
	for _, tt := range tests {
		t.Run(tt.id+"/"+tt.prop, func(t *testing.T) {
			assert.Equal(t, tt.want, r.run(t, `getComputedStyle(document.getElementById("`+tt.id+`")).getPropertyValue("`+tt.prop+`")`))
		})
	}
	assert.Equal(t, []any{"", int64(0), true, true}, r.run(t, `(() => { const s = getComputedStyle(document.createElement("div")); return [s.display, s.length, s instanceof CSSStyleDeclaration, Object.prototype.toString.call(s) === "[object CSSStyleDeclaration]"]; })()`))
	assert.Equal(t, "inline", r.run(t, `(() => { const el = document.getElementById("anchor"), s = getComputedStyle(el); el.style.display = "flex"; const was = s.display; el.style.display = ""; return was === "flex" ? s.display : "not live"; })()`))
	assert.Contains(t, r.throws(t, `getComputedStyle(document.getElementById("li")).display = "block"`), "NoModificationAllowedError")
	assert.Contains(t, r.throws(t, `getComputedStyle(document.getElementById("li")).setProperty("display", "block")`), "NoModificationAllowedError")
	assert.Equal(t, "TypeError: Failed to execute 'getComputedStyle' on 'Window': parameter 1 is not of type 'Element'.", r.throws(t, `getComputedStyle(document)`))
}
