package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/gobuild"
	"github.com/extwasm/extwasm/internal/gobuild/gobuildtest"
	"github.com/extwasm/extwasm/nativehost"
)

const origin = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/"

// vaulthost is this command, built once per test run.
var vaulthost = gobuild.Program{Pkg: "github.com/extwasm/extwasm/nativehost/cmd/vaulthost"}

func TestMain(m *testing.M) { gobuildtest.Main(m, &vaulthost) }

// buildHost is vaulthost's path.
func buildHost(t *testing.T) string { return gobuildtest.Path(t, &vaulthost) }

// host is a running vaulthost, started the way Chrome starts a host: origin as argv[1], working
// directory the binary's folder, frames on stdin and stdout.
type host struct {
	cmd    *exec.Cmd
	w      *nativehost.Writer
	r      *nativehost.Reader
	stdin  io.WriteCloser
	stderr lockedBuffer
}

// lockedBuffer collects the host's stderr; exec copies into it from its own goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func start(t *testing.T, env ...string) *host {
	t.Helper()
	bin := buildHost(t)
	h := &host{cmd: exec.Command(bin, origin)}
	h.cmd.Dir = filepath.Dir(bin)
	h.cmd.Env = append(os.Environ(), env...)
	h.cmd.Stderr = &h.stderr
	var err error
	h.stdin, err = h.cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := h.cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, h.cmd.Start())
	t.Cleanup(func() {
		if h.cmd.ProcessState == nil {
			_ = h.cmd.Process.Kill()
			_ = h.cmd.Wait()
		}
	})
	// The browser side: it may send up to 64 MiB and accepts at most 1 MiB.
	h.w = nativehost.NewWriterSize(h.stdin, nativehost.MaxBrowserMessageSize)
	h.r = nativehost.NewReaderSize(stdout, nativehost.MaxHostMessageSize)
	return h
}

func (h *host) ask(t *testing.T, req string) string {
	t.Helper()
	require.NoError(t, h.w.WriteFrame([]byte(req)))
	reply, err := h.r.ReadFrame()
	require.NoError(t, err, "stderr: %s", h.stderr.String())
	return string(reply)
}

// finish closes stdin, as Chrome does when the port goes away, and returns the exit status.
func (h *host) finish(t *testing.T) int {
	t.Helper()
	_ = h.stdin.Close()
	_, err := h.r.ReadFrame()
	assert.Equal(t, io.EOF, err, "no output after the last reply")
	err = h.cmd.Wait()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	require.NoError(t, err)
	return 0
}

const gopher = `{"username":"gopher","password":"correct horse battery staple"}`

func TestOneShot(t *testing.T) {
	// sendNativeMessage: a fresh process per message, the first reply is the answer.
	for _, tc := range []struct{ req, want string }{
		{`{"hostname":"127.0.0.1"}`, gopher},
		{`{"hostname":"example.org"}`, `{"error":{"code":"unknown_host","message":"no credential for \"example.org\""}}`},
		{`{"hostname":""}`, `{"error":{"code":"invalid","message":"hostname is required"}}`},
	} {
		h := start(t)
		assert.JSONEq(t, tc.want, h.ask(t, tc.req))
		assert.Equal(t, 0, h.finish(t), "stderr: %s", h.stderr.String())
	}
}

func TestLongLived(t *testing.T) {
	// connectNative: one process answers every message of the port, in order.
	h := start(t)
	for range 3 {
		assert.JSONEq(t, gopher, h.ask(t, `{"hostname":"127.0.0.1"}`))
		assert.NotNil(t, nativehost.ReplyError([]byte(h.ask(t, `{"hostname":"nowhere"}`))))
	}
	// A malformed frame is answered and the port stays usable.
	// Written by hand: a Writer refuses to send invalid JSON.
	bad := `{"hostname":`
	_, err := h.stdin.Write(binary.NativeEndian.AppendUint32(nil, uint32(len(bad))))
	require.NoError(t, err)
	_, err = h.stdin.Write([]byte(bad))
	require.NoError(t, err)
	reply, err := h.r.ReadFrame()
	require.NoError(t, err)
	e := nativehost.ReplyError(reply)
	require.NotNil(t, e)
	assert.Equal(t, nativehost.CodeInvalid, e.Code)
	assert.JSONEq(t, gopher, h.ask(t, `{"hostname":"localhost"}`))
	assert.Equal(t, 0, h.finish(t))
}

func TestEnvelopeRoute(t *testing.T) {
	h := start(t)
	assert.JSONEq(t, `{"extwasm":1,"ok":true,"body":`+gopher+`}`,
		h.ask(t, `{"extwasm":1,"route":"vault.lookup","body":{"hostname":"127.0.0.1"}}`))
	assert.JSONEq(t, `{"extwasm":1,"ok":false,"error":{"code":"remote","message":"unknown_host: no credential for \"nowhere\""}}`,
		h.ask(t, `{"extwasm":1,"route":"vault.lookup","body":{"hostname":"nowhere"}}`))
	assert.JSONEq(t, `{"extwasm":1,"ok":false,"error":{"code":"not_found","message":"no handler for route \"vault.other\""}}`,
		h.ask(t, `{"extwasm":1,"route":"vault.other","body":{}}`))
	assert.JSONEq(t, gopher, h.ask(t, `{"hostname":"127.0.0.1"}`), "plain JSON on the same port")
	assert.Equal(t, 0, h.finish(t))
}

func TestCrashMidPort(t *testing.T) {
	h := start(t)
	assert.JSONEq(t, gopher, h.ask(t, `{"hostname":"127.0.0.1"}`))
	require.NoError(t, h.w.WriteFrame([]byte(`{"crash":true}`)))
	_, err := h.r.ReadFrame()
	assert.Equal(t, io.EOF, err, "the host dies without replying")
	var exit *exec.ExitError
	require.ErrorAs(t, h.cmd.Wait(), &exit)
	assert.Equal(t, crashStatus, exit.ExitCode())
}

func TestOversizedFrameStopsHost(t *testing.T) {
	h := start(t)
	// A header announcing more than Chrome's 64 MiB: the host explains and exits with an error.
	_, err := h.stdin.Write([]byte{0xff, 0xff, 0xff, 0xff})
	require.NoError(t, err)
	reply, err := h.r.ReadFrame()
	require.NoError(t, err)
	e := nativehost.ReplyError(reply)
	require.NotNil(t, e)
	assert.Equal(t, nativehost.CodeTooLarge, e.Code)
	assert.Equal(t, 1, h.finish(t))
}

func TestOriginAllowList(t *testing.T) {
	h := start(t, "VAULTHOST_ALLOWED_ORIGINS="+origin)
	assert.JSONEq(t, gopher, h.ask(t, `{"hostname":"127.0.0.1"}`))
	assert.Equal(t, 0, h.finish(t))

	h = start(t, "VAULTHOST_ALLOWED_ORIGINS=chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba/")
	_, err := h.r.ReadFrame()
	assert.Equal(t, io.EOF, err, "a refused caller gets no reply")
	assert.Equal(t, 1, h.finish(t))
	assert.Contains(t, h.stderr.String(), "refusing caller")
}

func TestLookupInProcess(t *testing.T) {
	c, err := lookup(t.Context(), Lookup{Hostname: "LOCALHOST"})
	require.NoError(t, err)
	out, err := json.Marshal(c)
	require.NoError(t, err)
	assert.JSONEq(t, gopher, string(out))
	_, err = lookup(t.Context(), Lookup{Hostname: "x"})
	var ne *nativehost.Error
	require.ErrorAs(t, err, &ne)
	assert.Equal(t, "unknown_host", ne.Code)
}
