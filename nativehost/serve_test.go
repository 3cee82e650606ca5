package nativehost

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type lookup struct {
	Hostname string `json:"hostname"`
}

func (l lookup) Validate() error {
	if l.Hostname == "" {
		return errors.New("hostname is required")
	}
	return nil
}

type credential struct {
	Username string `json:"username"`
}

var quietLog = slog.New(slog.NewTextHandler(io.Discard, nil))

func vault() Handler {
	return Func(func(ctx context.Context, req lookup) (credential, error) {
		switch req.Hostname {
		case "127.0.0.1":
			return credential{Username: "gopher"}, nil
		case "panic":
			panic("kaboom")
		case "big":
			return credential{Username: strings.Repeat("x", MaxHostMessageSize)}, nil
		case "coded":
			return credential{}, Errorf("unknown_host", "no credential for %q", req.Hostname)
		case "silent":
			return credential{}, ErrNoReply
		}
		return credential{}, errors.New("plain failure")
	})
}

// serveAll runs Serve over a prepared input stream and returns its result and every reply.
func serveAll(t *testing.T, h Handler, in []byte, opts ...Option) (error, []string) {
	t.Helper()
	var out bytes.Buffer
	err := Serve(context.Background(), bytes.NewReader(in), &out, h, append([]Option{WithLogger(quietLog)}, opts...)...)
	var replies []string
	r := NewReaderSize(&out, MaxHostMessageSize)
	for {
		msg, rerr := r.ReadFrame()
		if rerr == io.EOF {
			break
		}
		require.NoError(t, rerr, "the host only writes valid frames")
		replies = append(replies, string(msg))
	}
	return err, replies
}

func frames(bodies ...string) []byte {
	var b []byte
	for _, body := range bodies {
		b = append(b, frameOf(body)...)
	}
	return b
}

func TestServeOneShot(t *testing.T) {
	err, replies := serveAll(t, vault(), frames(`{"hostname":"127.0.0.1"}`))
	require.NoError(t, err, "EOF after the message is a clean shutdown")
	assert.Equal(t, []string{`{"username":"gopher"}`}, replies)
}

