package browser_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/extwasmtest"
	"github.com/extwasm/extwasm/hostsim/browser"
)

// The soak test: content scripts in several tabs send one-time messages and hold port
// conversations with the worker for a long run, with the worker stopped along the way (StopWorker,
// and in hostsim an idle stop), and every so many messages each context is probed after a garbage
// collection in its Go module: live Go heap and objects, goroutines, js.Funcs not released, the
// JavaScript values Go holds references to, wasm linear memory, pending timers and what the glue
// holds. A figure that keeps growing after the warm-up is a leak, and fails the test.
//
// `go test` runs a short soak in hostsim (soakShort); make soak runs the long one
// (EXTWASM_SOAK=long: 100,000 messages and 10,000 conversations) and a Chromium one
// (EXTWASM_BROWSER=chromium, soakChromium).

// soakFixture is the soak extension: one Go module for the worker and the content scripts.
var soakFixture = goFixture{ext: "testdata/soak/ext", src: "./hostsim/browser/testdata/soak/src", wasm: "soak.wasm",
	flags: []string{"-ldflags=-checklinkname=0"}}

// soakPlan is one soak's shape.
type soakPlan struct {
	messages int // one-time messages in all
	chats    int // port conversations in all
	turns    int // messages each way in one conversation
	every    int // messages between two samples
	round    int // messages the tabs send between two looks at the plan
	warmup   int // messages before a context's figures count (a worker's: since it started)
	stopAt   int // StopWorker after this many messages (0: never)
	idleAt   int // let the worker idle out after this many messages (0: never)
	tabs     int
	leak     bool // the first tab leaks with each message (see testdata/soak/src)
	// maxGrowth is how much a figure may grow per sample interval, as a fraction of its value.
	maxGrowth float64
}

var (
	soakShort    = soakPlan{messages: 5_000, chats: 500, turns: 2, every: 1_000, round: 500, warmup: 2_000, stopAt: 1_000, idleAt: 2_000, tabs: 3, maxGrowth: 0.01}
	soakLong     = soakPlan{messages: 100_000, chats: 10_000, turns: 2, every: 10_000, round: 1_000, warmup: 20_000, stopAt: 30_000, idleAt: 60_000, tabs: 3, maxGrowth: 0.01}
	soakChromium = soakPlan{messages: 5_000, chats: 500, turns: 2, every: 1_000, round: 500, warmup: 2_000, stopAt: 1_000, tabs: 3, maxGrowth: 0.01}
)

// soakRealm is a context the soak drives: a hostsim *browser.Context or an extwasmtest.Realm.
type soakRealm interface {
	Name() string
	Eval(ctx context.Context, expr string) (json.RawMessage, error)
}

// soakRig is the browser under soak.
type soakRig struct {
	kind   string
	worker soakRealm
	tabs   []soakRealm
	stop   func() error // stops the worker now
	idle   func() error // lets the worker idle out (nil: the browser cannot be made to wait)
	// values counts the JavaScript values a context's Go holds where the glue's probe cannot (hostsim
	// keeps wasm_exec.js's table in Go); nil where the probe reads it.
	values func(r soakRealm) int
}

// soakFigures is a context's probe result (see testdata/soak/src).
type soakFigures struct {
	HeapBytes   float64            `json:"heapBytes"`
	HeapObjects float64            `json:"heapObjects"`
	Goroutines  float64            `json:"goroutines"`
	Funcs       float64            `json:"funcs"`
	Values      float64            `json:"values"`
	Memory      float64            `json:"memory"`
	Timers      float64            `json:"timers"`
	Held        map[string]float64 `json:"-"`
	RawHeld     map[string]any     `json:"held"`
	JSHeap      float64            `json:"jsHeap"`
}

// soakJudged are the figures the test judges, by name, in table order; JS heap is only reported
// (Chromium cannot be made to collect JavaScript garbage from a test).
var soakJudged = []string{"heap", "objects", "goroutines", "funcs", "values", "memory", "timers", "held msgs", "held ports"}

