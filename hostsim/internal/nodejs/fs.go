package nodejs

import (
	"io"
	"math"
	"sort"
	"syscall"

	"github.com/dop251/goja"
)

// Open flags as Node reports them on Linux; Go's syscall package reads them from fs.constants
// and they go to open(2) unchanged.
var constants = map[string]int{
	"O_RDONLY": syscall.O_RDONLY, "O_WRONLY": syscall.O_WRONLY, "O_RDWR": syscall.O_RDWR,
	"O_CREAT": syscall.O_CREAT, "O_EXCL": syscall.O_EXCL, "O_NOCTTY": syscall.O_NOCTTY,
	"O_TRUNC": syscall.O_TRUNC, "O_APPEND": syscall.O_APPEND, "O_DIRECTORY": syscall.O_DIRECTORY,
	"O_NOATIME": syscall.O_NOATIME, "O_NOFOLLOW": syscall.O_NOFOLLOW, "O_SYNC": syscall.O_SYNC,
	"O_DSYNC": syscall.O_DSYNC, "O_NONBLOCK": syscall.O_NONBLOCK,
	"S_IFMT": syscall.S_IFMT, "S_IFREG": syscall.S_IFREG, "S_IFDIR": syscall.S_IFDIR,
	"S_IFCHR": syscall.S_IFCHR, "S_IFBLK": syscall.S_IFBLK, "S_IFIFO": syscall.S_IFIFO,
	"S_IFLNK": syscall.S_IFLNK, "S_IFSOCK": syscall.S_IFSOCK,
	"F_OK": 0, "R_OK": 4, "W_OK": 2, "X_OK": 1,
}

// fsFunc is one node-style fs function: impl gets the arguments before the callback and returns
// the callback's second argument, or a *sysErr.
type fsFunc func(args []goja.Value) (goja.Value, error)

func (n *Node) fsObject() *goja.Object {
	vm := n.vm
	fs := vm.NewObject()
	c := vm.NewObject()
	for k, v := range constants {
		_ = c.Set(k, v)
	}
	_ = fs.Set("constants", c)
	set := func(name string, impl fsFunc) {
		_ = fs.Set(name, n.async(name, impl))
	}
	set("open", n.open)
	set("close", n.close)
	set("read", n.read)
	set("write", n.write)
	set("fstat", n.fstat)
	set("stat", func(a []goja.Value) (goja.Value, error) { return n.stat(a, "stat", syscall.Stat) })
	set("lstat", func(a []goja.Value) (goja.Value, error) { return n.stat(a, "lstat", syscall.Lstat) })
	set("readdir", n.readdir)
	set("mkdir", n.pathMode("mkdir", func(p string, m uint32) error { return syscall.Mkdir(p, m&^uint32(n.umask)) }))
	set("chmod", n.pathMode("chmod", syscall.Chmod))
	set("rmdir", n.pathOnly("rmdir", syscall.Rmdir))
	set("unlink", n.pathOnly("unlink", syscall.Unlink))
	set("rename", n.twoPaths("rename", syscall.Rename, false))
	set("link", n.twoPaths("link", syscall.Link, false))
	set("symlink", n.twoPaths("symlink", syscall.Symlink, true))
	set("readlink", n.readlink)
	set("ftruncate", n.fdOp("ftruncate", func(fd int, a []goja.Value) error { return syscall.Ftruncate(fd, arg(a, 1).ToInteger()) }))
	set("fsync", n.fdOp("fsync", func(fd int, _ []goja.Value) error { return syscall.Fsync(fd) }))
	set("fdatasync", n.fdOp("fdatasync", func(fd int, _ []goja.Value) error { return syscall.Fdatasync(fd) }))
	set("fchmod", n.fdOp("fchmod", func(fd int, a []goja.Value) error { return syscall.Fchmod(fd, uint32(arg(a, 1).ToInteger())) }))
	set("fchown", n.fdOp("fchown", func(fd int, a []goja.Value) error {
		return syscall.Fchown(fd, int(arg(a, 1).ToInteger()), int(arg(a, 2).ToInteger()))
	}))
	set("truncate", func(a []goja.Value) (goja.Value, error) {
		p := arg(a, 0).String()
		return nil, wrap(syscall.Truncate(n.resolve(p), arg(a, 1).ToInteger()), "open", p)
	})
	chown := func(name string, f func(string, int, int) error) fsFunc {
		return func(a []goja.Value) (goja.Value, error) {
			p := arg(a, 0).String()
			return nil, wrap(f(n.resolve(p), int(arg(a, 1).ToInteger()), int(arg(a, 2).ToInteger())), name, p)
		}
	}
	set("chown", chown("chown", syscall.Chown))
	set("lchown", chown("lchown", syscall.Lchown))
	set("utimes", func(a []goja.Value) (goja.Value, error) {
		p := arg(a, 0).String()
		tv := []syscall.Timeval{secToTimeval(arg(a, 1).ToFloat()), secToTimeval(arg(a, 2).ToFloat())}
		return nil, wrap(syscall.Utimes(n.resolve(p), tv), "utime", p)
	})
	_ = fs.Set("writeSync", func(call goja.FunctionCall) goja.Value {
		v, err := n.writeBytes(call.Arguments, false)
		if err != nil {
			n.throwSys(err.(*sysErr))
		}
		return v
	})
	return fs
}

