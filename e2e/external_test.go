//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromium"
	"github.com/extwasm/extwasm/nativehost"
)

// These tests check the example's external API and native messaging in a browser of their own: the
// example (with the caller's id on its externally_connectable.ids), testdata/callerext (the Go caller), an
// unlisted plain-JavaScript extension, and vaulthost installed as com.extwasm.vault in the profile.

type externalEnv struct {
	browser                   *chromium.Browser
	exampleID, callerID, unID string
	// csCallerID is testdata/cscaller's, a listed extension with a content script on 127.0.0.1.
	csCallerID string
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	require.NoError(t, filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	}))
}

// setupExternal copies the extensions into a temporary folder (ids follow the folder), lists the
// caller's id in the example's manifest, builds and installs vaulthost, and starts the browser.
func setupExternal(t *testing.T) *externalEnv {
	t.Helper()
	requireExample(t)
	for _, f := range []string{"testdata/callerext/worker.wasm", "testdata/callerext/extwasm.js", "testdata/callerext/wasm_exec.js"} {
		_, err := os.Stat(f)
		require.NoError(t, err, "testdata/callerext not built (run make build)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := t.TempDir()
	exDir, callerDir, unDir := filepath.Join(dir, "extension"), filepath.Join(dir, "callerext"), filepath.Join(dir, "unlisted")
	csDir := filepath.Join(dir, "cscaller")
	copyTree(t, exampleDir, exDir)
	copyTree(t, "testdata/callerext", callerDir)
	copyTree(t, "testdata/unlisted", unDir)
	copyTree(t, "testdata/cscaller", csDir)
	env := &externalEnv{}
	var err error
	for _, x := range []struct {
		dir string
		id  *string
	}{{exDir, &env.exampleID}, {callerDir, &env.callerID}, {unDir, &env.unID}, {csDir, &env.csCallerID}} {
		*x.id, err = chromium.ExtensionID(x.dir)
		require.NoError(t, err)
	}

	var manifest map[string]any
	data, err := os.ReadFile(filepath.Join(exDir, "manifest.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &manifest))
	ec, ok := manifest["externally_connectable"].(map[string]any)
	require.True(t, ok, "the example's manifest has externally_connectable")
	ec["ids"] = []string{env.callerID, env.csCallerID}
	data, err = json.MarshalIndent(manifest, "", "  ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(exDir, "manifest.json"), data, 0o644))

	host := filepath.Join(dir, "bin", "vaulthost")
	out, err := exec.CommandContext(ctx, "go", "build", "-o", host, "../nativehost/cmd/vaulthost").CombinedOutput()
	require.NoError(t, err, "building vaulthost: %s", out)
	profile := filepath.Join(dir, "profile")
	_, err = nativehost.Install(nativehost.UserDataDir(profile), nativehost.Manifest{
		Name: "com.extwasm.vault", Description: "extwasm example vault", Path: host, Type: "stdio",
		AllowedOrigins: []string{"chrome-extension://" + env.exampleID + "/"},
	})
	require.NoError(t, err)

	env.browser, err = chromium.Launch(ctx, chromium.Options{Extensions: []string{exDir, callerDir, unDir, csDir}, UserDataDir: profile})
	require.NoError(t, err)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("browser output (tail):\n%s", tail(env.browser.Output(), 4000))
		}
		env.browser.Close()
	})
	return env
}

// worker attaches to an extension's worker and waits for its test global.
func (e *externalEnv) worker(t *testing.T, id, global string) *chromium.Worker {
	t.Helper()
	ctx := testCtx(t)
	w, err := e.browser.Worker(ctx, id)
	require.NoError(t, err)
	t.Cleanup(w.Close)
	wctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	if err := chromium.WaitFor(wctx, w, `typeof `+global+` === "object" || typeof `+global+` === "function"`); err != nil {
		status, _ := w.Eval(ctx, `typeof extwasm === "object" ? extwasm.status() : "no glue"`)
		require.NoError(t, err, "glue status %s", status)
	}
	return w
}

type outcome struct {
	OK      bool            `json:"ok"`
	Body    json.RawMessage `json:"body"`
	Code    string          `json:"code"`
	Message string          `json:"message"`
}

func TestExternalAndNative(t *testing.T) {
	env := setupExternal(t)

	t.Run("listed extension gets a reply", func(t *testing.T) {
		w := env.worker(t, env.callerID, "extwasmCaller")
		var got outcome
		require.NoError(t, chromium.EvalInto(testCtx(t), w, fmt.Sprintf(`extwasmCaller.callVault(%q)`, env.exampleID), &got))
		require.True(t, got.OK, "%+v", got)
		assert.JSONEq(t, `{"product":"extwasm vault","caller":"`+env.callerID+`"}`, string(got.Body))
	})

	t.Run("unlisted extension is refused by Chrome", func(t *testing.T) {
		w := env.worker(t, env.unID, "callVault")
		var got struct {
			OK      bool   `json:"ok"`
			Message string `json:"message"`
		}
		require.NoError(t, chromium.EvalInto(testCtx(t), w, fmt.Sprintf(`callVault(%q)`, env.exampleID), &got))
		assert.False(t, got.OK)
		assert.Equal(t, noReceiver, got.Message)
	})

	send := fmt.Sprintf(`(typeof chrome === "object" && chrome.runtime && typeof chrome.runtime.sendMessage === "function")
		? chrome.runtime.sendMessage(%q, {extwasm: 1, route: "vault.publicInfo", body: {}}).then(
			r => ({api: true, reply: r}), e => ({api: true, error: String(e.message)}))
		: {api: false}`, env.exampleID)

	t.Run("page on 127.0.0.1 gets a reply", func(t *testing.T) {
		ctx := testCtx(t)
		tab, err := env.browser.OpenTab(ctx, pages.Page("external.html"))
		require.NoError(t, err)
		t.Cleanup(tab.Close)
		origin := strings.TrimSuffix(pages.URL, "/")
		var got struct {
			API   bool            `json:"api"`
			Reply json.RawMessage `json:"reply"`
			Error string          `json:"error"`
		}
		require.NoError(t, chromium.EvalInto(ctx, tab.Page(), send, &got))
		require.True(t, got.API)
		assert.JSONEq(t, `{"extwasm":1,"ok":true,"body":{"product":"extwasm vault","caller":"`+origin+`"}}`, string(got.Reply))
	})

	t.Run("page on localhost is refused", func(t *testing.T) {
		ctx := testCtx(t)
		url := strings.Replace(pages.Page("external.html"), "127.0.0.1", "localhost", 1)
		tab, err := env.browser.OpenTab(ctx, url)
		require.NoError(t, err)
		t.Cleanup(tab.Close)
		got, err := tab.Page().Eval(ctx, send)
		require.NoError(t, err)
		// No extension's externally_connectable matches the page, so Chrome gives it no messaging API.
		assert.JSONEq(t, `{"api":false}`, string(got))
	})

	t.Run("native one-shot", func(t *testing.T) {
		w := env.worker(t, env.exampleID, "extwasmDemo")
		cred := `{"username":"gopher","password":"correct horse battery staple"}`
		for _, fn := range []string{"extwasmDemo.nativeLookup", "extwasmDemo.nativeLookupJSON"} {
			var got outcome
			require.NoError(t, chromium.EvalInto(testCtx(t), w, fn+`("127.0.0.1")`, &got))
			require.True(t, got.OK, "%s: %+v", fn, got)
			assert.JSONEq(t, cred, string(got.Body), fn)
		}
		var got outcome
		require.NoError(t, chromium.EvalInto(testCtx(t), w, `extwasmDemo.nativeLookup("example.org")`, &got))
		assert.False(t, got.OK)
		assert.Equal(t, "remote", got.Code)
		assert.Contains(t, got.Message, `no credential for "example.org"`)
	})

	t.Run("native port and a host that crashes", func(t *testing.T) {
		w := env.worker(t, env.exampleID, "extwasmDemo")
		var got struct {
			Replies []outcome `json:"replies"`
			Crash   outcome   `json:"crash"`
			Exited  bool      `json:"exited"`
		}
		require.NoError(t, chromium.EvalInto(testCtx(t), w, `extwasmDemo.nativePort("127.0.0.1", true)`, &got))
		require.Len(t, got.Replies, 2)
		for _, r := range got.Replies {
			assert.True(t, r.OK, "%+v", r)
			assert.JSONEq(t, `{"username":"gopher","password":"correct horse battery staple"}`, string(r.Body))
		}
		assert.False(t, got.Crash.OK)
		// The port ended: CodeOf reports that first; errors.Is also matches ErrNativeExited ("exited").
		assert.Equal(t, "disconnected", got.Crash.Code)
		assert.Contains(t, got.Crash.Message, "Native host has exited.")
		assert.True(t, got.Exited)
	})
}

// TestExternalSendersAndInternalRoutes: AllowExtensions admits a listed extension's worker but not
// its content script, and no external caller can tell the example's internal demo.panic from a
// route that does not exist (measured in Chromium: both resolve undefined, the glue staying silent).
func TestExternalSendersAndInternalRoutes(t *testing.T) {
	env := setupExternal(t)
	env.worker(t, env.exampleID, "extwasmDemo") // Go runs in the example's worker
	csWorker := env.worker(t, env.csCallerID, "chrome")
	ctx := testCtx(t)
	tab, err := env.browser.OpenTab(ctx, pages.Page("external.html"))
	require.NoError(t, err)
	t.Cleanup(tab.Close)
	cs := tab.Isolated(env.csCallerID)
	require.NoError(t, chromium.WaitFor(ctx, cs, `typeof chrome === "object" && typeof chrome.runtime.sendMessage === "function"`))
	origin := strings.TrimSuffix(pages.URL, "/")

	eval := func(r chromium.Realm, expr string) string {
		t.Helper()
		got, err := r.Eval(testCtx(t), expr)
		require.NoError(t, err, expr)
		return string(got)
	}
	t.Run("the listed extension's worker is admitted", func(t *testing.T) {
		assert.JSONEq(t, `{"extwasm":1,"ok":true,"body":{"product":"extwasm vault","caller":"`+env.csCallerID+`"}}`,
			eval(csWorker, sendTo(env.exampleID, "vault.publicInfo")))
	})
	t.Run("its content script is not", func(t *testing.T) {
		assert.JSONEq(t, `{"extwasm":1,"ok":false,"error":{"code":"denied","message":"sender not allowed on route \"vault.publicInfo\""}}`,
			eval(cs, sendTo(env.exampleID, "vault.publicInfo")))
	})
	t.Run("the page itself is admitted by origin", func(t *testing.T) {
		assert.JSONEq(t, `{"extwasm":1,"ok":true,"body":{"product":"extwasm vault","caller":"`+origin+`"}}`,
			eval(tab.Page(), sendTo(env.exampleID, "vault.publicInfo")))
	})
	for name, r := range map[string]chromium.Realm{"extension": csWorker, "content script": cs, "page": tab.Page()} {
		t.Run("internal route is absent for "+name, func(t *testing.T) {
			missing := eval(r, sendTo(env.exampleID, "demo.nope"))
			assert.Equal(t, `"undefined"`, missing)
			assert.Equal(t, missing, eval(r, sendTo(env.exampleID, "demo.panic")))
		})
	}
	t.Run("a content script has no native messaging", func(t *testing.T) {
		// Measured: nativehost.AllowOrigins and CheckOrigin never see a content script as caller.
		assert.JSONEq(t, `["undefined","undefined"]`, eval(cs, `[typeof chrome.runtime.connectNative, typeof chrome.runtime.sendNativeMessage]`))
	})
}
