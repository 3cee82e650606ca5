package hostsim

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/tetratelabs/wazero/sys"

	"github.com/extwasm/extwasm/hostsim/internal/gojs"
	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
	"github.com/extwasm/extwasm/hostsim/internal/nodejs"
	"github.com/extwasm/extwasm/hostsim/internal/wasmjs"
)

// Config describes one run of a program.
type Config struct {
	// Args is the program's os.Args; empty means ["js"], as wasm_exec.js does.
	Args []string
	// Env is the program's whole environment. Nothing is inherited from the host.
	Env map[string]string
	// Dir is the working directory (empty: the host's). Relative paths resolve against it.
	Dir string
	// Stdin feeds fd 0 (nil: empty). Stdout and Stderr receive fd 1 and 2 (nil: discarded).
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// MemoryLimit caps the program's linear memory in bytes, rounded up to 64 KiB pages
	// (0: 4 GiB). A program that needs more dies with Go's "fatal error: out of memory".
	MemoryLimit uint64
	// Epoch is the wall-clock time at the start of the run (zero: 2026-01-01 UTC), and Seed
	// seeds every source of randomness, so a run can be replayed exactly.
	Epoch time.Time
	Seed  int64
	// StopOnContextDone lets ctx stop a program even in the middle of a CPU-bound loop, at a
	// cost of about 20× slower guest code. Without it ctx is checked between event-loop tasks.
	StopOnContextDone bool
	// CacheDir and NoDiskCache choose where Run's process-wide Engine keeps compiled machine code
	// (see browser.Options.CacheDir): by default on disk under the user's cache directory, so a
	// new process does not compile the same module again. An Engine from NewEngine ignores them.
	CacheDir    string
	NoDiskCache bool
	// ReferenceGoJS runs every gojs import as wasm_exec.js's JavaScript, interpreted in the
	// realm: the reference the default fast mode (the syscall/js imports implemented in Go) is
	// checked against. When false, $HOSTSIM_GOJS ("fast" or "reference") decides; unset is fast.
	ReferenceGoJS bool
}

// Result is how a run ended.
type Result struct {
	// ExitCode is the program's exit status: 0 when main returns, 2 on a panic or deadlock,
	// otherwise the os.Exit argument.
	ExitCode int
	// Elapsed is the virtual time the run took.
	Elapsed time.Duration
}

// ErrOutOfMemory is returned (wrapped) when the program died because it hit Config.MemoryLimit.
var ErrOutOfMemory = errors.New("hostsim: program ran out of memory")

// ErrNoExit is returned when a program went idle and even the deadlock report did not end it.
var ErrNoExit = errors.New("hostsim: program went idle without exiting")

// Engine compiles modules once and runs them many times; it is safe for concurrent use, each
// Run using its own realm and goroutine.
type Engine struct {
	e *wasmjs.Engine
}

// EngineOptions configures an Engine.
type EngineOptions struct {
	// CacheDir keeps compiled code on disk across processes (empty: in memory only; see
	// DefaultCacheDir for the directory Run and hostsim/browser use by default).
	CacheDir string
}

// NewEngine returns an Engine; Close it when done.
func NewEngine(opts EngineOptions) (*Engine, error) {
	e, err := wasmjs.NewEngine(wasmjs.EngineOptions{CacheDir: opts.CacheDir})
	if err != nil {
		return nil, err
	}
	return &Engine{e: e}, nil
}

// DefaultCacheDir is where Run and hostsim/browser keep compiled code across processes:
// $EXTWASM_CACHE_DIR ("off" turns the disk cache off), else extwasm/wasm under the user's cache
// directory.
func DefaultCacheDir() string { return wasmjs.DefaultCacheDir() }

// Close releases compiled code.
func (e *Engine) Close() error { return e.e.Close(context.Background()) }

// Run runs wasm with the process-wide Engine for cfg's cache setting, so repeated runs of the
// same module compile it once per process, and once per machine with the on-disk cache.
func Run(ctx context.Context, wasm []byte, cfg Config) (Result, error) {
	e, err := wasmjs.Shared(wasmjs.CacheSetting{Dir: cfg.CacheDir, Off: cfg.NoDiskCache})
	if err != nil {
		return Result{}, err
	}
	return (&Engine{e: e}).Run(ctx, wasm, cfg)
}

