package bridge

import (
	"time"

	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/extwasm/extwasm/internal/envelope"
)

// Defaults for routes and ports.
const (
	// DefaultMaxBytes bounds an incoming message (its whole JSON text) unless MaxBytes says otherwise.
	DefaultMaxBytes = 1 << 20
	// DefaultMaxDepth bounds the JSON nesting of an incoming message unless MaxDepth says otherwise.
	DefaultMaxDepth = 32
	// DefaultTimeout bounds a call whose context has no deadline.
	DefaultTimeout = 10 * time.Second
	// HandlerTimeout bounds a handler's context: Chrome gives up on a request after 5 minutes.
	HandlerTimeout = 5 * time.Minute
	// ChromeMaxBytes is Chrome's own limit on a message's JSON text.
	ChromeMaxBytes = chromefacts.MaxMessageBytes
)

// Option configures a route handler or a port name: who may call it and how much it accepts.
type Option func(*options)

type options struct {
	policy   policy
	maxBytes int
	maxDepth int
	rawKeys  []string
}

func buildOptions(opts []Option) options {
	o := options{maxBytes: DefaultMaxBytes, maxDepth: DefaultMaxDepth}
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	return o
}

func (o options) limits() envelope.Limits {
	return envelope.Limits{MaxBytes: o.maxBytes, MaxDepth: o.maxDepth}
}

// AllowOwnExtension admits this extension's service worker and extension pages (popup, options,
// side panel, offscreen, extension frames), and, in a content script, messages the extension sends
// with tabs.sendMessage or tabs.connect.
func AllowOwnExtension() Option { return func(o *options) { o.policy.own = true } }

// AllowUserScripts admits this extension's user scripts: scripts registered with
// chrome.userScripts (or run with userScripts.execute) in a world whose configuration enables
// messaging (userScripts.configureWorld({messaging: true})). Chrome delivers what they send on
// runtime.onUserScriptMessage and onUserScriptConnect, which the glue listens to, and gives them a
// content script's sender; the bridge tells them apart by that channel, so AllowContentScripts and
// AllowOrigins never admit a user script, and AllowUserScripts admits no content script. Chrome
// 156's sender does not say which user-script world sent, so every world with messaging is
// admitted alike.
func AllowUserScripts() Option { return func(o *options) { o.policy.userScripts = true } }

// AllowExtensionPages admits this extension's own pages whose path is one of paths, such as
// AllowExtensionPages("/offscreen.html") for the offscreen document or "/popup.html" for the
// action's popup (a leading "/" may be left out; a query or fragment in the sender's URL does not
// count). With no path it admits every page of the extension: popup, options, side panel,
// offscreen document, pages in tabs and extension frames. It does not admit the service worker's
// runtime messages (Chrome gives them no origin), content scripts or other extensions. In a content
// script, though, the worker's tabs.sendMessage comes as {id, url, origin} with the worker script's
// URL (measured in Chromium 156), the shape of a page in no tab: with no path it is admitted too,
// and naming the pages' paths keeps it out. A page is known by Chrome's sender (Sender.Page), never by the message. Chrome gives
// a page in no tab only {id, url, origin}: the path is what tells the offscreen document from the
// popup. AllowOwnExtension admits all of these and more.
func AllowExtensionPages(paths ...string) Option {
	return func(o *options) { o.policy.pages.add(paths) }
}

// AllowContentScripts admits this extension's content scripts in any web page. Treat their input as
// attacker-controlled: a compromised page renderer can forge it.
func AllowContentScripts() Option { return func(o *options) { o.policy.content = true } }

// AllowOrigins admits this extension's content scripts running in frames of the given origins (such
// as "https://example.com"), and, on external channels, web pages of those origins (which must also
// be listed in the manifest's externally_connectable.matches). An origin ending in ":*", such as
// "http://127.0.0.1:*", admits that scheme and host on any port, as a match pattern's host does.
// The origin is the one Chrome puts in the MessageSender; a web page whose sender URL is not on that
// origin is refused. Other extensions' content scripts in those frames are not admitted: see
// AllowExtensionContentScripts.
func AllowOrigins(origins ...string) Option {
	return func(o *options) { o.policy.origins.add(origins) }
}

// AllowExtensions admits, on external channels, the service worker and extension pages of other
// extensions by id ("*" admits every extension): senders whose URL is inside that extension
// (chrome-extension://<id>/…). Their content scripts, which run in web pages and which a compromised
// page renderer can impersonate, are not admitted: see AllowExtensionContentScripts.
func AllowExtensions(ids ...string) Option {
	return func(o *options) {
		if o.policy.extensions == nil {
			o.policy.extensions = map[string]bool{}
		}
		for _, s := range ids {
			o.policy.extensions[s] = true
		}
	}
}

// AllowExtensionContentScripts admits, on external channels, the content scripts of extension id
// ("*": of every extension) running in frames of the given origins, written as for AllowOrigins.
// With no origin it admits them in every web page that extension's manifest injects them into,
// which this extension does not control. Treat their input as attacker-controlled: any page they
// run in can forge it. Calling it again for the same id adds origins.
func AllowExtensionContentScripts(id string, origins ...string) Option {
	return func(o *options) {
		if o.policy.extScripts == nil {
			o.policy.extScripts = map[string]*scripts{}
		}
		sc := o.policy.extScripts[id]
		if sc == nil {
			sc = &scripts{}
			o.policy.extScripts[id] = sc
		}
		if len(origins) == 0 {
			sc.anywhere = true
			return
		}
		sc.in.add(origins)
	}
}

// MaxBytes bounds the JSON text of each incoming message; larger ones get a too_large reply.
func MaxBytes(n int) Option { return func(o *options) { o.maxBytes = n } }

// MaxDepth bounds the JSON nesting of each incoming message.
func MaxDepth(n int) Option { return func(o *options) { o.maxDepth = n } }

// RawKeys narrows a HandleRaw handler to plain JSON objects with at least one of these top-level
// keys, such as RawKeys("greeting") for Chrome's {greeting: "hello"}. Any other message is left to
// the extension's other contexts, which can then answer it (Chrome keeps the first reply); without
// RawKeys the handler claims every message that is not an extwasm envelope. The glue decides
// synchronously when a message arrives, so while Go starts it uses the keys the worker script
// declares: extwasm.start('worker.wasm', {raw: ['greeting']}). Other handlers ignore it.
func RawKeys(keys ...string) Option {
	return func(o *options) { o.rawKeys = append(o.rawKeys[:len(o.rawKeys):len(o.rawKeys)], keys...) }
}
