package extwasmtest

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/extwasm/extwasm/internal/gobuild"
)

// wasmCoverDir is where hostsim contexts leave the coverage data of the extension's Go; Run sets
// it under go test -cover, and it stays empty otherwise, which collects nothing.
var wasmCoverDir struct {
	sync.Mutex
	dir string
}

func coverDir() string {
	wasmCoverDir.Lock()
	defer wasmCoverDir.Unlock()
	return wasmCoverDir.dir
}

// Run runs the tests, as m.Run does, and under go test -cover adds the coverage of the
// extension's own Go to the test's: call it from TestMain, after [Build], in place of m.Run.
//
// The .wasm runs in hostsim, not in the test binary, so the test binary's own coverage report
// cannot see it: go test merges only the data of the test binary itself (files named by its own
// meta-data hash) and only for the packages it was told to cover (the tested package, or
// -coverpkg's, which cannot name a GOOS=js package). So [Build] builds the .wasm with coverage,
// every hostsim context leaves its counters as it ends (the browser closes when the test ends),
// and once m.Run has written the profile, Run appends the extension's lines to it (through go tool
// covdata) and prints the percentage of statements over both, in place of the test binary's line:
// go test shows that line in its summary.
//
// Without -cover, Run is m.Run. Only hostsim runs are counted: Chromium runs the .wasm outside
// any coverage directory.
func Run(m *testing.M) int {
	if testing.CoverMode() == "" {
		return m.Run()
	}
	flag.Parse()
	dir, err := os.MkdirTemp("", "extwasm-cover-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "extwasmtest: coverage of the extension: %v\n", err)
		return m.Run()
	}
	defer os.RemoveAll(dir)
	wasmCoverDir.Lock()
	wasmCoverDir.dir = dir
	wasmCoverDir.Unlock()

	// Without -coverprofile the percentage still needs the test binary's part: have it written
	// aside.
	profile := flag.Lookup("test.coverprofile").Value.String()
	if profile == "" {
		profile = filepath.Join(dir, "host.out")
		if err := flag.Set("test.coverprofile", profile); err != nil {
			fmt.Fprintf(os.Stderr, "extwasmtest: coverage of the extension: %v\n", err)
			return m.Run()
		}
	}
	stop, err := holdCoverageLine()
	if err != nil {
		fmt.Fprintf(os.Stderr, "extwasmtest: coverage of the extension: %v\n", err)
		return m.Run()
	}
	code := m.Run()
	line := stop()
	if newLine, err := addWasmCoverage(dir, profile); err != nil {
		fmt.Fprintf(os.Stderr, "extwasmtest: coverage of the extension: %v\n", err)
		if code == 0 {
			code = 1
		}
	} else if newLine != "" {
		line = newLine
	}
	fmt.Print(line)
	return code
}

// holdCoverageLine passes everything the test binary writes to standard output through, except a
// line that starts "coverage: ", which it holds until the next line comes: the last one, the test
// binary's report, is returned by stop for Run to replace.
func holdCoverageLine() (stop func() string, err error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	out := os.Stdout
	os.Stdout = w
	held := make(chan string)
	go func() {
		held <- forwardHoldingCoverage(r, out)
		r.Close()
	}()
	return func() string {
		os.Stdout = out
		w.Close()
		return <-held
	}, nil
}

// forwardHoldingCoverage copies r to out as it comes, except a line that starts "coverage: ",
// which waits for the next line, and returns the one still waiting at the end.
func forwardHoldingCoverage(r io.Reader, out io.Writer) string {
	const prefix = "coverage: "
	var hold, cur string // a whole coverage line waiting; the start of a line that may be one
	atLineStart := true
	release := func(s string) {
		if hold != "" {
			io.WriteString(out, hold)
			hold = ""
		}
		io.WriteString(out, s)
	}
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		// Whatever arrives goes out at once, so output streams as it did without Run; only what
		// may be a coverage line waits.
		for data := string(buf[:n]); data != ""; {
			seg := data
			if i := strings.IndexByte(data, '\n'); i >= 0 {
				seg = data[:i+1]
			}
			data = data[len(seg):]
			ends := strings.HasSuffix(seg, "\n")
			if !atLineStart && cur == "" {
				release(seg)
				atLineStart = ends
				continue
			}
			cur += seg
			switch {
			case !strings.HasPrefix(cur, prefix) && !strings.HasPrefix(prefix, cur):
				release(cur)
				cur = ""
			case ends:
				release("")
				hold, cur = cur, ""
			}
			atLineStart = ends
		}
		if err != nil {
			if cur != "" {
				release(cur)
			}
			return hold
		}
	}
}

