// Package benchtable turns the output of one `make bench` run into the project's benchmark table:
// every row the project tracks, its value now, its goal and whether the goal is met, with the
// machine's load at the start and end of the run. The same table is printed after the run and
// written into README.md between the markers [Begin] and [End].
package benchtable

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Results are the metrics of one run, keyed by benchmark name (without the -GOMAXPROCS suffix)
// and unit, e.g. Results["BenchmarkGreetingRoundTrip"]["go/js-warm-p50"].
type Results struct {
	Metrics map[string]map[string]float64
	// LoadStart and LoadEnd are /proc/loadavg at the start and end of the run ("" if not seen).
	LoadStart, LoadEnd string
}

// LoadStartPrefix and LoadEndPrefix start the lines in which `make bench` records the load.
const (
	LoadStartPrefix = "bench-load-start: "
	LoadEndPrefix   = "bench-load-end: "
)

var procsSuffix = regexp.MustCompile(`-\d+$`)

// Parse reads `go test -bench` output (several packages' runs concatenated, other lines ignored).
func Parse(r io.Reader) (Results, error) {
	res := Results{Metrics: map[string]map[string]float64{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, LoadStartPrefix):
			res.LoadStart = strings.TrimSpace(strings.TrimPrefix(line, LoadStartPrefix))
			continue
		case strings.HasPrefix(line, LoadEndPrefix):
			res.LoadEnd = strings.TrimSpace(strings.TrimPrefix(line, LoadEndPrefix))
			continue
		case !strings.HasPrefix(line, "Benchmark"):
			continue
		}
		f := strings.Fields(line)
		// name, iterations, then value-unit pairs.
		if len(f) < 4 || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		name := procsSuffix.ReplaceAllString(f[0], "")
		m := res.Metrics[name]
		if m == nil {
			m = map[string]float64{}
			res.Metrics[name] = m
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return Results{}, fmt.Errorf("benchtable: %s: metric %q is not a number", name, f[i])
			}
			m[f[i+1]] = v
		}
	}
	return res, sc.Err()
}

// Metric is one metric of one benchmark.
type Metric struct{ Bench, Unit string }

// Get returns the metric's value and whether the run reported it.
func (r Results) Get(m Metric) (float64, bool) {
	v, ok := r.Metrics[m.Bench][m.Unit]
	return v, ok
}

// Goal is a bound on a row's value.
type Goal struct {
	// AtMost is true for "≤ Bound" (or "< Bound" when Strict), false for "≥ Bound".
	AtMost bool
	Strict bool
	Bound  float64
}

// Met reports whether v meets the goal.
func (g Goal) Met(v float64) bool {
	switch {
	case g.AtMost && g.Strict:
		return v < g.Bound
	case g.AtMost:
		return v <= g.Bound
	default:
		return v >= g.Bound
	}
}

func (g Goal) String(unit string) string {
	op := "≥"
	if g.AtMost {
		op = "≤"
		if g.Strict {
			op = "<"
		}
	}
	return op + " " + number(g.Bound) + unit
}

// Row is one line of the table: a value, an optional goal, and details measured alongside.
type Row struct {
	What  string
	Value Metric
	// Unit follows the value ("×", " ms", " KB", " msg/s").
	Unit string
	// Goal is nil for a row that is only informative.
	Goal *Goal
	// Detail formats what explains the value (absolute times, the floor); get reads the run.
	Detail func(get func(Metric) string) string
}

