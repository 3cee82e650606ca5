package nodejs

import (
	"embed"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/buffer"

	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
)

//go:embed loader.js
var loaderSource string

var loaderProgram = goja.MustCompile("nodejs/loader.js", loaderSource, true)

// libFS holds the built-in modules written in JavaScript, lib/<name>.js ("/" in a module name
// becomes "_").
//
//go:embed lib/*.js
var libFS embed.FS

// NodeBuiltinModules is require("module").builtinModules of Node 20, plus the built-ins that
// exist only with the "node:" prefix. A request for one of these never reaches node_modules.
var NodeBuiltinModules = []string{
	"_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing", "_http_server",
	"_stream_duplex", "_stream_passthrough", "_stream_readable", "_stream_transform", "_stream_wrap",
	"_stream_writable", "_tls_common", "_tls_wrap", "assert", "assert/strict", "async_hooks", "buffer",
	"child_process", "cluster", "console", "constants", "crypto", "dgram", "diagnostics_channel", "dns",
	"dns/promises", "domain", "events", "fs", "fs/promises", "http", "http2", "https", "inspector",
	"inspector/promises", "module", "net", "os", "path", "path/posix", "path/win32", "perf_hooks",
	"process", "punycode", "querystring", "readline", "readline/promises", "repl", "stream",
	"stream/consumers", "stream/promises", "stream/web", "string_decoder", "sys", "timers",
	"timers/promises", "tls", "trace_events", "tty", "url", "util", "util/types", "v8", "vm", "wasi",
	"worker_threads", "zlib",
	"node:sea", "node:test", "node:test/reporters",
}

// goBuiltins are the built-in modules implemented in Go; the rest of SupportedBuiltins are
// lib/*.js. A module loader fills module.exports.
var goBuiltins = map[string]func(n *Node, module *goja.Object){
	// goja_nodejs's Buffer and WHATWG URL are complete, tested implementations.
	"buffer": func(n *Node, m *goja.Object) { buffer.Require(n.vm, m) },
	"url":    func(n *Node, m *goja.Object) { jsrt.RequireURL(n.vm, m) }, // wrapped by lib/url.js
	// Node's fs, process and console modules are the very objects on the global object.
	"fs":      func(n *Node, m *goja.Object) { _ = m.Set("exports", n.vm.Get("fs")) },
	"process": func(n *Node, m *goja.Object) { _ = m.Set("exports", n.vm.Get("process")) },
	"console": func(n *Node, m *goja.Object) { _ = m.Set("exports", n.vm.Get("console")) },
}

// SupportedBuiltins are the Node built-in modules hostsim provides; requiring any other name
// of NodeBuiltinModules throws "hostsim: Node built-in module '…' is not supported".
func SupportedBuiltins() []string {
	var out []string
	for _, name := range NodeBuiltinModules {
		if supportedBuiltin(name) {
			out = append(out, name)
		}
	}
	return out
}

func supportedBuiltin(name string) bool {
	if _, err := libFS.Open(libPath(name)); err == nil {
		return true
	}
	_, ok := goBuiltins[name]
	return ok
}

func libPath(name string) string { return "lib/" + strings.ReplaceAll(name, "/", "_") + ".js" }

// nodeExecPath is process.execPath: Node's global module folders are found from it.
const nodeExecPath = "/usr/bin/node"

