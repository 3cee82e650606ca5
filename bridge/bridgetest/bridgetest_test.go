package bridgetest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/bridge/bridgetest"
	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/extwasm/extwasm/nativehost"
)

type whoReq struct{}

type whoResp struct {
	Sender bridge.Sender `json:"sender"`
	Where  string        `json:"where"`
}

var who = bridge.NewRoute[whoReq, whoResp]("test.who")

const otherID = "ponmlkjihgfedcbaponmlkjihgfedcba"

// serveWho registers test.who in c under opts: it answers with the sender it saw and where it ran.
func serveWho(t *testing.T, c *bridgetest.Context, where string, opts ...bridge.Option) {
	t.Helper()
	c.Run(func(context.Context) {
		require.NoError(t, bridge.Handle(who, func(ctx context.Context, _ whoReq) (whoResp, error) {
			s, ok := bridge.SenderFrom(ctx)
			require.True(t, ok)
			return whoResp{Sender: s, Where: where}, nil
		}, opts...))
		require.NoError(t, bridge.Ready())
	})
}

func ask(c *bridgetest.Context, target bridge.Target) (resp whoResp, err error) {
	c.Run(func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		resp, err = who.Send(ctx, target, whoReq{})
	})
	return resp, err
}

func TestSenderIsWhatChromeReports(t *testing.T) {
	tests := []struct {
		name   string
		from   func(b *bridgetest.Browser) *bridgetest.Context
		target bridge.Target
		want   bridge.Sender
	}{
		{"content script", func(b *bridgetest.Browser) *bridgetest.Context {
			return b.ContentScript(4, 2, "https://example.com/a")
		}, bridge.ToExtension(), bridge.Sender{ID: bridgetest.ExtensionID, URL: "https://example.com/a", Origin: "https://example.com",
			Tab: &bridge.Tab{ID: 4, Status: "complete"}, FrameID: 2, DocumentID: "doc-4-2", DocumentLifecycle: "active"}},
		{"extension page", func(b *bridgetest.Browser) *bridgetest.Context { return b.Page("popup.html") }, bridge.ToExtension(),
			bridge.Sender{ID: bridgetest.ExtensionID, URL: "chrome-extension://" + bridgetest.ExtensionID + "/popup.html",
				Origin: "chrome-extension://" + bridgetest.ExtensionID}},
		{"other extension's worker", func(b *bridgetest.Browser) *bridgetest.Context { return b.OtherExtension(otherID).Worker() },
			bridge.ToOtherExtension(bridgetest.ExtensionID),
			bridge.Sender{ID: otherID, URL: "chrome-extension://" + otherID + "/worker.js"}},
		{"other extension's content script", func(b *bridgetest.Browser) *bridgetest.Context {
			return b.OtherExtension(otherID).ContentScript(4, 0, "https://example.com/b")
		}, bridge.ToOtherExtension(bridgetest.ExtensionID), bridge.Sender{ID: otherID, URL: "https://example.com/b", Origin: "https://example.com",
			Tab: &bridge.Tab{ID: 4, Status: "complete"}, DocumentID: "doc-4-0", DocumentLifecycle: "active"}},
		{"web page", func(b *bridgetest.Browser) *bridgetest.Context {
			return b.WebPage(9, 0, "http://127.0.0.1:8080/api.html")
		},
			bridge.ToOtherExtension(bridgetest.ExtensionID),
			bridge.Sender{URL: "http://127.0.0.1:8080/api.html", Origin: "http://127.0.0.1:8080",
				Tab: &bridge.Tab{ID: 9, Status: "complete"}, DocumentID: "doc-9-0", DocumentLifecycle: "active"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := bridgetest.NewBrowser()
			serveWho(t, b.Worker(), "worker", bridge.AllowOwnExtension(), bridge.AllowContentScripts(),
				bridge.AllowExtensions(otherID), bridge.AllowExtensionContentScripts(otherID), bridge.AllowOrigins("http://127.0.0.1:*"))
			resp, err := ask(tc.from(b), tc.target)
			require.NoError(t, err)
			assert.Equal(t, whoResp{Sender: tc.want, Where: "worker"}, resp)
		})
	}
}

