package bridge

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/extwasm/extwasm/internal/chromefacts"
)

// Sender is Chrome's runtime.MessageSender: who sent a message or opened a port. It comes from the
// browser, never from the message. Absent fields are zero.
type Sender struct {
	ID                string `json:"id,omitempty"`     // sending extension; "" for web pages
	URL               string `json:"url,omitempty"`    // sending page or frame (not set for tabs.sendMessage)
	Origin            string `json:"origin,omitempty"` // sending frame's origin (not set for service workers)
	Tab               *Tab   `json:"tab,omitempty"`    // set when the sender is in a tab
	FrameID           int    `json:"frameId"`          // meaningful only when Tab is set; 0 is the top frame
	DocumentID        string `json:"documentId,omitempty"`
	DocumentLifecycle string `json:"documentLifecycle,omitempty"`
	NativeApplication string `json:"nativeApplication,omitempty"`

	// pageWorld marks a request from the page's main world over the page-world channel: the
	// content script's glue says so, never the message (see PageWorld).
	pageWorld bool
	// userScript is set when the message or port came from a user script (see UserScript): the
	// channel says so, not the MessageSender.
	userScript bool
}

// PageWorld reports whether the request came from the page's main world over the content script's
// page-world channel (OpenPageWorld). URL and Origin are then the content script's own frame's,
// and nothing else is set: any script of the page may have sent it.
func (s Sender) PageWorld() bool { return s.pageWorld }

// Tab is the part of tabs.Tab that the bridge reads from a sender.
type Tab struct {
	ID       int    `json:"id"`
	WindowID int    `json:"windowId"`
	URL      string `json:"url,omitempty"`
	Title    string `json:"title,omitempty"`
	Status   string `json:"status,omitempty"`
}

// Page returns the path of the extension page that sent, such as "/offscreen.html" or "/popup.html"
// (without query or fragment), when s is a document of its own extension: a URL inside
// chrome-extension://<ID>/ and that origin. Chrome gives such a sender in no tab (the popup, a side
// panel, the offscreen document) just {id, url, origin}, so its path is what tells them apart;
// one in a tab also has Tab. Page returns "" for a service worker (Chrome gives it no origin), a
// content script, a web page and a tabs.sendMessage or tabs.connect sender (no URL).
//
// Page says nothing about which extension sent: compare ID with your own, or let a route's
// AllowExtensionPages option decide.
func (s Sender) Page() string {
	if s.ID == "" {
		return ""
	}
	own := extensionOrigin(s.ID)
	rest, ok := strings.CutPrefix(s.URL, own+"/")
	if !ok || s.Origin != own {
		return ""
	}
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		rest = rest[:i]
	}
	return "/" + rest
}

func parseSender(text []byte) (Sender, error) {
	var s Sender
	if len(text) == 0 {
		return s, nil
	}
	// Lenient on purpose: Chrome adds fields to MessageSender and tabs.Tab over time.
	err := json.Unmarshal(text, &s)
	return s, err
}

type senderKey struct{}

// SenderFrom returns the sender of the message or port being handled by ctx's handler.
func SenderFrom(ctx context.Context) (Sender, bool) {
	s, ok := ctx.Value(senderKey{}).(Sender)
	return s, ok
}

// senderClass says how much to trust a sender, relative to the receiving extension.
type senderClass int

const (
	classOwnExtension       senderClass = iota // this extension's pages and worker
	classContentScript                         // this extension's content scripts (web-page renderer)
	classOtherExtension                        // another extension's pages and worker
	classOtherContentScript                    // another extension's content scripts (web-page renderer)
	classWebPage
	classUserScript // this extension's user scripts (chrome.userScripts worlds with messaging)
)

// extensionOrigin is the origin of an extension's own pages and worker.
func extensionOrigin(id string) string { return "chrome-extension://" + id }

func classifySender(s Sender, self string, external bool) senderClass {
	switch {
	case s.userScript:
		// Before anything else: a user script's sender is shaped like a content script's.
		return classUserScript
	case external && s.ID == "":
		return classWebPage
	case external || s.ID != self || self == "":
		// Chrome gives another extension's page or worker a URL inside that extension (and the
		// extension's origin, or none for a worker); its content scripts get the web page's URL,
		// origin and tab, like the extension's own content scripts.
		own := extensionOrigin(s.ID)
		if s.ID != "" && strings.HasPrefix(s.URL, own+"/") && (s.Origin == "" || s.Origin == own) {
			return classOtherExtension
		}
		return classOtherContentScript
	}
	own := extensionOrigin(self)
	if strings.HasPrefix(s.URL, own+"/") {
		return classOwnExtension
	}
	// tabs.sendMessage/connect from the extension carry no URL, and an origin of the extension
	// (or of the sending frame); content scripts cannot call tabs.*, so an internal sender with no
	// URL is the extension itself unless it claims a web origin.
	if s.URL == "" && (s.Origin == "" || s.Origin == own) {
		return classOwnExtension
	}
	return classContentScript
}