func arg(a []goja.Value, i int) goja.Value {
	if i < len(a) && a[i] != nil {
		return a[i]
	}
	return goja.Undefined()
}

func secToTimeval(s float64) syscall.Timeval {
	sec, frac := math.Modf(s)
	return syscall.Timeval{Sec: int64(sec), Usec: int64(frac * 1e6)}
}

func wrap(err error, sc, p string) error {
	if err == nil {
		return nil
	}
	return &sysErr{errno: asErrno(err), syscall: sc, path: p}
}

// async wraps impl as a Node callback API: the work is done now (as Node does for most fs
// calls on a fast disk) but the callback runs as a later macrotask, never synchronously. This
// matters to Go: a js.FuncOf handler that writes to stdout deadlocks under Node, and must here.
func (n *Node) async(name string, impl fsFunc) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		args := call.Arguments
		if len(args) == 0 {
			panic(n.vm.NewTypeError("The \"cb\" argument must be of type function. Received undefined"))
		}
		cb, ok := goja.AssertFunction(args[len(args)-1])
		if !ok {
			panic(n.vm.NewTypeError("The \"cb\" argument must be of type function. Received " + args[len(args)-1].String()))
		}
		res, err := impl(args[:len(args)-1])
		n.realm.Post(func() {
			var cbArgs []goja.Value
			if err != nil {
				se, ok := err.(*sysErr)
				if !ok {
					se = &sysErr{errno: syscall.EIO, syscall: name}
				}
				cbArgs = []goja.Value{n.errorValue(se)}
			} else if res != nil {
				cbArgs = []goja.Value{goja.Null(), res}
			} else {
				cbArgs = []goja.Value{goja.Null()}
			}
			if _, err := cb(goja.Undefined(), cbArgs...); err != nil {
				n.realm.ReportError(err)
			}
		})
		return goja.Undefined()
	}
}

func (n *Node) open(a []goja.Value) (goja.Value, error) {
	p := arg(a, 0).String()
	flags := 0
	if f := arg(a, 1); !goja.IsUndefined(f) && !goja.IsNull(f) {
		flags = int(f.ToInteger())
	}
	mode := uint32(0o666)
	if m := arg(a, 2); !goja.IsUndefined(m) && !goja.IsNull(m) {
		mode = uint32(m.ToInteger())
	}
	fd, err := syscall.Open(n.resolve(p), flags|syscall.O_CLOEXEC, mode&^uint32(n.umask))
	if err != nil {
		return nil, &sysErr{errno: asErrno(err), syscall: "open", path: p}
	}
	if fd < 3 { // keep 0-2 meaning this realm's stdio
		nfd, err := syscall.Dup(fd)
		_ = syscall.Close(fd)
		if err != nil {
			return nil, &sysErr{errno: asErrno(err), syscall: "open", path: p}
		}
		fd = nfd
	}
	n.files[fd] = struct{}{}
	return n.vm.ToValue(fd), nil
}

