package bridge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/extwasm/extwasm/internal/envelope"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type greetReq struct {
	Name string `json:"name"`
}

func (r greetReq) Validate() error {
	if n := len([]rune(r.Name)); n < 1 || n > 64 {
		return errors.New("name must be 1 to 64 characters")
	}
	return nil
}

type greetResp struct {
	Greeting string `json:"greeting"`
	From     string `json:"from"`
}

var greet = NewRoute[greetReq, greetResp]("demo.greet")

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// setup starts a worker serving demo.greet and a content script in tab 1, both ready.
func setup(t *testing.T, opts ...Option) (b *memBrowser, worker, content *endpoint, calls *atomic.Int32) {
	b = newMemBrowser()
	worker = b.worker()
	content = b.content(1, 0)
	calls = new(atomic.Int32)
	require.NoError(t, handleOn(worker, greet, func(ctx context.Context, r greetReq) (greetResp, error) {
		calls.Add(1)
		s, ok := SenderFrom(ctx)
		if !ok || s.Tab == nil {
			return greetResp{}, errors.New("no sender tab")
		}
		return greetResp{Greeting: "hello, " + r.Name, From: "worker"}, nil
	}, opts...))
	require.NoError(t, worker.Ready())
	require.NoError(t, content.Ready())
	return b, worker, content, calls
}

func TestRouteRoundTrip(t *testing.T) {
	_, _, content, calls := setup(t, AllowContentScripts())
	resp, err := sendOn(ctxT(t), content, greet, ToExtension(), greetReq{Name: "gopher"})
	require.NoError(t, err)
	assert.Equal(t, greetResp{Greeting: "hello, gopher", From: "worker"}, resp)
	assert.Equal(t, int32(1), calls.Load())
}

func TestRejectedInputNeverReachesHandler(t *testing.T) {
	_, worker, content, calls := setup(t, AllowContentScripts(), MaxBytes(256), MaxDepth(3))
	cases := []struct {
		name string
		msg  string
		want error
	}{
		{"unknown field", `{"extwasm":1,"route":"demo.greet","body":{"name":"x","admin":true}}`, ErrInvalid},
		{"wrong type", `{"extwasm":1,"route":"demo.greet","body":{"name":7}}`, ErrInvalid},
		{"validate fails", `{"extwasm":1,"route":"demo.greet","body":{"name":""}}`, ErrInvalid},
		{"too deep", `{"extwasm":1,"route":"demo.greet","body":{"name":[[[[1]]]]}}`, ErrInvalid},
		{"too large", `{"extwasm":1,"route":"demo.greet","body":{"name":"` + strings.Repeat("x", 300) + `"}}`, ErrTooLarge},
		{"proto key", `{"extwasm":1,"route":"demo.greet","body":{"__proto__":{}}}`, ErrInvalid},
		// A key that differs only in case is what JavaScript sees as another property, while
		// encoding/json alone would decode it into the field: a parser differential.
		{"route key differing in case", `{"extwasm":1,"route":"demo.greet","ROUTE":"demo.panic","body":{"name":"x"}}`, ErrInvalid},
		{"body key differing in case", `{"extwasm":1,"route":"demo.greet","body":{"name":"x","NAME":"y"}}`, ErrInvalid},
		{"only a case-folded body key", `{"extwasm":1,"route":"demo.greet","body":{"Name":"x"}}`, ErrInvalid},
		{"null for a string", `{"extwasm":1,"route":"demo.greet","body":{"name":null}}`, ErrInvalid},
		{"lone surrogate", `{"extwasm":1,"route":"demo.greet","body":{"name":"\ud800"}}`, ErrInvalid},
		{"envelope of another version", `{"extwasm":2,"route":"demo.greet","body":{"name":"x"}}`, ErrInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			reply, err := content.call(ctxT(t), ToExtension(), "test", []byte(tc.msg))
			require.NoError(t, err)
			r, err := envelope.DecodeReply(reply, envelope.Limits{})
			require.NoError(t, err)
			require.False(t, r.OK)
			rerr := &RemoteError{Code: Code(r.Error.Code), Message: r.Error.Message}
			assert.ErrorIs(t, rerr, tc.want, r.Error.Message)
		})
	}
	assert.Equal(t, int32(0), calls.Load())
	_ = worker
}

