package hostsim_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim"
	"github.com/extwasm/extwasm/hostsim/internal/guests"
)

func probe(t testing.TB) []byte {
	t.Helper()
	b, err := guests.Build("probe")
	require.NoError(t, err)
	return b
}

type output struct{ stdout, stderr bytes.Buffer }

func runProbe(t *testing.T, cfg hostsim.Config, args ...string) (hostsim.Result, *output, error) {
	t.Helper()
	var out output
	cfg.Args = append([]string{"probe"}, args...)
	cfg.Stdout, cfg.Stderr = &out.stdout, &out.stderr
	res, err := hostsim.Run(context.Background(), probe(t), cfg)
	return res, &out, err
}

func TestHello(t *testing.T) {
	wasm, err := guests.Build("hello")
	require.NoError(t, err)
	var stdout bytes.Buffer
	res, err := hostsim.Run(context.Background(), wasm, hostsim.Config{Args: []string{"hello", "a", "b c"}, Stdout: &stdout})
	require.NoError(t, err)
	assert.Equal(t, 0, res.ExitCode)
	assert.Equal(t, "hello from wasm [a b c]\n", stdout.String())
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"exit 0", []string{"exit", "0"}, 0, "exiting with 0\n", ""},
		{"exit 3", []string{"exit", "3"}, 3, "exiting with 3\n", ""},
		{"exit 125", []string{"exit", "125"}, 125, "exiting with 125\n", ""},
		{"panic", []string{"panic"}, 2, "", "panic: probe panics"},
		{"deadlock", []string{"deadlock"}, 2, "about to block forever\n", "fatal error: all goroutines are asleep - deadlock!"},
		{"usage", nil, 64, "usage: probe mode [args]\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, out, err := runProbe(t, hostsim.Config{}, tt.args...)
			require.NoError(t, err)
			assert.Equal(t, tt.code, res.ExitCode)
			assert.Equal(t, tt.stdout, out.stdout.String())
			assert.Contains(t, out.stderr.String(), tt.stderr)
			assert.NotContains(t, out.stderr.String(), "Uncaught", "nothing may be reported after exit")
		})
	}
}

func TestVirtualSleep(t *testing.T) {
	res, out, err := runProbe(t, hostsim.Config{}, "sleep")
	require.NoError(t, err)
	require.Equal(t, 0, res.ExitCode, out.stderr.String())
	assert.Equal(t, "slept monotonic=30s wall=30s\n", out.stdout.String())
	assert.GreaterOrEqual(t, res.Elapsed, 30*time.Second)
	assert.Less(t, res.Elapsed, 31*time.Second)
}

func TestNestedCallbacks(t *testing.T) {
	res, out, err := runProbe(t, hostsim.Config{}, "nested")
	require.NoError(t, err)
	require.Equal(t, 0, res.ExitCode, out.stderr.String())
	assert.Equal(t, "nested result 2005\n", out.stdout.String())
}

func TestSleepInsideCallbackEnds(t *testing.T) {
	res, out, err := runProbe(t, hostsim.Config{}, "sleepincallback")
	require.NoError(t, err)
	require.Equal(t, 0, res.ExitCode, out.stderr.String())
	assert.Equal(t, "callback slept true\n", out.stdout.String())
}

func TestBusyWaitOnClockEnds(t *testing.T) {
	res, out, err := runProbe(t, hostsim.Config{}, "spin")
	require.NoError(t, err)
	require.Equal(t, 0, res.ExitCode, out.stderr.String())
	assert.Equal(t, "spun\n", out.stdout.String())
}

func TestMemoryGrowthKeepsViews(t *testing.T) {
	res, out, err := runProbe(t, hostsim.Config{}, "grow")
	require.NoError(t, err)
	require.Equal(t, 0, res.ExitCode, out.stderr.String())
	assert.Equal(t, "grew ok 64 true\n", out.stdout.String())
}

func TestFilesRelativeToDir(t *testing.T) {
	dir := t.TempDir()
	res, out, err := runProbe(t, hostsim.Config{Dir: dir}, "files")
	require.NoError(t, err)
	require.Equal(t, 0, res.ExitCode, out.stdout.String()+out.stderr.String())
	assert.Equal(t, strings.Join([]string{
		"entry a.txt false",
		"entry dir true",
		`read "ay!"`,
		"missing is not exist: true",
		"wd base sub",
		"left 0",
	}, "\n")+"\n", out.stdout.String())
	_, err = os.Stat(filepath.Join(dir, "sub"))
	assert.NoError(t, err, "the guest's files land in Dir")
}

