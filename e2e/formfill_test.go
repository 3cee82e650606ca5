//go:build e2e

package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromium"
)

// optionsPage opens the example's options page (plain JS over chrome.storage.local) and restores the
// vault it found when the test ends, since the other example tests expect the demo vault.
func optionsPage(t *testing.T) chromium.Realm {
	t.Helper()
	requireExample(t)
	ctx := testCtx(t)
	tab, err := browser.OpenTab(ctx, "chrome-extension://"+exampleID+"/options.html")
	require.NoError(t, err)
	page := tab.Page()
	require.NoError(t, chromium.WaitFor(ctx, page, `typeof vaultOptions === "object"`))
	saved, err := page.Eval(ctx, `vaultOptions.readVault()`)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := page.Eval(testCtx(t), `chrome.storage.local.set({vault: `+string(saved)+`}).then(() => true)`)
		assert.NoError(t, err, "restoring the vault")
		tab.Close()
	})
	return page
}

// filledLogin opens a login page and returns the values the content script filled in.
func filledLogin(t *testing.T, page string) (username, password string) {
	t.Helper()
	ctx := testCtx(t)
	tab, _ := exampleTab(t, page)
	require.NoError(t, chromium.WaitFor(ctx, tab.Page(), `document.getElementById("login").hasAttribute("data-extwasm-filled")`))
	var form struct{ Username, Password string }
	require.NoError(t, chromium.EvalInto(ctx, tab.Page(), `(() => { const f = document.getElementById("login");
		return {Username: f.elements.username.value, Password: f.elements.password.value}; })()`, &form))
	return form.Username, form.Password
}

// TestFormFillerFromStorage: the options page adds and removes logins in chrome.storage.local, and
// the Go worker serves each login port from there (conformance-apis S23, S27: the page's writes are
// what the worker reads next).
func TestFormFillerFromStorage(t *testing.T) {
	options := optionsPage(t)
	evalJSON(t, options, `vaultOptions.addLogin("127.0.0.1", "alice", "s3cret").then(() => true)`, `true`)
	require.NoError(t, chromium.WaitFor(testCtx(t), options, `document.querySelector("#entries tbody").textContent.includes("alice")`))
	user, pass := filledLogin(t, "login.html?options-add")
	assert.Equal(t, "alice", user)
	assert.Equal(t, "s3cret", pass)

	evalJSON(t, options, `vaultOptions.removeLogin("127.0.0.1").then(() => true)`, `true`)
	user, pass = filledLogin(t, "login.html?options-remove")
	assert.Empty(t, user, "no login for the host: the form is left empty")
	assert.Empty(t, pass)
}

// askOnPort is a content-script expression that opens the login port (once per self.loginPort),
// asks for field under fill id, and resolves with the value.
func askOnPort(field string) string {
	return `new Promise((resolve, reject) => {
		if (!self.loginPort) {
			self.loginPort = chrome.runtime.connect({name: "login:127.0.0.1"});
			self.loginPort.onDisconnect.addListener(() => { self.loginPort = null; });
		}
		const p = self.loginPort;
		const got = (m) => { p.onMessage.removeListener(got); resolve(m.value); };
		p.onMessage.addListener(got);
		p.postMessage({fill: "e2e-stop", field: "` + field + `"});
		setTimeout(() => reject(new Error("no answer for ` + field + `")), 5000);
	})`
}

// TestFormFillerSurvivesAWorkerStopMidFill: the worker is stopped between two fields of one fill;
// the content script reconnects (waking the worker) and the new worker resumes the fill from
// chrome.storage.session (S33: session storage survives a worker stop).
func TestFormFillerSurvivesAWorkerStopMidFill(t *testing.T) {
	ctx := testCtx(t)
	options := optionsPage(t)
	_, cs := exampleTab(t, "plain.html?midfill")
	evalJSON(t, cs, askOnPort("username"), `"gopher"`)
	evalJSON(t, options, `chrome.storage.session.get("fill:e2e-stop").then((r) => r["fill:e2e-stop"])`, `{"host":"127.0.0.1","served":["username"]}`)

	w, err := browser.Worker(ctx, exampleID)
	require.NoError(t, err)
	require.NoError(t, w.Stop(ctx))
	require.NoError(t, chromium.WaitFor(ctx, cs, `self.loginPort === null`), "the worker's stop closes the port")

	evalJSON(t, cs, askOnPort("password"), `"correct horse battery staple"`)
	evalJSON(t, options, `chrome.storage.session.get("fill:e2e-stop").then((r) => r["fill:e2e-stop"])`,
		`{"host":"127.0.0.1","served":["username","password"]}`)
	evalJSON(t, cs, `(self.loginPort.disconnect(), true)`, `true`)
	require.NoError(t, chromium.WaitFor(ctx, options, `chrome.storage.session.get("fill:e2e-stop").then((r) => !("fill:e2e-stop" in r))`),
		"a fill that ends normally leaves no state behind")
}