// Rows are the tracked rows, in the table's order.
var Rows = []Row{
	{What: "Chromium, warm round trip, ours / floor (Go, syscall/js only), p50", Value: m(greeting, "go/floor-warm-p50"), Unit: "×",
		Goal: &Goal{AtMost: true, Bound: 1.10},
		Detail: func(g func(Metric) string) string {
			return "Go / plain JS " + g(m(greeting, "go/js-warm-p50")) + "×: " + g(m(greeting, "go-warm-p50-ms")) + " / " +
				g(m(greeting, "js-warm-p50-ms")) + " ms; floor / plain JS " + g(m(greeting, "floor/js-warm-p50")) + "×"
		}},
	{What: "Chromium, cold start round trip (worker stopped), ours / floor, p50", Value: m(greeting, "go/floor-cold-p50"), Unit: "×",
		Goal: &Goal{AtMost: true, Bound: 1.15},
		Detail: func(g func(Metric) string) string {
			return "Go / JS " + g(m(greeting, "go/js-cold-p50")) + "×: " + g(m(greeting, "go-cold-p50-ms")) + " / " +
				g(m(greeting, "js-cold-p50-ms")) + " ms; floor / JS " + g(m(greeting, "floor/js-cold-p50")) + "×"
		}},
	{What: "Chromium cold start, Go run to Ready, ours − floor, p50", Value: m(greeting, "go-floor-run-to-ready-ms"), Unit: " ms",
		Goal: &Goal{AtMost: true, Bound: 5},
		Detail: func(g func(Metric) string) string {
			return "ours: instantiate " + g(m(greeting, "go-cold-instantiate-ms")) + " ms, run to Ready " +
				g(m(greeting, "go-cold-run-to-ready-ms")) + " ms (to jsglue's init " + g(m(greeting, "go-cold-to-jsglue-init-ms")) +
				"); floor " + g(m(greeting, "floor-cold-instantiate-ms")) + ", " + g(m(greeting, "floor-cold-run-to-ready-ms")) + " ms"
		}},
	{What: "Chromium cold start, Ready to Go's first reply, ours − floor, p50", Value: m(greeting, "go-floor-ready-to-reply-ms"), Unit: " ms",
		Detail: func(g func(Metric) string) string {
			return "ours " + g(m(greeting, "go-cold-ready-to-reply-ms")) + " ms, floor " + g(m(greeting, "floor-cold-ready-to-reply-ms")) +
				" ms; before the worker's time origin (Chrome waking it) " + g(m(greeting, "go-cold-send-to-origin-ms")) + " / " +
				g(m(greeting, "floor-cold-send-to-origin-ms")) + " ms; the reply to its receipt " + g(m(greeting, "go-cold-reply-to-receipt-ms")) +
				" / " + g(m(greeting, "floor-cold-reply-to-receipt-ms")) + " ms"
		}},
	{What: "guest code a cold start runs to its first reply (hostsim), example worker / floor", Value: m("BenchmarkColdStartCode", "example/floor-code"), Unit: "×",
		Detail: func(g func(Metric) string) string {
			return "V8 compiles each function on its first call: ours " + g(m("BenchmarkColdStartCode", "example-to-ready-KB")) + " KB to Ready + " +
				g(m("BenchmarkColdStartCode", "example-ready-to-reply-KB")) + " KB to the first reply, floor " +
				g(m("BenchmarkColdStartCode", "floor-to-ready-KB")) + " + " + g(m("BenchmarkColdStartCode", "floor-ready-to-reply-KB")) +
				" KB; by package: BenchmarkColdStartCode in bench.out"
		}},
	{What: "package initialisation before main, example worker (Node, GODEBUG=inittrace=1), sum of medians", Value: m(inits, "worker-init-sum-ms"), Unit: " ms",
		Detail: func(g func(Metric) string) string {
			return "last package done at " + g(m(inits, "worker-init-done-ms")) + " ms; floor " + g(m(inits, "floor-init-sum-ms")) +
				" ms, done at " + g(m(inits, "floor-init-done-ms")) + " ms; per package: the inittrace lines in bench.out"
		}},
	{What: "example worker.wasm, gzip -9", Value: m(size, "worker-gzip9-KB"), Unit: " KB",
		Goal: &Goal{AtMost: true, Bound: 950},
		Detail: func(g func(Metric) string) string {
			return g(m(size, "worker-raw-KB")) + " KB raw; floor " + g(m(size, "floor-gzip9-KB")) + " KB; syscall/js and encoding/json alone " +
				g(m(size, "json-floor-gzip9-KB")) + " KB"
		}},
	{What: "a worker with one typed route and no encoding/json of its own, gzip -9", Value: m(size, "oneroute-gzip9-KB"), Unit: " KB",
		Goal: &Goal{AtMost: true, Bound: 750},
		Detail: func(g func(Metric) string) string {
			return g(m(size, "oneroute-raw-KB")) + " KB raw (e2e/testdata/floorwasm/oneroute); the bridge itself links encoding/json, " +
				g(m(size, "json-floor-gzip9-KB")) + " KB with syscall/js alone"
		}},
	{What: "hostsim, Go↔Go round trips (content script → worker)", Value: m("BenchmarkGoRoundTrip", "msgs/s"), Unit: " msg/s",
		Goal: &Goal{Bound: 3000},
		Detail: func(g func(Metric) string) string {
			return g(m("BenchmarkGoRoundTrip", "msgs/cpu-s")) + " per CPU second; guest (wasm) code " +
				g(m("BenchmarkGoRoundTrip", "guest-µs/msg")) + " µs per message, " + g(m("BenchmarkGoRoundTrip", "guest-%")) + "% of the time"
		}},
	{What: "bridge's own work per message, natively: allocations, receiving side", Value: m("BenchmarkServeGreeting", "allocs/op"), Unit: "",
		Detail: func(g func(Metric) string) string {
			return g(m("BenchmarkServeGreeting", "ns/op")) + " ns; sending side " + g(m("BenchmarkSendGreeting", "allocs/op")) +
				" allocations, " + g(m("BenchmarkSendGreeting", "ns/op")) + " ns"
		}},
	{What: "shared scenario suite, Chromium wall / hostsim wall", Value: m(scenarios, "chromium/hostsim"), Unit: "×",
		Goal: &Goal{Bound: 30},
		Detail: func(g func(Metric) string) string {
			return g(m(scenarios, "chromium-s/suite")) + " s / " + g(m(scenarios, "hostsim-s/suite")) + " s"
		}},
	{What: "Go's syscall/js suite, hostsim / Node", Value: m("BenchmarkStdlibSuites/syscall_js", "hostsim/node"), Unit: "×",
		Goal: &Goal{AtMost: true, Bound: 1.0},
		Detail: func(g func(Metric) string) string {
			return g(m("BenchmarkStdlibSuites/syscall_js", "hostsim-s")) + " s / " + g(m("BenchmarkStdlibSuites/syscall_js", "node-s")) +
				" s wall; CPU " + g(m("BenchmarkStdlibSuites/syscall_js", "hostsim-cpu-s")) + " s / " + g(m("BenchmarkStdlibSuites/syscall_js", "node-cpu-s")) +
				" s; hostsim with a cold compilation cache " + g(m("BenchmarkStdlibSuites/syscall_js", "hostsim-cold-s")) + " s"
		}},
	{What: "one entry from JavaScript into Go (Node), js.FuncOf / go:wasmexport", Value: m("BenchmarkEntryCost", "funcof/export"), Unit: "×",
		Detail: func(g func(Metric) string) string {
			return g(m("BenchmarkEntryCost", "funcof-ns")) + " / " + g(m("BenchmarkEntryCost", "export-ns")) + " ns; an export handing to a goroutine " +
				g(m("BenchmarkEntryCost", "export-goroutine-ns")) + " ns; an export awaiting JavaScript answers right: " + g(m("BenchmarkEntryCost", "export-awaits-js-ok")) + " (1 = yes)"
		}},
	{What: "a fresh `extwasm init` module's `go test`, warm caches, Chromium wall / hostsim wall", Value: m("BenchmarkScaffoldTests", "chromium/hostsim"), Unit: "×",
		Detail: func(g func(Metric) string) string {
			return "hostsim " + g(m("BenchmarkScaffoldTests", "hostsim-s")) + " s (test binary " + g(m("BenchmarkScaffoldTests", "hostsim-binary-s")) +
				" s), Chromium " + g(m("BenchmarkScaffoldTests", "chromium-s")) + " s (test binary " + g(m("BenchmarkScaffoldTests", "chromium-binary-s")) + " s)"
		}},
	{What: "compile a module in a new test process, from the disk cache", Value: m("BenchmarkCompileNewProcess", "disk-cache-ms"), Unit: " ms",
		Goal: &Goal{AtMost: true, Strict: true, Bound: 50},
		Detail: func(g func(Metric) string) string {
			return "no disk cache " + g(m("BenchmarkCompileNewProcess", "no-disk-cache-ms")) + " ms"
		}},
	{What: "compile a hello-world module, cold / from the engine's cache", Value: m("BenchmarkCompile", "cold/cached"), Unit: "×",
		Detail: func(g func(Metric) string) string {
			return g(m("BenchmarkCompile", "cold-ms")) + " ms / " + g(m("BenchmarkCompile", "cached-µs")) + " µs"
		}},
	{What: "30 virtual seconds of time.Sleep, virtual s per real s", Value: m("BenchmarkVirtualSleep", "virtual-s/s"), Unit: "×"},
	{What: "heap per idle context, 100 tabs (page + content script each)", Value: m("BenchmarkIdleTabs", "KiB/context"), Unit: " KiB"},
	{What: "Chromium, content script start to Go ready on a strict-CSP page (extension frame), p50", Value: m("BenchmarkFrameFallback", "ready-frame-ms"), Unit: " ms",
		Detail: func(g func(Metric) string) string {
			return "in the page itself " + g(m("BenchmarkFrameFallback", "ready-page-ms")) + " ms; one DOM operation from the frame " +
				g(m("BenchmarkFrameFallback", "dom-op-ms")) + " ms"
		}},
}

