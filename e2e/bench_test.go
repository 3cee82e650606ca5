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

// timeColdGreeting sends one greeting and returns [round trip ms, send time, receive time], the
// two times on the Unix epoch in milliseconds (performance.timeOrigin + now()), so that they can be
// set against the woken worker's own marks.
const timeColdGreeting = `(async () => {
	const t0 = performance.now();
	const r = await chrome.runtime.sendMessage({greeting: "hello"});
	const t1 = performance.now();
	if (!r || r.farewell !== "goodbye") throw new Error("unexpected reply " + JSON.stringify(r));
	return [t1 - t0, performance.timeOrigin + t0, performance.timeOrigin + t1]; })()`

type handler struct {
	name  string // "go", "js" or "floor"
	extID string
	cs    chromium.Realm
	glue  bool // the worker starts through extwasm.js, which leaves User Timing marks
	warm  []float64
	cold  []float64
	// phases holds, per cold start, the worker's milliseconds from its time origin to the glue's
	// start, to the module instantiated, to jsglue's package init (-1 without jsglue), to Go's
	// Ready and to Go's first reply, then the worker's time origin on the Unix epoch.
	phases [][6]float64
	// sends holds, per cold start, the content script's send and receive times on the Unix epoch.
	sends [][2]float64
}

// gluePhases reads the glue's marks in a worker that started through it.
const gluePhases = `(() => { const t = (n) => { const e = performance.getEntriesByName(n); return e.length ? e[0].startTime : -1; };
	return [t('extwasm.start'), t('extwasm.instantiated'), t('extwasm.go-init'), t('extwasm.ready'),
		t('extwasm.first-reply'), performance.timeOrigin]; })()`