func (f soakFigures) values() map[string]float64 {
	return map[string]float64{
		"heap": f.HeapBytes, "objects": f.HeapObjects, "goroutines": f.Goroutines, "funcs": f.Funcs,
		"values": f.Values, "memory": f.Memory, "timers": f.Timers,
		"held msgs":  f.Held["messages"] + f.Held["queued"],
		"held ports": f.Held["openPorts"] + f.Held["portChars"],
		"js heap":    f.JSHeap,
	}
}

// soakSample is every context's figures after some number of messages.
type soakSample struct {
	at       int           // messages sent so far
	lifetime int           // which worker this is: 0, then one more after each stop
	wall     time.Duration // since the previous sample (reported, not judged: the box is shared)
	worker   soakFigures
	content  []soakFigures
}

func TestSoak(t *testing.T) {
	plan := soakShort
	if os.Getenv("EXTWASM_SOAK") == "long" {
		plan = soakLong
	}
	dir := soakFixture.build(t)
	kind, err := extwasmtest.Kind()
	require.NoError(t, err)
	var rig soakRig
	if kind == extwasmtest.Chromium {
		plan = soakChromium
		rig = chromiumSoakRig(t, dir, plan.tabs)
	} else {
		rig = hostsimSoakRig(t, dir, plan.tabs)
	}
	samples := runSoak(t, rig, plan)
	t.Logf("%s soak: %d one-time messages, %d port conversations of %d turns, %d tabs; worker stopped after %d messages%s\n%s",
		rig.kind, plan.messages, plan.chats, plan.turns, plan.tabs, plan.stopAt,
		map[bool]string{true: fmt.Sprintf(", idled out after %d", plan.idleAt), false: ""}[plan.idleAt > 0 && rig.idle != nil],
		soakTable(samples, plan))
	for _, p := range soakGrowth(samples, plan) {
		assert.LessOrEqualf(t, p.growth, plan.maxGrowth, "%s %s grew from %.0f (after %d messages) to %.0f (after %d): a leak",
			p.context, p.figure, p.from, p.fromAt, p.to, p.toAt)
	}
}

// TestSoakCatchesLeaks: a content script that leaks, with every message, a js.Func (and so a
// JavaScript value Go holds), a goroutine and a pending timer fails the soak's check on each of them,
// and on its heap; the other tabs do not.
func TestSoakCatchesLeaks(t *testing.T) {
	plan := soakPlan{messages: 2_000, turns: 2, every: 500, round: 250, warmup: 1_000, tabs: 2, maxGrowth: 0.01, leak: true}
	samples := runSoak(t, hostsimSoakRig(t, soakFixture.build(t), plan.tabs), plan)
	flagged := map[string][]string{}
	for _, g := range soakGrowth(samples, plan) {
		if g.growth > plan.maxGrowth {
			flagged[g.context] = append(flagged[g.context], g.figure)
		}
	}
	t.Logf("%s", soakTable(samples, plan))
	assert.Subset(t, flagged["content script 1"], []string{"heap", "objects", "goroutines", "funcs", "values", "timers"})
	assert.Empty(t, flagged["content script 2"])
	assert.Empty(t, flagged["worker 1"])
}

