package browser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// externalExampleEnv installs the caller fixture (a worker and a content script on 127.0.0.1) and
// the example extension with the caller's id in externally_connectable.ids, which the example's
// vault.publicInfo reads as its AllowExtensions list, and opens a 127.0.0.1 tab, where the caller's
// content script runs and the page itself may message the example.
func externalExampleEnv(t *testing.T) (*env, *Extension) {
	t.Helper()
	b, err := New(Options{Seed: 1})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	caller, err := b.Install("testdata/external/caller")
	require.NoError(t, err)
	dir := copyFixture(t, buildExample(t), map[string]string{`"ids": []`: `"ids": ["` + caller.ID() + `"]`})
	example, err := b.Install(dir)
	require.NoError(t, err)
	tab, err := b.OpenTab(pageURL)
	require.NoError(t, err)
	cs := tab.Top().ContentScript(caller)
	require.NotNil(t, cs)
	e := &env{b: b, ext: caller, tab: tab, cs: cs, page: tab.Top().Page(), wk: caller.Worker(), ctx: t.Context(), t: t}
	e.waitReady(example.Worker())
	return e, example
}

// waitReady waits until the glue in c says Go is listening.
func (e *env) waitReady(c *Context) {
	e.t.Helper()
	e.eval(c, `new Promise((resolve, reject) => { let n = 0; const check = () => extwasm.status() === "ready" ? resolve(true) :
		(++n > 1000 ? reject(new Error("Go never became ready: " + extwasm.status())) : setTimeout(check, 10)); check(); })`)
}

// sendTo sends an envelope for route to extension id and describes what came back: the reply, the
// rejection's text, or "undefined" when the receivers listened and none answered.
func sendTo(id, route string) string {
	return fmt.Sprintf(`chrome.runtime.sendMessage(%q, {extwasm: 1, route: %q, body: {}}).then(
		(r) => r === undefined ? "undefined" : r, (e) => "rejected: " + e.message)`, id, route)
}

// The review's finding, fixed: AllowExtensions(caller) admits the caller's worker, not its content
// script, which runs in any page the caller's manifest matches.
func TestExampleAllowExtensionsAdmitsNotTheirContentScripts(t *testing.T) {
	e, example := externalExampleEnv(t)
	e.assertJSON(e.wk, sendTo(example.ID(), "vault.publicInfo"),
		`{"extwasm":1,"ok":true,"body":{"product":"extwasm vault","caller":"`+e.ext.ID()+`"}}`)
	e.assertJSON(e.cs, sendTo(example.ID(), "vault.publicInfo"),
		`{"extwasm":1,"ok":false,"error":{"code":"denied","message":"sender not allowed on route \"vault.publicInfo\""}}`)
	e.assertJSON(e.page, sendTo(example.ID(), "vault.publicInfo"),
		`{"extwasm":1,"ok":true,"body":{"product":"extwasm vault","caller":"http://127.0.0.1:8000"}}`)
}

// External callers cannot tell the example's internal demo.panic from a route that does not exist:
// neither is answered once Go runs, and a worker woken by the message answers both not_found.
func TestExampleInternalRoutesDoNotExistForExternalCallers(t *testing.T) {
	e, example := externalExampleEnv(t)
	callers := map[string]*Context{"other extension": e.wk, "its content script": e.cs, "web page": e.page}
	for name, c := range callers {
		t.Run(name, func(t *testing.T) {
			e.t = t
			missing := e.eval(c, sendTo(example.ID(), "demo.nope"))
			require.Equal(t, `"undefined"`, missing)
			e.assertJSON(c, sendTo(example.ID(), "demo.panic"), missing)
		})
	}
	t.Run("woken worker", func(t *testing.T) {
		e.t = t
		woken := func(route string) string {
			require.NoError(t, example.StopWorker())
			return strings.ReplaceAll(e.eval(e.page, sendTo(example.ID(), route)), route, "ROUTE")
		}
		missing := woken("demo.nope")
		require.JSONEq(t, `{"extwasm":1,"ok":false,"error":{"code":"not_found","message":"no handler for route \"ROUTE\""}}`, missing)
		require.JSONEq(t, missing, woken("demo.panic"))
	})
}
