package browser_test

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/browser"
	"github.com/extwasm/extwasm/hostsim/internal/wasmjs"
)

// roundTripFixture is one Go module in both contexts: the worker serves rt.greet, the content
// script's rtGreet.send(name) sends it.
var roundTripFixture = goFixture{ext: "testdata/roundtrip/ext", src: "./hostsim/browser/testdata/roundtrip/src", wasm: "roundtrip.wasm"}

// BenchmarkGoRoundTrip measures one-time messages per second between a Go content script and a
// Go service worker (route rt.greet), through the whole simulated message service.
func BenchmarkGoRoundTrip(b *testing.B) {
	dir := roundTripFixture.build(b)
	br, err := browser.New(browser.Options{Seed: 1})
	require.NoError(b, err)
	defer br.Close()
	ext, err := br.Install(dir)
	require.NoError(b, err)
	const url = "http://127.0.0.1:8000/bench.html"
	br.ServePage(url, browser.Page{HTML: "<p>bench</p>"})
	tab, err := br.OpenTab(url)
	require.NoError(b, err)
	cs := tab.Top().ContentScript(ext)
	ctx := context.Background()
	_, err = cs.Eval(ctx, `new Promise((r) => { const c = () => typeof rtGreet === "object" && typeof rtGreet.send === "function" ? r() : setTimeout(c, 10); c(); })`)
	require.NoError(b, err)
	raw, err := cs.Eval(ctx, `rtGreet.send("bench")`)
	require.NoError(b, err)
	require.JSONEq(b, `{"greeting":"hello, bench"}`, string(raw))
	browser.StopTranscript(br)
	const batch = 100
	expr := fmt.Sprintf(`(async () => { for (let i = 0; i < %d; i++) await rtGreet.send("bench"); return true; })()`, batch)
	// Guest time is the wasm code's own share, which no change to the simulator can shrink.
	eng, err := wasmjs.Shared(wasmjs.CacheSetting{})
	require.NoError(b, err)
	eng.MeasureGuestTime(true)
	defer eng.MeasureGuestTime(false)
	guest0 := eng.Stats().GuestTime
	b.ResetTimer()
	cpu0 := processCPU(b)
	sent := 0
	for sent < b.N {
		_, err := cs.Eval(ctx, expr)
		require.NoError(b, err)
		sent += batch
	}
	cpu := processCPU(b) - cpu0
	guest := eng.Stats().GuestTime - guest0
	b.ReportMetric(float64(sent)/b.Elapsed().Seconds(), "msgs/s")
	b.ReportMetric(float64(sent)/cpu.Seconds(), "msgs/cpu-s")
	b.ReportMetric(float64(guest.Microseconds())/float64(sent), "guest-µs/msg")
	b.ReportMetric(100*guest.Seconds()/b.Elapsed().Seconds(), "guest-%")
}

// processCPU is the CPU time (user and system) the process has used so far. On a shared
// machine, messages per CPU second is the figure that does not depend on other load.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	require.NoError(b, syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
