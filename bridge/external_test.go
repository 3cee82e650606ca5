package bridge

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/extwasm/extwasm/bridge/internal/memchrome"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	callerExtID   = "ponmlkjihgfedcbaponmlkjihgfedcba" // the one other extension on the allow-list
	strangerExtID = "aaaabbbbccccddddaaaabbbbccccdddd" // any other extension
)

type infoReq struct {
	Hostname string `json:"hostname"`
}

type infoResp struct {
	Product string `json:"product"`
	Caller  string `json:"caller"` // who the handler saw, from Chrome's sender
}

var publicInfo = NewRoute[infoReq, infoResp]("vault.publicInfo")

// otherExtension adds a worker of another extension to b.
func (b *memBrowser) otherExtension(id string) *endpoint {
	return b.add(memchrome.Worker, id, -1, -1, "chrome-extension://"+id+"/worker.js")
}

// webPage adds a page at url (with its origin) that talks to extensions through externally_connectable.
func (b *memBrowser) webPage(tab int, url, origin string) *endpoint {
	ep := b.add(memchrome.WebPage, "", tab, 0, url)
	contextOf(ep).SetOrigin(origin)
	return ep
}

// publicWorker starts a worker whose vault.publicInfo admits callerExtID and http://127.0.0.1 pages
// on any port, as the example extension's does.
func publicWorker(t *testing.T, opts ...Option) (*memBrowser, *atomic.Int32) {
	b := newMemBrowser()
	w := b.worker()
	calls := new(atomic.Int32)
	opts = append([]Option{AllowExtensions(callerExtID), AllowOrigins("http://127.0.0.1:*")}, opts...)
	require.NoError(t, handleOn(w, publicInfo, func(ctx context.Context, r infoReq) (infoResp, error) {
		calls.Add(1)
		s, _ := SenderFrom(ctx)
		return infoResp{Product: "extwasm vault", Caller: s.ID + s.Origin}, nil
	}, opts...))
	require.NoError(t, w.Ready())
	return b, calls
}

func TestExternalRouteAllowList(t *testing.T) {
	cases := []struct {
		name       string
		caller     func(b *memBrowser) *endpoint
		wantCaller string // "" when the call must be denied
	}{
		{"listed extension", func(b *memBrowser) *endpoint { return b.otherExtension(callerExtID) }, callerExtID},
		{"unlisted extension", func(b *memBrowser) *endpoint { return b.otherExtension(strangerExtID) }, ""},
		{"page on 127.0.0.1:8080", func(b *memBrowser) *endpoint {
			return b.webPage(5, "http://127.0.0.1:8080/api.html", "http://127.0.0.1:8080")
		}, "http://127.0.0.1:8080"},
		{"page on 127.0.0.1:41999", func(b *memBrowser) *endpoint {
			return b.webPage(5, "http://127.0.0.1:41999/x", "http://127.0.0.1:41999")
		}, "http://127.0.0.1:41999"},
		{"page on localhost", func(b *memBrowser) *endpoint {
			return b.webPage(5, "http://localhost:8080/api.html", "http://localhost:8080")
		}, ""},
		{"page on https 127.0.0.1", func(b *memBrowser) *endpoint {
			return b.webPage(5, "https://127.0.0.1:8443/", "https://127.0.0.1:8443")
		}, ""},
		{"page whose URL is not on its origin", func(b *memBrowser) *endpoint {
			return b.webPage(5, "http://evil.example/", "http://127.0.0.1:8080")
		}, ""},
		{"page with an opaque origin", func(b *memBrowser) *endpoint {
			return b.webPage(5, "http://127.0.0.1:8080/sandboxed", "null")
		}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, calls := publicWorker(t)
			caller := tc.caller(b)
			require.NoError(t, caller.Ready())
			resp, err := sendOn(ctxT(t), caller, publicInfo, ToOtherExtension(testExtID), infoReq{Hostname: "127.0.0.1"})
			if tc.wantCaller == "" {
				assert.ErrorIs(t, err, ErrDenied)
				assert.Equal(t, CodeDenied, CodeOf(err))
				assert.Equal(t, int32(0), calls.Load())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, infoResp{Product: "extwasm vault", Caller: tc.wantCaller}, resp)
			assert.Equal(t, int32(1), calls.Load())
		})
	}
}