func TestServeReplies(t *testing.T) {
	cases := []struct {
		name string
		req  string
		want string
	}{
		{"ok", `{"hostname":"127.0.0.1"}`, `{"username":"gopher"}`},
		{"coded error", `{"hostname":"coded"}`, `{"error":{"code":"unknown_host","message":"no credential for \"coded\""}}`},
		{"plain error", `{"hostname":"other"}`, `{"error":{"code":"remote","message":"plain failure"}}`},
		{"unknown field", `{"hostname":"a","x":1}`, `{"error":{"code":"invalid","message":"body: unknown field \"x\""}}`},
		// Func and HandleRoute share one decoder: the same strictness for plain JSON and envelopes.
		{"duplicate key", `{"hostname":"a","hostname":"127.0.0.1"}`, ``},
		{"key differing in case", `{"hostname":"a","HOSTNAME":"127.0.0.1"}`, ``},
		{"case-folded key alone", `{"HostName":"127.0.0.1"}`, ``},
		{"null for a string", `{"hostname":null}`, ``},
		{"wrong type", `{"hostname":5}`, ``},
		{"not an object", `[1]`, ``},
		{"validation", `{"hostname":""}`, `{"error":{"code":"invalid","message":"hostname is required"}}`},
		{"panic", `{"hostname":"panic"}`, `{"error":{"code":"internal","message":"handler panicked: kaboom"}}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err, replies := serveAll(t, vault(), frames(tc.req))
			require.NoError(t, err)
			require.Len(t, replies, 1)
			if tc.want == "" {
				e := ReplyError([]byte(replies[0]))
				require.NotNil(t, e, replies[0])
				assert.Equal(t, CodeInvalid, e.Code)
				return
			}
			assert.JSONEq(t, tc.want, replies[0])
		})
	}
}

func TestServeLongLivedKeepsServing(t *testing.T) {
	in := frames(
		`{"hostname":"127.0.0.1"}`,
		`{"hostname":"panic"}`,
		`{"hostname":"big"}`,
		`{"hostname":"silent"}`,
		`{"hostname":"127.0.0.1"}`,
	)
	err, replies := serveAll(t, vault(), in)
	require.NoError(t, err)
	require.Len(t, replies, 4, "one reply per message except the silent one")
	assert.Equal(t, `{"username":"gopher"}`, replies[0])
	assert.Equal(t, CodeInternal, ReplyError([]byte(replies[1])).Code)
	assert.Equal(t, CodeTooLarge, ReplyError([]byte(replies[2])).Code, "an oversized reply is replaced, not sent")
	assert.Equal(t, `{"username":"gopher"}`, replies[3])
}

func TestServeHostileFrames(t *testing.T) {
	good := `{"hostname":"127.0.0.1"}`
	cases := []struct {
		name      string
		in        []byte
		errKind   error // nil: Serve returns nil
		replies   []string
		maxInSize int
	}{
		{"invalid json then good", append(frameOf(`{`), frameOf(good)...), nil,
			[]string{CodeInvalid, `{"username":"gopher"}`}, 0},
		{"invalid utf8 then good", append(frameOf("\"\xff\""), frameOf(good)...), nil,
			[]string{CodeInvalid, `{"username":"gopher"}`}, 0},
		{"empty frame then good", append(frameOf(""), frameOf(good)...), nil,
			[]string{CodeInvalid, `{"username":"gopher"}`}, 0},
		{"short header after good", append(frameOf(good), 7, 0), ErrShortHeader,
			[]string{`{"username":"gopher"}`}, 0},
		{"short body", frameBytes(100, `{"host`), ErrShortBody, nil, 0},
		{"announced 4 GiB", frameBytes(0xFFFFFFFF, ""), ErrTooLarge, []string{CodeTooLarge}, 0},
		{"over configured limit", append(frameOf(good), frameOf(good)...), ErrTooLarge, []string{CodeTooLarge}, 10},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var opts []Option
			if tc.maxInSize > 0 {
				opts = append(opts, WithMaxMessageSize(tc.maxInSize))
			}
			err, replies := serveAll(t, vault(), tc.in, opts...)
			if tc.errKind == nil {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, tc.errKind)
			}
			require.Len(t, replies, len(tc.replies))
			for i, want := range tc.replies {
				if strings.HasPrefix(want, "{") {
					assert.Equal(t, want, replies[i])
				} else {
					e := ReplyError([]byte(replies[i]))
					require.NotNil(t, e, replies[i])
					assert.Equal(t, want, e.Code)
				}
			}
		})
	}
}

func TestServeRawHandlerAndPost(t *testing.T) {
	h := HandlerFunc(func(ctx context.Context, msg json.RawMessage) (json.RawMessage, error) {
		require.NoError(t, Post(ctx, map[string]string{"progress": "started"}))
		return msg, nil
	})
	err, replies := serveAll(t, h, frames(`{"echo":[1,2]}`, `"two"`))
	require.NoError(t, err)
	assert.Equal(t, []string{`{"progress":"started"}`, `{"echo":[1,2]}`, `{"progress":"started"}`, `"two"`}, replies)
	assert.Error(t, Post(context.Background(), 1), "Post needs a served connection")
}

const testOrigin = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/"

func TestServeOrigin(t *testing.T) {
	var seen Caller
	h := Func(func(ctx context.Context, _ json.RawMessage) (bool, error) {
		var ok bool
		seen, ok = CallerFrom(ctx)
		return ok, nil
	})
	caller, err := ParseArgs([]string{testOrigin})
	require.NoError(t, err)

	err, replies := serveAll(t, h, frames(`{}`), WithCaller(caller), AllowOrigins(testOrigin))
	require.NoError(t, err)
	assert.Equal(t, []string{"true"}, replies)
	assert.Equal(t, "abcdefghijklmnopabcdefghijklmnop", seen.ExtensionID)

	other := Caller{Origin: "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba/"}
	err, replies = serveAll(t, h, frames(`{}`), WithCaller(other), AllowOrigins(testOrigin))
	assert.ErrorIs(t, err, ErrOriginNotAllowed)
	assert.Empty(t, replies, "a refused caller gets nothing")

	err, _ = serveAll(t, h, frames(`{}`), AllowOrigins(testOrigin))
	assert.ErrorIs(t, err, ErrOriginNotAllowed, "no caller at all is refused too")

	err, _ = serveAll(t, h, frames(`{}`), WithCaller(caller), AllowOrigins())
	assert.ErrorIs(t, err, ErrOriginNotAllowed, "an empty allow-list allows nobody")

	err, _ = serveAll(t, h, frames(`{}`), WithCaller(caller), AllowOrigins("chrome-extension://*/"))
	var me *ManifestError
	assert.ErrorAs(t, err, &me, "a wildcard allow-list is a configuration error")
}

