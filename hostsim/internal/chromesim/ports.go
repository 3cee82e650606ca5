package chromesim

import (
	"fmt"
	"time"

	"github.com/extwasm/extwasm/internal/chromefacts"
)

// channel is a long-lived connection: one opener port and a receiver port in every context that
// had an onConnect listener (conformance §2).
type channel struct {
	id        int
	name      string
	event     string
	senderJS  string
	opener    *portEnd
	receivers []*portEnd
	opening   int // connect dispatches not yet run
	// pending counts, per receiving context, the connect dispatches on their way to it, so that
	// a context that ends before they arrive no longer holds the channel unopened.
	pending  map[*Context]int
	open     bool     // every dispatch ran
	queued   []string // opener posts made before the channel opened
	closed   bool
	lane     time.Duration // opener → receivers
	backLane time.Duration // receivers → opener
}

type portEnd struct {
	id     int
	ch     *channel
	ctx    *Context
	opener bool
	gone   bool // disconnected locally or by the context's end
}

func (ch *channel) label() string {
	if ch.name == "" {
		return fmt.Sprintf("port#%d", ch.id)
	}
	return fmt.Sprintf("port#%d(%s)", ch.id, ch.name)
}

func (b *Browser) newEnd(ch *channel, c *Context, opener bool) *portEnd {
	b.nextChan++
	e := &portEnd{id: b.nextChan, ch: ch, ctx: c, opener: opener}
	b.ends[e.id] = e
	return e
}

func (b *Browser) newChannel(c *Context, name, event string) *channel {
	b.nextChan++
	ch := &channel{id: b.nextChan, name: name, event: event}
	b.channels[ch.id] = ch
	ch.opener = b.newEnd(ch, c, true)
	return ch
}

// connect is runtime.connect from c; it returns the opener port's id.
func (b *Browser) connect(c *Context, targetID, name string) int {
	target, event := b.runtimeTarget(c, targetID)
	ev := "onConnect"
	switch event {
	case "onMessageExternal":
		ev = "onConnectExternal"
	case "onUserScriptMessage":
		ev = "onUserScriptConnect"
	}
	ch := b.newChannel(c, name, ev)
	to := targetID
	if target != nil {
		to = target.name
	}
	b.Transcript.add(Entry{Channel: ch.label(), Kind: "runtime.connect", From: c.name, To: to})
	if target == nil {
		ch.opening++
		b.later(0, func() { ch.opening--; b.checkOpen(ch) })
		return ch.opener.id
	}
	if c.crossesFormats(target) {
		ch.opening++
		b.later(0, func() { ch.opening--; b.closeChannel(ch, ch.opener, chromefacts.ErrDifferentMessageSerialization) })
		return ch.opener.id
	}
	ch.senderJS = b.senderJSON(c, target, false)
	for _, rc := range b.extensionReceivers(target, c) {
		b.dispatchConnect(ch, rc)
	}
	if target.man.ServiceWorker != "" && target.worker != c {
		ch.opening++
		target.withWorker(func(w *Context) {
			ch.opening--
			if w == nil || w == c {
				b.checkOpen(ch)
				return
			}
			b.dispatchConnect(ch, w)
		})
	}
	b.checkOpen(ch)
	return ch.opener.id
}

// tabsConnect is tabs.connect from c.
func (b *Browser) tabsConnect(c *Context, tabID, frameID int, docID, name string) int {
	ch := b.newChannel(c, name, "onConnect")
	to := fmt.Sprintf("tab %d", tabID)
	if frameID >= 0 {
		to += fmt.Sprintf(" frame %d", frameID)
	}
	b.Transcript.add(Entry{Channel: ch.label(), Kind: "tabs.connect", From: c.name, To: to})
	ch.senderJS = b.senderJSON(c, c.ext, true)
	for _, rc := range b.tabReceivers(c, tabID, frameID, docID) {
		b.dispatchConnect(ch, rc)
	}
	ch.opening++
	b.later(0, func() { ch.opening--; b.checkOpen(ch) })
	return ch.opener.id
}

func (b *Browser) dispatchConnect(ch *channel, rc *Context) {
	ch.opening++
	if ch.pending == nil {
		ch.pending = map[*Context]int{}
	}
	ch.pending[rc]++
	b.hop(&ch.lane, rc.realm, func() {
		if ch.pending[rc] == 0 {
			return // rc ended first; portsContextGone has accounted for this dispatch
		}
		ch.pending[rc]--
		if ch.pending[rc] == 0 {
			delete(ch.pending, rc)
		}
		ch.opening--
		if !ch.closed && !rc.dead && !rc.invalid && rc.hasListeners(ch.event) {
			end := b.newEnd(ch, rc, false)
			ch.receivers = append(ch.receivers, end)
			b.Transcript.add(Entry{Channel: ch.label(), Kind: "onConnect", From: ch.opener.ctx.name, To: rc.name})
			if _, err := rc.call("dispatchConnect", ch.event, end.id, ch.name, ch.senderJS); err != nil {
				rc.realm.ReportError(err)
			}
		}
		b.checkOpen(ch)
	})
}

// checkOpen opens the channel once every receiver had its onConnect: queued posts go out, or, if
// nobody listened, the opener is disconnected with the "no receiver" error.
func (b *Browser) checkOpen(ch *channel) {
	if ch.open || ch.closed || ch.opening > 0 {
		return
	}
	ch.open = true
	if len(ch.receivers) == 0 {
		b.closeChannel(ch, ch.opener, chromefacts.ErrReceivingEndDoesNotExist)
		return
	}
	for _, msg := range ch.queued {
		b.sendToReceivers(ch, msg)
	}
	ch.queued = nil
}