// origins is a set of web origins: exact ones, and "scheme://host" on any port.
type origins struct {
	exact, anyPort map[string]bool
}

// add records origins written as in AllowOrigins.
func (o *origins) add(list []string) {
	if o.exact == nil {
		o.exact, o.anyPort = map[string]bool{}, map[string]bool{}
	}
	for _, s := range list {
		if base, ok := strings.CutSuffix(s, ":*"); ok {
			o.anyPort[base] = true
			continue
		}
		o.exact[s] = true
	}
}

func (o origins) empty() bool { return len(o.exact) == 0 && len(o.anyPort) == 0 }

// has matches origin against the exact origins and the any-port origins.
func (o origins) has(origin string) bool {
	if origin == "" || origin == "null" {
		return false
	}
	return o.exact[origin] || o.anyPort[stripPort(origin)]
}

// scripts says where another extension's content scripts are admitted: every web page, or the
// listed origins.
type scripts struct {
	anywhere bool
	in       origins
}

// pages is a set of the extension's own pages by path ("/offscreen.html"), or every page.
type pages struct {
	all   bool
	paths map[string]bool
}

// add records paths written as in AllowExtensionPages.
func (pg *pages) add(list []string) {
	if len(list) == 0 {
		pg.all = true
		return
	}
	if pg.paths == nil {
		pg.paths = map[string]bool{}
	}
	for _, p := range list {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		pg.paths[p] = true
	}
}

func (pg pages) empty() bool { return !pg.all && len(pg.paths) == 0 }

// admits reports whether s, already classed as the receiving extension itself, is one of its pages
// in pg.
func (pg pages) admits(s Sender) bool {
	path := s.Page()
	return path != "" && (pg.all || pg.paths[path])
}

// policy is the set of senders a route or port name admits; the zero value admits nobody.
type policy struct {
	own, content bool
	page         bool                // the page's main world, over the page-world channel
	userScripts  bool                // the extension's user scripts
	pages        pages               // the extension's own pages (not its worker), by path
	origins      origins             // own content scripts in (or web pages at) these origins
	extensions   map[string]bool     // other extensions' pages and workers by id ("*" for all)
	extScripts   map[string]*scripts // other extensions' content scripts by id ("*" for all)
}

func (p policy) empty() bool {
	return !p.own && !p.content && !p.page && !p.userScripts && p.pages.empty() && p.origins.empty() && len(p.extensions) == 0 && len(p.extScripts) == 0
}

// external reports whether some sender on an external channel (another extension, its content
// scripts, a web page) can pass p. Routes and port names for which it is false do not exist for
// external callers.
func (p policy) external() bool {
	return !p.origins.empty() || len(p.extensions) > 0 || len(p.extScripts) > 0
}

func (p policy) allows(s Sender, self string, external bool) bool {
	if s.pageWorld {
		return p.page && !external
	}
	switch classifySender(s, self, external) {
	case classOwnExtension:
		return p.own || p.pages.admits(s)
	case classContentScript:
		return p.content || p.origins.has(s.Origin)
	case classOtherExtension:
		return external && (p.extensions["*"] || p.extensions[s.ID])
	case classOtherContentScript:
		return external && s.ID != "" && (p.extScripts["*"].admits(s) || p.extScripts[s.ID].admits(s))
	case classWebPage:
		return sameOrigin(s) && p.origins.has(s.Origin)
	case classUserScript:
		return !external && p.userScripts
	}
	return false
}

// admits reports whether a content script in s's frame is inside sc; a nil sc admits nobody. As for
// the extension's own content scripts, the frame's origin decides (an about:blank frame has its
// creator's).
func (sc *scripts) admits(s Sender) bool {
	if sc == nil {
		return false
	}
	return sc.anywhere || sc.in.has(s.Origin)
}

// sameOrigin reports whether a frame's URL and origin, both from Chrome, agree: when they do not
// (an opaque or sandboxed origin, a URL Chrome could not attribute) the frame is not trusted.
func sameOrigin(s Sender) bool { return s.URL == "" || urlOrigin(s.URL) == s.Origin }

// stripPort removes the ":port" of an origin such as "http://127.0.0.1:8080".
func stripPort(origin string) string {
	scheme, hostport, ok := strings.Cut(origin, "://")
	if !ok {
		return origin
	}
	if i := strings.LastIndexByte(hostport, ':'); i >= 0 && !strings.Contains(hostport[i:], "]") {
		hostport = hostport[:i]
	}
	return scheme + "://" + hostport
}

// ValidExtensionID reports whether id has the shape of a Chrome extension id (32 letters a–p).
func ValidExtensionID(id string) bool { return chromefacts.IsExtensionID(id) }