func hostsimSoakRig(t *testing.T, dir string, tabs int) soakRig {
	b, err := browser.New(browser.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	ext, err := b.Install(dir)
	require.NoError(t, err)
	rig := soakRig{kind: extwasmtest.Hostsim, worker: ext.Worker(), stop: ext.StopWorker}
	for i := range tabs {
		tab, err := b.OpenTab(fmt.Sprintf("http://127.0.0.1/tab%d.html", i))
		require.NoError(t, err)
		cs := tab.Top().ContentScript(ext)
		require.NotNil(t, cs)
		rig.tabs = append(rig.tabs, cs)
	}
	rig.idle = func() error {
		// Chrome stops a worker 30 s after its last event; nothing happens here for a minute.
		if err := b.Advance(time.Minute); err != nil {
			return err
		}
		if ext.WorkerRunning() {
			return fmt.Errorf("the worker did not idle out")
		}
		return nil
	}
	rig.values = func(r soakRealm) int {
		n, ok := r.(*browser.Context).GoValues()
		require.True(t, ok, "hostsim runs the gojs imports in fast mode (the values table is in Go)")
		return n
	}
	return rig
}

func chromiumSoakRig(t *testing.T, dir string, tabs int) soakRig {
	b := extwasmtest.New(t)
	ext := extwasmtest.Install(t, b, dir)
	rig := soakRig{kind: b.Kind(), worker: ext.Worker(), stop: func() error { return ext.StopWorker(context.Background()) }}
	for i := range tabs {
		tab := extwasmtest.OpenTab(t, b, b.Serve(fmt.Sprintf("/tab%d.html", i), extwasmtest.Page{HTML: "<title>soak</title>"}))
		rig.tabs = append(rig.tabs, tab.ContentScript(ext))
	}
	return rig
}

// runSoak drives the plan and returns the samples.
func runSoak(t *testing.T, rig soakRig, plan soakPlan) []soakSample {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Hour)
	defer cancel()
	all := append([]soakRealm{rig.worker}, rig.tabs...)
	evalInto := func(r soakRealm, expr string, out any) {
		raw, err := r.Eval(ctx, expr)
		require.NoError(t, err, "%s: %s", r.Name(), expr)
		require.NoError(t, json.Unmarshal(raw, out), "%s: %s", r.Name(), raw)
	}
	// warm runs a probe whose figures are dropped in a context that has just started: a Go module's
	// first probe allocates for good (timers, the probe's goroutine), which the next would count.
	warm := func(r soakRealm) {
		var ready string
		evalInto(r, `soakReady.then(() => soak.probe()).then(() => extwasm.status())`, &ready)
		require.Equal(t, "ready", ready, r.Name())
	}
	for _, r := range all {
		warm(r)
	}
	probe := func(r soakRealm) soakFigures {
		var f soakFigures
		evalInto(r, `soakReady.then(() => soak.probe())`, &f)
		f.Held = map[string]float64{}
		for k, v := range f.RawHeld {
			if n, ok := v.(float64); ok {
				f.Held[k] = n
			}
		}
		if rig.values != nil {
			f.Values = float64(rig.values(r))
		}
		return f
	}
	var (
		samples  []soakSample
		lifetime int
		chats    int
		last     = time.Now()
	)
	for sent := 0; sent < plan.messages; {
		n := min(plan.round, plan.messages-sent)
		c := plan.chats*(sent+n)/plan.messages - chats
		// Every tab starts its share at once, then each is awaited: the worker serves them all
		// together.
		for i, r := range rig.tabs {
			share, chatShare := n/len(rig.tabs), c/len(rig.tabs)
			if i == 0 {
				share, chatShare = share+n%len(rig.tabs), chatShare+c%len(rig.tabs)
			}
			_, err := r.Eval(ctx, fmt.Sprintf(`(globalThis.soakRun = soak.run(%d, %d, %d, %t), 0)`, share, chatShare, plan.turns, plan.leak && i == 0))
			require.NoError(t, err, r.Name())
		}
		for _, r := range rig.tabs {
			var tl struct {
				OK     int            `json:"ok"`
				Failed map[string]int `json:"failed"`
				First  string         `json:"first"`
			}
			evalInto(r, `soakRun`, &tl)
			require.Empty(t, tl.Failed, "%s: %s", r.Name(), tl.First)
		}
		sent += n
		chats += c
		if sent%plan.every == 0 {
			s := soakSample{at: sent, lifetime: lifetime, wall: time.Since(last), worker: probe(rig.worker)}
			last = time.Now()
			for _, r := range rig.tabs {
				s.content = append(s.content, probe(r))
			}
			samples = append(samples, s)
		}
		if sent == plan.stopAt {
			require.NoError(t, rig.stop(), "StopWorker")
			warm(rig.worker)
			lifetime++
		}
		if sent == plan.idleAt && rig.idle != nil {
			require.NoError(t, rig.idle(), "idle stop")
			warm(rig.worker)
			lifetime++
		}
	}
	return samples
}