const (
	greeting  = "BenchmarkGreetingRoundTrip"
	size      = "BenchmarkWasmSize"
	scenarios = "BenchmarkScenarioSuite"
	inits     = "BenchmarkWorkerInit"
)

func m(bench, unit string) Metric { return Metric{bench, unit} }

// number prints v with three significant digits at most, and thousands separated.
func number(v float64) string {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	a := math.Abs(v)
	var s string
	switch {
	case a >= 100:
		s = strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	case a >= 10:
		s = strconv.FormatFloat(v, 'f', 1, 64)
	default:
		s = strconv.FormatFloat(v, 'f', 2, 64)
	}
	return separate(s)
}

func separate(s string) string {
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if neg {
		out = "-" + out
	}
	if frac != "" {
		out += "." + frac
	}
	return out
}

// Table renders the rows as a Markdown table, preceded by the load line. A metric the run did not
// report shows as "not measured" and its goal as not met.
func Table(r Results) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Load average (1, 5, 15 min) at the start of the run: %s; at the end: %s.\n\n", orUnknown(r.LoadStart), orUnknown(r.LoadEnd))
	b.WriteString("| what | now | goal | met? | measured alongside |\n| --- | --- | --- | --- | --- |\n")
	get := func(m Metric) string {
		if v, ok := r.Get(m); ok {
			return number(v)
		}
		return "?"
	}
	for _, row := range Rows {
		now, goal, met, detail := "not measured", "—", "—", ""
		v, ok := r.Get(row.Value)
		if ok {
			now = number(v) + row.Unit
		}
		if row.Goal != nil {
			goal = row.Goal.String(row.Unit)
			met = "no"
			if ok && row.Goal.Met(v) {
				met = "yes"
			}
		}
		if row.Detail != nil {
			detail = row.Detail(get)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", row.What, now, goal, met, detail)
	}
	return b.String()
}

func orUnknown(s string) string {
	if s == "" {
		return "not recorded"
	}
	return s
}

// Begin and End mark the generated table in README.md.
const (
	Begin = "<!-- bench-table: generated by `make bench-readme` from `make bench`; do not edit -->"
	End   = "<!-- end bench-table -->"
)

// ErrNoMarkers is returned by Rewrite when the document lacks Begin or End.
var ErrNoMarkers = errors.New("benchtable: the document has no " + Begin + " … " + End + " block")

// Rewrite replaces what lies between the markers in doc with table.
func Rewrite(doc, table string) (string, error) {
	i := strings.Index(doc, Begin)
	j := strings.Index(doc, End)
	if i < 0 || j < i {
		return "", ErrNoMarkers
	}
	return doc[:i+len(Begin)] + "\n" + table + doc[j:], nil
}
