package dom

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEventHandlerAttributes(t *testing.T) {
	doc := parse(t, `<!doctype html><body onload="window.loaded = event.type"><button id="b" onclick="window.ran = [this.id, typeof form]; return false">b</button></body>`)
	main := bindRealm(t, doc)
	isolated := bindRealm(t, doc)

	assert.Equal(t, []any{"function", "onclick", int64(1), "function"}, main.run(t, `(() => { const b = document.getElementById("b"); return [typeof b.onclick, b.onclick.name, b.onclick.length, typeof window.onload]; })()`))
	assert.Nil(t, isolated.run(t, `document.getElementById("b").onclick`), "a content attribute compiles in the main world only")

	got := isolated.run(t, `(() => { const b = document.getElementById("b"); const log = [];
		b.addEventListener("click", () => log.push("first"));
		b.onclick = () => { log.push("isolated handler"); };
		const ev = new Event("click", {cancelable: true});
		b.dispatchEvent(ev);
		return [log.join(","), ev.defaultPrevented]; })()`)
	assert.Equal(t, []any{"first,isolated handler", true}, got, "the main world's handler cancels, from its place before both")
	assert.Equal(t, []any{"b", "object"}, main.run(t, `window.ran`), "this is the element; the form is in scope (null here)")

	_, err := doc.Window().Dispatch(NewEvent("load", EventInit{}))
	require.NoError(t, err)
	assert.Equal(t, "load", main.run(t, `window.loaded`), "<body onload> is the window's handler")

	doc.GetElementByID("b").SetAttr("onclick", "window.ran = 'changed'")
	main.run(t, `document.getElementById("b").click()`)
	assert.Equal(t, "changed", main.run(t, `window.ran`))
	doc.GetElementByID("b").RemoveAttr("onclick")
	assert.Nil(t, main.run(t, `document.getElementById("b").onclick`))

	doc.SetInlineHandlerCheck(func(string) bool { return false })
	main.run(t, `window.ran = "not yet"; const d = document.createElement("div"); d.setAttribute("onclick", "window.ran = 'ran'"); d.click()`)
	assert.Equal(t, "not yet", main.run(t, `window.ran`), "a refused handler does not run")
	assert.Nil(t, main.run(t, `d.onclick`))
}

func TestHistoryWithoutATab(t *testing.T) {
	doc := parse(t, `<!doctype html><p>h</p>`)
	r := bindRealm(t, doc)
	assert.Equal(t, []any{int64(1), nil, "auto"}, r.run(t, `[history.length, history.state, history.scrollRestoration]`))
	assert.Contains(t, r.throws(t, `history.pushState({}, "", "https://elsewhere.test/")`), "SecurityError")
	assert.Contains(t, r.throws(t, `history.back()`), "hostsim: history.back() is not simulated")
	r.run(t, `history.scrollRestoration = "bogus"; history.pushState(null, "", "/next?q=1")`)
	assert.Equal(t, []any{int64(2), "https://example.test/next?q=1", "auto"}, r.run(t, `[history.length, location.href, history.scrollRestoration]`))
}