func TestServeContextCancel(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, pr, io.Discard, vault(), WithLogger(quietLog)) }()
	cancel()
	assert.ErrorIs(t, <-done, context.Canceled)
}

func TestServeWriteFailureStops(t *testing.T) {
	err := Serve(context.Background(), bytes.NewReader(frames(`{"hostname":"127.0.0.1"}`, `{"hostname":"127.0.0.1"}`)),
		&failWriter{}, vault(), WithLogger(quietLog))
	assert.ErrorContains(t, err, "broken pipe")
}

func TestReplyErrorAndTruncation(t *testing.T) {
	assert.Nil(t, ReplyError([]byte(`{"username":"x"}`)))
	assert.Nil(t, ReplyError([]byte(`{"error":"just a string"}`)))
	msg := encodePlainError(&Error{Code: CodeRemote, Message: strings.Repeat("é", maxErrorMessage)})
	e := ReplyError(msg)
	require.NotNil(t, e)
	assert.LessOrEqual(t, len(e.Message), maxErrorMessage)
	assert.True(t, json.Valid(msg))
	assert.NotContains(t, e.Message, "\uFFFD", "cut on a rune boundary")
}

// FuzzServe drives a whole connection with arbitrary input: the host must not panic and must only
// ever write well-formed frames.
func FuzzServe(f *testing.F) {
	f.Add(frames(`{"hostname":"127.0.0.1"}`, `{"hostname":"panic"}`))
	f.Add(append(frameOf("\"\xff\""), 1, 2))
	f.Add(frameBytes(0xFFFFFFFF, ""))
	f.Fuzz(func(t *testing.T, in []byte) {
		var out bytes.Buffer
		_ = Serve(context.Background(), bytes.NewReader(in), &out, vault(), WithLogger(quietLog))
		r := NewReaderSize(&out, MaxHostMessageSize)
		for {
			_, err := r.ReadFrame()
			if err == io.EOF {
				return
			}
			require.NoError(t, err)
		}
	})
}

// BenchmarkServeLongLived measures one message through a served connection (decode, handler,
// encode, frame), 1000 messages per connection, next to calling the typed handler directly; it
// reports the connection's cost as a multiple of the bare call ("x-direct").
func BenchmarkServeLongLived(b *testing.B) {
	const perConn = 1000
	in := bytes.Repeat(frameOf(`{"hostname":"127.0.0.1"}`), perConn)
	h := vault()
	msg := json.RawMessage(`{"hostname":"127.0.0.1"}`)
	var served, direct time.Duration
	for b.Loop() {
		start := time.Now()
		if err := Serve(context.Background(), bytes.NewReader(in), io.Discard, h, WithLogger(quietLog)); err != nil {
			b.Fatal(err)
		}
		served += time.Since(start)
		start = time.Now()
		for range perConn {
			if _, err := h.HandleMessage(context.Background(), msg); err != nil {
				b.Fatal(err)
			}
		}
		direct += time.Since(start)
	}
	b.ReportMetric(float64(served.Nanoseconds())/float64(b.N*perConn), "ns/msg")
	b.ReportMetric(float64(served)/float64(direct), "x-direct")
}

// FuzzReplyError: a client decoding any reply gets an error or nil, never a panic, and an error it
// gets always has a code.
func FuzzReplyError(f *testing.F) {
	f.Add([]byte(`{"error":{"code":"remote","message":"x"}}`))
	f.Add([]byte(`{"error":null}`))
	f.Add([]byte(`[{"error":1}]`))
	f.Fuzz(func(t *testing.T, msg []byte) {
		if e := ReplyError(msg); e != nil {
			require.NotEmpty(t, e.Code)
		}
	})
}