func TestEnvIsOnlyWhatIsGiven(t *testing.T) {
	dir := t.TempDir()
	res, out, err := runProbe(t, hostsim.Config{Dir: dir, Env: map[string]string{"B": "2", "A": "1"}}, "env")
	require.NoError(t, err)
	require.Equal(t, 0, res.ExitCode)
	assert.Equal(t, "[A=1 B=2]\nwd "+dir+"\n", out.stdout.String())
}

func TestMemoryLimit(t *testing.T) {
	res, out, err := runProbe(t, hostsim.Config{MemoryLimit: 64 << 20}, "oom")
	require.ErrorIs(t, err, hostsim.ErrOutOfMemory)
	assert.Equal(t, 2, res.ExitCode)
	assert.Contains(t, out.stderr.String(), "fatal error: out of memory")
}

func TestContextCancelStopsRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := hostsim.Run(ctx, probe(t), hostsim.Config{Args: []string{"probe", "sleep"}})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestDeadlineStopsBusyGuest(t *testing.T) {
	// Interruptible code is compiled separately; compile it before the clock starts.
	res, err := hostsim.Run(context.Background(), probe(t), hostsim.Config{Args: []string{"probe", "exit", "0"}, StopOnContextDone: true})
	require.NoError(t, err)
	require.Equal(t, 0, res.ExitCode)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	var stderr bytes.Buffer
	_, err = hostsim.Run(ctx, probe(t), hostsim.Config{Args: []string{"probe", "busy"}, StopOnContextDone: true, Stderr: &stderr})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Empty(t, stderr.String())
}

func TestBadInput(t *testing.T) {
	wasi, err := guests.BuildFor("hello", "wasip1")
	require.NoError(t, err)
	tests := []struct {
		name string
		wasm []byte
		want string
	}{
		{"empty", nil, "hostsim: not a WebAssembly module"},
		{"text", []byte("#!/bin/sh\necho hi\n"), "hostsim: not a WebAssembly module"},
		{"truncated", probe(t)[:4096], "hostsim: "},
		{"plain wasm", []byte("\x00asm\x01\x00\x00\x00"), `has no "gojs" imports`},
		{"wasip1", wasi, "GOOS=wasip1"},
		{"go1.20", oldGoModule(), "module built by go1.20.14; hostsim supports go1.26"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := hostsim.Run(context.Background(), tt.wasm, hostsim.Config{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Equal(t, 0, res.ExitCode)
		})
	}
}

// oldGoModule is the import and data shape of a go1.20 js/wasm build: imports from module "go"
// and runtime.buildVersion in the data section.
func oldGoModule() []byte {
	b := []byte("\x00asm\x01\x00\x00\x00")
	// type section: one func type (i32) -> ()
	b = append(b, 1, 5, 1, 0x60, 1, 0x7f, 0)
	// import section: "go" "debug" func type 0
	imp := []byte{1, 2, 'g', 'o', 5, 'd', 'e', 'b', 'u', 'g', 0, 0}
	b = append(b, 2, byte(len(imp)))
	b = append(b, imp...)
	// a custom section carrying the version string the way the data section does
	payload := append([]byte{4, 'd', 'a', 't', 'a'}, []byte("\x00go1.20.14\x00")...)
	b = append(b, 0, byte(len(payload)))
	return append(b, payload...)
}

func TestNoGoroutineLeak(t *testing.T) {
	wasm, err := guests.Build("hello")
	require.NoError(t, err)
	eng, err := hostsim.NewEngine(hostsim.EngineOptions{})
	require.NoError(t, err)
	_, err = eng.Run(context.Background(), wasm, hostsim.Config{}) // warm up: compile
	require.NoError(t, err)
	before := runtime.NumGoroutine()
	for i := 0; i < 5; i++ {
		res, err := eng.Run(context.Background(), wasm, hostsim.Config{})
		require.NoError(t, err)
		require.Equal(t, 0, res.ExitCode)
	}
	require.NoError(t, eng.Close())
	assert.LessOrEqual(t, runtime.NumGoroutine(), before)
}

func TestRunsAreReproducible(t *testing.T) {
	run := func() string {
		_, out, err := runProbe(t, hostsim.Config{Seed: 7}, "sleep")
		require.NoError(t, err)
		return out.stdout.String()
	}
	assert.Equal(t, run(), run())
}