func BenchmarkGreetingRoundTrip(b *testing.B) {
	requireExample(b)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	tab, err := browser.OpenTab(ctx, pages.Page("plain.html?bench"))
	require.NoError(b, err)
	defer tab.Close()
	require.NoError(b, floorErr)
	hs := []*handler{
		{name: "go", extID: exampleID, cs: tab.Isolated(exampleID), glue: true},
		{name: "js", extID: jsextID, cs: tab.Isolated(jsextID)},
		{name: "floor", extID: floorID, cs: tab.Isolated(floorID), glue: true},
	}
	require.NoError(b, chromium.WaitFor(ctx, hs[0].cs, `typeof extwasmDemo === "object"`))
	require.NoError(b, chromium.WaitFor(ctx, hs[1].cs, `typeof jsext === "object"`))
	require.NoError(b, chromium.WaitFor(ctx, hs[2].cs, `typeof floorext === "object"`))

	for range b.N {
		require.NoError(b, measure(ctx, hs, warmN, coldN))
	}
	// Absolute numbers depend on what else the machine runs; the ratios much less.
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		b.Logf("load average during the run: %s", strings.TrimSpace(string(load)))
	}

	runToReady, readyToReply := map[string]float64{}, map[string]float64{}
	for _, h := range hs {
		b.ReportMetric(quantile(h.warm, 0.5), h.name+"-warm-p50-ms")
		b.ReportMetric(quantile(h.warm, 0.9), h.name+"-warm-p90-ms")
		b.ReportMetric(quantile(h.cold, 0.5), h.name+"-cold-p50-ms")
		b.ReportMetric(quantile(h.cold, 0.9), h.name+"-cold-p90-ms")
		b.Logf("%s: warm N=%d p50 %.2f ms p90 %.2f ms; cold N=%d p50 %.1f ms p90 %.1f ms",
			h.name, len(h.warm), quantile(h.warm, 0.5), quantile(h.warm, 0.9),
			len(h.cold), quantile(h.cold, 0.5), quantile(h.cold, 0.9))
		if h.glue {
			var start, inst, ready, goInit, first, wake, back []float64
			for i, p := range h.phases {
				start, inst, ready = append(start, p[0]), append(inst, p[1]-p[0]), append(ready, p[3]-p[1])
				if p[2] >= 0 {
					goInit = append(goInit, p[2]-p[1])
				}
				first = append(first, p[4]-p[3])
				// The content script and the worker are different processes; both clocks are the
				// machine's, read through each one's time origin.
				wake = append(wake, p[5]-h.sends[i][0])
				back = append(back, h.sends[i][1]-(p[5]+p[4]))
			}
			b.ReportMetric(quantile(first, 0.5), h.name+"-cold-ready-to-reply-ms")
			readyToReply[h.name] = quantile(first, 0.5)
			b.ReportMetric(quantile(wake, 0.5), h.name+"-cold-send-to-origin-ms")
			b.ReportMetric(quantile(back, 0.5), h.name+"-cold-reply-to-receipt-ms")
			b.Logf("%s cold start, p50 around the worker: send to the worker's time origin %.1f ms; Ready to Go's first reply %.1f ms; that reply to its receipt %.1f ms",
				h.name, quantile(wake, 0.5), quantile(first, 0.5), quantile(back, 0.5))
			b.ReportMetric(quantile(start, 0.5), h.name+"-cold-to-start-ms")
			b.ReportMetric(quantile(inst, 0.5), h.name+"-cold-instantiate-ms")
			b.ReportMetric(quantile(ready, 0.5), h.name+"-cold-run-to-ready-ms")
			runToReady[h.name] = quantile(ready, 0.5)
			b.Logf("%s cold start, p50 from the worker's time origin: glue start %.1f ms, then instantiateStreaming %.1f ms, then Go run to Ready %.1f ms",
				h.name, quantile(start, 0.5), quantile(inst, 0.5), quantile(ready, 0.5))
			if len(goInit) > 0 {
				b.ReportMetric(quantile(goInit, 0.5), h.name+"-cold-to-jsglue-init-ms")
				b.Logf("%s: of Go's run, %.1f ms (p50) until jsglue's package init", h.name, quantile(goInit, 0.5))
			}
		}
	}
	ratio := func(a, b *handler, warm bool) float64 {
		if warm {
			return quantile(a.warm, 0.5) / quantile(b.warm, 0.5)
		}
		return quantile(a.cold, 0.5) / quantile(b.cold, 0.5)
	}
	b.ReportMetric(ratio(hs[0], hs[1], true), "go/js-warm-p50")
	b.ReportMetric(ratio(hs[0], hs[1], false), "go/js-cold-p50")
	b.ReportMetric(ratio(hs[2], hs[1], true), "floor/js-warm-p50")
	b.ReportMetric(ratio(hs[2], hs[1], false), "floor/js-cold-p50")
	b.ReportMetric(ratio(hs[0], hs[2], true), "go/floor-warm-p50")
	b.ReportMetric(ratio(hs[0], hs[2], false), "go/floor-cold-p50")
	// What the bridge adds to Go's own start-up before the worker can answer.
	b.ReportMetric(runToReady["go"]-runToReady["floor"], "go-floor-run-to-ready-ms")
	b.ReportMetric(readyToReply["go"]-readyToReply["floor"], "go-floor-ready-to-reply-ms")
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
			var rt [3]float64
			if err := chromium.EvalInto(ctx, h.cs, timeColdGreeting, &rt); err != nil {
				return fmt.Errorf("%s cold start: %w", h.name, err)
			}
			h.cold = append(h.cold, rt[0])
			h.sends = append(h.sends, [2]float64{rt[1], rt[2]})
			if h.glue {
				if err := readPhases(ctx, h); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// readPhases attaches to the worker the last cold start woke (after the round trip was timed) and
// records its glue's marks.
func readPhases(ctx context.Context, h *handler) error {
	w, err := browser.Worker(ctx, h.extID)
	if err != nil {
		return err
	}
	defer w.Close()
	var p [6]float64
	if err := chromium.EvalInto(ctx, w, gluePhases, &p); err != nil {
		return fmt.Errorf("%s cold start phases: %w", h.name, err)
	}
	if p[0] < 0 || p[1] < p[0] || p[3] < p[1] || p[4] < p[3] || p[2] >= 0 && (p[2] < p[1] || p[3] < p[2]) {
		return fmt.Errorf("%s cold start phases out of order: %v", h.name, p)
	}
	h.phases = append(h.phases, p)
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
