//go:build e2e

package e2e

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromium"
)

// BenchmarkProfileWarm samples the example worker's CPU with V8's profiler during warm round trips
// and logs where the time goes, by function and by Go package. It runs only with
// EXTWASM_PROFILE=1 (or =floor, to profile the floor's worker instead), and is only readable on a
// build that keeps the wasm name section:
//
//	go run ./cmd/extwasm build -ldflags=-w && EXTWASM_PROFILE=1 go test -tags e2e -run '^$' -bench ProfileWarm -v ./e2e/
func BenchmarkProfileWarm(b *testing.B) {
	if os.Getenv("EXTWASM_PROFILE") == "" {
		b.Skip("set EXTWASM_PROFILE=1 (and build with -ldflags=-w for function names)")
	}
	requireExample(b)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	tab, err := browser.OpenTab(ctx, pages.Page("plain.html?profile"))
	require.NoError(b, err)
	defer tab.Close()
	extID, marker := exampleID, "extwasmDemo"
	if os.Getenv("EXTWASM_PROFILE") == "floor" {
		require.NoError(b, floorErr)
		extID, marker = floorID, "floorext"
	}
	cs := tab.Isolated(extID)
	require.NoError(b, chromium.WaitFor(ctx, cs, "typeof "+marker+` === "object"`))
	var discard []float64
	require.NoError(b, chromium.EvalInto(ctx, cs, timeGreetings(warmUp), &discard))
	w, err := browser.Worker(ctx, extID)
	require.NoError(b, err)
	defer w.Close()
	const n = 500
	var ms []float64
	prof, err := w.Profile(ctx, 50, func() error { return chromium.EvalInto(ctx, cs, timeGreetings(n), &ms) })
	require.NoError(b, err)
	self := chromium.SelfTimes(prof)
	var total int64
	byPkg := map[string]int64{}
	for _, s := range self {
		total += s.Micros
		byPkg[goPackage(s.Function)] += s.Micros
	}
	b.Logf("%d round trips, p50 %.2f ms; worker CPU samples %.1f ms in total (idle included)", n, quantile(ms, 0.5), float64(total)/1000)
	for i, s := range self {
		if i == 40 {
			break
		}
		b.Logf("%8.1f ms  %s", float64(s.Micros)/1000, s.Function)
	}
	for _, p := range sortedByValue(byPkg) {
		b.Logf("package %8.1f ms  %s", float64(byPkg[p])/1000, p)
	}
}

// goPackage is the Go package of a wasm function name ("encoding/json.(*decodeState).object"), or
// the name itself for JavaScript and V8's own entries.
func goPackage(fn string) string {
	slash := strings.LastIndexByte(fn, '/')
	if dot := strings.IndexByte(fn[slash+1:], '.'); dot > 0 && !strings.HasPrefix(fn, "(") {
		return fn[:slash+1+dot]
	}
	return fn
}

func sortedByValue(m map[string]int64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && m[keys[j]] > m[keys[j-1]]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}
