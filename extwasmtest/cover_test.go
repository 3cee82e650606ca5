package extwasmtest

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestForwardHoldingCoverage(t *testing.T) {
	cases := []struct {
		name, in, out, held string
	}{
		{"the report at the end is held", "PASS\ncoverage: 50.0% of statements\n", "PASS\n", "coverage: 50.0% of statements\n"},
		{"a coverage line a test printed goes out", "coverage: 1%\n--- PASS: TestX\ncoverage: 2%\n", "coverage: 1%\n--- PASS: TestX\n", "coverage: 2%\n"},
		{"coverage: mid-line is no report", "total coverage: 3%\n", "total coverage: 3%\n", ""},
		{"a line left without its end goes out", "PASS\ncoverage: 4", "PASS\ncoverage: 4", ""},
		{"a line that turns out not to be a report goes out", "cov\n", "cov\n", ""},
		{"nothing", "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// One byte at a time: lines arrive in pieces, as through a pipe.
			for name, r := range map[string]io.Reader{"whole": strings.NewReader(c.in), "byte by byte": iotest.OneByteReader(strings.NewReader(c.in))} {
				var out strings.Builder
				held := forwardHoldingCoverage(r, &out)
				assert.Equal(t, c.out, out.String(), name)
				assert.Equal(t, c.held, held, name)
			}
		})
	}
}

func TestWasmLines(t *testing.T) {
	const covdata = "mode: atomic\nm/w/main.go:3.1,4.2 1 5\nm/w/main.go:5.1,6.2 2 0\n"
	cases := []struct {
		name, profile, mode, want, err string
	}{
		{"set: ran or not", covdata, "set", "m/w/main.go:3.1,4.2 1 1\nm/w/main.go:5.1,6.2 2 0\n", ""},
		{"count keeps counts", covdata, "count", "m/w/main.go:3.1,4.2 1 5\nm/w/main.go:5.1,6.2 2 0\n", ""},
		{"atomic keeps counts", covdata, "atomic", "m/w/main.go:3.1,4.2 1 5\nm/w/main.go:5.1,6.2 2 0\n", ""},
		{"not covdata's mode", "mode: set\n", "set", "", "want mode: atomic"},
		{"a bad count", "mode: atomic\nm/w/main.go:3.1,4.2 1 x\n", "set", "", "bad line"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := wasmLines([]byte(c.profile), c.mode)
			if c.err != "" {
				assert.ErrorContains(t, err, c.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, string(got))
		})
	}
}

func TestCoverageLine(t *testing.T) {
	cases := []struct {
		name, profile, want, err string
	}{
		{"host and wasm", "mode: set\nm/a.go:1.1,2.1 3 1\nm/w/main.go:1.1,2.1 1 0\n", "coverage: 75.0% of statements in m, m/w\n", ""},
		{"a block named twice counts once, ran if either ran", "mode: set\nm/r/r.go:1.1,2.1 2 0\nm/r/r.go:1.1,2.1 2 1\nm/w/main.go:1.1,2.1 2 0\n",
			"coverage: 50.0% of statements in m/r, m/w\n", ""},
		{"no statements", "mode: set\n", "coverage: [no statements]\n", ""},
		{"a bad line", "mode: set\nm/a.go 1\n", "", "bad line"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := coverageLine([]byte(c.profile))
			if c.err != "" {
				assert.ErrorContains(t, err, c.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}
