package browser

import (
	"context"
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/internal/wasmjs"
)

// BenchmarkGoRoundTrip measures one-time messages per second between the example's Go content
// script and Go service worker (route demo.greet), through the whole simulated message service.
func BenchmarkGoRoundTrip(b *testing.B) {
	dir := buildExample(b)
	br, err := New(Options{Seed: 1})
	require.NoError(b, err)
	defer br.Close()
	ext, err := br.Install(dir)
	require.NoError(b, err)
	br.ServePage(pageURL, Page{HTML: "<p>bench</p>"})
	tab, err := br.OpenTab(pageURL)
	require.NoError(b, err)
	cs := tab.Top().ContentScript(ext)
	ctx := context.Background()
	_, err = cs.Eval(ctx, `new Promise((r) => { const c = () => typeof extwasmDemo === "object" ? r() : setTimeout(c, 10); c(); })`)
	require.NoError(b, err)
	br.b.Transcript.Off = true
	const batch = 100
	expr := fmt.Sprintf(`(async () => { for (let i = 0; i < %d; i++) await extwasmDemo.greet("bench"); return true; })()`, batch)
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

// BenchmarkIdleTabs measures the memory of idle contexts: 100 tabs, each with a page main world
// and the probe extension's content script.
func BenchmarkIdleTabs(b *testing.B) {
	for i := 0; i < b.N; i++ {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		br, err := New(Options{Seed: 1})
		require.NoError(b, err)
		_, err = br.Install("testdata/probe")
		require.NoError(b, err)
		for t := 0; t < 100; t++ {
			_, err := br.OpenTab(fmt.Sprintf("http://127.0.0.1:8000/tab%d.html", t))
			require.NoError(b, err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/200/1024, "KiB/context")
		require.NoError(b, br.Close())
	}
}