// hostFD maps a guest fd to the host fd, refusing host descriptors the guest did not open.
func (n *Node) hostFD(v goja.Value, sc string) (int, error) {
	fd := int(v.ToInteger())
	if _, ok := n.files[fd]; ok || fd >= 0 && fd <= 2 {
		return fd, nil
	}
	return -1, &sysErr{errno: syscall.EBADF, syscall: sc}
}

func (n *Node) close(a []goja.Value) (goja.Value, error) {
	fd, err := n.hostFD(arg(a, 0), "close")
	if err != nil {
		return nil, err
	}
	if fd <= 2 {
		return nil, nil
	}
	delete(n.files, fd)
	return nil, wrap(syscall.Close(fd), "close", "")
}

func (n *Node) bytes(v goja.Value) ([]byte, error) {
	var b []byte
	if err := n.vm.ExportTo(v, &b); err != nil {
		return nil, &sysErr{errno: syscall.EINVAL, syscall: "read"}
	}
	return b, nil
}

// window is buffer[offset:offset+length] with Node's bounds checks.
func (n *Node) window(a []goja.Value, sc string) ([]byte, error) {
	b, err := n.bytes(arg(a, 1))
	if err != nil {
		return nil, err
	}
	off, length := 0, len(b)
	if o := arg(a, 2); !goja.IsUndefined(o) && !goja.IsNull(o) {
		off = int(o.ToInteger())
	}
	if l := arg(a, 3); !goja.IsUndefined(l) && !goja.IsNull(l) {
		length = int(l.ToInteger())
	} else {
		length = len(b) - off
	}
	if off < 0 || length < 0 || off+length > len(b) {
		panic(n.vm.NewTypeError("The value of \"offset\" or \"length\" is out of range"))
	}
	return b[off : off+length], nil
}

func position(a []goja.Value) (int64, bool) {
	p := arg(a, 4)
	if goja.IsUndefined(p) || goja.IsNull(p) {
		return 0, false
	}
	v := p.ToInteger()
	return v, v >= 0
}

func (n *Node) read(a []goja.Value) (goja.Value, error) {
	fd, err := n.hostFD(arg(a, 0), "read")
	if err != nil {
		return nil, err
	}
	buf, err := n.window(a, "read")
	if err != nil {
		return nil, err
	}
	if fd == 0 {
		if n.opts.Stdin == nil || len(buf) == 0 {
			return n.vm.ToValue(0), nil
		}
		c, err := n.opts.Stdin.Read(buf)
		if err != nil && err != io.EOF {
			return nil, &sysErr{errno: syscall.EIO, syscall: "read"}
		}
		return n.vm.ToValue(c), nil
	}
	var c int
	if pos, ok := position(a); ok {
		c, err = syscall.Pread(fd, buf, pos)
	} else {
		c, err = syscall.Read(fd, buf)
	}
	if err != nil {
		return nil, &sysErr{errno: asErrno(err), syscall: "read"}
	}
	return n.vm.ToValue(c), nil
}

func (n *Node) write(a []goja.Value) (goja.Value, error) { return n.writeBytes(a, true) }

func (n *Node) writeBytes(a []goja.Value, withPos bool) (goja.Value, error) {
	fd, err := n.hostFD(arg(a, 0), "write")
	if err != nil {
		return nil, err
	}
	buf, err := n.window(a, "write")
	if err != nil {
		return nil, err
	}
	switch fd {
	case 0:
		return nil, &sysErr{errno: syscall.EBADF, syscall: "write"}
	case 1, 2:
		w := n.opts.Stdout
		if fd == 2 {
			w = n.opts.Stderr
		}
		c, err := w.Write(buf)
		if err != nil {
			return nil, &sysErr{errno: syscall.EPIPE, syscall: "write"}
		}
		return n.vm.ToValue(c), nil
	}
	var c int
	if pos, ok := position(a); ok && withPos {
		c, err = syscall.Pwrite(fd, buf, pos)
	} else {
		c, err = syscall.Write(fd, buf)
	}
	if err != nil {
		return nil, &sysErr{errno: asErrno(err), syscall: "write"}
	}
	return n.vm.ToValue(c), nil
}