// installRequire defines require (the one wasm_exec_node.js has, which Go programs call through
// syscall/js), Buffer, URL, URLSearchParams, setImmediate, clearImmediate and global.
func (n *Node) installRequire() error {
	n.resolver = NewResolver(n.opts.Env, nodeExecPath, n.cwd)
	native := n.vm.NewObject()
	set := func(name string, v any) { _ = native.Set(name, v) }
	set("resolve", func(request, dir string) goja.Value {
		f, err := n.resolver.Resolve(request, dir)
		if err == nil {
			return n.vm.ToValue(f)
		}
		me, ok := err.(*ModuleError)
		if !ok {
			me = &ModuleError{Code: "MODULE_NOT_FOUND", Message: err.Error()}
		}
		o := n.vm.NewObject()
		_ = o.Set("code", me.Code)
		_ = o.Set("message", me.Message)
		_ = o.Set("requireStack", me.RequireStack)
		return o
	})
	set("lookupPaths", func(request, dir string) []string { return n.resolver.LookupPaths(request, dir) })
	set("nodeModulePaths", NodeModulePaths)
	set("isBuiltin", func(name string) bool { return slices.Contains(NodeBuiltinModules, name) })
	set("prefixOnly", func(name string) bool { return strings.HasPrefix(name, "node:") })
	set("supported", supportedBuiltin)
	set("builtinSource", func(name string) goja.Value {
		src, err := libFS.ReadFile(libPath(name))
		if err != nil {
			return goja.Undefined()
		}
		return n.vm.ToValue(string(src))
	})
	set("goBuiltin", func(name string, module *goja.Object) { goBuiltins[name](n, module) })
	// A built-in written in JavaScript may wrap one written in Go (url wraps goja_nodejs's).
	set("goBuiltinExports", func(name string) goja.Value {
		m := n.vm.NewObject()
		_ = m.Set("exports", n.vm.NewObject())
		goBuiltins[name](n, m)
		return m.Get("exports")
	})
	set("readFile", func(filename string) string {
		data, err := os.ReadFile(filename)
		if err != nil {
			n.throwSys(&sysErr{errno: asErrno(err), syscall: "open", path: filename})
		}
		return string(data)
	})
	set("compile", n.compileModule)
	set("jsdomWindow", n.jsdomWindow)
	set("post", func(fn goja.Callable) {
		n.realm.Post(func() {
			if _, err := fn(goja.Undefined()); err != nil {
				n.realm.ReportError(err)
			}
		})
	})

	lv, err := n.vm.RunProgram(loaderProgram)
	if err != nil {
		return err
	}
	lf, _ := goja.AssertFunction(lv)
	res, err := lf(goja.Undefined(), native, n.vm.ToValue(n.mainScript()))
	if err != nil {
		return err
	}
	loader := res.ToObject(n.vm)
	g := n.vm.GlobalObject()
	loadBuiltin, _ := goja.AssertFunction(loader.Get("loadBuiltin"))
	builtin := func(name string) *goja.Object {
		v, err := loadBuiltin(goja.Undefined(), n.vm.ToValue(name))
		if err != nil {
			panic(err)
		}
		return v.ToObject(n.vm)
	}
	if err := g.Set("require", loader.Get("require")); err != nil {
		return err
	}
	timers, urls := builtin("timers"), builtin("url")
	for name, v := range map[string]goja.Value{
		"global":          g,
		"path":            builtin("path"),
		"Buffer":          builtin("buffer").Get("Buffer"),
		"URL":             urls.Get("URL"),
		"URLSearchParams": urls.Get("URLSearchParams"),
		"setImmediate":    timers.Get("setImmediate"),
		"clearImmediate":  timers.Get("clearImmediate"),
	} {
		if err := g.Set(name, v); err != nil {
			return err
		}
	}
	return nil
}

// mainScript is the file Node runs for go_js_wasm_exec: the global require resolves relative
// requests against its folder, and it heads every "Require stack".
func (n *Node) mainScript() string {
	if n.opts.Script != "" {
		return n.opts.Script
	}
	root := n.opts.Env["GOROOT"]
	if root == "" {
		// Outside go test (which sets GOROOT) the toolchain that built hostsim is the best guess
		// at the one whose go_js_wasm_exec Node would run.
		root = runtime.GOROOT() //nolint:staticcheck // only a default; GOROOT in Env wins
	}
	if root == "" {
		return path.Join(n.cwd, "wasm_exec_node.js")
	}
	return path.Join(root, "lib", "wasm", "wasm_exec_node.js")
}

// compileModule compiles a module's source inside Node's CommonJS wrapper, on the same line so
// that stack traces keep the file's line numbers.
func (n *Node) compileModule(filename, src string) goja.Value {
	if strings.HasPrefix(src, "#!") {
		src = "//" + src[2:]
	}
	prg, err := jsrt.Compile(filename, "(function (exports, require, module, __filename, __dirname) { "+src+"\n})", false)
	if err != nil {
		se, _ := n.vm.New(n.vm.Get("SyntaxError"), n.vm.ToValue(strings.TrimPrefix(err.Error(), "SyntaxError: ")))
		panic(se)
	}
	fn, err := n.vm.RunProgram(prg)
	if err != nil {
		panic(err)
	}
	return fn
}
