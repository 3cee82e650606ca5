package bridge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
)

// memBrowser is an in-memory model of Chrome's messaging, enough to test the bridge's logic natively:
// contexts of one extension (worker, pages, content scripts in tabs), listener buffering before Ready,
// sender objects as Chrome builds them, and Chrome's error texts.
type memBrowser struct {
	mu      sync.Mutex
	self    string
	natives map[string]*memNativeHost // native hosts by name
	ctxs    []*memTransport
	tabs    map[int]string // tab id -> "loading" | "complete"
	nextID  int
}

const (
	errNoReceiverText = "Could not establish connection. Receiving end does not exist."
	errClosedPending  = "A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received"
	errDisconnPort    = "Attempting to use a disconnected port object"
	testExtID         = "abcdefghijklmnopabcdefghijklmnop"
)

func newMemBrowser() *memBrowser {
	return &memBrowser{self: testExtID, tabs: map[int]string{}, natives: map[string]*memNativeHost{}}
}

type ctxKind int

const (
	kindWorker ctxKind = iota
	kindPage
	kindContent
	kindWebPage // a web page talking to extensions through externally_connectable
)

type memTransport struct {
	b       *memBrowser
	ext     string // the context's extension id; "" for b.self, and for web pages
	kind    ctxKind
	tab     int
	frame   int
	url     string
	origin  string
	ep      *endpoint
	dead    bool
	in      *inbound
	backlog []func(inbound) // events before listen
	events  chan func(inbound)
	pending map[int]chan []byte
	ports   map[int]*memEnd
	table   *memTable // what the endpoint answers, once published
}

type memEnd struct {
	t      *memTransport
	id     int
	peer   *memEnd
	native *memNativeHost // set on a connectNative port: messages go to the host
	closed bool
}

func (b *memBrowser) add(kind ctxKind, tab, frame int, url, origin string) *endpoint {
	t := &memTransport{b: b, kind: kind, tab: tab, frame: frame, url: url, origin: origin,
		pending: map[int]chan []byte{}, ports: map[int]*memEnd{}}
	t.ep = newEndpoint(t)
	t.ep.logf = func(string, ...any) {}
	b.mu.Lock()
	b.ctxs = append(b.ctxs, t)
	if kind == kindContent {
		if _, ok := b.tabs[tab]; !ok {
			b.tabs[tab] = "complete"
		}
	}
	b.mu.Unlock()
	return t.ep
}

func (b *memBrowser) worker() *endpoint {
	return b.add(kindWorker, -1, -1, "chrome-extension://"+b.self+"/worker.js", "")
}

// page is an extension page (a popup or options page) of b's extension.
func (b *memBrowser) page() *endpoint {
	return b.add(kindPage, -1, -1, "chrome-extension://"+b.self+"/page.html", "chrome-extension://"+b.self)
}

func (b *memBrowser) content(tab, frame int) *endpoint {
	return b.add(kindContent, tab, frame, fmt.Sprintf("http://127.0.0.1:8080/t%d/f%d", tab, frame), "http://127.0.0.1:8080")
}

func (b *memBrowser) transportOf(ep *endpoint) *memTransport { return ep.tr.(*memTransport) }

// kill stops a context: its ports close (peers see onDisconnect with no lastError) and pending
// replies it owed fail as Chrome reports them.
func (b *memBrowser) kill(ep *endpoint) {
	t := b.transportOf(ep)
	b.mu.Lock()
	defer b.mu.Unlock()
	t.dead = true
	for _, e := range t.ports {
		e.closed = true
		if p := e.peer; p != nil && !p.closed {
			p.closed = true
			p.t.enqueue(func(in inbound) { in.portClosed(p.id, "") })
		}
	}
	for id, ch := range t.pending {
		close(ch)
		delete(t.pending, id)
	}
}

// senderFor builds the MessageSender Chrome gives the receiver (conformance.md §3, item 68).
func (b *memBrowser) senderFor(from *memTransport, toTab bool) Sender {
	if from.kind == kindWebPage {
		return Sender{URL: from.url, Origin: from.origin, Tab: &Tab{ID: from.tab, Status: "complete"},
			DocumentID: fmt.Sprintf("doc-%d-%d", from.tab, from.frame), DocumentLifecycle: "active"}
	}
	s := Sender{ID: from.selfID()}
	if toTab { // tabs.sendMessage/connect: no URL; origin of the extension for a worker
		s.Origin = "chrome-extension://" + b.self
		return s
	}
	s.URL = from.url
	if from.kind != kindWorker {
		s.Origin = from.origin
	}
	if from.kind == kindContent {
		s.Tab = &Tab{ID: from.tab, Status: b.tabs[from.tab]}
		s.FrameID = from.frame
		s.DocumentID = fmt.Sprintf("doc-%d-%d", from.tab, from.frame)
		s.DocumentLifecycle = "active"
	}
	return s
}

// receivers lists the live contexts a target reaches, excluding the sender (Chrome never delivers a
// message to its own context).
func (b *memBrowser) receivers(from *memTransport, t Target) []*memTransport {
	var out []*memTransport
	for _, c := range b.ctxs {
		if c == from || c.dead {
			continue
		}
		switch t.kind {
		case targetOtherExtension:
			if c.selfID() == t.ext && (c.kind == kindWorker || c.kind == kindPage) {
				out = append(out, c)
			}
		case targetExtension:
			if c.selfID() == from.selfID() && (c.kind == kindWorker || c.kind == kindPage) {
				out = append(out, c)
			}
		case targetTab:
			if c.kind == kindContent && c.selfID() == from.selfID() && c.tab == t.tab && (t.frame < 0 || t.frame == c.frame) &&
				(t.doc == "" || t.doc == fmt.Sprintf("doc-%d-%d", c.tab, c.frame)) {
				out = append(out, c)
			}
		}
	}
	return out
}