// internalOnly starts a worker with the routes and ports of the example extension's shape: demo.panic,
// a raw handler and the port names knockknock and login:admin for the extension's own contexts,
// vault.publicInfo and the port pattern login:* for listed external callers.
func internalOnly(t *testing.T, b *memBrowser, ready bool) *endpoint {
	t.Helper()
	w := b.worker()
	ours := []Option{AllowOwnExtension(), AllowContentScripts()}
	theirs := []Option{AllowExtensions(callerExtID), AllowOrigins("http://127.0.0.1:*")}
	require.NoError(t, handleOn(w, NewRoute[struct{}, struct{}]("demo.panic"), func(context.Context, struct{}) (struct{}, error) {
		panic("never for external callers")
	}, ours...))
	require.NoError(t, handleRawOn(w, func(context.Context, json.RawMessage) (any, error) { return "raw", nil }, ours...))
	require.NoError(t, handleOn(w, publicInfo, func(context.Context, infoReq) (infoResp, error) {
		return infoResp{Product: "p"}, nil
	}, theirs...))
	for _, name := range []string{"knockknock", "login:admin"} {
		require.NoError(t, onConnectOn(w, name, func(ctx context.Context, p *Port) { _ = p.Send("internal " + p.Name()) }, ours...))
	}
	require.NoError(t, onConnectOn(w, "login:*", func(ctx context.Context, p *Port) { _ = p.Send("public " + p.Name()) }, theirs...))
	if ready {
		require.NoError(t, w.Ready())
	}
	return w
}

// outcome is what a caller can observe of one message: the error's text or the reply, with the
// route's own name (which the caller chose) replaced.
func outcome(t *testing.T, caller *endpoint, route, msg string) string {
	t.Helper()
	reply, err := caller.call(ctxT(t), ToOtherExtension(testExtID), "probe", []byte(msg))
	text := string(reply)
	if err != nil {
		text = err.Error()
	}
	if route == "" {
		return text
	}
	return strings.ReplaceAll(text, route, "ROUTE")
}

// TestInternalRoutesDoNotExistForExternalCallers: another extension and a web page that may call the
// public route cannot tell a route, a raw handler or a port name for the extension's own contexts
// from one that does not exist, whether the worker is ready or a message woke it.
func TestInternalRoutesDoNotExistForExternalCallers(t *testing.T) {
	callers := map[string]func(b *memBrowser) *endpoint{
		"listed extension":   func(b *memBrowser) *endpoint { return b.otherExtension(callerExtID) },
		"unlisted extension": func(b *memBrowser) *endpoint { return b.otherExtension(strangerExtID) },
		"listed page": func(b *memBrowser) *endpoint {
			return b.webPage(5, "http://127.0.0.1:8080/api.html", "http://127.0.0.1:8080")
		},
		"listed extension's content script": func(b *memBrowser) *endpoint {
			return b.add(memchrome.ContentScript, callerExtID, 6, 0, "http://127.0.0.1:8080/x")
		},
	}
	envelope := func(route string) string { return `{"extwasm":1,"route":"` + route + `","body":{}}` }
	for name, caller := range callers {
		t.Run(name+"/ready", func(t *testing.T) {
			b := newMemBrowser()
			internalOnly(t, b, true)
			c := caller(b)
			require.NoError(t, c.Ready())
			missing := outcome(t, c, "demo.nope", envelope("demo.nope"))
			assert.Contains(t, missing, "none replied", "a missing route is not answered")
			assert.Equal(t, missing, outcome(t, c, "demo.panic", envelope("demo.panic")))
			assert.Equal(t, missing, outcome(t, c, "", `{"plain":"json"}`), "nor is a raw message")
		})
		t.Run(name+"/woken", func(t *testing.T) {
			// Before Ready the glue keeps every envelope (no declaration): Go answers both the same.
			b := newMemBrowser()
			w := internalOnly(t, b, false)
			c := caller(b)
			require.NoError(t, c.Ready())
			routes := []string{"demo.nope", "demo.panic"}
			got := make([]chan string, len(routes))
			for i, r := range routes {
				got[i] = make(chan string, 1)
				go func() { got[i] <- outcome(t, c, r, envelope(r)) }()
			}
			require.Eventually(t, func() bool { return contextOf(w).Backlog() == len(routes) }, 10*time.Second, time.Millisecond)
			require.NoError(t, w.Ready())
			missing := <-got[0]
			assert.Contains(t, missing, `"code":"not_found"`)
			assert.Equal(t, missing, <-got[1])
		})
		t.Run(name+"/ports", func(t *testing.T) {
			b := newMemBrowser()
			internalOnly(t, b, true)
			c := caller(b)
			require.NoError(t, c.Ready())
			// first is the first message on the port, or "left alone" when none comes within the
			// first exchange's deadline (the port stays open: nobody took it).
			first := func(port string) string {
				p, err := connectOn(ctxT(t), c, ToOtherExtension(testExtID), port)
				require.NoError(t, err)
				defer p.Disconnect()
				ctx, cancel := context.WithTimeout(ctxT(t), 200*time.Millisecond)
				defer cancel()
				m, err := p.Receive(ctx)
				if errors.Is(err, ErrTimeout) {
					return "left alone"
				}
				require.NoError(t, err)
				return strings.ReplaceAll(string(m.Raw()), port, "NAME")
			}
			assert.Equal(t, first("nope"), first("knockknock"))
			assert.Equal(t, "left alone", first("nope"))
			// login:admin is internal, so an external opener meets login:*, as if it were not there.
			assert.Equal(t, first("login:other"), first("login:admin"))
		})
	}
}

