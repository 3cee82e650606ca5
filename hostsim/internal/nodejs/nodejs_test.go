package nodejs_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
	"github.com/extwasm/extwasm/hostsim/internal/nodejs"
)

type env struct {
	sched          *jsrt.Scheduler
	realm          *jsrt.Realm
	node           *nodejs.Node
	stdout, stderr bytes.Buffer
	exitCode       *int
	dir            string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{dir: t.TempDir()}
	e.sched = jsrt.NewScheduler(jsrt.Options{})
	e.realm = e.sched.NewRealm(jsrt.RealmOptions{Name: "node"})
	t.Cleanup(e.realm.Close)
	n, err := nodejs.Install(e.realm, nodejs.Options{
		Args:   []string{"prog.wasm", "x"},
		Env:    map[string]string{"HOME": "/home/gopher"},
		Dir:    e.dir,
		Stdin:  bytes.NewBufferString("typed input"),
		Stdout: &e.stdout,
		Stderr: &e.stderr,
		Exit:   func(code int) { e.exitCode = &code },
		Script: filepath.Join(e.dir, "wasm_exec_node.js"),
	})
	require.NoError(t, err)
	t.Cleanup(func() { _ = n.Close() })
	e.node = n
	return e
}

func (e *env) eval(t *testing.T, script string, globals ...string) string {
	t.Helper()
	for i := 0; i+1 < len(globals); i += 2 {
		require.NoError(t, e.realm.VM.Set(globals[i], globals[i+1]))
	}
	_, err := e.realm.RunScript("test.js", script)
	require.NoError(t, err)
	require.NoError(t, e.sched.Run(context.Background()))
	require.Empty(t, e.realm.Errors())
	v, err := e.realm.RunScript("result.js", "JSON.stringify(globalThis.result)")
	require.NoError(t, err)
	return v.String()
}

func TestCallbacksAreAsynchronous(t *testing.T) {
	e := newEnv(t)
	got := e.eval(t, `
		const order = [];
		fs.write(1, new Uint8Array([104, 105, 10]), 0, 3, null, (err, n) => { order.push("cb " + err + " " + n); globalThis.result = order; });
		order.push("after call");`)
	assert.Equal(t, `["after call","cb null 3"]`, got)
	assert.Equal(t, "hi\n", e.stdout.String(), "the write itself happens at once")
}

func TestFileLifecycle(t *testing.T) {
	e := newEnv(t)
	got := e.eval(t, `
		const c = fs.constants, out = {};
		const step = (name, f) => new Promise((res) => f((err, v) => { out[name] = err ? err.code : (v === undefined ? "ok" : v); res(v); }));
		(async () => {
			const fd = await step("open", (cb) => fs.open("f.txt", c.O_WRONLY | c.O_CREAT | c.O_TRUNC, 0o640, cb));
			await step("write", (cb) => fs.write(fd, new TextEncoder().encode("hello world"), 0, 11, null, cb));
			await step("pwrite", (cb) => fs.write(fd, new TextEncoder().encode("J"), 0, 1, 6, cb));
			const st = await step("fstat", (cb) => fs.fstat(fd, cb));
			out.size = st.size; out.isFile = st.isFile(); out.perm = (st.mode & 0o777).toString(8);
			await step("close", (cb) => fs.close(fd, cb));
			await step("closeAgain", (cb) => fs.close(fd, cb));
			const rfd = await step("openRead", (cb) => fs.open("f.txt", c.O_RDONLY, 0, cb));
			const buf = new Uint8Array(32);
			const n = await step("read", (cb) => fs.read(rfd, buf, 0, 32, null, cb));
			out.text = new TextDecoder().decode(buf.subarray(0, n));
			await step("readAt", (cb) => fs.read(rfd, buf, 0, 3, 8, cb));
			out.at = new TextDecoder().decode(buf.subarray(0, 3));
			await step("close2", (cb) => fs.close(rfd, cb));
			await step("mkdir", (cb) => fs.mkdir("d", 0o755, cb));
			await step("mkdirAgain", (cb) => fs.mkdir("d", 0o755, cb));
			await step("rename", (cb) => fs.rename("f.txt", "d/g.txt", cb));
			await step("symlink", (cb) => fs.symlink("d/g.txt", "link", cb));
			await step("readlink", (cb) => fs.readlink("link", cb));
			const l = await step("lstat", (cb) => fs.lstat("link", cb));
			out.isLink = l.isSymbolicLink();
			await step("readdir", (cb) => fs.readdir(".", cb));
			await step("rmdirFull", (cb) => fs.rmdir("d", cb));
			await step("missing", (cb) => fs.stat("nope", cb));
			await step("badfd", (cb) => fs.fstat(99999, cb));
			await step("unlink", (cb) => fs.unlink("d/g.txt", cb));
			globalThis.result = out;
		})();`)
	assert.JSONEq(t, `{"open":3,"write":11,"pwrite":1,"fstat":{},"size":11,"isFile":true,"perm":"640",
		"close":"ok","closeAgain":"EBADF","openRead":3,"read":11,"text":"hello Jorld","readAt":3,"at":"rld",
		"close2":"ok","mkdir":"ok","mkdirAgain":"EEXIST","rename":"ok","symlink":"ok","readlink":"d/g.txt",
		"lstat":{},"isLink":true,"readdir":["d","link"],"rmdirFull":"ENOTEMPTY","missing":"ENOENT",
		"badfd":"EBADF","unlink":"ok"}`, normalizeFDs(got))
	_, err := os.Lstat(filepath.Join(e.dir, "link"))
	assert.NoError(t, err, "files are created relative to Dir")
}

