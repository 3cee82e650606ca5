package e2e

// The example's external routes seen from another extension, its content script and a web page,
// through extwasmtest: in hostsim with `go test ./e2e/`, in Chromium with
// `go test -tags e2e ./e2e/ -extwasm.browser=chromium`.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/extwasmtest"
)

// sendTo is an expression that sends an envelope for route to extension id and resolves with the
// reply, "undefined" when the receivers listened and none answered, or the rejection's text.
func sendTo(id, route string) string {
	return fmt.Sprintf(`chrome.runtime.sendMessage(%q, {extwasm: 1, route: %q, body: {}}).then(
		(r) => r === undefined ? "undefined" : r, (e) => "rejected: " + e.message)`, id, route)
}

// externalExample installs the caller (a plain-JS worker and a content script on 127.0.0.1) and
// the example with the caller's id in externally_connectable.ids, which the example's
// vault.publicInfo reads as its AllowExtensions list, and opens a 127.0.0.1 tab, where the
// caller's content script runs and the page itself may message the example.
type externalExample struct {
	b               extwasmtest.Browser
	caller, example extwasmtest.Extension
	tab             extwasmtest.Tab
}

func openExternalExample(t *testing.T) externalExample {
	t.Helper()
	b := extwasmtest.New(t)
	caller := extwasmtest.Install(t, b, "../hostsim/browser/testdata/external/caller")
	dir := filepath.Join(t.TempDir(), "extension")
	require.NoError(t, os.CopyFS(dir, os.DirFS(harnessExampleDir(t))))
	manifest, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	require.NoError(t, err)
	require.Contains(t, string(manifest), `"ids": []`)
	manifest = []byte(strings.Replace(string(manifest), `"ids": []`, `"ids": ["`+caller.ID()+`"]`, 1))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.json"), manifest, 0o644))
	example := extwasmtest.Install(t, b, dir)
	tab := extwasmtest.OpenTab(t, b, b.Serve("/external.html", extwasmtest.Page{HTML: "<!doctype html><title>external</title>"}))
	ctx := harnessCtx(t)
	require.NoError(t, extwasmtest.WaitFor(ctx, example.Worker(), `extwasm.status() === "ready"`, extwasmtest.Timeout))
	require.NoError(t, extwasmtest.WaitFor(ctx, tab.ContentScript(caller), `typeof chrome.runtime.sendMessage === "function"`, extwasmtest.Timeout))
	return externalExample{b: b, caller: caller, example: example, tab: tab}
}

// AllowExtensions(caller) admits the caller's worker, not its content script, which runs in any
// page the caller's manifest matches; the page itself is admitted by its origin.
func TestExampleAllowExtensionsAdmitsNotTheirContentScripts(t *testing.T) {
	e := openExternalExample(t)
	id := e.example.ID()
	extwasmtest.EvalJSON(t, e.caller.Worker(), sendTo(id, "vault.publicInfo"),
		`{"extwasm":1,"ok":true,"body":{"product":"extwasm vault","caller":"`+e.caller.ID()+`"}}`)
	extwasmtest.EvalJSON(t, e.tab.ContentScript(e.caller), sendTo(id, "vault.publicInfo"),
		`{"extwasm":1,"ok":false,"error":{"code":"denied","message":"sender not allowed on route \"vault.publicInfo\""}}`)
	var origin string
	require.NoError(t, extwasmtest.EvalInto(harnessCtx(t), e.tab.Page(), `location.origin`, &origin))
	extwasmtest.EvalJSON(t, e.tab.Page(), sendTo(id, "vault.publicInfo"),
		`{"extwasm":1,"ok":true,"body":{"product":"extwasm vault","caller":"`+origin+`"}}`)
}

// External callers cannot tell the example's internal demo.panic from a route that does not exist:
// neither is answered once Go runs, and a worker woken by the message answers both not_found.
func TestExampleInternalRoutesDoNotExistForExternalCallers(t *testing.T) {
	e := openExternalExample(t)
	id := e.example.ID()
	eval := func(t *testing.T, r extwasmtest.Realm, expr string) string {
		t.Helper()
		got, err := r.Eval(harnessCtx(t), expr)
		require.NoError(t, err, expr)
		return string(got)
	}
	callers := map[string]extwasmtest.Realm{"other extension": e.caller.Worker(), "its content script": e.tab.ContentScript(e.caller), "web page": e.tab.Page()}
	for name, r := range callers {
		t.Run(name, func(t *testing.T) {
			missing := eval(t, r, sendTo(id, "demo.nope"))
			require.Equal(t, `"undefined"`, missing)
			assert.JSONEq(t, missing, eval(t, r, sendTo(id, "demo.panic")))
		})
	}
	t.Run("woken worker", func(t *testing.T) {
		woken := func(route string) string {
			require.NoError(t, e.example.StopWorker(harnessCtx(t)))
			return strings.ReplaceAll(eval(t, e.tab.Page(), sendTo(id, route)), route, "ROUTE")
		}
		missing := woken("demo.nope")
		require.JSONEq(t, `{"extwasm":1,"ok":false,"error":{"code":"not_found","message":"no handler for route \"ROUTE\""}}`, missing)
		require.JSONEq(t, missing, woken("demo.panic"))
	})
}
