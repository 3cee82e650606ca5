package hostsim_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/extwasm/extwasm/hostsim"
	"github.com/extwasm/extwasm/hostsim/internal/guests"
	"github.com/extwasm/extwasm/hostsim/internal/wasmjs"
	"github.com/extwasm/extwasm/internal/gobuild"
)

// BenchmarkRunHello runs a compiled hello-world program to its exit: realm, instantiation,
// wasm_exec.js start-up, one line of output.
func BenchmarkRunHello(b *testing.B) {
	wasm, err := guests.Build("hello")
	if err != nil {
		b.Fatal(err)
	}
	eng, err := hostsim.NewEngine(hostsim.EngineOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	if _, err := eng.Run(context.Background(), wasm, hostsim.Config{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := eng.Run(context.Background(), wasm, hostsim.Config{})
		if err != nil || res.ExitCode != 0 {
			b.Fatal(res, err)
		}
	}
}

// BenchmarkVirtualSleep runs a program that sleeps 30 s through 300 timers; it reports the
// virtual seconds covered per real second.
func BenchmarkVirtualSleep(b *testing.B) {
	wasm := probe(b)
	if _, err := hostsim.Run(context.Background(), wasm, hostsim.Config{Args: []string{"probe", "exit", "0"}}); err != nil {
		b.Fatal(err) // compile outside the measurement
	}
	b.ResetTimer()
	var virtual time.Duration
	start := time.Now()
	for i := 0; i < b.N; i++ {
		res, err := hostsim.Run(context.Background(), wasm, hostsim.Config{Args: []string{"probe", "sleep"}})
		if err != nil || res.ExitCode != 0 {
			b.Fatal(res, err)
		}
		virtual += res.Elapsed
	}
	b.ReportMetric(virtual.Seconds()/time.Since(start).Seconds(), "virtual-s/s")
}

// BenchmarkStdlibSuites runs Go standard-library test suites with `go test -exec`, under hostsim
// and under Node side by side, and reports each one's wall time and the ratio. The suites are
// HOSTSIM_BENCH_SUITES (space-separated) or a default set. Run it with -benchtime=1x.
//
// go test links the same bytes every time, so hostsim's timed runs load the compiled module from
// the disk cache; one untimed run first makes that so on a machine that never ran the suite, and
// one more run with an empty cache directory reports the cold compile separately (hostsim-cold-s).
// CPU seconds (user and system, go test's own included, as in the wall times) are reported beside
// wall seconds: Node compiles and collects on threads of its own, so on an idle machine its wall
// time is well under its CPU time, and on a busy one it is not.
func BenchmarkStdlibSuites(b *testing.B) {
	goroot, err := gobuild.GOROOT("")
	if err != nil {
		b.Fatal(err)
	}
	nodeExec := filepath.Join(goroot, "lib", "wasm", "go_js_wasm_exec")
	if _, err := exec.LookPath("node"); err != nil {
		b.Fatal("node is not installed: ", err)
	}
	hsExec := filepath.Join(b.TempDir(), "go_js_wasm_exec")
	if err := gobuild.Build("./cmd/go_js_wasm_exec", hsExec, gobuild.Options{Dir: guests.Root()}); err != nil {
		b.Fatal(err)
	}
	suites := strings.Fields(os.Getenv("HOSTSIM_BENCH_SUITES"))
	if len(suites) == 0 {
		suites = []string{"syscall/js", "encoding/json", "strings", "sort", "context", "sync", "container/list", "math/big"}
	}
	run := func(pkg, execPath string, env ...string) (wall, cpu time.Duration) {
		cmd := exec.Command("go", "test", "-count=1", "-exec="+execPath, pkg)
		cmd.Env = append(append(os.Environ(), "GOOS=js", "GOARCH=wasm"), env...)
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%s via %s: %v\n%s", pkg, execPath, err, out)
		}
		return time.Since(start), cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	for _, pkg := range suites {
		// Build the test binary first so that neither side is charged for compiling it.
		warm := exec.Command("go", "test", "-count=1", "-run=^$", "-exec=true", pkg)
		warm.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		_ = warm.Run()
		cold, _ := run(pkg, hsExec, wasmjs.CacheDirEnv+"="+b.TempDir())
		run(pkg, hsExec)
		b.Run(strings.ReplaceAll(pkg, "/", "_"), func(b *testing.B) {
			var hs, node, hsCPU, nodeCPU time.Duration
			for i := 0; i < b.N; i++ {
				w, c := run(pkg, hsExec)
				hs, hsCPU = hs+w, hsCPU+c
				w, c = run(pkg, nodeExec)
				node, nodeCPU = node+w, nodeCPU+c
			}
			n := float64(b.N)
			b.ReportMetric(hs.Seconds()/n, "hostsim-s")
			b.ReportMetric(node.Seconds()/n, "node-s")
			b.ReportMetric(hs.Seconds()/node.Seconds(), "hostsim/node")
			b.ReportMetric(hsCPU.Seconds()/n, "hostsim-cpu-s")
			b.ReportMetric(nodeCPU.Seconds()/n, "node-cpu-s")
			b.ReportMetric(cold.Seconds(), "hostsim-cold-s")
		})
	}
}
