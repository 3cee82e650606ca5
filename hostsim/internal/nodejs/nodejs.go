// Package nodejs gives a jsrt realm the Node.js globals a plain GOOS=js Go program uses when it
// runs under wasm_exec_node.js: fs (node-style callbacks over the real file system), process,
// path, and require with Node's CommonJS module resolution and the common built-in modules
// (events, util, buffer, url, path, assert, timers, fs). Semantics follow Node 20 where Go's syscall package can observe them: callbacks arrive
// as later macrotasks, errors are Error objects with errno codes, readdir is sorted.
package nodejs

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"syscall"

	"github.com/dop251/goja"
	"golang.org/x/sys/unix"

	"github.com/extwasm/extwasm/hostsim/internal/dom"
	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
)

//go:embed prelude.js
var preludeSource string

var prelude = goja.MustCompile("nodejs/prelude.js", preludeSource, true)

// Options configures the Node globals of one realm.
type Options struct {
	// Args are the program's arguments as Go sees them in os.Args (process.argv has "node" and
	// the script in front of them, as under wasm_exec_node.js).
	Args []string
	// Env is process.env.
	Env map[string]string
	// Dir is the initial working directory; relative paths resolve against it. Empty means the
	// host process's working directory. process.chdir changes it for this realm only.
	Dir string
	// Stdin is read for fd 0 (nil: end of file). Stdout and Stderr receive fd 1 and 2.
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Exit implements process.exit. It should not return: the caller unwinds the guest.
	Exit func(code int)
	// Script is the file Node would be running (default: $GOROOT/lib/wasm/wasm_exec_node.js,
	// GOROOT from Env or else the toolchain hostsim was built with). The global require resolves
	// relative requests against its folder.
	Script string
}

// Node is the installed globals of one realm; Close releases the files the guest left open.
type Node struct {
	realm *jsrt.Realm
	vm    *goja.Runtime
	opts  Options
	cwd   string
	umask int
	files map[int]struct{} // host fds opened by the guest

	resolver *Resolver
	// dom is the document the program's one JSDOM shows, once made (jsdom.go).
	dom *dom.Binding

	stats     *goja.Object
	makeError goja.Callable
}

// Install defines fs, process and path in the realm's global object.
func Install(r *jsrt.Realm, opts Options) (*Node, error) {
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Stderr == nil {
		opts.Stderr = io.Discard
	}
	if opts.Exit == nil {
		return nil, errors.New("nodejs: Options.Exit is required")
	}
	cwd := opts.Dir
	if cwd == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, fmt.Errorf("nodejs: working directory: %w", err)
		}
		cwd = wd
	}
	if !path.IsAbs(cwd) {
		wd, err := os.Getwd()
		if err != nil {
			return nil, fmt.Errorf("nodejs: working directory: %w", err)
		}
		cwd = path.Join(wd, cwd)
	}
	if st, err := os.Stat(cwd); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("nodejs: working directory %s is not a directory", cwd)
	}
	n := &Node{realm: r, vm: r.VM, opts: opts, cwd: path.Clean(cwd), umask: 0o022, files: map[int]struct{}{}}
	pv, err := r.VM.RunProgram(prelude)
	if err != nil {
		return nil, fmt.Errorf("nodejs: prelude: %w", err)
	}
	pf, _ := goja.AssertFunction(pv)
	res, err := pf(goja.Undefined(), n.vm.NewObject())
	if err != nil {
		return nil, fmt.Errorf("nodejs: prelude: %w", err)
	}
	ro := res.ToObject(n.vm)
	n.stats = ro.Get("Stats").ToObject(n.vm)
	n.makeError, _ = goja.AssertFunction(ro.Get("makeError"))

	g := n.vm.GlobalObject()
	for name, v := range map[string]goja.Value{"fs": n.fsObject(), "process": n.processObject()} {
		if err := g.Set(name, v); err != nil {
			return nil, err
		}
	}
	if err := n.installRequire(); err != nil {
		return nil, fmt.Errorf("nodejs: require: %w", err)
	}
	return n, nil
}

// Cwd is the realm's current working directory.
func (n *Node) Cwd() string { return n.cwd }

// OpenFiles is the number of files the guest opened and has not closed.
func (n *Node) OpenFiles() int { return len(n.files) }

// Close closes the files the guest left open.
func (n *Node) Close() error {
	var errs []error
	for fd := range n.files {
		errs = append(errs, syscall.Close(fd))
	}
	n.files = map[int]struct{}{}
	return errors.Join(errs...)
}

