// Package memchrome is an in-memory model of Chrome's extension messaging, enough to run bridge
// endpoints natively: contexts of extensions (service worker, extension pages, content scripts in
// tabs and frames), web pages messaging through externally_connectable, and native hosts. It
// buffers events until a context listens, builds MessageSender objects as Chrome does and fails
// with Chrome's error texts. Each Context is a wire.Transport.
package memchrome

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sync"

	"github.com/extwasm/extwasm/bridge/internal/wire"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

// Kind is what sort of JavaScript context a Context models.
type Kind int

// The kinds of Context.
const (
	Worker Kind = iota
	Page
	ContentScript
	// WebPage is a web page talking to extensions through externally_connectable.
	WebPage
	// UserScript is a chrome.userScripts world with messaging: what it sends reaches the
	// extension's worker and pages on the user-script channel, with a content script's sender.
	UserScript
)

// Browser holds every context and tab.
type Browser struct {
	mu      sync.Mutex
	natives map[string]NativeHost
	ctxs    []*Context
	tabs    map[int]string // tab id -> wire.TabLoading | wire.TabComplete
	nextID  int
	// cloneExts are the extensions with message_serialization structured_clone (clone.go).
	cloneExts map[string]bool
}

// New returns an empty browser.
func New() *Browser {
	return &Browser{tabs: map[int]string{}, natives: map[string]NativeHost{}}
}

// Context is one JavaScript context and its messaging as the bridge sees it.
type Context struct {
	b       *Browser
	ext     string // the context's extension ID; "" for a web page
	kind    Kind
	tab     int
	frame   int
	url     string
	origin  string
	dead    bool
	in      *wire.Inbound
	backlog []func(wire.Inbound) // events before Listen
	events  chan func(wire.Inbound)
	pending map[int]chan []byte
	ports   map[int]*portEnd
	table   *wire.Table // what the endpoint answers, once published
}

type portEnd struct {
	c      *Context
	id     int
	peer   *portEnd
	native *NativeHost // set on a connectNative port: messages go to the host
	closed bool
	// released is a receiver end the endpoint left alone: messages to it go nowhere, and the
	// opener's port stays open until the receiver's context ends.
	released bool
}

// Add creates a context of extension ext (ignored for a web page) at url; tab and frame place a
// content script or web page. A content script marks its tab complete: Chrome injects it when the
// document is ready.
func (b *Browser) Add(kind Kind, ext string, tab, frame int, rawURL string) *Context {
	c := &Context{b: b, ext: ext, kind: kind, tab: tab, frame: frame, url: rawURL, origin: originOf(rawURL),
		pending: map[int]chan []byte{}, ports: map[int]*portEnd{}}
	if kind == WebPage {
		c.ext = ""
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.ctxs = append(b.ctxs, c)
	if kind == ContentScript || kind == WebPage {
		b.tabs[tab] = wire.TabComplete
	}
	return c
}

// originOf is the serialized origin of a URL; "null" for one without a host (Chrome's opaque origin).
func originOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return "null"
	}
	return u.Scheme + "://" + u.Host
}

// SetOrigin overrides the context's origin, for a frame whose origin is not its URL's (a sandboxed
// frame's is "null").
func (c *Context) SetOrigin(origin string) {
	c.b.mu.Lock()
	defer c.b.mu.Unlock()
	c.origin = origin
}

// SetTabLoading marks a tab as open and still loading: no content script runs in it yet.
func (b *Browser) SetTabLoading(tab int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.tabs[tab] = wire.TabLoading
}

// Backlog is the number of events held for the context until it listens.
func (c *Context) Backlog() int {
	c.b.mu.Lock()
	defer c.b.mu.Unlock()
	return len(c.backlog)
}

