package browser_test

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/extwasm/extwasm/hostsim/browser"
	"github.com/extwasm/extwasm/hostsim/internal/wasmjs"
	"github.com/extwasm/extwasm/internal/gobuild"
)

// BenchmarkColdStartCode measures how much guest code a cold start runs: the wasm bytes of every
// distinct function a service worker calls from its instantiation to Go's Ready, and from Ready to
// its first reply, for the example worker and the floor (Go with syscall/js alone). It counts,
// rather than times, because in Chromium that is what a cold start pays for after
// instantiateStreaming: V8 compiles each wasm function the first time it is called (turning that
// off with --no-wasm-lazy-compilation cut the example worker's run to Ready from 29 to 10 ms and
// Ready to its first reply from 19 to 1.4 ms). The figures are deterministic; the packages that
// contribute most are logged.
//
// It needs the built example and floor extensions (make build): each worker is rebuilt here with
// its symbol names kept, so that the code can be told by package.
func BenchmarkColdStartCode(b *testing.B) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	total := map[string]int{}
	for _, w := range []struct{ name, ext, pkg, split string }{
		{"example", "extension", "./wasm/example/worker", "bridge/internal/gluetransport.Ready"},
		{"floor", "e2e/testdata/floorext", "./e2e/testdata/floorwasm/worker", "syscall/js.FuncOf"},
	} {
		dir := b.TempDir()
		require.NoError(b, os.CopyFS(dir, os.DirFS(filepath.Join(root, w.ext))), "the %s extension is built by make build", w.name)
		wasmPath := filepath.Join(dir, "worker.wasm")
		require.NoError(b, os.Remove(wasmPath))
		require.NoError(b, gobuild.Build(w.pkg, wasmPath, gobuild.Options{Dir: root, GOOS: "js", GOARCH: "wasm"}))
		sizes, err := functionSizes(wasmPath)
		require.NoError(b, err)

		var calls []firstCall
		for range b.N {
			calls = coldStartCalls(b, dir)
		}
		split := slices.IndexFunc(calls, func(c firstCall) bool {
			// The package path keeps its length with slashes for underscores.
			return strings.HasSuffix(packageOf(c.name)+c.name[len(packageOf(c.name)):], w.split)
		})
		require.GreaterOrEqual(b, split, 0, "%s never called %s", w.name, w.split)
		before, after := codeOf(calls[:split], sizes), codeOf(calls[split:], sizes)
		b.ReportMetric(float64(before.bytes)/1000, w.name+"-to-ready-KB")
		b.ReportMetric(float64(after.bytes)/1000, w.name+"-ready-to-reply-KB")
		b.ReportMetric(float64(len(calls)), w.name+"-functions")
		total[w.name] = before.bytes + after.bytes
		b.Logf("%s: %d functions run from instantiation to its first reply; to Ready %.0f KB of code (%s); Ready to the first reply %.0f KB (%s)",
			w.name, len(calls), float64(before.bytes)/1000, before.top(6), float64(after.bytes)/1000, after.top(6))
	}
	b.ReportMetric(float64(total["example"])/float64(total["floor"]), "example/floor-code")
}

// firstCall is a guest function in the order of its first call.
type firstCall struct {
	index uint32
	name  string
}

// firstCalls records, per module instance, each function's first call.
type firstCalls struct {
	mu    sync.Mutex
	on    bool
	seen  map[api.Module]map[uint32]bool
	order map[api.Module][]firstCall
}

func (r *firstCalls) NewFunctionListener(api.FunctionDefinition) experimental.FunctionListener {
	return r
}

func (r *firstCalls) Before(_ context.Context, mod api.Module, def api.FunctionDefinition, _ []uint64, _ experimental.StackIterator) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.on || r.seen[mod][def.Index()] {
		return
	}
	if r.seen[mod] == nil {
		r.seen[mod] = map[uint32]bool{}
	}
	r.seen[mod][def.Index()] = true
	r.order[mod] = append(r.order[mod], firstCall{index: def.Index(), name: strings.TrimPrefix(def.DebugName(), ".")})
}

func (r *firstCalls) After(context.Context, api.Module, api.FunctionDefinition, []uint64) {}

func (r *firstCalls) Abort(context.Context, api.Module, api.FunctionDefinition, error) {}

// start forgets what was recorded and records from now on.
func (r *firstCalls) start() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on, r.seen, r.order = true, map[api.Module]map[uint32]bool{}, map[api.Module][]firstCall{}
}

