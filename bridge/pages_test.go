package bridge

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The senders Chromium 156 builds (scenarios offscreen and go-offscreen): a page in no tab — the
// offscreen document, the popup, a side panel — is {id, url, origin}; a page in a tab adds tab,
// frameId, documentId and documentLifecycle; the worker is {id, url} (no origin); a tabs.sendMessage
// or tabs.connect sender is {id, origin} (no url). A side panel opened with chrome.sidePanel.open
// (measured by hand in headless Chromium 156, with a user gesture from DevTools) is also
// {id, url, origin}, and runtime.getContexts reports it as SIDE_PANEL with tabId and windowId -1.
func TestSenderPage(t *testing.T) {
	self := testExtID
	own := "chrome-extension://" + self
	other := "ponmlkjihgfedcbaponmlkjihgfedcba"
	cases := []struct {
		name string
		s    Sender
		want string
	}{
		{"offscreen document", Sender{ID: self, URL: own + "/offscreen.html", Origin: own}, "/offscreen.html"},
		{"query and fragment dropped", Sender{ID: self, URL: own + "/offscreen.html?a=1#f", Origin: own}, "/offscreen.html"},
		{"fragment alone", Sender{ID: self, URL: own + "/dir/p.html#x", Origin: own}, "/dir/p.html"},
		{"page in a tab", Sender{ID: self, URL: own + "/options.html", Origin: own, Tab: &Tab{ID: 2}, DocumentID: "D"}, "/options.html"},
		{"another extension's page", Sender{ID: other, URL: "chrome-extension://" + other + "/popup.html", Origin: "chrome-extension://" + other}, "/popup.html"},
		{"worker has no origin", Sender{ID: self, URL: own + "/sw.js"}, ""},
		{"tabs.sendMessage has no url", Sender{ID: self, Origin: own}, ""},
		{"content script", Sender{ID: self, URL: "https://a.example/x", Origin: "https://a.example", Tab: &Tab{ID: 3}}, ""},
		{"web origin with an extension URL", Sender{ID: self, URL: own + "/offscreen.html", Origin: "https://a.example"}, ""},
		{"URL inside another extension", Sender{ID: other, URL: own + "/offscreen.html", Origin: own}, ""},
		{"web page", Sender{URL: "https://a.example/", Origin: "https://a.example"}, ""},
		{"no id", Sender{URL: own + "/offscreen.html", Origin: own}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.s.Page())
		})
	}
}

func TestExtensionPagesPolicy(t *testing.T) {
	self := testExtID
	own := "chrome-extension://" + self
	other := "ponmlkjihgfedcbaponmlkjihgfedcba"
	offscreen := Sender{ID: self, URL: own + "/offscreen.html", Origin: own}
	offscreenQuery := Sender{ID: self, URL: own + "/offscreen.html?a=1#f", Origin: own}
	popup := Sender{ID: self, URL: own + "/popup.html", Origin: own}
	tabPage := Sender{ID: self, URL: own + "/offscreen.html", Origin: own, Tab: &Tab{ID: 2}, DocumentID: "D", DocumentLifecycle: "active"}
	worker := Sender{ID: self, URL: own + "/sw.js"}
	viaTabs := Sender{ID: self, Origin: own}
	cs := Sender{ID: self, URL: "https://a.example/offscreen.html", Origin: "https://a.example", Tab: &Tab{ID: 3}}
	otherOffscreen := Sender{ID: other, URL: "chrome-extension://" + other + "/offscreen.html", Origin: "chrome-extension://" + other}
	pol := func(opts ...Option) policy { return buildOptions(opts).policy }
	cases := []struct {
		name     string
		p        policy
		s        Sender
		external bool
		want     bool
	}{
		{"nothing admits the offscreen document", pol(), offscreen, false, false},
		{"own extension admits it, as before", pol(AllowOwnExtension()), offscreen, false, true},
		{"content scripts do not", pol(AllowContentScripts()), offscreen, false, false},
		{"by path", pol(AllowExtensionPages("/offscreen.html")), offscreen, false, true},
		{"by path without the slash", pol(AllowExtensionPages("offscreen.html")), offscreen, false, true},
		{"query and fragment do not count", pol(AllowExtensionPages("/offscreen.html")), offscreenQuery, false, true},
		{"another path", pol(AllowExtensionPages("/popup.html")), offscreen, false, false},
		{"the popup by path", pol(AllowExtensionPages("/popup.html")), popup, false, true},
		{"the popup is not the offscreen document", pol(AllowExtensionPages("/offscreen.html")), popup, false, false},
		{"several paths", pol(AllowExtensionPages("/popup.html", "/offscreen.html")), offscreen, false, true},
		{"options add up", pol(AllowExtensionPages("/popup.html"), AllowExtensionPages("/offscreen.html")), offscreen, false, true},
		{"a page in a tab by path", pol(AllowExtensionPages("/offscreen.html")), tabPage, false, true},
		{"every page", pol(AllowExtensionPages()), popup, false, true},
		{"every page: offscreen", pol(AllowExtensionPages()), offscreen, false, true},
		{"pages do not admit the worker", pol(AllowExtensionPages()), worker, false, false},
		{"pages do not admit tabs.sendMessage senders", pol(AllowExtensionPages()), viaTabs, false, false},
		{"pages do not admit content scripts", pol(AllowExtensionPages()), cs, false, false},
		{"pages do not admit content scripts at that path", pol(AllowExtensionPages("/offscreen.html")), cs, false, false},
		{"own page on an external channel", pol(AllowExtensionPages()), offscreen, true, false},
		{"another extension's offscreen document", pol(AllowExtensionPages()), otherOffscreen, true, false},
		{"another extension's offscreen document, internal", pol(AllowExtensionPages()), otherOffscreen, false, false},
		{"another extension by id still admits it", pol(AllowExtensions(other)), otherOffscreen, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.p.allows(tc.s, self, tc.external))
		})
	}
	assert.False(t, pol(AllowExtensionPages("/offscreen.html")).external(), "pages are never external callers")
	assert.False(t, pol(AllowExtensionPages()).empty())
}
