//go:build !e2e

package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/browser"
)

// TestFrameElementHandlesAreBoundedAndReleased: in frame mode the content script holds at most
// 10,000 elements for the frame's Go; a query past that fails with ExtwasmHandleLimit and one
// console warning, and released handles make room again.
func TestFrameElementHandlesAreBoundedAndReleased(t *testing.T) {
	e := exampleEnv(t)
	url := "http://127.0.0.1:8000/handles.html"
	e.b.ServePage(url, browser.Page{HTML: loginHTML, CSP: "script-src 'self'"})
	tab, err := e.b.OpenTab(url)
	require.NoError(t, err)
	cs := tab.Top().ContentScript(e.ext)
	require.NotNil(t, cs)
	e.assertJSON(cs, waitUntil(`extwasm.status() === "ready"`), `true`)
	frames := tab.Frames()
	require.Len(t, frames, 2)
	fr := frames[1].Page()
	// The form fill's own handles may still be held (Go has not collected them): count from here.
	base := e.eval(cs, `extwasm.internal._frameElements()`)
	e.assertJSON(fr, `(async () => {
		const dom = extwasm.internal._dom, held = [];
		let refused = null;
		while (!refused && held.length < 20000) {
			try { held.push(...await dom("queryAll", JSON.stringify([0, "input"]))); } catch (e) { refused = e.name + ": " + e.message; }
		}
		extwasm.internal._release(JSON.stringify(held));
		const again = await dom("queryAll", JSON.stringify([0, "input"]));
		extwasm.internal._release(JSON.stringify(again));
		return {bounded: held.length > 9900 && held.length <= 10000, refused, again: again.length};
	})()`, `{"bounded":true,"refused":"ExtwasmHandleLimit: extwasm: more than 10000 elements held at once in the extension frame","again":3}`)
	e.assertJSON(cs, waitUntil(`extwasm.internal._frameElements() <= `+base), `true`)
	var warnings []string
	for _, l := range cs.Console() {
		if l.Level == "warn" {
			warnings = append(warnings, l.Text)
		}
	}
	assert.Len(t, warnings, 1, "one warning however often the bound is hit")
}