// Stop ends the context: its ports close (peers see onDisconnect with no lastError) and replies it
// owed fail as Chrome reports them.
func (c *Context) Stop() {
	b := c.b
	b.mu.Lock()
	defer b.mu.Unlock()
	c.dead = true
	for _, e := range c.ports {
		e.closed = true
		if p := e.peer; p != nil && !p.closed {
			p.closed = true
			p.c.enqueue(func(in wire.Inbound) { in.PortClosed(p.id, "") })
		}
	}
	for id, ch := range c.pending {
		close(ch)
		delete(c.pending, id)
	}
}

// sender is Chrome's runtime.MessageSender, as JSON.
type sender struct {
	ID                string     `json:"id,omitempty"`
	URL               string     `json:"url,omitempty"`
	Origin            string     `json:"origin,omitempty"`
	Tab               *senderTab `json:"tab,omitempty"`
	FrameID           *int       `json:"frameId,omitempty"`
	DocumentID        string     `json:"documentId,omitempty"`
	DocumentLifecycle string     `json:"documentLifecycle,omitempty"`
}

type senderTab struct {
	ID     int    `json:"id"`
	URL    string `json:"url,omitempty"`
	Status string `json:"status"`
}

func documentID(tab, frame int) string { return fmt.Sprintf("doc-%d-%d", tab, frame) }

// senderFor builds the MessageSender Chrome gives the receiver (conformance.md §3, item 68); called
// with b.mu held.
func (b *Browser) senderFor(from *Context, toTab bool) []byte {
	var s sender
	switch {
	case from.kind == WebPage:
		frame := from.frame
		s = sender{URL: from.url, Origin: from.origin, Tab: &senderTab{ID: from.tab, Status: b.tabs[from.tab]},
			FrameID: &frame, DocumentID: documentID(from.tab, from.frame), DocumentLifecycle: "active"}
	case toTab: // tabs.sendMessage/connect: no URL; the extension's origin
		s = sender{ID: from.ext, Origin: "chrome-extension://" + from.ext}
	default:
		s = sender{ID: from.ext, URL: from.url}
		if from.kind != Worker {
			s.Origin = from.origin
		}
		if from.kind == ContentScript || from.kind == UserScript {
			frame := from.frame
			s.Tab = &senderTab{ID: from.tab, Status: b.tabs[from.tab]}
			s.FrameID = &frame
			s.DocumentID = documentID(from.tab, from.frame)
			s.DocumentLifecycle = "active"
		}
	}
	text, err := json.Marshal(s)
	if err != nil {
		panic(err) // a struct of strings and ints always marshals
	}
	return text
}

// receivers lists the live contexts a target reaches, excluding the sender (Chrome never delivers
// a message to its own context); called with b.mu held.
func (b *Browser) receivers(from *Context, t wire.Target) []*Context {
	var out []*Context
	for _, c := range b.ctxs {
		if c == from || c.dead {
			continue
		}
		extensionSide := c.kind == Worker || c.kind == Page
		switch t.Kind {
		case wire.ToOtherExtension:
			if extensionSide && c.ext == t.Extension {
				out = append(out, c)
			}
		case wire.ToExtension:
			if extensionSide && from.ext != "" && c.ext == from.ext {
				out = append(out, c)
			}
		case wire.ToTab:
			if c.kind == ContentScript && c.ext == from.ext && c.tab == t.Tab && (t.Frame < 0 || t.Frame == c.frame) &&
				(t.DocumentID == "" || t.DocumentID == documentID(c.tab, c.frame)) {
				out = append(out, c)
			}
		}
	}
	return out
}

// SelfID is the context's extension ID; "" for a web page.
func (c *Context) SelfID() string { return c.ext }

// enqueue delivers an event, or holds it until the context listens; called with b.mu held.
func (c *Context) enqueue(ev func(wire.Inbound)) {
	if c.in == nil {
		c.backlog = append(c.backlog, ev)
		return
	}
	c.events <- ev
}

