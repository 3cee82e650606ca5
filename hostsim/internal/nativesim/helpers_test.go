package nativesim

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/internal/manifest"
	"github.com/extwasm/extwasm/internal/gobuild"
	"github.com/extwasm/extwasm/internal/gobuild/gobuildtest"
	"github.com/extwasm/extwasm/nativehost"
)

const (
	idA = "abcdefghijklmnopabcdefghijklmnop"
	idB = "ponmlkjihgfedcbaponmlkjihgfedcba"
)

var (
	originA = Origin(idA)
	originB = Origin(idB)
	// withPerm is a caller manifest that asks for native messaging.
	withPerm = &manifest.Manifest{ManifestVersion: 3, Permissions: []string{"storage", "nativeMessaging"}}
)

// testHostProgram is testdata/testhost, built once per run in a directory of its own, so the
// working directory Chrome gives the host is predictable.
var testHostProgram = gobuild.Program{Pkg: "./testdata/testhost"}

func TestMain(m *testing.M) { gobuildtest.Main(m, &testHostProgram) }

// testHost is the test host's path.
func testHost(t *testing.T) string { return gobuildtest.Path(t, &testHostProgram) }

// writeManifest installs a host manifest for exe into dir.
func writeManifest(t *testing.T, dir, name, exe string, origins ...string) {
	t.Helper()
	data, err := nativehost.MarshalManifest(nativehost.Manifest{
		Name: name, Description: "test host", Path: exe, Type: "stdio", AllowedOrigins: origins})
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, name+".json"), data, 0o644))
}

// procEnv is a registry whose manifest directory holds the test host as "test.host", allowed for
// idA, with the processes it started.
type procEnv struct {
	*Registry
	pids []int
}

// procRegistry returns a procEnv and checks on cleanup that no goroutine or process outlives
// Close.
func procRegistry(t *testing.T) *procEnv {
	t.Helper()
	exe := testHost(t)
	dir := t.TempDir()
	writeManifest(t, dir, "test.host", exe, originA)
	before := runtime.NumGoroutine()
	e := &procEnv{Registry: New(Options{Dirs: []string{dir}, KillGrace: 200 * time.Millisecond})}
	t.Cleanup(func() {
		require.NoError(t, e.Close())
		for _, pid := range e.pids {
			require.ErrorIs(t, syscall.Kill(pid, 0), syscall.ESRCH, "host process %d outlived Close", pid)
		}
		// Close waits for every goroutine it started; what is left is the runtime's own
		// bookkeeping, which settles on its own.
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		require.LessOrEqual(t, runtime.NumGoroutine(), before, "goroutines outlived Close")
	})
	return e
}

// send starts a one-shot call of the test host.
func (e *procEnv) send(t *testing.T, msg any) (*Conn, *recorder) {
	t.Helper()
	rc := &recorder{}
	c, err := e.SendNativeMessage(req("test.host"), js(msg), rc.deliver)
	require.NoError(t, err)
	require.NotZero(t, c.PID())
	e.pids = append(e.pids, c.PID())
	return c, rc
}

// connect opens a port to the test host.
func (e *procEnv) connect(t *testing.T) (*Conn, *recorder) {
	t.Helper()
	rc := &recorder{}
	c, err := e.ConnectNative(req("test.host"), rc.deliver)
	require.NoError(t, err)
	require.NotZero(t, c.PID())
	e.pids = append(e.pids, c.PID())
	return c, rc
}

// recorder collects the events delivered to one conn.
type recorder struct{ events []Event }

func (rc *recorder) deliver(ev Event) { rc.events = append(rc.events, ev) }

func (rc *recorder) final() bool {
	return len(rc.events) > 0 && rc.events[len(rc.events)-1].Final
}

func (rc *recorder) messages() []string {
	var out []string
	for _, ev := range rc.events {
		if ev.Message != nil {
			out = append(out, string(ev.Message))
		}
	}
	return out
}

// until runs the browser side of the integration contract: dispatch, and wait for the hosts
// while cond does not hold.
func until(t *testing.T, r *Registry, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		r.Dispatch()
		if cond() {
			return
		}
		require.NoError(t, r.Wait(ctx), "waiting for native host events")
	}
}

func req(host string) Request {
	return Request{Host: host, ExtensionID: idA, Manifest: withPerm}
}

func js(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// chromeText returns the Chrome text of err, requiring it to be an *Error.
func chromeText(t *testing.T, err error) string {
	t.Helper()
	var e *Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, e.Message, err.Error())
	return e.Message
}