func (n *Node) statValue(st *syscall.Stat_t) goja.Value {
	ms := func(t syscall.Timespec) float64 { return float64(t.Sec)*1e3 + float64(t.Nsec)/1e6 }
	vals := []any{st.Dev, st.Mode, st.Nlink, st.Uid, st.Gid, st.Rdev, st.Blksize, st.Ino, st.Size,
		st.Blocks, ms(st.Atim), ms(st.Mtim), ms(st.Ctim), ms(st.Ctim)}
	o, err := n.vm.New(n.stats, n.vm.NewArray(vals...))
	if err != nil {
		panic(err)
	}
	return o
}

func (n *Node) fstat(a []goja.Value) (goja.Value, error) {
	fd, err := n.hostFD(arg(a, 0), "fstat")
	if err != nil {
		return nil, err
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &sysErr{errno: asErrno(err), syscall: "fstat"}
	}
	return n.statValue(&st), nil
}

func (n *Node) stat(a []goja.Value, sc string, f func(string, *syscall.Stat_t) error) (goja.Value, error) {
	p := arg(a, 0).String()
	var st syscall.Stat_t
	if err := f(n.resolve(p), &st); err != nil {
		return nil, &sysErr{errno: asErrno(err), syscall: sc, path: p}
	}
	return n.statValue(&st), nil
}

func (n *Node) readdir(a []goja.Value) (goja.Value, error) {
	p := arg(a, 0).String()
	fd, err := syscall.Open(n.resolve(p), syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, &sysErr{errno: asErrno(err), syscall: "scandir", path: p}
	}
	defer syscall.Close(fd)
	var names []string
	buf := make([]byte, 8192)
	for {
		c, err := syscall.ReadDirent(fd, buf)
		if err != nil {
			return nil, &sysErr{errno: asErrno(err), syscall: "scandir", path: p}
		}
		if c <= 0 {
			break
		}
		_, _, names = syscall.ParseDirent(buf[:c], -1, names)
	}
	sort.Strings(names) // libuv's scandir sorts entries
	return n.vm.NewArray(toAny(names)...), nil
}

func (n *Node) readlink(a []goja.Value) (goja.Value, error) {
	p := arg(a, 0).String()
	buf := make([]byte, 4096)
	c, err := syscall.Readlink(n.resolve(p), buf)
	if err != nil {
		return nil, &sysErr{errno: asErrno(err), syscall: "readlink", path: p}
	}
	return n.vm.ToValue(string(buf[:c])), nil
}

func (n *Node) pathOnly(sc string, f func(string) error) fsFunc {
	return func(a []goja.Value) (goja.Value, error) {
		p := arg(a, 0).String()
		return nil, wrap(f(n.resolve(p)), sc, p)
	}
}

func (n *Node) pathMode(sc string, f func(string, uint32) error) fsFunc {
	return func(a []goja.Value) (goja.Value, error) {
		p := arg(a, 0).String()
		mode := uint32(0o777)
		if m := arg(a, 1); !goja.IsUndefined(m) && !goja.IsNull(m) {
			if o, ok := m.(*goja.Object); ok {
				m = o.Get("mode")
			}
			if m != nil && !goja.IsUndefined(m) {
				mode = uint32(m.ToInteger())
			}
		}
		return nil, wrap(f(n.resolve(p), mode), sc, p)
	}
}

// twoPaths is rename, link and symlink. A symlink's target is stored as given, not resolved.
func (n *Node) twoPaths(sc string, f func(string, string) error, rawFirst bool) fsFunc {
	return func(a []goja.Value) (goja.Value, error) {
		from, to := arg(a, 0).String(), arg(a, 1).String()
		src := n.resolve(from)
		if rawFirst {
			src = from
		}
		if err := f(src, n.resolve(to)); err != nil {
			return nil, &sysErr{errno: asErrno(err), syscall: sc, path: from, dest: to}
		}
		return nil, nil
	}
}

func (n *Node) fdOp(sc string, f func(int, []goja.Value) error) fsFunc {
	return func(a []goja.Value) (goja.Value, error) {
		fd, err := n.hostFD(arg(a, 0), sc)
		if err != nil {
			return nil, err
		}
		return nil, wrap(f(fd, a), sc, "")
	}
}
