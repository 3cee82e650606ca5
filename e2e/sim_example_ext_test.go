//go:build !e2e

package e2e

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/browser"
)

const loginHTML = `<!doctype html><title>Login</title>
<form id="login"><input name="username"><input name="password" type="password"><input name="otp"></form>`

// exampleEnv opens the example extension with a login page in a tab.
func exampleEnv(t *testing.T) *env {
	t.Helper()
	dir := harnessExampleDir(t)
	b, err := browser.New(browser.Options{Seed: 1})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	ext, err := b.Install(dir)
	require.NoError(t, err)
	b.ServePage(pageURL, browser.Page{HTML: loginHTML})
	tab, err := b.OpenTab(pageURL)
	require.NoError(t, err)
	cs := tab.Top().ContentScript(ext)
	require.NotNil(t, cs)
	e := &env{b: b, ext: ext, tab: tab, cs: cs, page: tab.Top().Page(), wk: ext.Worker(), ctx: t.Context(), t: t}
	// Wait until the Go content script is up.
	e.eval(cs, `new Promise((resolve, reject) => { let n = 0; const check = () => typeof extwasmDemo === "object" ? resolve(true) : (++n > 500 ? reject(new Error("content script never started")) : setTimeout(check, 10)); check(); })`)
	return e
}

// TestExampleFillsOverTheLoginPort: hostsim's transcript shows the fill went over the login port.
func TestExampleFillsOverTheLoginPort(t *testing.T) {
	e := exampleEnv(t)
	clickFill(t, e)
	e.assertJSON(e.page, `new Promise((resolve, reject) => { let n = 0; const f = document.getElementById("login");
		const check = () => f.hasAttribute("data-extwasm-filled") ? resolve([f.getAttribute("data-extwasm-filled"), f.elements.username.value, f.elements.password.value, f.elements.otp.value])
			: (++n > 500 ? reject(new Error("never filled")) : setTimeout(check, 10)); check(); })`,
		`["3","gopher","correct horse battery staple",""]`)
	var ports []browser.Entry
	for _, en := range e.b.Transcript().Entries() {
		if strings.HasPrefix(en.Channel, "port#") && strings.HasSuffix(en.Channel, "(login)") {
			ports = append(ports, en)
		}
	}
	assert.NotEmpty(t, ports, "the form was filled over the login port")
}