// Send delivers a one-time message to every receiver; the first reply wins.
func (c *Context) Send(ctx context.Context, t wire.Target, msg []byte) ([]byte, bool, error) {
	if t.Kind == wire.ToNative {
		return c.sendNative(ctx, t.Extension, msg)
	}
	if t.Kind == wire.ToPageWorld {
		// The in-memory browser has no pages: no main world ever connects.
		return nil, false, errors.New(chromefacts.ErrReceivingEndDoesNotExist)
	}
	b := c.b
	b.mu.Lock()
	if b.crossesFormats(c, t) {
		b.mu.Unlock()
		return nil, false, errDifferentSerialization
	}
	rs := b.receivers(c, t)
	if len(rs) == 0 {
		b.mu.Unlock()
		return nil, false, errors.New(chromefacts.ErrReceivingEndDoesNotExist)
	}
	external := isExternal(c, t)
	senderText := b.senderFor(c, t.Kind == wire.ToTab)
	first := make(chan []byte, len(rs))
	var wg sync.WaitGroup
	kept := 0
	for _, r := range rs {
		if !r.wants(msg, external) {
			continue // silent, as the glue is for messages its Go code does not handle
		}
		kept++
		b.nextID++
		id := b.nextID
		ch := make(chan []byte, 1)
		r.pending[id] = ch
		r.enqueue(func(in wire.Inbound) { c.deliverMessage(in, id, external, msg, senderText) })
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, ok := <-ch; ok {
				first <- v
			}
		}()
	}
	b.mu.Unlock()
	if kept == 0 {
		return nil, false, nil // listeners exist, none kept the channel open: resolves undefined
	}
	allGone := make(chan struct{})
	go func() { wg.Wait(); close(allGone) }()
	select {
	case v := <-first:
		return v, true, nil
	case <-allGone:
		select {
		case v := <-first:
			return v, true, nil
		default:
			return nil, false, errors.New(chromefacts.ErrAsyncResponseChannelClosed)
		}
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
}

// isExternal reports whether a message or port from c to t arrives on onMessageExternal or
// onConnectExternal: it comes from another extension (any of its contexts) or a web page. A context
// that names its own extension's id is internal (conformance.md item 18).
func isExternal(c *Context, t wire.Target) bool {
	return t.Kind == wire.ToOtherExtension && t.Extension != c.ext
}

// Handles records which messages the context's endpoint answers (wire.Transport).
// The size bounds it carries are the glue's to enforce before copying; here the endpoint's own
// checks see every message.
func (c *Context) Handles(t wire.Table) error {
	c.b.mu.Lock()
	defer c.b.mu.Unlock()
	c.table = &t
	return nil
}

// wants models the glue's synchronous decision: before the endpoint publishes its table, every
// envelope and no other message (a worker script with no declaration); afterwards the table, whose
// external part decides for external senders. c.b.mu is held.
func (c *Context) wants(msg []byte, external bool) bool {
	// JSON.parse's view of the message: exact keys, the last duplicate wins.
	var obj map[string]json.RawMessage
	isEnvelope := json.Unmarshal(msg, &obj) == nil && obj != nil && obj["extwasm"] != nil
	if c.table == nil {
		return isEnvelope
	}
	routes, raw := c.table.Routes, c.table.Raw
	if external {
		routes, raw = c.table.External, c.table.ExternalRaw
	}
	if isEnvelope {
		var route string
		return json.Unmarshal(obj["route"], &route) == nil && slices.Contains(routes, route)
	}
	if !raw || len(c.table.RawKeys) == 0 {
		return raw
	}
	for _, k := range c.table.RawKeys {
		if _, ok := obj[k]; ok {
			return true
		}
	}
	return false
}

// Respond answers message id.
func (c *Context) Respond(id int, reply []byte) {
	c.b.mu.Lock()
	defer c.b.mu.Unlock()
	if ch, ok := c.pending[id]; ok {
		delete(c.pending, id)
		ch <- append([]byte(nil), reply...)
	}
}

// TabState reports whether a tab exists and has finished loading.
func (c *Context) TabState(_ context.Context, tabID int) (string, error) {
	c.b.mu.Lock()
	defer c.b.mu.Unlock()
	if s, ok := c.b.tabs[tabID]; ok {
		return s, nil
	}
	return wire.TabMissing, nil
}