func TestTabsSendMessageReachesTheFramesAsked(t *testing.T) {
	b := bridgetest.NewBrowser()
	serveWho(t, b.ContentScript(1, 0, "https://example.com/"), "frame 0", bridge.AllowOwnExtension())
	serveWho(t, b.ContentScript(1, 3, "https://ads.example/"), "frame 3", bridge.AllowOwnExtension())

	resp, err := ask(b.Worker(), bridge.ToFrame(1, 3))
	require.NoError(t, err)
	assert.Equal(t, "frame 3", resp.Where)
	// tabs.sendMessage's sender has no URL; a worker's origin is its extension's.
	assert.Equal(t, bridge.Sender{ID: bridgetest.ExtensionID, Origin: "chrome-extension://" + bridgetest.ExtensionID}, resp.Sender)

	_, err = ask(b.Worker(), bridge.ToFrame(1, 7))
	assert.ErrorIs(t, err, bridge.ErrNoReceiver)
	assert.ErrorContains(t, err, chromefacts.ErrReceivingEndDoesNotExist)
}

func TestPoliciesAdmitOnlyTheSendersTheyName(t *testing.T) {
	senders := map[string]struct {
		from     func(b *bridgetest.Browser) *bridgetest.Context
		external bool
	}{
		"content script": {func(b *bridgetest.Browser) *bridgetest.Context {
			return b.ContentScript(1, 0, "https://example.com/")
		}, false},
		"page":               {func(b *bridgetest.Browser) *bridgetest.Context { return b.Page("options.html") }, false},
		"offscreen document": {func(b *bridgetest.Browser) *bridgetest.Context { return b.OffscreenDocument("offscreen.html") }, false},
		"other extension": {func(b *bridgetest.Browser) *bridgetest.Context {
			return b.OtherExtension(otherID).Page("p.html")
		}, true},
		"other extension's content script": {func(b *bridgetest.Browser) *bridgetest.Context {
			return b.OtherExtension(otherID).ContentScript(3, 0, "https://shop.example/")
		}, true},
		"web page": {func(b *bridgetest.Browser) *bridgetest.Context { return b.WebPage(2, 0, "https://shop.example/") }, true},
	}
	tests := []struct {
		policy   string
		opt      bridge.Option
		allowed  []string
		external bool // the policy admits some external sender
	}{
		{"own extension", bridge.AllowOwnExtension(), []string{"page", "offscreen document"}, false},
		{"extension pages", bridge.AllowExtensionPages(), []string{"page", "offscreen document"}, false},
		{"the offscreen document", bridge.AllowExtensionPages("/offscreen.html"), []string{"offscreen document"}, false},
		{"the options page", bridge.AllowExtensionPages("options.html"), []string{"page"}, false},
		{"content scripts", bridge.AllowContentScripts(), []string{"content script"}, false},
		{"listed extension", bridge.AllowExtensions(otherID), []string{"other extension"}, true},
		{"listed extension's content scripts", bridge.AllowExtensionContentScripts(otherID),
			[]string{"other extension's content script"}, true},
		{"listed extension's content scripts on an origin", bridge.AllowExtensionContentScripts(otherID, "https://shop.example"),
			[]string{"other extension's content script"}, true},
		{"listed extension's content scripts elsewhere", bridge.AllowExtensionContentScripts(otherID, "https://example.com"), nil, true},
		{"listed origin", bridge.AllowOrigins("https://shop.example"), []string{"web page"}, true},
		{"nobody", nil, nil, false},
	}
	for _, tc := range tests {
		for name, s := range senders {
			t.Run(tc.policy+"/"+name, func(t *testing.T) {
				b := bridgetest.NewBrowser()
				serveWho(t, b.Worker(), "worker", tc.opt)
				target := bridge.ToExtension()
				if s.external {
					target = bridge.ToOtherExtension(bridgetest.ExtensionID)
				}
				_, err := ask(s.from(b), target)
				switch {
				case slices.Contains(tc.allowed, name):
					assert.NoError(t, err)
				case s.external && !tc.external:
					// A route that admits no external sender does not exist for one.
					assert.ErrorIs(t, err, bridge.ErrNoReceiver)
				default:
					assert.ErrorIs(t, err, bridge.ErrDenied)
				}
			})
		}
	}
}

func TestMessagesWaitUntilTheReceiverIsReady(t *testing.T) {
	b := bridgetest.NewBrowser()
	cs := b.ContentScript(1, 0, "https://example.com/")
	w := b.Worker()
	got := make(chan error, 1)
	go func() { _, err := who.Send(cs.Context(), bridge.ToExtension(), whoReq{}); got <- err }()
	// The worker registers only now, as a worker woken by the message would.
	serveWho(t, w, "worker", bridge.AllowContentScripts())
	assert.NoError(t, <-got)
}

