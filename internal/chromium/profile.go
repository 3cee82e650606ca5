package chromium

import (
	"context"
	"fmt"
	"sort"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

// Profile runs V8's sampling CPU profiler in the worker (every intervalMicros) while fn runs, and
// returns the profile. Wasm functions carry their names only when the module keeps its name
// section (built without -ldflags=-s).
func (w *Worker) Profile(ctx context.Context, intervalMicros int64, fn func() error) (*profiler.Profile, error) {
	c, cancel := bound(ctx, w.ctx)
	defer cancel()
	if _, err := chromedp.Call(c, profiler.Enable, cdp.Empty{}); err != nil {
		return nil, fmt.Errorf("chromium: Profiler.enable: %w", err)
	}
	if _, err := chromedp.Call(c, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: intervalMicros}); err != nil {
		return nil, fmt.Errorf("chromium: Profiler.setSamplingInterval: %w", err)
	}
	if _, err := chromedp.Call(c, profiler.Start, cdp.Empty{}); err != nil {
		return nil, fmt.Errorf("chromium: Profiler.start: %w", err)
	}
	runErr := fn()
	res, err := chromedp.Call(c, profiler.Stop, cdp.Empty{})
	if runErr != nil {
		return nil, runErr
	}
	if err != nil {
		return nil, fmt.Errorf("chromium: Profiler.stop: %w", err)
	}
	return res.Profile, nil
}

// SelfTime is the sampled time spent in one function itself, not in its callees.
type SelfTime struct {
	Function string // function name, or "(url:line)" for an anonymous one
	Micros   int64
}

// SelfTimes sums a profile's samples by the function on top of the stack, largest first.
func SelfTimes(p *profiler.Profile) []SelfTime {
	parent := map[int64]int64{}
	nodes := map[int64]*profiler.ProfileNode{}
	for _, n := range p.Nodes {
		nodes[n.ID] = n
		for _, c := range n.Children {
			parent[c] = n.ID
		}
	}
	// A frame V8 cannot name (a builtin or stub called from wasm) is charged to its nearest named
	// caller, marked with "…", so that wasm's calls into V8 show under the Go function making them.
	byNode := map[int64]string{}
	for _, n := range p.Nodes {
		name, suffix := n.CallFrame.FunctionName, ""
		for id := n.ID; name == "" && n.CallFrame.URL == ""; {
			pid, ok := parent[id]
			if !ok {
				break
			}
			id, suffix = pid, " …"
			name = nodes[pid].CallFrame.FunctionName
		}
		if name == "" {
			name = fmt.Sprintf("(%s:%d)", n.CallFrame.URL, n.CallFrame.LineNumber)
		}
		byNode[n.ID] = name + suffix
	}
	sums := map[string]int64{}
	for i, id := range p.Samples {
		if i < len(p.TimeDeltas) {
			// A sample's delta is the time since the previous one: charge it to this sample.
			sums[byNode[id]] += p.TimeDeltas[i]
		}
	}
	out := make([]SelfTime, 0, len(sums))
	for f, us := range sums {
		out = append(out, SelfTime{f, us})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Micros > out[j].Micros || out[i].Micros == out[j].Micros && out[i].Function < out[j].Function
	})
	return out
}
