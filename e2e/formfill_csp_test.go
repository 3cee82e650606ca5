//go:build e2e

package e2e

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromium"
)

// strictPages serve the login form with a CSP that blocks WebAssembly in content scripts
// (chromium.md §3).
var strictPages = []string{"csp.html", "csp-none.html"}

// TestFormFillerOnStrictCSPPages: the Go content script cannot compile under the page's CSP, so the
// glue runs it in the hidden extension frame; the same Go code fills the form through the content
// script's DOM operations, the page's input listeners see the fill, and a message the worker sends
// to the tab reaches the Go content script through the content script.
func TestFormFillerOnStrictCSPPages(t *testing.T) {
	for _, page := range strictPages {
		t.Run(page, func(t *testing.T) {
			ctx := testCtx(t)
			w := exampleWorker(t)
			setVault(t, optionsPage(t), `{"`+pages.URL+`":{"username":"gopher","password":"correct horse battery staple"}}`)
			tab, tabID, err := w.OpenTab(ctx, pages.Page(page+"?fill"))
			require.NoError(t, err)
			t.Cleanup(tab.Close)
			require.NoError(t, chromium.WaitFor(ctx, tab.Isolated(exampleID), `typeof extwasm === "object" && extwasm.status() === "ready"`))
			clickFill(t, tabID)
			require.NoError(t, chromium.WaitFor(ctx, tab.Page(), `document.getElementById("login").hasAttribute("data-extwasm-filled")`))
			evalJSON(t, tab.Page(), `(() => { const f = document.getElementById("login");
				return [f.elements.username.value, f.elements.password.value, f.getAttribute("data-extwasm-filled")]; })()`,
				`["gopher","correct horse battery staple","2"]`)
			evalJSON(t, tab.Page(), `inputEvents`, `["username","password"]`)
			cs := tab.Isolated(exampleID)
			evalJSON(t, cs, `extwasm.mode() + " " + extwasm.status()`, `"frame ready"`)
			// What the page can see of it: one hidden, unfocusable frame element.
			evalJSON(t, tab.Page(), `[...document.querySelectorAll("iframe")].map((f) => [f.getAttribute("aria-hidden"), f.getAttribute("tabindex"), f.getAttribute("style"), f.src.split("#")[0], document.activeElement === f])`,
				fmt.Sprintf(`[["true","-1","display:none!important","chrome-extension://%s/extwasm-frame.html",false]]`, exampleID))

			evalJSON(t, w, fmt.Sprintf(`chrome.tabs.sendMessage(%d, {greeting: "hello"}, {frameId: 0})`, tabID),
				`{"farewell":"goodbye from the content script"}`)
		})
	}
}

// BenchmarkFrameFallback measures what the strict-CSP fallback costs in Chromium: the content
// script's time from start to Go ready in each mode, and one DOM operation's round trip from the
// extension frame to the page's content script and back (`make bench`; the README's figures).
func BenchmarkFrameFallback(b *testing.B) {
	ctx := testCtx(b)
	open := func(page string) (*chromium.Tab, chromium.Realm) {
		requireExample(b)
		tab, err := browser.OpenTab(ctx, pages.Page(page))
		require.NoError(b, err)
		cs := tab.Isolated(exampleID)
		require.NoError(b, chromium.WaitFor(ctx, cs, `typeof extwasm === "object" && extwasm.status() === "ready"`))
		return tab, cs
	}
	startup := func(page string) float64 {
		tab, cs := open(page)
		defer tab.Close()
		var ms float64
		require.NoError(b, chromium.EvalInto(ctx, cs, `extwasm.startupMs()`, &ms))
		return ms
	}
	var here, framed []float64
	for i := range 7 {
		here = append(here, startup(fmt.Sprintf("login.html?cost-%d", i)))
		framed = append(framed, startup(fmt.Sprintf("csp.html?cost-%d", i)))
	}
	slices.Sort(here)
	slices.Sort(framed)
	b.Logf("content script start to Go ready: in the page %.1f ms [%.1f–%.1f], in the extension frame %.1f ms [%.1f–%.1f] (median [min–max], N=%d)",
		here[len(here)/2], here[0], here[len(here)-1], framed[len(framed)/2], framed[0], framed[len(framed)-1], len(framed))
	b.ReportMetric(here[len(here)/2], "ready-page-ms")
	b.ReportMetric(framed[len(framed)/2], "ready-frame-ms")

	tab, _ := open("csp.html?dom-rtt")
	defer tab.Close()
	f, err := browser.ExtensionFrame(ctx, exampleID, "extwasm-frame.html")
	require.NoError(b, err)
	defer f.Close()
	require.NoError(b, chromium.WaitFor(ctx, f, `extwasm.status() === "ready"`))
	var rtt struct{ Median, P10, P90 float64 }
	require.NoError(b, chromium.EvalInto(ctx, f, `(async () => {
		const ts = [];
		for (let i = 0; i < 300; i++) {
			const t0 = performance.now();
			await extwasm.internal._dom("attr", JSON.stringify([0, "lang"]));
			ts.push(performance.now() - t0);
		}
		ts.sort((a, b) => a - b);
		return {Median: ts[150], P10: ts[30], P90: ts[270]};
	})()`, &rtt))
	b.Logf("one DOM operation (attr) from the extension frame: median %.2f ms [p10 %.2f – p90 %.2f] (N=300)", rtt.Median, rtt.P10, rtt.P90)
	b.ReportMetric(rtt.Median, "dom-op-ms")
}