func TestLoadingTabIsRetriedUntilItsContentScriptRuns(t *testing.T) {
	b := bridgetest.NewBrowser()
	b.TabLoading(5)
	got := make(chan error, 1)
	go func() {
		_, err := who.Send(b.Worker().Context(), bridge.ToTab(5), whoReq{})
		got <- err
	}()
	serveWho(t, b.ContentScript(5, 0, "https://example.com/"), "content", bridge.AllowOwnExtension())
	assert.NoError(t, <-got)
}

func TestPortsEndWhenTheWorkerStops(t *testing.T) {
	b := bridgetest.NewBrowser()
	b.Worker().Run(func(context.Context) {
		require.NoError(t, bridge.OnConnect("echo", func(ctx context.Context, p *bridge.Port) {
			for msg, err := range p.Messages() {
				if err != nil {
					return
				}
				_ = p.Send(msg.Raw())
			}
		}, bridge.AllowContentScripts()))
		require.NoError(t, bridge.Ready())
	})
	cs := b.ContentScript(1, 0, "https://example.com/")
	// Port messages reach a context through the hooks bridge.Ready installs, as in the browser.
	cs.Run(func(context.Context) { require.NoError(t, bridge.Ready()) })
	port, err := bridge.Connect(cs.Context(), bridge.ToExtension(), "echo")
	require.NoError(t, err)
	require.NoError(t, port.Send("ping"))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	msg, err := port.Receive(ctx)
	require.NoError(t, err)
	assert.JSONEq(t, `"ping"`, string(msg.Raw()))

	stopped := b.Worker()
	stopped.Stop()
	<-port.Done()
	assert.ErrorIs(t, port.Err(), bridge.ErrDisconnected)

	// The next message starts a new worker, which answers once its code has registered again.
	restarted := b.Worker()
	assert.NotSame(t, stopped, restarted)
	serveWho(t, restarted, "restarted worker", bridge.AllowContentScripts())
	resp, err := ask(cs, bridge.ToExtension())
	require.NoError(t, err)
	assert.Equal(t, "restarted worker", resp.Where)
}

func TestNativeHosts(t *testing.T) {
	echo := nativehost.Func(func(ctx context.Context, req map[string]int) (map[string]int, error) {
		caller, _ := nativehost.CallerFrom(ctx)
		req[caller.Origin] = 1
		return req, nil
	})
	silent := nativehost.HandlerFunc(func(context.Context, json.RawMessage) (json.RawMessage, error) {
		return nil, nativehost.ErrNoReply
	})
	tests := []struct {
		name string
		host *bridgetest.NativeHost
		want error
	}{
		{"answers", &bridgetest.NativeHost{Handler: echo}, nil},
		{"not installed", nil, bridge.ErrNativeNotFound},
		{"forbidden", &bridgetest.NativeHost{Forbidden: true}, bridge.ErrNativeForbidden},
		{"fails to start", &bridgetest.NativeHost{FailsToStart: true}, bridge.ErrNativeStartFailed},
		{"exits without replying", &bridgetest.NativeHost{Handler: silent}, bridge.ErrNativeExited},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := bridgetest.NewBrowser()
			if tc.host != nil {
				b.InstallNativeHost("com.example.echo", *tc.host)
			}
			resp, err := bridge.SendNativeJSON[map[string]int, map[string]int](b.Worker().Context(), "com.example.echo", map[string]int{"n": 1})
			if tc.want == nil {
				require.NoError(t, err)
				assert.Equal(t, map[string]int{"n": 1, "chrome-extension://" + bridgetest.ExtensionID + "/": 1}, resp)
				return
			}
			assert.ErrorIs(t, err, tc.want)
			assert.ErrorIs(t, err, bridge.ErrNative)
		})
	}
}

func TestContentScriptsCannotUseNativeMessaging(t *testing.T) {
	b := bridgetest.NewBrowser()
	b.InstallNativeHost("com.example.echo", bridgetest.NativeHost{Handler: nativehost.Func(func(_ context.Context, req json.RawMessage) (json.RawMessage, error) {
		return req, nil
	})})
	_, err := bridge.SendNativeJSON[json.RawMessage, json.RawMessage](b.ContentScript(1, 0, "https://example.com/").Context(),
		"com.example.echo", json.RawMessage(`{}`))
	assert.Error(t, err)
	assert.False(t, errors.Is(err, bridge.ErrUnsupported))
}