func TestExternalDenialNamesOnlyTheRouteAsked(t *testing.T) {
	b := newMemBrowser()
	internalOnly(t, b, true)
	c := b.otherExtension(strangerExtID)
	require.NoError(t, c.Ready())
	_, err := sendOn(ctxT(t), c, publicInfo, ToOtherExtension(testExtID), infoReq{})
	require.ErrorIs(t, err, ErrDenied)
	assert.NotContains(t, err.Error(), "demo.panic")
}

func TestExternalPortAllowList(t *testing.T) {
	for _, tc := range []struct {
		name  string
		id    string
		allow bool
	}{{"listed", callerExtID, true}, {"unlisted", strangerExtID, false}} {
		t.Run(tc.name, func(t *testing.T) {
			b := newMemBrowser()
			w := b.worker()
			var opened atomic.Int32
			require.NoError(t, onConnectOn(w, "vault.public", func(ctx context.Context, p *Port) {
				opened.Add(1)
				s, _ := SenderFrom(ctx)
				_ = p.Send(map[string]string{"hello": s.ID})
				<-ctx.Done()
			}, AllowExtensions(callerExtID)))
			require.NoError(t, w.Ready())
			caller := b.otherExtension(tc.id)
			require.NoError(t, caller.Ready())
			p, err := connectOn(ctxT(t), caller, ToOtherExtension(testExtID), "vault.public")
			require.NoError(t, err)
			m, err := p.Receive(ctxT(t))
			require.NoError(t, err)
			if tc.allow {
				assert.JSONEq(t, `{"hello":"`+callerExtID+`"}`, string(m.Raw()))
				p.Disconnect()
				assert.Equal(t, int32(1), opened.Load())
				return
			}
			_, derr := decodeReply[struct{}]("port", "vault.public", m.Raw())
			assert.ErrorIs(t, derr, ErrDenied)
			_, err = p.Receive(ctxT(t))
			assert.ErrorIs(t, err, ErrDisconnected)
			assert.Equal(t, int32(0), opened.Load())
		})
	}
}

