package benchtable

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = `bench-load-start: 0.50 0.40 0.30 1/200 123
goos: linux
BenchmarkCompileNewProcess-2   	       1	1000 ns/op	        73.50 disk-cache-ms	       454.0 no-disk-cache-ms	         6.100 speedup
BenchmarkStdlibSuites/syscall_js-2         	       1	7000000000 ns/op	         0.9000 node-s	         5.200 hostsim-s	         5.778 hostsim/node
--- BENCH: BenchmarkGreetingRoundTrip-2
    bench_test.go:78: load average during the run: 7.16 3.86 2.86 14/312 26632
BenchmarkGreetingRoundTrip-2   	       1	30155861818 ns/op	  1.450 floor/js-cold-p50	  2.158 go/js-cold-p50	 2.933 go/js-warm-p50	 4.400 go-warm-p50-ms
BenchmarkWasmSize-2   	       1	2445198075 ns/op	       572.6 floor-gzip9-KB	      1927 floor-raw-KB	      1161 worker-gzip9-KB	      4297 worker-raw-KB
BenchmarkGoRoundTrip 	       1	100 ns/op	 12345 msgs/s
PASS
bench-load-end: 2.00 1.00 0.50 1/200 456
`

func TestParse(t *testing.T) {
	r, err := Parse(strings.NewReader(sample))
	require.NoError(t, err)
	assert.Equal(t, "0.50 0.40 0.30 1/200 123", r.LoadStart)
	assert.Equal(t, "2.00 1.00 0.50 1/200 456", r.LoadEnd)
	for _, tc := range []struct {
		m    Metric
		want float64
	}{
		{m("BenchmarkCompileNewProcess", "disk-cache-ms"), 73.5},
		{m("BenchmarkStdlibSuites/syscall_js", "hostsim/node"), 5.778},
		{m(greeting, "go/js-warm-p50"), 2.933},
		{m(size, "worker-gzip9-KB"), 1161},
		{m("BenchmarkGoRoundTrip", "msgs/s"), 12345},
	} {
		v, ok := r.Get(tc.m)
		assert.True(t, ok, tc.m)
		assert.Equal(t, tc.want, v, tc.m)
	}
	_, ok := r.Get(m(greeting, "js-cold-p50-ms"))
	assert.False(t, ok)
}

func TestParseRejectsANonNumericMetric(t *testing.T) {
	_, err := Parse(strings.NewReader("BenchmarkX-2  1  12 ns/op  abc KB\n"))
	assert.ErrorContains(t, err, `metric "abc" is not a number`)
}

func TestGoal(t *testing.T) {
	for _, tc := range []struct {
		g    Goal
		v    float64
		met  bool
		text string
	}{
		{Goal{AtMost: true, Bound: 1.15}, 1.15, true, "≤ 1.15×"},
		{Goal{AtMost: true, Bound: 1.15}, 1.16, false, "≤ 1.15×"},
		{Goal{AtMost: true, Strict: true, Bound: 50}, 50, false, "< 50.0×"},
		{Goal{AtMost: true, Strict: true, Bound: 50}, 49.9, true, "< 50.0×"},
		{Goal{Bound: 10000}, 10000, true, "≥ 10,000×"},
		{Goal{Bound: 10000}, 9999, false, "≥ 10,000×"},
	} {
		assert.Equal(t, tc.met, tc.g.Met(tc.v), "%+v %v", tc.g, tc.v)
		assert.Equal(t, tc.text, tc.g.String("×"))
	}
}

func TestNumber(t *testing.T) {
	for v, want := range map[float64]string{1.234: "1.23", 12.34: "12.3", 1234.5: "1,235", 1234567: "1,234,567", -4321: "-4,321", 0: "0.00"} {
		assert.Equal(t, want, number(v), v)
	}
}

func TestTable(t *testing.T) {
	r, err := Parse(strings.NewReader(sample))
	require.NoError(t, err)
	table := Table(r)
	assert.Contains(t, table, "at the start of the run: 0.50 0.40 0.30 1/200 123; at the end: 2.00 1.00 0.50 1/200 456.")
	assert.Contains(t, table, "| example worker.wasm, gzip -9 | 1,161 KB | ≤ 950 KB | no | 4,297 KB raw; floor 573 KB; syscall/js and encoding/json alone ? KB |")
	assert.Contains(t, table, "| hostsim, Go↔Go round trips (content script → worker) | 12,345 msg/s | ≥ 3,000 msg/s | yes | ? per CPU second; guest (wasm) code ? µs per message, ?% of the time |")
	assert.Contains(t, table, "| shared scenario suite, Chromium wall / hostsim wall | not measured | ≥ 30.0× | no | ? s / ? s |")
	assert.Equal(t, len(Rows)+4, strings.Count(table, "\n"), "the load line, a blank line, the header, the rule and one line per row")
}

func TestRewrite(t *testing.T) {
	doc := "# T\n\n## Benchmarks\n\n" + Begin + "\nold\n" + End + "\n\n## Next\n"
	out, err := Rewrite(doc, "new\n")
	require.NoError(t, err)
	assert.Equal(t, "# T\n\n## Benchmarks\n\n"+Begin+"\nnew\n"+End+"\n\n## Next\n", out)
	again, err := Rewrite(out, "new\n")
	require.NoError(t, err)
	assert.Equal(t, out, again, "rewriting is idempotent")

	_, err = Rewrite("# T\n", "new\n")
	assert.ErrorIs(t, err, ErrNoMarkers)
	_, err = Rewrite(End+Begin, "new\n")
	assert.ErrorIs(t, err, ErrNoMarkers)
}

func FuzzParse(f *testing.F) {
	f.Add(sample)
	f.Add("BenchmarkX-2 1 2 ns/op 3 u\n")
	f.Fuzz(func(t *testing.T, s string) {
		r, err := Parse(strings.NewReader(s))
		if err != nil {
			return
		}
		assert.NotPanics(t, func() { _ = Table(r) })
	})
}