// normalizeFDs replaces the host's fd numbers (which depend on the test process) by 3, and
// Stats objects (serialised as their fields) by {}.
func normalizeFDs(s string) string {
	var m map[string]any
	if err := jsonUnmarshal(s, &m); err != nil {
		return s
	}
	for _, k := range []string{"open", "openRead"} {
		if _, ok := m[k].(float64); ok {
			m[k] = 3
		}
	}
	for _, k := range []string{"fstat", "lstat"} {
		if _, ok := m[k].(map[string]any); ok {
			m[k] = map[string]any{}
		}
	}
	return jsonMarshal(m)
}

func TestErrorObjects(t *testing.T) {
	e := newEnv(t)
	got := e.eval(t, `
		fs.open("/nonexistent/x", 0, 0, (err) => {
			globalThis.result = { isError: err instanceof Error, code: err.code, errno: err.errno, syscall: err.syscall, path: err.path, message: err.message };
		});`)
	assert.JSONEq(t, `{"isError":true,"code":"ENOENT","errno":-2,"syscall":"open","path":"/nonexistent/x",
		"message":"ENOENT: no such file or directory, open '/nonexistent/x'"}`, got)
}

func TestProcessAndPath(t *testing.T) {
	e := newEnv(t)
	require.NoError(t, os.Mkdir(filepath.Join(e.dir, "sub"), 0o755))
	got := e.eval(t, `
		const out = {};
		out.argv = process.argv; out.argv0 = process.argv0; out.home = process.env.HOME;
		out.cwd0 = process.cwd() === DIR;
		process.chdir("sub");
		out.cwd1 = process.cwd() === DIR + "/sub";
		try { process.chdir("missing"); } catch (err) { out.chdirErr = err.code; }
		out.resolve = [path.resolve("a", "../b", "./c/"), path.resolve("/x", "y", "/z", "w"), path.resolve()];
		out.umask = [process.umask(0o077), process.umask()];
		out.uid = typeof process.getuid();
		fs.read(0, new Uint8Array(5), 0, 5, null, (err, n) => { out.stdin = n; globalThis.result = out; });
		process.exit(7);`, "DIR", e.dir)
	assert.JSONEq(t, `{"argv":["node","wasm_exec_node.js","prog.wasm","x"],"argv0":"node","home":"/home/gopher",
		"cwd0":true,"cwd1":true,"chdirErr":"ENOENT",
		"resolve":["`+e.dir+`/sub/b/c","/z/w","`+e.dir+`/sub"],"umask":[18,63],"uid":"number","stdin":5}`, got)
	require.NotNil(t, e.exitCode)
	assert.Equal(t, 7, *e.exitCode)
}

func TestWriteSyncAndStderr(t *testing.T) {
	e := newEnv(t)
	got := e.eval(t, `globalThis.result = [fs.writeSync(2, new Uint8Array([111, 107])), fs.writeSync(1, new Uint8Array([33]))];`)
	assert.Equal(t, "[2,1]", got)
	assert.Equal(t, "ok", e.stderr.String())
	assert.Equal(t, "!", e.stdout.String())
}

func TestCloseReleasesFiles(t *testing.T) {
	e := newEnv(t)
	e.eval(t, `fs.open("a", fs.constants.O_CREAT | fs.constants.O_RDWR, 0o600, (err, fd) => { globalThis.result = fd; });`)
	assert.Equal(t, 1, e.node.OpenFiles())
	require.NoError(t, e.node.Close())
	assert.Equal(t, 0, e.node.OpenFiles())
}

func TestInstallValidates(t *testing.T) {
	r := jsrt.NewScheduler(jsrt.Options{}).NewRealm(jsrt.RealmOptions{})
	defer r.Close()
	_, err := nodejs.Install(r, nodejs.Options{Exit: func(int) {}, Dir: "/definitely/not/here"})
	assert.ErrorContains(t, err, "not a directory")
	_, err = nodejs.Install(r, nodejs.Options{})
	assert.ErrorContains(t, err, "Exit is required")
}
