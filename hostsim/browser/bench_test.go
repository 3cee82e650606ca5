package browser

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

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