// resolve makes p absolute against the realm's cwd without cleaning it, so that ".." after a
// symlink means what the OS says, as it does when Node passes a relative path to the kernel.
func (n *Node) resolve(p string) string {
	if path.IsAbs(p) {
		return p
	}
	if p == "" {
		return n.cwd
	}
	return n.cwd + "/" + p
}

// sysErr is a failed system call, turned into a Node error object for the callback.
type sysErr struct {
	errno      syscall.Errno
	syscall    string
	path, dest string
}

func (e *sysErr) Error() string { return e.syscall + ": " + e.errno.Error() }

func (n *Node) errorValue(e *sysErr) goja.Value {
	name := unix.ErrnoName(e.errno)
	if name == "" {
		name = "UNKNOWN"
	}
	args := []goja.Value{n.vm.ToValue(-int(e.errno)), n.vm.ToValue(name), n.vm.ToValue(e.errno.Error()), n.vm.ToValue(e.syscall), goja.Undefined(), goja.Undefined()}
	if e.path != "" {
		args[4] = n.vm.ToValue(e.path)
	}
	if e.dest != "" {
		args[5] = n.vm.ToValue(e.dest)
	}
	v, err := n.makeError(goja.Undefined(), args...)
	if err != nil {
		return n.vm.NewGoError(e)
	}
	return v
}

func (n *Node) throwSys(e *sysErr) {
	panic(n.errorValue(e))
}

func asErrno(err error) syscall.Errno {
	var en syscall.Errno
	if errors.As(err, &en) {
		return en
	}
	return syscall.EIO
}

func (n *Node) processObject() *goja.Object {
	vm := n.vm
	p := vm.NewObject()
	argv := append([]any{"node", "wasm_exec_node.js"}, toAny(n.opts.Args)...)
	_ = p.Set("argv", vm.NewArray(argv...))
	_ = p.Set("argv0", "node")
	_ = p.Set("execPath", nodeExecPath)
	_ = p.Set("title", "node")
	_ = p.Set("platform", "linux")
	_ = p.Set("arch", "x64")
	_ = p.Set("version", "v20.20.2")
	versions := vm.NewObject()
	_ = versions.Set("node", "20.20.2")
	_ = p.Set("versions", versions)
	env := vm.NewObject()
	keys := make([]string, 0, len(n.opts.Env))
	for k := range n.opts.Env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		_ = env.Set(k, n.opts.Env[k])
	}
	_ = p.Set("env", env)
	_ = p.Set("pid", os.Getpid())
	_ = p.Set("ppid", os.Getppid())
	_ = p.Set("getuid", os.Getuid)
	_ = p.Set("geteuid", os.Geteuid)
	_ = p.Set("getgid", os.Getgid)
	_ = p.Set("getegid", os.Getegid)
	_ = p.Set("getgroups", func() goja.Value {
		gs, err := os.Getgroups()
		if err != nil {
			n.throwSys(&sysErr{errno: asErrno(err), syscall: "getgroups"})
		}
		return vm.NewArray(toAny(gs)...)
	})
	_ = p.Set("umask", func(call goja.FunctionCall) goja.Value {
		old := n.umask
		if m := call.Argument(0); !goja.IsUndefined(m) {
			n.umask = int(m.ToInteger()) & 0o777
		}
		return vm.ToValue(old)
	})
	_ = p.Set("cwd", func() string { return n.cwd })
	_ = p.Set("chdir", func(dir string) {
		target := path.Clean(n.resolve(dir))
		var st syscall.Stat_t
		if err := syscall.Stat(target, &st); err != nil {
			n.throwSys(&sysErr{errno: asErrno(err), syscall: "chdir", path: n.cwd, dest: dir})
		}
		if st.Mode&syscall.S_IFMT != syscall.S_IFDIR {
			n.throwSys(&sysErr{errno: syscall.ENOTDIR, syscall: "chdir", path: n.cwd, dest: dir})
		}
		n.cwd = target
	})
	_ = p.Set("exit", func(call goja.FunctionCall) goja.Value {
		code := 0
		if c := call.Argument(0); !goja.IsUndefined(c) {
			code = int(c.ToInteger())
		} else if c := p.Get("exitCode"); c != nil && !goja.IsUndefined(c) {
			code = int(c.ToInteger())
		}
		n.opts.Exit(code)
		return goja.Undefined()
	})
	return p
}

func toAny[T any](s []T) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