// soakGrown is one figure's growth between two samples, per sample interval.
type soakGrown struct {
	context, figure string
	from, to        float64
	fromAt, toAt    int
	growth          float64 // fraction of from per interval (+Inf when from is 0 and to is not)
}

// soakGrowth is every judged figure's growth: for each content script, from the first sample past
// the warm-up to the last; for the worker, within each of its lifetimes, from its first sample
// past the warm-up (counted from the worker's start) to its last.
func soakGrowth(samples []soakSample, plan soakPlan) []soakGrown {
	var out []soakGrown
	grow := func(name string, a, b soakFigures, aAt, bAt int) {
		va, vb := a.values(), b.values()
		for _, fig := range soakJudged {
			g := soakGrown{context: name, figure: fig, from: va[fig], to: vb[fig], fromAt: aAt, toAt: bAt}
			switch {
			case g.to <= g.from:
			case g.from == 0:
				g.growth = 1e9
			default:
				g.growth = (g.to - g.from) / g.from / (float64(bAt-aAt) / float64(plan.every))
			}
			out = append(out, g)
		}
	}
	var base *soakSample
	for i := range samples {
		if samples[i].at >= plan.warmup {
			base = &samples[i]
			break
		}
	}
	if last := &samples[len(samples)-1]; base != nil && base != last {
		for i := range base.content {
			grow(fmt.Sprintf("content script %d", i+1), base.content[i], last.content[i], base.at, last.at)
		}
	}
	for l := 0; ; l++ {
		var life []soakSample
		for _, s := range samples {
			if s.lifetime == l {
				life = append(life, s)
			}
		}
		if len(life) == 0 {
			break
		}
		// The lifetime began right after the previous one's last sample.
		began := 0
		if i := slices.IndexFunc(samples, func(s soakSample) bool { return s.lifetime == l }); i > 0 {
			began = samples[i-1].at
		}
		for len(life) > 0 && life[0].at-began < plan.warmup {
			life = life[1:]
		}
		if len(life) >= 2 {
			grow(fmt.Sprintf("worker %d", l+1), life[0].worker, life[len(life)-1].worker, life[0].at, life[len(life)-1].at)
		}
	}
	return out
}

// soakTable prints the samples: one row per sample and context, then each judged figure's growth.
func soakTable(samples []soakSample, plan soakPlan) string {
	var sb strings.Builder
	cols := append(append([]string{}, soakJudged...), "js heap")
	fmt.Fprintf(&sb, "| messages | context |")
	for _, c := range cols {
		fmt.Fprintf(&sb, " %s |", c)
	}
	sb.WriteString("\n|---|---|" + strings.Repeat("---|", len(cols)) + "\n")
	row := func(at int, name string, f soakFigures) {
		fmt.Fprintf(&sb, "| %d | %s |", at, name)
		v := f.values()
		for _, c := range cols {
			fmt.Fprintf(&sb, " %.0f |", v[c])
		}
		sb.WriteString("\n")
	}
	for _, s := range samples {
		row(s.at, fmt.Sprintf("worker %d", s.lifetime+1), s.worker)
		for i, f := range s.content {
			row(s.at, fmt.Sprintf("content %d", i+1), f)
		}
	}
	sb.WriteString("wall time per interval:")
	for _, s := range samples {
		fmt.Fprintf(&sb, " %.1fs", s.wall.Seconds())
	}
	fmt.Fprintf(&sb, "\ngrowth per %d messages (content scripts from %d messages on, each worker within its lifetime from %d messages after its start):\n", plan.every, plan.warmup, plan.warmup)
	for _, g := range soakGrowth(samples, plan) {
		if g.to != g.from {
			fmt.Fprintf(&sb, "  %s %s: %.0f → %.0f (%+.2f%%)\n", g.context, g.figure, g.from, g.to, 100*(g.to-g.from)/max(g.from, 1)/(float64(g.toAt-g.fromAt)/float64(plan.every)))
		}
	}
	return sb.String()
}
