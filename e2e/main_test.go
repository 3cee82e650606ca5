//go:build e2e

package e2e

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromium"
)

// One browser and one page server per test binary: starting Chromium costs about a second, and the
// tests only share state through tabs they open and close themselves.
var (
	browser *chromium.Browser
	pages   *chromium.PageServer
	jsextID string
	// exampleID is empty when the example extension is not built; its tests then fail.
	exampleID  string
	exampleErr error
	// exampleBroken is set when the example's Go code failed to start, so later tests fail fast.
	exampleBroken error
)

const jsextDir = "testdata/jsext"

// exampleDir is the example extension; EXTWASM_E2E_EXTENSION points the contract tests at another
// build of it.
var exampleDir = cmp.Or(os.Getenv("EXTWASM_E2E_EXTENSION"), "../extension")

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	flag.Parse()
	var err error
	pages, err = chromium.ServePages("testdata/pages")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer pages.Close()

	exts := []string{jsextDir}
	// The floor extension is only for the benchmark: the tests see the same browser as before.
	if benchmarking() {
		if floorErr = floorBuilt(); floorErr == nil {
			exts = append(exts, floorDir)
			if floorID, err = chromium.ExtensionID(floorDir); err != nil {
				fmt.Fprintln(os.Stderr, "e2e:", err)
				return 1
			}
		}
	}
	if exampleErr = exampleBuilt(); exampleErr == nil {
		exts = append(exts, exampleDir)
		exampleID, err = chromium.ExtensionID(exampleDir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "e2e:", err)
			return 1
		}
	}
	if jsextID, err = chromium.ExtensionID(jsextDir); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	browser, err = chromium.Launch(ctx, chromium.Options{Extensions: exts})
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: FAIL:", err)
		return 1
	}
	defer browser.Close()
	code := m.Run()
	if code != 0 {
		fmt.Fprintf(os.Stderr, "e2e: browser output (tail):\n%s\n", tail(browser.Output(), 4000))
	}
	return code
}

// exampleBuilt says why the example extension cannot be loaded, or nil.
func exampleBuilt() error {
	files := []string{"manifest.json"}
	if os.Getenv("EXTWASM_E2E_EXTENSION") == "" {
		files = append(files, "worker.js", "worker.wasm", "content.wasm", "wasm_exec.js", "extwasm.js")
	}
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(exampleDir, f)); err != nil {
			return fmt.Errorf("example extension not built (run ./build.sh): %w", err)
		}
	}
	return nil
}

// requireExample fails the test when the example extension is not loaded.
func requireExample(t testing.TB) {
	t.Helper()
	require.NoError(t, exampleErr)
}

// timeout is the budget of one test; generous for a loaded 2-core machine, still bounded.
func testCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

// ctxNoWait is for asserting that something does not happen: a short bounded wait.
func ctxNoWait(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	t.Cleanup(cancel)
	return ctx
}

func itoa(n int) string { return strconv.Itoa(n) }
