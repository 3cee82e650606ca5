package bridge

import (
	"context"
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"

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

func TestExternalChannelNeedsExternalAllow(t *testing.T) {
	// Routes for the extension's own contexts are not reachable from outside, even by an
	// extension that claims nothing.
	b := newMemBrowser()
	w := b.worker()
	require.NoError(t, handleOn(w, greet, func(context.Context, greetReq) (greetResp, error) {
		return greetResp{}, nil
	}, AllowOwnExtension(), AllowContentScripts()))
	require.NoError(t, w.Ready())
	other := b.otherExtension(callerExtID)
	require.NoError(t, other.Ready())
	_, err := sendOn(ctxT(t), other, greet, ToOtherExtension(testExtID), greetReq{Name: "x"})
	assert.ErrorIs(t, err, ErrDenied)
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
		{"unknown route", caller, `{"extwasm":1,"route":"vault.dump","body":{}}`, ErrNotFound},
		{"bad route name", caller, `{"extwasm":1,"route":"../../etc","body":{}}`, ErrNotFound},
		{"wrong envelope version", caller, `{"extwasm":2,` + route + `,"body":{"hostname":"x"}}`, ErrInvalid},
		{"plain JSON with no raw handler", caller, `{"hostname":"127.0.0.1"}`, ErrNotFound},
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
			require.NoError(t, err, "every message gets a reply")
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