// portPost is port.postMessage from c.
func (b *Browser) portPost(c *Context, id int, msg string) {
	if b.nativePost(c, id, msg) {
		return
	}
	end := b.ends[id]
	if end == nil || end.ctx != c || end.gone {
		return
	}
	ch := end.ch
	if ch.closed {
		// The other side is gone but this side has not seen onDisconnect yet: dropped silently
		// (chromium.md §5f, conformance 53).
		b.Transcript.add(Entry{Channel: ch.label(), Kind: "post", From: c.name, Payload: msg, Outcome: "dropped: channel closed"})
		return
	}
	if c.kind == Worker {
		c.ext.keep.activity(b)
	}
	if end.opener {
		b.Transcript.add(Entry{Channel: ch.label(), Kind: "post", From: c.name, To: "receivers", Payload: msg})
		if !ch.open {
			ch.queued = append(ch.queued, msg)
			return
		}
		b.sendToReceivers(ch, msg)
		return
	}
	o := ch.opener
	b.Transcript.add(Entry{Channel: ch.label(), Kind: "post", From: c.name, To: o.ctx.name, Payload: msg})
	b.hop(&ch.backLane, o.ctx.realm, func() { b.deliverPort(o, msg) })
}

func (b *Browser) sendToReceivers(ch *channel, msg string) {
	for _, r := range ch.receivers {
		if r.gone {
			continue
		}
		r := r
		b.hop(&ch.lane, r.ctx.realm, func() { b.deliverPort(r, msg) })
	}
}

func (b *Browser) deliverPort(end *portEnd, msg string) {
	if end.gone || end.ctx.dead || end.ctx.invalid {
		return
	}
	if end.ctx.kind == Worker {
		end.ctx.ext.keep.activity(b)
	}
	if _, err := end.ctx.call("portMessage", end.id, msg); err != nil {
		end.ctx.realm.ReportError(err)
	}
}

// portDisconnect is port.disconnect() from c (conformance 50–54).
func (b *Browser) portDisconnect(c *Context, id int) {
	if b.nativeDisconnect(c, id) {
		return
	}
	end := b.ends[id]
	if end == nil || end.ctx != c || end.gone {
		return
	}
	end.gone = true
	delete(b.ends, end.id)
	ch := end.ch
	b.Transcript.add(Entry{Channel: ch.label(), Kind: "disconnect", From: c.name})
	if ch.closed {
		return
	}
	if end.opener {
		b.closeChannel(ch, nil, "")
		return
	}
	// One receiver's disconnect destroys the whole channel; only the opener hears of it.
	b.closeChannel(ch, ch.opener, "")
}

// closeChannel closes ch and fires onDisconnect (with error text as lastError, if any) on only,
// or, when only is nil, on every receiver.
func (b *Browser) closeChannel(ch *channel, only *portEnd, errText string) {
	if ch.closed {
		return
	}
	ch.closed = true
	delete(b.channels, ch.id)
	notify := []*portEnd{only}
	lane := &ch.backLane
	if only == nil {
		notify = ch.receivers
		lane = &ch.lane
	}
	for _, e := range notify {
		if e.gone {
			continue
		}
		e := e
		delete(b.ends, e.id)
		outcome := "no lastError"
		if errText != "" {
			outcome = "lastError: " + errText
		}
		b.Transcript.add(Entry{Channel: ch.label(), Kind: "onDisconnect", To: e.ctx.name, Outcome: outcome})
		// The end stays deliverable until the disconnect reaches it: messages already on their way
		// down the same lane arrive first, as Chromium delivers a port's last posts before its
		// disconnect (a receiver that posts a reason and disconnects inside onConnect).
		b.hop(lane, e.ctx.realm, func() {
			e.gone = true
			if e.ctx.dead || e.ctx.invalid {
				return
			}
			var errv any
			if errText != "" {
				errv = errText
			}
			if _, err := e.ctx.call("portDisconnected", e.id, errv); err != nil {
				e.ctx.realm.ReportError(err)
			}
		})
	}
	// Sibling receivers stay silently dead: they get no onDisconnect and their posts are dropped
	// (conformance 53).
}

// portsContextGone applies a context's end to its ports (conformance 50, 54, 55, 106): an opener's
// end disconnects every receiver; a receiver's end disconnects the opener once no receiver is left.
func (b *Browser) portsContextGone(c *Context) {
	for _, id := range sortedIDs(b.channels) {
		ch := b.channels[id]
		if ch == nil || ch.closed {
			continue
		}
		if ch.opener.ctx == c {
			ch.opener.gone = true
			b.closeChannel(ch, nil, "")
			continue
		}
		// Connects still on their way to c will never be accepted there (a worker stopped while
		// starting): with no other receiver the opener hears "Receiving end does not exist".
		if n := ch.pending[c]; n > 0 {
			delete(ch.pending, c)
			ch.opening -= n
			b.checkOpen(ch)
			if ch.closed {
				continue
			}
		}
		live := 0
		for _, r := range ch.receivers {
			if r.ctx == c && !r.gone {
				r.gone = true
				delete(b.ends, r.id)
			}
			if !r.gone {
				live++
			}
		}
		if live == 0 && ch.open && len(ch.receivers) > 0 {
			b.closeChannel(ch, ch.opener, "")
		}
	}
}

// contextGone runs every consequence of a context ending.
func (b *Browser) contextGone(c *Context) {
	b.oneTimeContextGone(c)
	b.portsContextGone(c)
	b.nativeContextGone(c)
}