// exitUnwind is the panic that carries process.exit out of the guest's stack: under Node,
// process.exit ends the process on the spot, so nothing after it may run.
type exitUnwind struct{}

type run struct {
	aborted error // wazero stopped the guest (StopOnContextDone and ctx ended)
	exited  bool
	code    int
	stdout  *gate
	stderr  *gate
}

func (r *run) exit(code int) {
	if !r.exited {
		r.exited, r.code = true, code
		r.stdout.close()
		r.stderr.close()
	}
	panic(exitUnwind{})
}

// unwinds tells the realm which panics are the program ending (process.exit, or wazero stopping
// the guest), which must reach guard rather than be contained as an engine failure.
func unwinds(x any) bool {
	switch x.(type) {
	case exitUnwind, *sys.ExitError:
		return true
	}
	return false
}

// guard runs f, absorbing the unwinding of process.exit and of a guest stopped by wazero.
func (r *run) guard(f func()) {
	defer func() {
		if x := recover(); x != nil {
			if ee, ok := x.(*sys.ExitError); ok {
				r.aborted = ee
				return
			}
			if _, ok := x.(exitUnwind); !ok || !r.exited {
				panic(x)
			}
		}
	}()
	f()
}

// Run runs one program to its exit. The error is non-nil when the module cannot be run, ctx
// ended first, or the program ran out of memory (then the Result is still filled in).
func (e *Engine) Run(ctx context.Context, wasm []byte, cfg Config) (Result, error) {
	info, err := gojs.Check(wasm)
	if err != nil {
		return Result{}, err
	}
	glue, _ := gojs.WasmExec(info.GoVersion)
	args := cfg.Args
	if len(args) == 0 {
		args = []string{"js"}
	}
	oom := &oomWatch{}
	r := &run{stdout: &gate{w: cfg.Stdout, ctx: ctx}, stderr: &gate{w: io.MultiWriter(orDiscard(cfg.Stderr), oom), ctx: ctx}}

	sched := jsrt.NewScheduler(jsrt.Options{Epoch: cfg.Epoch, Seed: cfg.Seed})
	realm := sched.NewRealm(jsrt.RealmOptions{Name: "main", Stdout: r.stdout, Stderr: r.stderr, Unwinds: unwinds})
	defer realm.Close()
	pages := uint32(0)
	if cfg.MemoryLimit > 0 {
		p := (cfg.MemoryLimit + 65535) / 65536
		pages = uint32(min(p, wasmjs.DefaultMemoryLimitPages))
	}
	host, err := wasmjs.Install(realm.VM, e.e, wasmjs.Options{
		Context:            ctx,
		MemoryLimitPages:   pages,
		CloseOnContextDone: cfg.StopOnContextDone,
		Nudge:              sched.Nudge,
		GoJS:               goJSMode(cfg.ReferenceGoJS),
	})
	if err != nil {
		return Result{}, err
	}
	defer host.Close(context.Background())
	// Compile here so that a broken module is a Go error, not a message on the guest's stderr;
	// the realm's own compile is then a cache hit.
	if _, err := host.Compile(wasm); err != nil {
		return Result{}, fmt.Errorf("hostsim: %w", err)
	}
	node, err := nodejs.Install(realm, nodejs.Options{
		Args: args[1:], Env: cfg.Env, Dir: cfg.Dir, Stdin: cfg.Stdin,
		Stdout: r.stdout, Stderr: r.stderr, Exit: r.exit,
	})
	if err != nil {
		return Result{}, err
	}
	defer node.Close()

	if _, err := realm.RunScript("wasm_exec.js", glue); err != nil {
		return Result{}, fmt.Errorf("hostsim: wasm_exec.js: %w", err)
	}
	vm := realm.VM
	env := vm.NewObject()
	for k, v := range cfg.Env {
		_ = env.Set(k, v)
	}
	argv := make([]any, len(args))
	for i, a := range args {
		argv[i] = a
	}
	boot := vm.NewObject()
	_ = boot.Set("wasm", vm.NewArrayBuffer(wasm))
	_ = boot.Set("argv", vm.NewArray(argv...))
	_ = boot.Set("env", env)
	_ = vm.Set("__hostsimBoot", boot)

	var bootErr error
	r.guard(func() { _, bootErr = realm.RunScript("hostsim-boot.js", bootScript) })
	if r.aborted != nil {
		return Result{Elapsed: sched.Now()}, abortError(ctx, r.aborted)
	}
	if bootErr != nil && !r.exited {
		return Result{}, fmt.Errorf("hostsim: boot: %w", bootErr)
	}
	for !r.exited {
		if err := ctx.Err(); err != nil {
			return Result{Elapsed: sched.Now()}, err
		}
		if sched.Step() {
			continue
		}
		// Idle and still running: what wasm_exec_node.js does when Node's loop empties.
		var err error
		r.guard(func() { _, err = realm.RunScript("hostsim-idle.js", idleScript) })
		if r.aborted != nil {
			return Result{Elapsed: sched.Now()}, abortError(ctx, r.aborted)
		}
		if !r.exited {
			if err != nil {
				return Result{Elapsed: sched.Now()}, fmt.Errorf("%w: %v", ErrNoExit, err)
			}
			if !sched.Pending() {
				return Result{Elapsed: sched.Now()}, ErrNoExit
			}
		}
	}
	res := Result{ExitCode: r.code, Elapsed: sched.Now()}
	if res.ExitCode == 2 && oom.hit && cfg.MemoryLimit > 0 {
		return res, fmt.Errorf("%w (limit %d bytes)", ErrOutOfMemory, cfg.MemoryLimit)
	}
	return res, nil
}

