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
}

// Tab is the part of tabs.Tab that the bridge reads from a sender.
type Tab struct {
	ID       int    `json:"id"`
	WindowID int    `json:"windowId"`
	URL      string `json:"url,omitempty"`
	Title    string `json:"title,omitempty"`
	Status   string `json:"status,omitempty"`
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
	classOwnExtension  senderClass = iota // this extension's pages and worker
	classContentScript                    // this extension's content scripts (web-page renderer)
	classOtherExtension
	classWebPage
)

func classifySender(s Sender, self string, external bool) senderClass {
	switch {
	case external && s.ID == "":
		return classWebPage
	case external || s.ID != self || self == "":
		return classOtherExtension
	}
	own := "chrome-extension://" + self
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

// policy is the set of senders a route or port name admits; the zero value admits nobody.
type policy struct {
	own, content bool
	origins      map[string]bool // content scripts in (or web pages at) these origins
	anyPort      map[string]bool // the same, for "scheme://host" on any port
	extensions   map[string]bool // other extensions by id ("*" for all)
}

func (p policy) empty() bool {
	return !p.own && !p.content && len(p.origins) == 0 && len(p.anyPort) == 0 && len(p.extensions) == 0
}

func (p policy) allows(s Sender, self string, external bool) bool {
	switch classifySender(s, self, external) {
	case classOwnExtension:
		return p.own
	case classContentScript:
		return p.content || p.allowsOrigin(s.Origin)
	case classOtherExtension:
		return external && (p.extensions["*"] || p.extensions[s.ID])
	case classWebPage:
		// A page's URL and origin both come from Chrome; when they disagree (an opaque or
		// sandboxed origin, a URL Chrome could not attribute) the page is not trusted.
		if s.URL != "" && urlOrigin(s.URL) != s.Origin {
			return false
		}
		return p.allowsOrigin(s.Origin)
	}
	return false
}

// allowsOrigin matches origin against the exact origins and the any-port origins of the policy.
func (p policy) allowsOrigin(origin string) bool {
	if origin == "" || origin == "null" {
		return false
	}
	return p.origins[origin] || p.anyPort[stripPort(origin)]
}

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
