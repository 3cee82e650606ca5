// Command go_js_wasm_exec runs a GOOS=js GOARCH=wasm program in hostsim. It is a drop-in for the
// toolchain's lib/wasm/go_js_wasm_exec (which needs Node.js):
//
//	GOOS=js GOARCH=wasm go test -exec="$PWD/bin/go_js_wasm_exec" ./...
//
// Arguments, environment (plus TMPDIR), working directory, stdio and the exit status are those
// the program would see under Node. Time is virtual, so sleeps and timeouts pass instantly.
//
// Compiled code is kept on disk between runs, so a test binary compiles once per change, not once
// per run: under the user's cache directory by default, EXTWASM_CACHE_DIR moves it ("off": memory
// only). Set HOSTSIM_CPUPROFILE to write a CPU profile of the host (to see where a slow suite
// spends its time).
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"

	"github.com/extwasm/extwasm/hostsim"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) < 1 {
		fmt.Fprintln(os.Stderr, "usage: go_js_wasm_exec [wasm binary] [arguments]")
		return 1
	}
	wasm, err := os.ReadFile(args[0])
	if err != nil {
		fmt.Fprintln(os.Stderr, "go_js_wasm_exec:", err)
		return 1
	}
	env := map[string]string{"TMPDIR": os.TempDir()}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	dir, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(os.Stderr, "go_js_wasm_exec:", err)
		return 1
	}
	if p := os.Getenv("HOSTSIM_CPUPROFILE"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, "go_js_wasm_exec:", err)
			return 1
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "go_js_wasm_exec:", err)
			return 1
		}
		defer pprof.StopCPUProfile()
	}
	eng, err := hostsim.NewEngine(hostsim.EngineOptions{CacheDir: hostsim.DefaultCacheDir()})
	if err != nil && os.Getenv("EXTWASM_CACHE_DIR") == "" {
		eng, err = hostsim.NewEngine(hostsim.EngineOptions{}) // the default directory is unusable: compile in memory
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "go_js_wasm_exec:", err)
		return 1
	}
	defer eng.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := eng.Run(ctx, wasm, hostsim.Config{
		Args:   args,
		Env:    env,
		Dir:    dir,
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
	})
	if err != nil && !errors.Is(err, hostsim.ErrOutOfMemory) {
		fmt.Fprintln(os.Stderr, "go_js_wasm_exec:", err)
		if res.ExitCode == 0 {
			return 1
		}
	}
	return res.ExitCode
}