// TestUnhandledMessagesAreLeftToOtherContexts: a context answers only the messages it handles, so
// that another context can (Chrome keeps the first reply); a sender learns that nobody handles a
// message only when no context answers.
func TestUnhandledMessagesAreLeftToOtherContexts(t *testing.T) {
	cases := []struct {
		name string
		msg  string
	}{
		{"unknown route", `{"extwasm":1,"route":"demo.nope","body":{}}`},
		{"not an envelope, no raw handler", `{"greeting":"hello"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, _, content, calls := setup(t, AllowContentScripts())
			_, err := content.call(ctxT(t), ToExtension(), "test", []byte(tc.msg))
			assert.ErrorIs(t, err, ErrNoReceiver, "the worker stays silent and nobody else answers")

			page := b.page()
			require.NoError(t, handleRawOn(page, func(context.Context, json.RawMessage) (any, error) {
				return "from the page", nil
			}, AllowContentScripts()))
			require.NoError(t, handleOn(page, NewRoute[json.RawMessage, string]("demo.nope"), func(context.Context, json.RawMessage) (string, error) {
				return "from the page", nil
			}, AllowContentScripts()))
			require.NoError(t, page.Ready())
			reply, err := content.call(ctxT(t), ToExtension(), "test", []byte(tc.msg))
			require.NoError(t, err)
			assert.Contains(t, string(reply), "from the page", "the page's answer is not beaten by an error from the worker")
			assert.Equal(t, int32(0), calls.Load())
		})
	}
}

// TestRoutesAddedAfterReadyAreAnswered: the table the browser side decides from follows Handle.
func TestRoutesAddedAfterReadyAreAnswered(t *testing.T) {
	_, worker, content, _ := setup(t, AllowContentScripts())
	late := NewRoute[json.RawMessage, string]("demo.late")
	_, err := sendOn(ctxT(t), content, late, ToExtension(), json.RawMessage(`{}`))
	require.ErrorIs(t, err, ErrNoReceiver)
	require.NoError(t, handleOn(worker, late, func(context.Context, json.RawMessage) (string, error) { return "late", nil }, AllowContentScripts()))
	got, err := sendOn(ctxT(t), content, late, ToExtension(), json.RawMessage(`{}`))
	require.NoError(t, err)
	assert.Equal(t, "late", got)
}

// TestDepthErrorNamesDefaultMaxDepth: with default options the error names DefaultMaxDepth, the
// documented limit on the body's nesting (the envelope's own object does not count).
func TestDepthErrorNamesDefaultMaxDepth(t *testing.T) {
	b := newMemBrowser()
	worker, content := b.worker(), b.content(1, 0)
	require.NoError(t, handleOn(worker, NewRoute[any, bool]("demo.depth"), func(ctx context.Context, v any) (bool, error) {
		return true, nil
	}, AllowContentScripts()))
	require.NoError(t, worker.Ready())
	require.NoError(t, content.Ready())
	nested := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	for _, tc := range []struct {
		depth int
		ok    bool
	}{{DefaultMaxDepth, true}, {DefaultMaxDepth + 1, false}, {40, false}} {
		reply, err := content.call(ctxT(t), ToExtension(), "test", []byte(`{"extwasm":1,"route":"demo.depth","body":`+nested(tc.depth)+`}`))
		require.NoError(t, err)
		r, err := envelope.DecodeReply(reply, envelope.Limits{})
		require.NoError(t, err)
		if tc.ok {
			assert.True(t, r.OK, "depth %d", tc.depth)
			continue
		}
		require.False(t, r.OK, "depth %d", tc.depth)
		assert.Contains(t, r.Error.Message, fmt.Sprintf("nesting deeper than %d", DefaultMaxDepth))
	}
}

func TestSendValidatesBeforeSending(t *testing.T) {
	_, _, content, calls := setup(t, AllowContentScripts())
	_, err := sendOn(ctxT(t), content, greet, ToExtension(), greetReq{Name: strings.Repeat("x", 65)})
	assert.ErrorIs(t, err, ErrInvalid)
	assert.Equal(t, int32(0), calls.Load())
}

func TestSenderPolicy(t *testing.T) {
	_, _, content, calls := setup(t, AllowOwnExtension())
	_, err := sendOn(ctxT(t), content, greet, ToExtension(), greetReq{Name: "x"})
	assert.ErrorIs(t, err, ErrDenied)
	var re *RemoteError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, CodeDenied, re.Code)
	assert.Equal(t, int32(0), calls.Load())
}

func TestNoAllowOptionDeniesEveryone(t *testing.T) {
	_, _, content, calls := setup(t)
	_, err := sendOn(ctxT(t), content, greet, ToExtension(), greetReq{Name: "x"})
	assert.ErrorIs(t, err, ErrDenied)
	assert.Equal(t, int32(0), calls.Load())
}

func TestPolicyClasses(t *testing.T) {
	self := testExtID
	other := "ponmlkjihgfedcbaponmlkjihgfedcba"
	own := Sender{ID: self, URL: "chrome-extension://" + self + "/popup.html", Origin: "chrome-extension://" + self}
	worker := Sender{ID: self, URL: "chrome-extension://" + self + "/worker.js"}
	viaTabs := Sender{ID: self, Origin: "chrome-extension://" + self}
	cs := Sender{ID: self, URL: "https://a.example/x", Origin: "https://a.example", Tab: &Tab{ID: 3}}
	csForgedNoURL := Sender{ID: self, Origin: "https://a.example"}
	ext := Sender{ID: other, URL: "chrome-extension://" + other + "/bg.js"}
	extPage := Sender{ID: other, URL: "chrome-extension://" + other + "/options.html", Origin: "chrome-extension://" + other, Tab: &Tab{ID: 4}}
	extCS := Sender{ID: other, URL: "https://a.example/x", Origin: "https://a.example", Tab: &Tab{ID: 3}}
	extCSOwnURL := Sender{ID: other, URL: "chrome-extension://" + other + "/x", Origin: "https://a.example", Tab: &Tab{ID: 3}}
	extCSOtherURL := Sender{ID: other, URL: "chrome-extension://" + self + "/x", Origin: "chrome-extension://" + self}
	extNoURL := Sender{ID: other}
	page := Sender{URL: "https://a.example/", Origin: "https://a.example", Tab: &Tab{ID: 3}}
	user := cs
	user.userScript = true
	pol := func(opts ...Option) policy { return buildOptions(opts).policy }
	cases := []struct {
		name     string
		p        policy
		s        Sender
		external bool
		want     bool
	}{
		{"nothing allows nobody: own", pol(), own, false, false},
		{"own page", pol(AllowOwnExtension()), own, false, true},
		{"own worker", pol(AllowOwnExtension()), worker, false, true},
		{"tabs.sendMessage from extension", pol(AllowOwnExtension()), viaTabs, false, true},
		{"content script not own", pol(AllowOwnExtension()), cs, false, false},
		{"content script allowed", pol(AllowContentScripts()), cs, false, true},
		{"no-url web origin is a content script", pol(AllowOwnExtension()), csForgedNoURL, false, false},
		{"content script by origin", pol(AllowOrigins("https://a.example")), cs, false, true},
		{"content script other origin", pol(AllowOrigins("https://b.example")), cs, false, false},
		{"content scripts do not admit pages", pol(AllowContentScripts()), page, true, false},
		{"web page by origin", pol(AllowOrigins("https://a.example")), page, true, true},
		{"other extension denied", pol(AllowOwnExtension(), AllowContentScripts()), ext, true, false},
		{"other extension by id", pol(AllowExtensions(other)), ext, true, true},
		{"other extension by star", pol(AllowExtensions("*")), ext, true, true},
		{"own id on external channel is not own", pol(AllowOwnExtension()), own, true, false},
		{"foreign id on internal channel", pol(AllowExtensions(other)), ext, false, false},
		{"other extension's page in a tab by id", pol(AllowExtensions(other)), extPage, true, true},
		{"other extension's content script is not the extension", pol(AllowExtensions(other)), extCS, true, false},
		{"star does not admit content scripts", pol(AllowExtensions("*")), extCS, true, false},
		{"a web origin with the extension's URL is a content script", pol(AllowExtensions(other)), extCSOwnURL, true, false},
		{"a URL inside another extension is not the sender's", pol(AllowExtensions(other)), extCSOtherURL, true, false},
		{"no URL is not the extension", pol(AllowExtensions(other)), extNoURL, true, false},
		{"other extension's content script by id", pol(AllowExtensionContentScripts(other)), extCS, true, true},
		{"content scripts by star", pol(AllowExtensionContentScripts("*")), extCS, true, true},
		{"content scripts of another id", pol(AllowExtensionContentScripts(self)), extCS, true, false},
		{"content scripts on their origin", pol(AllowExtensionContentScripts(other, "https://a.example")), extCS, true, true},
		{"content scripts on any port", pol(AllowExtensionContentScripts(other, "https://a.example:*")), extCS, true, true},
		{"content scripts elsewhere", pol(AllowExtensionContentScripts(other, "https://b.example")), extCS, true, false},
		{"content scripts do not admit the extension", pol(AllowExtensionContentScripts(other)), ext, true, false},
		{"origins do not admit another extension's content scripts", pol(AllowOrigins("https://a.example")), extCS, true, false},
		{"another extension's content scripts on an internal channel", pol(AllowExtensionContentScripts(other)), extCS, false, false},
		{"user script is not a content script", pol(AllowContentScripts(), AllowOrigins("https://a.example")), user, false, false},
		{"user script is not the extension", pol(AllowOwnExtension(), AllowExtensionPages()), user, false, false},
		{"user script allowed", pol(AllowUserScripts()), user, false, true},
		{"user scripts do not admit content scripts", pol(AllowUserScripts()), cs, false, false},
		{"user scripts only message their own extension", pol(AllowUserScripts(), AllowExtensions("*")), user, true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.p.allows(tc.s, self, tc.external))
		})
	}
}

func TestHandlerPanicIsInternalAndWorkerKeepsServing(t *testing.T) {
	b := newMemBrowser()
	worker, content := b.worker(), b.content(1, 0)
	var logged atomic.Int32
	worker.logf = func(format string, args ...any) {
		if strings.Contains(format, "panicked") {
			logged.Add(1)
		}
	}
	boom := NewRoute[struct{}, struct{}]("demo.panic")
	require.NoError(t, handleOn(worker, boom, func(context.Context, struct{}) (struct{}, error) {
		panic("secret internal state")
	}, AllowContentScripts()))
	require.NoError(t, handleOn(worker, greet, func(_ context.Context, r greetReq) (greetResp, error) {
		return greetResp{Greeting: "hello, " + r.Name}, nil
	}, AllowContentScripts()))
	require.NoError(t, worker.Ready())

	_, err := sendOn(ctxT(t), content, boom, ToExtension(), struct{}{})
	require.ErrorIs(t, err, ErrInternal)
	var re *RemoteError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, CodeInternal, re.Code)
	assert.NotContains(t, re.Message, "secret", "panic values stay in the log")
	assert.Equal(t, int32(1), logged.Load())

	resp, err := sendOn(ctxT(t), content, greet, ToExtension(), greetReq{Name: "again"})
	require.NoError(t, err)
	assert.Equal(t, "hello, again", resp.Greeting)
}

type lookupErr struct{ key string }

func (e lookupErr) Error() string { return "no entry for " + e.key }

// TestWhatAHandlerErrorTells: the code and message reach every caller the route admits; the chain
// only this extension's own pages and worker; a PublicError tells everyone its message alone.
func TestWhatAHandlerErrorTells(t *testing.T) {
	secret := &os.PathError{Op: "open", Path: "/home/user/.vault/k", Err: errors.New("no such file or directory")}
	handlerErrors := map[string]error{
		"plain":  errors.Join(errors.New("lookup failed"), lookupErr{"k"}),
		"public": fmt.Errorf("lookup k: %w", &PublicError{Code: CodeNotFound, Message: "no entry", Err: secret}),
	}
	callers := map[string]func(b *memBrowser) (*endpoint, Target){
		"own page":       func(b *memBrowser) (*endpoint, Target) { return b.page(), ToExtension() },
		"content script": func(b *memBrowser) (*endpoint, Target) { return b.content(1, 0), ToExtension() },
		"other extension": func(b *memBrowser) (*endpoint, Target) {
			return b.otherExtension(callerExtID), ToOtherExtension(testExtID)
		},
		"web page": func(b *memBrowser) (*endpoint, Target) {
			return b.webPage(5, "http://127.0.0.1:8080/", "http://127.0.0.1:8080"), ToOtherExtension(testExtID)
		},
	}
	for kind, herr := range handlerErrors {
		for name, caller := range callers {
			t.Run(kind+"/"+name, func(t *testing.T) {
				b := newMemBrowser()
				worker := b.worker()
				var logged []string
				worker.logf = func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }
				r := NewRoute[greetReq, greetResp]("vault.lookup")
				require.NoError(t, handleOn(worker, r, func(context.Context, greetReq) (greetResp, error) { return greetResp{}, herr },
					AllowOwnExtension(), AllowContentScripts(), AllowExtensions(callerExtID), AllowOrigins("http://127.0.0.1:*")))
				require.NoError(t, worker.Ready())
				c, target := caller(b)
				require.NoError(t, c.Ready())
				_, err := sendOn(ctxT(t), c, r, target, greetReq{Name: "k"})
				var re *RemoteError
				require.ErrorAs(t, err, &re)
				assert.Equal(t, "vault.lookup", re.Route)
				if kind == "public" {
					assert.Equal(t, CodeNotFound, re.Code)
					assert.Equal(t, "no entry", re.Message)
					assert.Empty(t, re.Chain)
					assert.NotContains(t, err.Error(), "/home/user")
					require.Len(t, logged, 1, "the detail is logged on the handler's side")
					assert.Contains(t, logged[0], "/home/user/.vault/k")
					return
				}
				assert.Equal(t, CodeRemote, re.Code)
				assert.Equal(t, "lookup failed\nno entry for k", re.Message)
				if name == "own page" {
					assert.Equal(t, []string{"lookup failed\nno entry for k", "lookup failed", "no entry for k"}, re.Chain)
				} else {
					assert.Empty(t, re.Chain)
				}
			})
		}
	}
}

// TestRefusedRequestSpeaksJSON: the reply to a body of the wrong shape names the JSON path and the
// JSON types, not the handler's Go types.
func TestRefusedRequestSpeaksJSON(t *testing.T) {
	_, _, content, calls := setup(t, AllowContentScripts())
	for msg, want := range map[string]string{
		`{"name":5}`:              "body.name: expected a string, got a number",
		`{"name":"x","admin":1}`:  `body: unknown field "admin"`,
		`{"name":null}`:           "body.name: expected a string, got null",
		`["gopher"]`:              "body: expected an object, got an array",
		`{"name":"x","NAME":"y"}`: `body: key "NAME" differs only in case from field "name"; keys must match exactly`,
	} {
		reply, err := content.call(ctxT(t), ToExtension(), "raw", []byte(`{"extwasm":1,"route":"demo.greet","body":`+msg+`}`))
		require.NoError(t, err)
		_, err = decodeReply[greetResp]("test", "demo.greet", reply)
		var re *RemoteError
		require.ErrorAs(t, err, &re, msg)
		assert.Equal(t, CodeInvalid, re.Code, msg)
		assert.Equal(t, want, re.Message, msg)
		assert.Equal(t, "bridge: demo.greet: invalid: "+want, re.Error(), msg)
	}
	assert.Equal(t, int32(0), calls.Load())
}

func TestRawMessages(t *testing.T) {
	b := newMemBrowser()
	worker, content := b.worker(), b.content(1, 0)
	require.NoError(t, handleRawOn(worker, func(_ context.Context, msg json.RawMessage) (any, error) {
		var m struct {
			Greeting string `json:"greeting"`
		}
		if json.Unmarshal(msg, &m) == nil && m.Greeting == "hello" {
			return map[string]string{"farewell": "goodbye"}, nil
		}
		return nil, ErrNotFound
	}, AllowContentScripts()))
	require.NoError(t, worker.Ready())

	reply, err := sendRawOn(ctxT(t), content, ToExtension(), map[string]string{"greeting": "hello"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"farewell":"goodbye"}`, string(reply))

	reply, err = sendRawOn(ctxT(t), content, ToExtension(), map[string]string{"greeting": "hi"})
	require.NoError(t, err)
	r, err := envelope.DecodeReply(reply, envelope.Limits{})
	require.NoError(t, err)
	assert.Equal(t, envelope.CodeNotFound, r.Error.Code)
}

// TestRawKeysLeaveOtherMessagesToOtherContexts: a raw handler narrowed with RawKeys answers only
// plain objects with one of its keys; another context's raw handler answers its own keys, and a
// message nobody claims (not an object, or no claimed key) is answered by nobody. The two contexts
// claim disjoint keys: where both claim a message, Chrome keeps whichever reply comes first.
func TestRawKeysLeaveOtherMessagesToOtherContexts(t *testing.T) {
	reply := func(who string) RawHandlerFunc {
		return func(context.Context, json.RawMessage) (any, error) { return map[string]string{"from": who}, nil }
	}
	for _, withPage := range []bool{false, true} {
		b := newMemBrowser()
		worker, content := b.worker(), b.content(1, 0)
		require.NoError(t, handleRawOn(worker, reply("worker"), AllowContentScripts(), RawKeys("greeting", "hello")))
		require.NoError(t, worker.Ready())
		if withPage {
			page := b.page()
			require.NoError(t, handleRawOn(page, reply("page"), AllowContentScripts(), RawKeys("ping")))
			require.NoError(t, page.Ready())
		}
		for _, tc := range []struct {
			msg  any
			want string // "" : nobody answers
		}{
			{map[string]string{"greeting": "hi"}, `{"from":"worker"}`},
			{map[string]any{"hello": nil, "x": 1}, `{"from":"worker"}`},
			{map[string]string{"ping": "page"}, `{"from":"page"}`},
			{map[string]string{"other": "key"}, ""},
			{[]string{"greeting"}, ""},
			{"greeting", ""},
		} {
			got, err := sendRawOn(ctxT(t), content, ToExtension(), tc.msg)
			if tc.want == "" || (tc.want == `{"from":"page"}` && !withPage) {
				assert.ErrorIs(t, err, ErrNoReceiver, "%v", tc.msg)
				continue
			}
			require.NoError(t, err, "%v", tc.msg)
			assert.JSONEq(t, tc.want, string(got), "%v", tc.msg)
		}
	}
}

func TestNoReceiverIsImmediate(t *testing.T) {
	b := newMemBrowser()
	content := b.content(1, 0)
	var sleeps atomic.Int32
	content.sleep = func(context.Context, time.Duration) error { sleeps.Add(1); return nil }
	_, err := sendOn(ctxT(t), content, greet, ToExtension(), greetReq{Name: "x"})
	assert.ErrorIs(t, err, ErrNoReceiver)
	assert.Contains(t, err.Error(), chromefacts.ErrReceivingEndDoesNotExist, "Chrome's text stays in the chain")

	_, err = sendOn(ctxT(t), b.worker(), greet, ToTab(999999), greetReq{Name: "x"})
	assert.ErrorIs(t, err, ErrNoReceiver, "missing tab: gone, not retried")
	assert.Equal(t, int32(0), sleeps.Load())
}

func TestLoadingTabIsRetriedUntilContentScriptArrives(t *testing.T) {
	b := newMemBrowser()
	worker := b.worker()
	b.SetTabLoading(7)
	sleeps := 0
	worker.sleep = func(context.Context, time.Duration) error {
		sleeps++
		if sleeps == 3 { // the content script gets injected while the worker waits
			cs := b.content(7, 0)
			require.NoError(t, handleOn(cs, greet, func(_ context.Context, r greetReq) (greetResp, error) {
				return greetResp{Greeting: "hello, " + r.Name, From: "content"}, nil
			}, AllowOwnExtension()))
			require.NoError(t, cs.Ready())
		}
		return nil
	}
	resp, err := sendOn(ctxT(t), worker, greet, ToFrame(7, 0), greetReq{Name: "tab"})
	require.NoError(t, err)
	assert.Equal(t, greetResp{Greeting: "hello, tab", From: "content"}, resp)
	assert.Equal(t, 3, sleeps)
}

func TestLoadingTabRetryStopsAtDeadline(t *testing.T) {
	b := newMemBrowser()
	worker := b.worker()
	b.SetTabLoading(7)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	worker.sleep = func(context.Context, time.Duration) error {
		n++
		if n == 5 {
			cancel()
			return context.DeadlineExceeded
		}
		return nil
	}
	_, err := sendOn(ctx, worker, greet, ToTab(7), greetReq{Name: "x"})
	assert.ErrorIs(t, err, ErrTimeout)
	assert.Equal(t, 5, n)
}

// neverAnswering is a content script and a worker whose greet handler answers only once the test
// has ended.
func neverAnswering(t *testing.T) (content *endpoint) {
	t.Helper()
	b := newMemBrowser()
	worker, content := b.worker(), b.content(1, 0)
	block := make(chan struct{})
	t.Cleanup(func() { close(block) })
	require.NoError(t, handleOn(worker, greet, func(ctx context.Context, r greetReq) (greetResp, error) {
		<-block
		return greetResp{}, nil
	}, AllowContentScripts()))
	require.NoError(t, worker.Ready())
	return content
}

func TestDeadlineAndCancel(t *testing.T) {
	content := neverAnswering(t)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err := sendOn(ctx, content, greet, ToExtension(), greetReq{Name: "x"})
	assert.ErrorIs(t, err, ErrTimeout)
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	_, err = sendOn(ctx, content, greet, ToExtension(), greetReq{Name: "x"})
	assert.ErrorIs(t, err, context.Canceled)
	assert.NotErrorIs(t, err, ErrTimeout)
}

// TestDefaultTimeout: a send without a deadline ends after DefaultTimeout with the same error as one
// whose context had that deadline.
func TestDefaultTimeout(t *testing.T) {
	content := neverAnswering(t)
	defaultTimeout = 10 * time.Millisecond
	t.Cleanup(func() { defaultTimeout = DefaultTimeout })

	_, err := sendOn(context.Background(), content, greet, ToExtension(), greetReq{Name: "x"})
	assert.ErrorIs(t, err, ErrTimeout)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	ctx, cancel := context.WithTimeout(context.Background(), defaultTimeout)
	defer cancel()
	_, withDeadline := sendOn(ctx, content, greet, ToExtension(), greetReq{Name: "x"})
	require.Error(t, withDeadline)
	assert.Equal(t, withDeadline.Error(), err.Error())
}

func TestReceiverStoppedMidCall(t *testing.T) {
	b := newMemBrowser()
	worker, content := b.worker(), b.content(1, 0)
	started := make(chan struct{})
	require.NoError(t, handleOn(worker, greet, func(ctx context.Context, r greetReq) (greetResp, error) {
		close(started)
		<-ctx.Done()
		return greetResp{}, nil
	}, AllowContentScripts()))
	require.NoError(t, worker.Ready())
	go func() { <-started; b.kill(worker) }()
	_, err := sendOn(ctxT(t), content, greet, ToExtension(), greetReq{Name: "x"})
	assert.ErrorIs(t, err, ErrDisconnected)
	assert.NotErrorIs(t, err, ErrNoReceiver)
}

func TestMessagesBeforeReadyAreBuffered(t *testing.T) {
	b := newMemBrowser()
	worker, content := b.worker(), b.content(1, 0)
	require.NoError(t, handleOn(worker, greet, func(_ context.Context, r greetReq) (greetResp, error) {
		return greetResp{Greeting: "hello, " + r.Name}, nil
	}, AllowContentScripts()))
	done := make(chan error, 1)
	go func() {
		_, err := sendOn(ctxT(t), content, greet, ToExtension(), greetReq{Name: "early"})
		done <- err
	}()
	// Wait until the message sits in the worker's backlog, then become ready.
	require.Eventually(t, func() bool {
		return contextOf(worker).Backlog() == 1
	}, 10*time.Second, time.Millisecond)
	require.NoError(t, worker.Ready())
	assert.NoError(t, <-done)
}

func TestRouteAndTargetErrors(t *testing.T) {
	b := newMemBrowser()
	w := b.worker()
	bad := NewRoute[greetReq, greetResp]("bad name")
	assert.ErrorIs(t, handleOn(w, bad, func(context.Context, greetReq) (greetResp, error) { return greetResp{}, nil }), ErrInvalid)
	_, err := sendOn(ctxT(t), w, bad, ToExtension(), greetReq{Name: "x"})
	assert.ErrorIs(t, err, ErrInvalid)
	_, err = sendOn(ctxT(t), w, greet, ToTab(-1), greetReq{Name: "x"})
	assert.ErrorIs(t, err, ErrInvalid)
	_, err = sendOn(ctxT(t), w, greet, ToOtherExtension("nope"), greetReq{Name: "x"})
	assert.ErrorIs(t, err, ErrInvalid)
	assert.ErrorIs(t, handleOn(w, greet, nil), ErrInvalid)
	ok := func(context.Context, greetReq) (greetResp, error) { return greetResp{}, nil }
	require.NoError(t, handleOn(w, greet, ok, AllowOwnExtension()))
	assert.Error(t, handleOn(w, greet, ok, AllowOwnExtension()), "duplicate route")
}

func TestClassifyChromeErrors(t *testing.T) {
	cases := []struct {
		text string
		want error
	}{
		{"Could not establish connection. Receiving end does not exist.", ErrNoReceiver},
		{"Could not establish connection. Receiving end uses different message serialization format.", ErrNotSerializable},
		{"A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received", ErrDisconnected},
		{"The page keeping the extension port is moved into back/forward cache, so the message channel is closed.", ErrDisconnected},
		{"Extension context invalidated.", ErrDisconnected},
		{"Attempting to use a disconnected port object", ErrDisconnected},
		{"Error in invocation of runtime.sendMessage(optional string extensionId, any message, optional object options, optional function callback): Message exceeded maximum allowed size of 64MiB.", ErrTooLarge},
		{"Error in invocation of runtime.sendMessage(optional string extensionId, any message, optional object options, optional function callback): Could not serialize message.", ErrNotSerializable},
		{"Specified native messaging host not found.", ErrNative},
		{"Native host has exited.", ErrNative},
		{"Invalid extension id: 'ping'", ErrInvalid},
	}
	for _, tc := range cases {
		err := classify(errors.New(tc.text))
		assert.ErrorIs(t, err, tc.want, tc.text)
		assert.Contains(t, err.Error(), tc.text)
	}
	other := errors.New("something else")
	assert.Equal(t, other, classify(other))
}

func TestRemoteErrorIs(t *testing.T) {
	for code, sentinel := range codeSentinel {
		e := &RemoteError{Code: code}
		assert.ErrorIs(t, e, sentinel, code)
	}
	assert.NotErrorIs(t, &RemoteError{Code: CodeRemote}, ErrInvalid)
}

// FuzzDispatch feeds arbitrary bytes to a receiving endpoint as if a content script had sent them:
// the reply must always be a well-formed error envelope or the route's real reply.
func FuzzDispatch(f *testing.F) {
	f.Add([]byte(`{"extwasm":1,"route":"demo.greet","body":{"name":"x"}}`))
	f.Add([]byte(`{"extwasm":1,"route":"demo.greet","body":{"name":""}}`))
	f.Add([]byte(`{"greeting":"hello"}`))
	f.Add([]byte(`[[[[[[[[[[]]]]]]]]]]`))
	b := newMemBrowser()
	w := b.worker()
	if err := handleOn(w, greet, func(_ context.Context, r greetReq) (greetResp, error) {
		return greetResp{Greeting: "hello, " + r.Name}, nil
	}, AllowContentScripts(), MaxBytes(1024)); err != nil {
		f.Fatal(err)
	}
	sender, _ := json.Marshal(Sender{ID: testExtID, URL: "http://127.0.0.1/", Origin: "http://127.0.0.1", Tab: &Tab{ID: 1}})
	f.Fuzz(func(t *testing.T, msg []byte) {
		reply := w.dispatch(false, msg, sender)
		r, err := envelope.DecodeReply(reply, envelope.Limits{})
		if err != nil {
			t.Fatalf("reply %q to %q does not decode: %v", reply, msg, err)
		}
		if r.OK {
			var resp greetResp
			if err := json.Unmarshal(r.Body, &resp); err != nil || !strings.HasPrefix(resp.Greeting, "hello, ") {
				t.Fatalf("bad success reply %q", reply)
			}
		}
	})
}