// addWasmCoverage appends the coverage data in dir to the text profile at profile and returns the
// coverage line over both; "" when dir holds no data.
func addWasmCoverage(dir, profile string) (string, error) {
	names, err := filepath.Glob(filepath.Join(dir, "covmeta.*"))
	if err != nil || len(names) == 0 {
		return "", err
	}
	host, err := os.ReadFile(profile)
	if err != nil {
		return "", err
	}
	mode, _, _ := strings.Cut(string(host), "\n")
	mode = strings.TrimPrefix(mode, "mode: ")
	wasmProfile := filepath.Join(dir, "wasm.out")
	cmd := exec.Command(gobuild.Tool(), "tool", "covdata", "textfmt", "-i="+dir, "-o="+wasmProfile)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go tool covdata textfmt: %w\n%s", err, out)
	}
	wasm, err := os.ReadFile(wasmProfile)
	if err != nil {
		return "", err
	}
	lines, err := wasmLines(wasm, mode)
	if err != nil {
		return "", err
	}
	f, err := os.OpenFile(profile, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return "", err
	}
	_, werr := f.Write(lines)
	if err := errors.Join(werr, f.Close()); err != nil {
		return "", err
	}
	all, err := os.ReadFile(profile)
	if err != nil {
		return "", err
	}
	return coverageLine(all)
}

// wasmLines are the lines of covdata's profile (always mode atomic: runtime/coverage writes
// counters on demand only in that mode) in the test's mode: under set, a count says only that the
// block ran.
func wasmLines(profile []byte, mode string) ([]byte, error) {
	first, rest, _ := bytes.Cut(profile, []byte("\n"))
	if string(first) != "mode: atomic" {
		return nil, fmt.Errorf("go tool covdata wrote %q, want mode: atomic", first)
	}
	if mode != "set" {
		return rest, nil
	}
	var out bytes.Buffer
	for line := range strings.Lines(string(rest)) {
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			return nil, fmt.Errorf("go tool covdata: bad line %q", line)
		}
		n, err := strconv.ParseUint(strings.TrimSpace(line[i+1:]), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("go tool covdata: bad line %q", line)
		}
		fmt.Fprintf(&out, "%s %d\n", line[:i], min(n, 1))
	}
	return out.Bytes(), nil
}

// coverageLine is go test's "coverage: N% of statements" for a text profile: statements in blocks
// that ran over all statements, each block once however many lines name it, and the packages
// counted.
func coverageLine(profile []byte) (string, error) {
	type block struct {
		stmts int
		ran   bool
	}
	blocks := map[string]*block{}
	pkgs := map[string]bool{}
	for i, line := range strings.Split(strings.TrimSpace(string(profile)), "\n") {
		if i == 0 {
			continue // mode
		}
		fields := strings.Fields(line)
		if len(fields) != 3 {
			return "", fmt.Errorf("coverage profile: bad line %q", line)
		}
		stmts, err1 := strconv.Atoi(fields[1])
		count, err2 := strconv.ParseUint(fields[2], 10, 64)
		file, _, ok := strings.Cut(fields[0], ":")
		if err1 != nil || err2 != nil || !ok {
			return "", fmt.Errorf("coverage profile: bad line %q", line)
		}
		pkgs[path.Dir(file)] = true
		b := blocks[fields[0]]
		if b == nil {
			b = &block{stmts: stmts}
			blocks[fields[0]] = b
		}
		b.ran = b.ran || count > 0
	}
	var total, ran int
	for _, b := range blocks {
		total += b.stmts
		if b.ran {
			ran += b.stmts
		}
	}
	if total == 0 {
		return "coverage: [no statements]\n", nil
	}
	names := make([]string, 0, len(pkgs))
	for p := range pkgs {
		names = append(names, p)
	}
	slices.Sort(names)
	return fmt.Sprintf("coverage: %.1f%% of statements in %s\n", 100*float64(ran)/float64(total), strings.Join(names, ", ")), nil
}