func TestASenderNeverReceivesItsOwnMessage(t *testing.T) {
	b := bridgetest.NewBrowser()
	popup := b.Page("popup.html")
	serveWho(t, popup, "popup", bridge.AllowOwnExtension())
	_, err := ask(popup, bridge.ToExtension())
	assert.ErrorIs(t, err, bridge.ErrNoReceiver, "the popup is the only receiver, and it sent the message")

	serveWho(t, b.Worker(), "worker", bridge.AllowOwnExtension())
	resp, err := ask(popup, bridge.ToExtension())
	require.NoError(t, err)
	assert.Equal(t, "worker", resp.Where)
}

func TestTheFirstReplyWins(t *testing.T) {
	b := bridgetest.NewBrowser()
	serveWho(t, b.Worker(), "worker", bridge.AllowContentScripts())
	serveWho(t, b.Page("offscreen.html"), "offscreen", bridge.AllowContentScripts())
	resp, err := ask(b.ContentScript(1, 0, "https://example.com/"), bridge.ToExtension())
	require.NoError(t, err)
	assert.Contains(t, []string{"worker", "offscreen"}, resp.Where, "one reply, from either receiver")
}

// The offscreen document and the worker, with the senders Chromium 156 gives them (scenario
// go-offscreen): the document is {id, url, origin} with no tab; the worker, seen from the document,
// is {id, url} with no origin.
func TestOffscreenDocument(t *testing.T) {
	own := "chrome-extension://" + bridgetest.ExtensionID
	b := bridgetest.NewBrowser()
	serveWho(t, b.Worker(), "worker", bridge.AllowExtensionPages("/offscreen.html"))
	doc := b.OffscreenDocument("offscreen.html")
	serveWho(t, doc, "offscreen", bridge.AllowOwnExtension())

	resp, err := ask(doc, bridge.ToExtension())
	require.NoError(t, err)
	assert.Equal(t, whoResp{Where: "worker", Sender: bridge.Sender{ID: bridgetest.ExtensionID, URL: own + "/offscreen.html", Origin: own}}, resp)
	assert.Equal(t, "/offscreen.html", resp.Sender.Page())

	resp, err = ask(b.Worker(), bridge.ToExtension())
	require.NoError(t, err)
	assert.Equal(t, whoResp{Where: "offscreen", Sender: bridge.Sender{ID: bridgetest.ExtensionID, URL: own + "/worker.js"}}, resp)
	assert.Empty(t, resp.Sender.Page(), "the worker is not a page")

	assert.PanicsWithValue(t, "bridgetest: Only a single offscreen document may be created.", func() { b.OffscreenDocument("offscreen.html") })
	doc.Stop()
	// The popup has the same shape of sender; the route names the offscreen document alone.
	popup := b.Page("popup.html")
	_, err = ask(popup, bridge.ToExtension())
	assert.ErrorIs(t, err, bridge.ErrDenied)
	popup.Stop()
	_, err = ask(b.Worker(), bridge.ToExtension())
	assert.ErrorIs(t, err, bridge.ErrNoReceiver, "closed: nobody else listens")
	again := b.OffscreenDocument("offscreen.html")
	serveWho(t, again, "offscreen again", bridge.AllowOwnExtension())
	resp, err = ask(b.Worker(), bridge.ToExtension())
	require.NoError(t, err)
	assert.Equal(t, "offscreen again", resp.Where)
}

func TestUserScriptsNeedTheirOwnPolicy(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []bridge.Option
		ok   bool
	}{
		{"content scripts do not admit user scripts", []bridge.Option{bridge.AllowContentScripts()}, false},
		{"user scripts", []bridge.Option{bridge.AllowUserScripts()}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := bridgetest.NewBrowser()
			// The handler reports UserScript in Where: a Sender crosses as Chrome's JSON, without it.
			b.Worker().Run(func(context.Context) {
				require.NoError(t, bridge.Handle(who, func(ctx context.Context, _ whoReq) (whoResp, error) {
					s, _ := bridge.SenderFrom(ctx)
					return whoResp{Sender: s, Where: fmt.Sprintf("user script: %v", s.UserScript())}, nil
				}, tc.opts...))
				require.NoError(t, bridge.Ready())
			})
			resp, err := ask(b.UserScript(4, 0, "https://example.com/a"), bridge.ToExtension())
			if !tc.ok {
				assert.ErrorIs(t, err, bridge.ErrDenied)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "user script: true", resp.Where)
			assert.Equal(t, "https://example.com/a", resp.Sender.URL)
			assert.Equal(t, 4, resp.Sender.Tab.ID)
		})
	}
}