// newPortEnd registers a port end of c; called with b.mu held.
func (c *Context) newPortEnd() *portEnd {
	c.b.nextID++
	e := &portEnd{c: c, id: c.b.nextID}
	c.ports[e.id] = e
	return e
}

// Connect opens a port to the first receiver of t.
func (c *Context) Connect(t wire.Target, name string) (int, error) {
	if t.Kind == wire.ToNative {
		return c.connectNative(t.Extension)
	}
	b := c.b
	b.mu.Lock()
	defer b.mu.Unlock()
	me := c.newPortEnd()
	if b.crossesFormats(c, t) {
		me.closed = true
		c.enqueue(func(in wire.Inbound) { in.PortClosed(me.id, chromefacts.ErrDifferentMessageSerialization) })
		return me.id, nil
	}
	rs := b.receivers(c, t)
	if len(rs) == 0 {
		me.closed = true
		c.enqueue(func(in wire.Inbound) { in.PortClosed(me.id, chromefacts.ErrReceivingEndDoesNotExist) })
		return me.id, nil
	}
	peer := rs[0].newPortEnd()
	peer.peer, me.peer = me, peer
	senderText := b.senderFor(c, t.Kind == wire.ToTab)
	external := isExternal(c, t)
	peer.c.enqueue(func(in wire.Inbound) { c.deliverConnect(in, peer.id, external, name, senderText) })
	return me.id, nil
}

// deliverMessage hands a receiver a one-time message from c on the channel Chrome uses for c's
// kind: the user-script one for a user script.
func (c *Context) deliverMessage(in wire.Inbound, id int, external bool, msg, senderText []byte) {
	if c.kind != UserScript {
		in.Message(id, external, msg, senderText)
	} else if in.UserScriptMessage != nil {
		in.UserScriptMessage(id, msg, senderText)
	}
}

// deliverConnect is deliverMessage for a port.
func (c *Context) deliverConnect(in wire.Inbound, id int, external bool, name string, senderText []byte) {
	if c.kind != UserScript {
		in.Connect(id, external, name, senderText)
	} else if in.UserScriptConnect != nil {
		in.UserScriptConnect(id, name, senderText)
	}
}

// Post sends a message on a port.
func (c *Context) Post(port int, msg []byte) error {
	c.b.mu.Lock()
	defer c.b.mu.Unlock()
	e := c.ports[port]
	if e == nil || e.closed {
		return errors.New(chromefacts.ErrDisconnectedPort)
	}
	if e.native != nil {
		c.postNative(e, msg)
		return nil
	}
	if p := e.peer; p != nil && !p.closed && !p.released {
		data := append([]byte(nil), msg...)
		p.c.enqueue(func(in wire.Inbound) { in.PortMessage(p.id, data) })
	}
	return nil
}

// Disconnect closes a port; the peer sees onDisconnect with no lastError.
func (c *Context) Disconnect(port int) {
	c.b.mu.Lock()
	defer c.b.mu.Unlock()
	e := c.ports[port]
	if e == nil || e.closed {
		return
	}
	e.closed = true
	if p := e.peer; p != nil && !p.closed {
		p.closed = true
		p.c.enqueue(func(in wire.Inbound) { in.PortClosed(p.id, "") })
	}
}

// Release forgets a receiver's port without a message or a disconnect (wire.Transport).
func (c *Context) Release(port int) {
	c.b.mu.Lock()
	defer c.b.mu.Unlock()
	if e := c.ports[port]; e != nil {
		e.released = true
	}
}

// Listen installs the hooks and delivers the events held so far, in order, then later ones as
// they come.
func (c *Context) Listen(in wire.Inbound) error {
	c.b.mu.Lock()
	defer c.b.mu.Unlock()
	c.in = &in
	c.events = make(chan func(wire.Inbound), 1<<12)
	for _, ev := range c.backlog {
		c.events <- ev
	}
	c.backlog = nil
	go func() {
		for ev := range c.events {
			ev(in)
		}
	}()
	return nil
}