// TestHostileExternalInput sends crafted messages straight through the dispatcher (as raw bytes,
// the way a hostile peer can) and checks that each is refused with its typed error, that the
// handler never runs for them, and that a well-formed request still works after each one.
func TestHostileExternalInput(t *testing.T) {
	const route = `"route":"vault.publicInfo"`
	b, calls := publicWorker(t, MaxBytes(1<<10), MaxDepth(4))
	caller := b.otherExtension(callerExtID)
	stranger := b.otherExtension(strangerExtID)
	localhost := b.webPage(7, "http://localhost:8080/", "http://localhost:8080")
	for _, ep := range []*endpoint{caller, stranger, localhost} {
		require.NoError(t, ep.Ready())
	}
	cases := []struct {
		name string
		from *endpoint
		msg  string
		want error
	}{
		{"oversized", caller, `{"extwasm":1,` + route + `,"body":{"hostname":"` + strings.Repeat("a", 2<<10) + `"}}`, ErrTooLarge},
		{"deep nesting", caller, `{"extwasm":1,` + route + `,"body":{"hostname":"x","n":[[[[[[1]]]]]]}}`, ErrInvalid},
		{"very deep nesting", caller, `{"extwasm":1,` + route + `,"body":` + strings.Repeat("[", 300) + strings.Repeat("]", 300) + `}`, ErrInvalid},
		{"wrong type", caller, `{"extwasm":1,` + route + `,"body":{"hostname":7}}`, ErrInvalid},
		{"body not an object", caller, `{"extwasm":1,` + route + `,"body":"127.0.0.1"}`, ErrInvalid},
		{"unknown field", caller, `{"extwasm":1,` + route + `,"body":{"hostname":"x","admin":true}}`, ErrInvalid},
		{"__proto__ key", caller, `{"extwasm":1,` + route + `,"body":{"__proto__":{"admin":true}}}`, ErrInvalid},
		{"__proto__ in envelope", caller, `{"extwasm":1,` + route + `,"__proto__":{"ok":true},"body":{"hostname":"x"}}`, ErrInvalid},
		{"invalid UTF-8", caller, "{\"extwasm\":1," + route + ",\"body\":{\"hostname\":\"\xff\xfe\"}}", ErrInvalid},
		// Not handled here: the worker stays silent (first reply wins), and with nobody else
		// listening the caller learns that nobody answered.
		{"unknown route", caller, `{"extwasm":1,"route":"vault.dump","body":{}}`, ErrNoReceiver},
		{"bad route name", caller, `{"extwasm":1,"route":"../../etc","body":{}}`, ErrNoReceiver},
		{"wrong envelope version", caller, `{"extwasm":2,` + route + `,"body":{"hostname":"x"}}`, ErrInvalid},
		{"plain JSON with no raw handler", caller, `{"hostname":"127.0.0.1"}`, ErrNoReceiver},
		{"spoofed sender in envelope", stranger, `{"extwasm":1,` + route + `,"sender":{"id":"` + callerExtID + `"},"body":{"hostname":"x"}}`, ErrInvalid},
		{"spoofed id in body", stranger, `{"extwasm":1,` + route + `,"body":{"hostname":"x","id":"` + callerExtID + `"}}`, ErrDenied},
		{"spoofed origin in body", localhost, `{"extwasm":1,` + route + `,"body":{"hostname":"x","origin":"http://127.0.0.1:8080"}}`, ErrDenied},
		{"well-formed from a stranger", stranger, `{"extwasm":1,` + route + `,"body":{"hostname":"x"}}`, ErrDenied},
	}
	good := func(t *testing.T) {
		t.Helper()
		before := calls.Load()
		resp, err := sendOn(ctxT(t), caller, publicInfo, ToOtherExtension(testExtID), infoReq{Hostname: "127.0.0.1"})
		require.NoError(t, err, "the dispatcher must keep serving")
		assert.Equal(t, callerExtID, resp.Caller)
		assert.Equal(t, before+1, calls.Load())
		calls.Add(-1)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			reply, err := tc.from.call(ctxT(t), ToOtherExtension(testExtID), "hostile", []byte(tc.msg))
			if errors.Is(tc.want, ErrNoReceiver) {
				assert.ErrorIs(t, err, ErrNoReceiver)
				assert.Equal(t, int32(0), calls.Load(), "the handler must not run")
				good(t)
				return
			}
			require.NoError(t, err, "every handled message gets a reply")
			_, err = decodeReply[infoResp]("hostile", "vault.publicInfo", reply)
			assert.ErrorIs(t, err, tc.want, "reply %s", reply)
			var re *RemoteError
			assert.ErrorAs(t, err, &re)
			assert.Equal(t, int32(0), calls.Load(), "the handler must not run")
			good(t)
		})
	}
}

func TestAllowOriginsPorts(t *testing.T) {
	p := buildOptions([]Option{AllowOrigins("http://127.0.0.1:*", "https://a.example")}).policy
	for origin, want := range map[string]bool{
		"http://127.0.0.1":         true,
		"http://127.0.0.1:1":       true,
		"http://127.0.0.1:65535":   true,
		"https://127.0.0.1:8080":   false,
		"http://127.0.0.10:8080":   false,
		"http://127.0.0.1.evil:80": false,
		"https://a.example":        true,
		"https://a.example:444":    false,
		"null":                     false,
		"":                         false,
	} {
		page := Sender{URL: origin + "/", Origin: origin}
		assert.Equal(t, want, p.allows(page, testExtID, true), origin)
	}
}

func FuzzStripPort(f *testing.F) {
	for _, s := range []string{"http://127.0.0.1:8080", "http://[::1]:80", "http://[::1]", "x", "a://b:c:d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, origin string) {
		got := stripPort(origin)
		assert.LessOrEqual(t, len(got), len(origin))
		if strings.Contains(origin, "://") {
			assert.Equal(t, got, stripPort(got+":1"), "a port added after stripping is stripped again")
		}
	})
}

func FuzzDecodeReply(f *testing.F) {
	f.Add([]byte(`{"extwasm":1,"ok":true,"body":{"product":"p","caller":"c"}}`))
	f.Add([]byte(`{"extwasm":1,"ok":false,"error":{"code":"denied","message":"no"}}`))
	f.Add([]byte(`{"username":"gopher"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		resp, err := decodeReply[infoResp]("fuzz", "vault.publicInfo", data)
		if err == nil {
			assert.True(t, json.Valid(data))
			_ = resp
		}
	})
}