// goJSMode is the realm's mode for a ReferenceGoJS setting.
func goJSMode(reference bool) wasmjs.GoJSMode {
	if reference {
		return wasmjs.GoJSReference
	}
	return wasmjs.GoJSAuto
}

// abortError explains a guest that wazero stopped: normally because ctx ended.
func abortError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return fmt.Errorf("hostsim: guest stopped: %w", err)
}

const bootScript = `(() => {
	const go = new Go();
	go.argv = Array.from(__hostsimBoot.argv);
	go.env = __hostsimBoot.env;
	go.exit = process.exit;
	globalThis.__hostsimGo = go;
	const wasm = __hostsimBoot.wasm;
	delete globalThis.__hostsimBoot;
	WebAssembly.instantiate(wasm, go.importObject).then((result) => go.run(result.instance)).catch((err) => {
		console.error(err);
		process.exit(1);
	});
})();`

// idleScript makes Go print its deadlock report and exit 2, as Node does at process exit.
const idleScript = `(() => {
	const go = globalThis.__hostsimGo;
	if (go && !go.exited && go._inst) {
		go._pendingEvent = { id: 0 };
		go._resume();
	} else if (go && !go.exited) {
		process.exit(0);
	}
})();`

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}

// gate passes writes through until the program exits; after process.exit nothing is printed,
// as under Node, even the realm's report of the unwinding. Once ctx is done the run is being
// abandoned, and the realm's report of the aborted guest is dropped too.
type gate struct {
	w      io.Writer
	ctx    context.Context
	closed bool
}

func (g *gate) Write(p []byte) (int, error) {
	if g.closed || g.w == nil || g.ctx.Err() != nil {
		return len(p), nil
	}
	return g.w.Write(p)
}

func (g *gate) close() { g.closed = true }

// oomWatch notices Go's out-of-memory fatal error on stderr.
type oomWatch struct {
	tail []byte
	hit  bool
}

var oomText = []byte("fatal error: out of memory")

func (o *oomWatch) Write(p []byte) (int, error) {
	if !o.hit {
		buf := append(o.tail, p...)
		if bytes.Contains(buf, oomText) {
			o.hit = true
		}
		if len(buf) > len(oomText) {
			buf = buf[len(buf)-len(oomText):]
		}
		o.tail = append(o.tail[:0], buf...)
	}
	return len(p), nil
}
