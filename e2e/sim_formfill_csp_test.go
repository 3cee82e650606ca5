//go:build !e2e

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/browser"
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
			e.b.ServePage(url, browser.Page{HTML: loginHTML, CSP: tc.csp,
				Script: `window.inputEvents = []; document.getElementById("login").addEventListener("input", (e) => inputEvents.push(e.target.name));`})
			tab, err := e.b.OpenTab(url)
			require.NoError(t, err)
			page := tab.Top().Page()
			e.assertJSON(tab.Top().ContentScript(e.ext), waitUntil(`extwasm.status() === "ready"`), `true`)
			assert.JSONEq(t, `{"origin":"`+demoOrigin+`","saved":true,"filled":3}`, clickFill(t, e))
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

// TestFrameFallbackNeedsTheFramePage: without extwasm-frame.html in web_accessible_resources the
// frame does not load, and the glue says why instead of hanging; {frame: false} keeps the failure.
func TestFrameFallbackNeedsTheFramePage(t *testing.T) {
	for _, tc := range []struct {
		name, content, edit, want string
	}{
		{"not web-accessible", "", `"resources": ["content.wasm", "extwasm-frame.html"]`,
			"extwasm: the extension frame never connected within 10000 ms: the page's CSP blocks wasm here, and extwasm-frame.html must be in web_accessible_resources for this page"},
		{"opted out", "extwasm.start('content.wasm', {raw: true, frame: false});", "",
			"extwasm: could not run content.wasm: WebAssembly.instantiateStreaming(): "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			edits := map[string]string{}
			if tc.edit != "" {
				edits[tc.edit] = `"resources": ["content.wasm"]`
			}
			dir := copyFixture(t, harnessExampleDir(t), edits)
			if tc.content != "" {
				require.NoError(t, os.WriteFile(filepath.Join(dir, "content.js"), []byte(tc.content), 0o644))
			}
			b, err := browser.New(browser.Options{Seed: 1})
			require.NoError(t, err)
			t.Cleanup(func() { _ = b.Close() })
			ext, err := b.Install(dir)
			require.NoError(t, err)
			e := &env{b: b, ext: ext, wk: ext.Worker(), ctx: t.Context(), t: t}
			b.ServePage(pageURL, browser.Page{HTML: loginHTML, CSP: "script-src 'self'"})
			tab, err := b.OpenTab(pageURL)
			require.NoError(t, err)
			require.NoError(t, b.Advance(11*time.Second))
			cs := tab.Top().ContentScript(ext)
			require.NotNil(t, cs)
			e.assertJSON(cs, `extwasm.status()`, jsonOf(tc.want))
			assert.Len(t, tab.Frames(), 1, "no extension frame loaded")
			e.assertJSON(tab.Top().Page(), `document.getElementById("login").hasAttribute("data-extwasm-filled")`, `false`)
		})
	}
}

// TestExtensionFrameGoesWithItsPage: the content script removes the frame on pagehide, and the
// frame's contexts end with the page, whether it navigates or closes.
func TestExtensionFrameGoesWithItsPage(t *testing.T) {
	e := exampleEnv(t)
	for _, leave := range []string{"navigate", "close"} {
		t.Run(leave, func(t *testing.T) {
			url := "http://127.0.0.1:8000/leave-" + leave + ".html"
			e.b.ServePage(url, browser.Page{HTML: loginHTML, CSP: "script-src 'self'"})
			tab, err := e.b.OpenTab(url)
			require.NoError(t, err)
			e.assertJSON(tab.Top().ContentScript(e.ext), waitUntil(`extwasm.status() === "ready"`), `true`)
			clickFill(t, e)
			e.assertJSON(tab.Top().Page(), waitUntil(`document.getElementById("login").hasAttribute("data-extwasm-filled")`), `true`)
			frames := tab.Frames()
			require.Len(t, frames, 2)
			framePage := frames[1].Page()
			require.True(t, framePage.Alive())
			if leave == "navigate" {
				require.NoError(t, tab.Top().Navigate("http://127.0.0.1:8000/index.html"))
				assert.Len(t, tab.Frames(), 1, "the frame left with its page")
			} else {
				require.NoError(t, tab.Close())
			}
			assert.False(t, framePage.Alive())
		})
	}
}