func (t *memTransport) selfID() string {
	if t.ext != "" || t.kind == kindWebPage {
		return t.ext
	}
	return t.b.self
}

func (t *memTransport) enqueue(ev func(inbound)) {
	if t.in == nil {
		t.backlog = append(t.backlog, ev)
		return
	}
	t.events <- ev
}

func (t *memTransport) send(ctx context.Context, tg Target, msg []byte) ([]byte, bool, error) {
	if tg.kind == targetNative {
		return t.sendNative(ctx, tg.ext, msg)
	}
	b := t.b
	b.mu.Lock()
	rs := b.receivers(t, tg)
	if len(rs) == 0 {
		b.mu.Unlock()
		return nil, false, errors.New(errNoReceiverText)
	}
	external := tg.kind == targetOtherExtension
	first := make(chan []byte, len(rs))
	var wg sync.WaitGroup
	kept := 0
	for _, r := range rs {
		if !r.wants(msg) {
			continue // silent, as the glue is for messages its Go code does not handle
		}
		kept++
		b.nextID++
		id := b.nextID
		ch := make(chan []byte, 1)
		r.pending[id] = ch
		sender := b.senderFor(t, tg.kind == targetTab)
		senderText, _ := jsonMarshal(sender)
		r.enqueue(func(in inbound) { in.message(id, external, msg, senderText) })
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
			return nil, false, errors.New(errClosedPending)
		}
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
}

// wants models the glue's synchronous decision: before Ready every envelope and no other message
// (no declaration), afterwards the table the endpoint published. t.b.mu is held.
func (t *memTransport) wants(msg []byte) bool {
	table := t.table
	// JSON.parse's view of the message: exact keys, the last duplicate wins.
	var obj map[string]json.RawMessage
	isEnv := json.Unmarshal(msg, &obj) == nil && obj != nil && obj["extwasm"] != nil
	if table == nil {
		return isEnv
	}
	if isEnv {
		var route string
		return json.Unmarshal(obj["route"], &route) == nil && slices.Contains(table.routes, route)
	}
	return table.raw
}

type memTable struct {
	routes []string
	raw    bool
}

func (t *memTransport) handles(routes []string, raw bool) error {
	t.b.mu.Lock()
	defer t.b.mu.Unlock()
	t.table = &memTable{routes: routes, raw: raw}
	return nil
}

func (t *memTransport) respond(id int, reply []byte) {
	t.b.mu.Lock()
	defer t.b.mu.Unlock()
	if ch, ok := t.pending[id]; ok {
		delete(t.pending, id)
		ch <- append([]byte(nil), reply...)
	}
}

func (t *memTransport) tabState(_ context.Context, tabID int) (string, error) {
	t.b.mu.Lock()
	defer t.b.mu.Unlock()
	if s, ok := t.b.tabs[tabID]; ok {
		return s, nil
	}
	return "missing", nil
}

func (t *memTransport) connect(tg Target, name string) (int, error) {
	if tg.kind == targetNative {
		return t.connectNative(tg.ext)
	}
	b := t.b
	b.mu.Lock()
	defer b.mu.Unlock()
	b.nextID++
	me := &memEnd{t: t, id: b.nextID}
	t.ports[me.id] = me
	rs := b.receivers(t, tg)
	if len(rs) == 0 {
		me.closed = true
		t.enqueue(func(in inbound) { in.portClosed(me.id, errNoReceiverText) })
		return me.id, nil
	}
	r := rs[0]
	b.nextID++
	peer := &memEnd{t: r, id: b.nextID, peer: me}
	me.peer = peer
	r.ports[peer.id] = peer
	senderText, _ := jsonMarshal(b.senderFor(t, tg.kind == targetTab))
	external := tg.kind == targetOtherExtension
	r.enqueue(func(in inbound) { in.connect(peer.id, external, name, senderText) })
	return me.id, nil
}

func (t *memTransport) post(port int, msg []byte) error {
	t.b.mu.Lock()
	defer t.b.mu.Unlock()
	e := t.ports[port]
	if e == nil || e.closed {
		return errors.New(errDisconnPort)
	}
	if e.native != nil {
		t.postNative(e, msg)
		return nil
	}
	if p := e.peer; p != nil && !p.closed {
		data := append([]byte(nil), msg...)
		p.t.enqueue(func(in inbound) { in.portMessage(p.id, data) })
	}
	return nil
}

func (t *memTransport) disconnect(port int) {
	t.b.mu.Lock()
	defer t.b.mu.Unlock()
	e := t.ports[port]
	if e == nil || e.closed {
		return
	}
	e.closed = true
	if p := e.peer; p != nil && !p.closed {
		p.closed = true
		p.t.enqueue(func(in inbound) { in.portClosed(p.id, "") })
	}
}

func (t *memTransport) listen(in inbound) error {
	t.b.mu.Lock()
	defer t.b.mu.Unlock()
	t.in = &in
	t.events = make(chan func(inbound), 1<<12)
	for _, ev := range t.backlog {
		t.events <- ev
	}
	t.backlog = nil
	go func() {
		for ev := range t.events {
			ev(in)
		}
	}()
	return nil
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }
