//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromium"
)

// Round trips are timed inside the content script's isolated world with performance.now(), so the
// DevTools protocol's own latency is not part of the numbers.
const (
	warmN     = 200 // warm round trips per handler
	warmBatch = 20  // Go and JS alternate in batches of this size, so drift hits both alike
	warmUp    = 20  // untimed round trips per handler first (JIT, caches)
	coldN     = 10  // cold starts per handler, alternating
)

// timeGreetings sends n greetings one after another and returns each round trip in milliseconds.
func timeGreetings(n int) string {
	return fmt.Sprintf(`(async () => { const out = [];
	for (let i = 0; i < %d; i++) {
		const t0 = performance.now();
		const r = await chrome.runtime.sendMessage({greeting: "hello"});
		out.push(performance.now() - t0);
		if (!r || r.farewell !== "goodbye") throw new Error("unexpected reply " + JSON.stringify(r));
	}
	return out; })()`, n)
}

type handler struct {
	name  string // "go" or "js"
	extID string
	cs    chromium.Realm
	warm  []float64
	cold  []float64
}

func BenchmarkGreetingRoundTrip(b *testing.B) {
	requireExample(b)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	tab, err := browser.OpenTab(ctx, pages.Page("plain.html?bench"))
	require.NoError(b, err)
	defer tab.Close()
	hs := []*handler{
		{name: "go", extID: exampleID, cs: tab.Isolated(exampleID)},
		{name: "js", extID: jsextID, cs: tab.Isolated(jsextID)},
	}
	require.NoError(b, chromium.WaitFor(ctx, hs[0].cs, `typeof extwasmDemo === "object"`))
	require.NoError(b, chromium.WaitFor(ctx, hs[1].cs, `typeof jsext === "object"`))

	for range b.N {
		require.NoError(b, measure(ctx, hs, warmN, coldN))
	}
	// Absolute numbers depend on what else the machine runs; the ratios much less.
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		b.Logf("load average during the run: %s", strings.TrimSpace(string(load)))
	}

	for _, h := range hs {
		b.ReportMetric(quantile(h.warm, 0.5), h.name+"-warm-p50-ms")
		b.ReportMetric(quantile(h.warm, 0.9), h.name+"-warm-p90-ms")
		b.ReportMetric(quantile(h.cold, 0.5), h.name+"-cold-p50-ms")
		b.ReportMetric(quantile(h.cold, 0.9), h.name+"-cold-p90-ms")
		b.Logf("%s: warm N=%d p50 %.2f ms p90 %.2f ms; cold N=%d p50 %.1f ms p90 %.1f ms",
			h.name, len(h.warm), quantile(h.warm, 0.5), quantile(h.warm, 0.9),
			len(h.cold), quantile(h.cold, 0.5), quantile(h.cold, 0.9))
	}
	b.ReportMetric(quantile(hs[0].warm, 0.5)/quantile(hs[1].warm, 0.5), "go/js-warm-p50")
	b.ReportMetric(quantile(hs[0].cold, 0.5)/quantile(hs[1].cold, 0.5), "go/js-cold-p50")
}

// measure times warm round trips (after a warm-up) and cold starts for each handler, alternating
// between handlers so that both see the same machine load.
func measure(ctx context.Context, hs []*handler, warm, cold int) error {
	for _, h := range hs {
		h.warm, h.cold = nil, nil
		var discard []float64
		if err := chromium.EvalInto(ctx, h.cs, timeGreetings(warmUp), &discard); err != nil {
			return err
		}
	}
	for len(hs[0].warm) < warm {
		for _, h := range hs {
			var ms []float64
			if err := chromium.EvalInto(ctx, h.cs, timeGreetings(min(warmBatch, warm-len(h.warm))), &ms); err != nil {
				return err
			}
			h.warm = append(h.warm, ms...)
		}
	}
	for range cold {
		for _, h := range hs {
			w, err := browser.Worker(ctx, h.extID)
			if err != nil {
				return err
			}
			if err := w.Stop(ctx); err != nil {
				return err
			}
			var ms []float64
			if err := chromium.EvalInto(ctx, h.cs, timeGreetings(1), &ms); err != nil {
				return fmt.Errorf("%s cold start: %w", h.name, err)
			}
			h.cold = append(h.cold, ms...)
		}
	}
	return nil
}

// quantile is the nearest-rank quantile of xs.
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(q*float64(len(s))+0.5) - 1
	return s[max(0, min(i, len(s)-1))]
}
