package browser

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// strictPages are login pages whose CSP blocks WebAssembly in content scripts (chromium.md §3).
var strictPages = []struct{ name, csp string }{
	{"script-src self", "script-src 'self'"},
	{"default-src none", "default-src 'none'; script-src 'self'"},
}

// TestFormFillerOnStrictCSPPages: the Go content script cannot compile under the page's CSP, so the
// glue runs it in the hidden extension frame, and the same Go code fills the form through the
// content script's DOM operations; the page's input listeners see the fill.
func TestFormFillerOnStrictCSPPages(t *testing.T) {
	for _, tc := range strictPages {
		t.Run(tc.name, func(t *testing.T) {
			e := exampleEnv(t)
			url := "http://127.0.0.1:8000/strict-" + t.Name() + ".html"
			e.b.ServePage(url, Page{HTML: loginHTML, CSP: tc.csp,
				Script: `window.inputEvents = []; document.getElementById("login").addEventListener("input", (e) => inputEvents.push(e.target.name));`})
			tab, err := e.b.OpenTab(url)
			require.NoError(t, err)
			page := tab.Top().Page()
			e.assertJSON(page, waitUntil(`document.getElementById("login").hasAttribute("data-extwasm-filled")`), `true`)
			e.assertJSON(page, filledForm, `["gopher","correct horse battery staple",null]`)
			e.assertJSON(page, `inputEvents`, `["username","password","otp"]`)
			cs := tab.Top().ContentScript(e.ext)
			require.NotNil(t, cs)
			e.assertJSON(cs, `extwasm.mode() + " " + extwasm.status()`, `"frame ready"`)
			// What the page can see: one hidden, unfocusable frame element.
			e.assertJSON(page, `[...document.querySelectorAll("iframe")].map((f) => [f.getAttribute("aria-hidden"), f.getAttribute("tabindex"), f.getAttribute("style"), f.src.split("#")[0]])`,
				jsonOf([][]string{{"true", "-1", "display:none!important", e.ext.URL("extwasm-frame.html")}}))
			frames := tab.Frames()
			require.Len(t, frames, 2)
			assert.True(t, strings.HasPrefix(frames[1].URL(), e.ext.URL("extwasm-frame.html#")), frames[1].URL())
		})
	}
}