// coldStartCalls runs the extension in dir, stops its worker once it has answered a greeting,
// wakes it with another, and returns the functions the woken worker called, in order.
func coldStartCalls(b *testing.B, dir string) []firstCall {
	rec := &firstCalls{}
	eng, err := wasmjs.NewEngine(wasmjs.EngineOptions{Listener: rec})
	require.NoError(b, err)
	defer eng.Close(context.Background())
	br, err := browser.NewOn(browser.Options{Seed: 1}, eng)
	require.NoError(b, err)
	defer br.Close()
	ext, err := br.Install(dir)
	require.NoError(b, err)
	const url = "http://127.0.0.1:8000/cold.html"
	br.ServePage(url, browser.Page{HTML: "<p>cold</p>"})
	tab, err := br.OpenTab(url)
	require.NoError(b, err)
	cs := tab.Top().ContentScript(ext)
	require.NotNil(b, cs)
	ctx := context.Background()
	greet := `chrome.runtime.sendMessage({greeting: "hello"}).then((r) => r.farewell)`
	raw, err := cs.Eval(ctx, greet)
	require.NoError(b, err)
	require.JSONEq(b, `"goodbye"`, string(raw))
	require.NoError(b, ext.StopWorker())
	rec.start()
	raw, err = cs.Eval(ctx, greet)
	require.NoError(b, err)
	require.JSONEq(b, `"goodbye"`, string(raw))
	rec.mu.Lock()
	defer rec.mu.Unlock()
	// The woken worker is the only new instance; the content script's module, already running,
	// calls a few functions of its own.
	var worker []firstCall
	for _, calls := range rec.order {
		if len(calls) > len(worker) {
			worker = calls
		}
	}
	return worker
}

// code is the wasm bytes of a set of functions, by package.
type code struct {
	bytes int
	byPkg map[string]int
}

func codeOf(calls []firstCall, sizes map[uint32]int) code {
	c := code{byPkg: map[string]int{}}
	for _, f := range calls {
		c.bytes += sizes[f.index]
		c.byPkg[packageOf(f.name)] += sizes[f.index]
	}
	return c
}

// top names the n packages with the most code, with their share.
func (c code) top(n int) string {
	pkgs := make([]string, 0, len(c.byPkg))
	for p := range c.byPkg {
		pkgs = append(pkgs, p)
	}
	slices.SortFunc(pkgs, func(a, b string) int { return c.byPkg[b] - c.byPkg[a] })
	var parts []string
	for _, p := range pkgs[:min(n, len(pkgs))] {
		parts = append(parts, fmt.Sprintf("%s %.0f KB", strings.TrimPrefix(p, "github.com/extwasm/extwasm/"), float64(c.byPkg[p])/1000))
	}
	return strings.Join(parts, ", ")
}

// packageOf is the package of a function's name as Go's linker writes it into the wasm name
// section, where a package path's slashes are underscores: "encoding_json.__decodeState_.object"
// is encoding/json's, "github.com_extwasm_extwasm_bridge.Ready" the bridge's.
func packageOf(sym string) string {
	prefix := ""
	for _, host := range []string{"github.com_", "golang.org_"} {
		if strings.HasPrefix(sym, host) {
			prefix, sym = host, sym[len(host):]
			break
		}
	}
	if dot := strings.Index(sym, "."); dot >= 0 {
		sym = sym[:dot]
	}
	return strings.ReplaceAll(prefix+sym, "_", "/")
}

// functionSizes reads a wasm module's code section: each defined function's index (imports
// first, as wazero numbers them) and the size of its body in bytes.
func functionSizes(path string) (map[uint32]int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) < 8 {
		return nil, errors.New("not a wasm module")
	}
	r := wasmReader{data: data[8:]}
	imported := uint32(0)
	for len(r.data) > 0 {
		id := r.byte()
		sec := wasmReader{data: r.bytes(int(r.uleb()))}
		switch id {
		case 2: // imports: module, name, kind, description
			for n := sec.uleb(); n > 0; n-- {
				sec.bytes(int(sec.uleb()))
				sec.bytes(int(sec.uleb()))
				if kind := sec.byte(); kind != 0 {
					return nil, fmt.Errorf("import of kind %d: only functions are expected from Go", kind)
				}
				sec.uleb()
				imported++
			}
		case 10: // code
			sizes := map[uint32]int{}
			n := sec.uleb()
			for i := uint32(0); i < uint32(n); i++ {
				size := int(sec.uleb())
				sec.bytes(size)
				sizes[imported+i] = size
			}
			return sizes, sec.err
		}
		if r.err != nil || sec.err != nil {
			return nil, errors.Join(r.err, sec.err)
		}
	}
	return nil, errors.New("no code section")
}

// wasmReader reads the few encodings functionSizes needs; the first error sticks.
type wasmReader struct {
	data []byte
	err  error
}

func (r *wasmReader) byte() byte {
	if len(r.data) == 0 {
		r.err = errors.New("truncated module")
		return 0
	}
	c := r.data[0]
	r.data = r.data[1:]
	return c
}

func (r *wasmReader) uleb() uint64 {
	v, n := binary.Uvarint(r.data)
	if n <= 0 {
		r.err = errors.New("bad LEB128")
		r.data = nil
		return 0
	}
	r.data = r.data[n:]
	return v
}

func (r *wasmReader) bytes(n int) []byte {
	if n > len(r.data) {
		r.err = errors.New("truncated module")
		r.data = nil
		return nil
	}
	b := r.data[:n]
	r.data = r.data[n:]
	return b
}
