package chromesim

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/extwasm/extwasm/hostsim/internal/chromeclone"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

// oneTime is a sendMessage channel: one sender, any number of receiving contexts, one answer.
type oneTime struct {
	id       int
	sender   *Context
	callback bool
	event    string
	label    string
	msg      string
	senderJS string
	// queued counts dispatches not yet run per receiving context; open is the receiving
	// contexts whose receiver is still open (true once a listener asked to reply later).
	queued    map[*Context]int
	open      map[*Context]bool
	listened  bool
	asyncLost bool
	done      bool
	kept      []*Extension // workers held alive by the channel
	lane      time.Duration
	replyLane time.Duration
}

func (b *Browser) newOneTime(sender *Context, callback bool, event, label, msg string) *oneTime {
	b.nextChan++
	ot := &oneTime{id: b.nextChan, sender: sender, callback: callback, event: event, label: label, msg: msg,
		queued: map[*Context]int{}, open: map[*Context]bool{}}
	b.oneTime[ot.id] = ot
	if sender.kind == Worker {
		ot.keep(sender.ext)
	}
	return ot
}

func (ot *oneTime) keep(e *Extension) {
	for _, k := range ot.kept {
		if k == e {
			return
		}
	}
	ot.kept = append(ot.kept, e)
	e.keep.acquire(e.b, ot)
}

func (ot *oneTime) channelName() string { return fmt.Sprintf("msg#%d", ot.id) }

// sendMessage is runtime.sendMessage from c. It returns the request id the prelude waits on.
func (b *Browser) sendMessage(c *Context, targetID, msg string, callback bool) int {
	target, event := b.runtimeTarget(c, targetID)
	label := "runtime.sendMessage"
	ot := b.newOneTime(c, callback, event, label, msg)
	toName := targetID
	if target != nil {
		toName = target.name
	}
	b.Transcript.add(Entry{Channel: ot.channelName(), Kind: label, From: c.name, To: toName, Payload: msg})
	if target == nil {
		b.finishLater(ot)
		return ot.id
	}
	if c.crossesFormats(target) {
		ot.queued[nil]++
		b.later(0, func() {
			ot.queued[nil]--
			b.settle(ot, "error", chromefacts.ErrDifferentMessageSerialization)
		})
		return ot.id
	}
	ot.senderJS = b.senderJSON(c, target, false)
	for _, rc := range b.extensionReceivers(target, c) {
		b.dispatch(ot, rc)
	}
	if target.man.ServiceWorker != "" {
		if w := target.worker; w == nil || w != c {
			ot.queued[nil]++ // the worker, once it runs
			target.withWorker(func(w *Context) {
				ot.queued[nil]--
				if w == nil || w == c {
					b.finish(ot)
					return
				}
				ot.keep(target)
				b.dispatch(ot, w)
			})
		}
	}
	b.finish(ot)
	return ot.id
}

// tabsSendMessage is tabs.sendMessage from c.
func (b *Browser) tabsSendMessage(c *Context, tabID, frameID int, docID, msg string, callback bool) int {
	label := "tabs.sendMessage"
	ot := b.newOneTime(c, callback, "onMessage", label, msg)
	to := fmt.Sprintf("tab %d", tabID)
	if frameID >= 0 {
		to += fmt.Sprintf(" frame %d", frameID)
	}
	if docID != "" {
		to += " document " + docID
	}
	b.Transcript.add(Entry{Channel: ot.channelName(), Kind: label, From: c.name, To: to, Payload: msg})
	ot.senderJS = b.senderJSON(c, c.ext, true)
	for _, rc := range b.tabReceivers(c, tabID, frameID, docID) {
		b.dispatch(ot, rc)
	}
	b.finish(ot)
	return ot.id
}

// runtimeTarget resolves the extension a runtime.sendMessage/connect addresses and the event it
// fires there, or nil when it does not exist or refuses the sender (indistinguishable, item 42).
func (b *Browser) runtimeTarget(c *Context, targetID string) (*Extension, string) {
	if targetID == "" {
		targetID = c.ext.id
	}
	e := b.extByID[targetID]
	if e == nil || !e.enabled {
		return nil, ""
	}
	if c.ext == e && c.kind == UserScript {
		return e, "onUserScriptMessage"
	}
	if c.ext == e {
		return e, "onMessage"
	}
	if !e.acceptsExternal(c) {
		return nil, ""
	}
	return e, "onMessageExternal"
}

// extensionReceivers are e's extension pages, except the sender (conformance 11–13). The worker
// is handled apart because it may have to start.
func (b *Browser) extensionReceivers(e *Extension, sender *Context) []*Context {
	var out []*Context
	for _, t := range b.Tabs() {
		for _, f := range sortedFrames(t) {
			if m := f.main; m != nil && m.kind == ExtensionPage && m.ext == e && m != sender && !m.dead {
				out = append(out, m)
			}
		}
	}
	for _, m := range b.extraContexts(e) {
		if m.kind == ExtensionPage && m != sender && !m.dead {
			out = append(out, m)
		}
	}
	return out
}

// tabReceivers are sender's extension's contexts in the tab's frames, filtered by frameId and
// documentId (conformance 14–16).
func (b *Browser) tabReceivers(sender *Context, tabID, frameID int, docID string) []*Context {
	t := b.Tab(tabID)
	if t == nil {
		return nil
	}
	var frames []*Frame
	for _, f := range sortedFrames(t) {
		if frameID >= 0 && f.id != frameID {
			continue
		}
		if docID != "" && f.docID != docID {
			continue
		}
		frames = append(frames, f)
	}
	var out []*Context
	for _, f := range frames {
		if c := f.isolated[sender.ext.id]; c != nil && c != sender && !c.dead {
			out = append(out, c)
		}
		// A user-script world with messaging hears tabs.sendMessage and tabs.connect on its
		// runtime.onMessage and onConnect (measured in Chromium 156); one without has no listeners.
		for _, c := range f.userWorlds(sender.ext) {
			if c != sender && !c.dead {
				out = append(out, c)
			}
		}
		if m := f.main; m != nil && m.kind == ExtensionPage && m.ext == sender.ext && m != sender && !m.dead {
			out = append(out, m)
		}
	}
	return out
}

// dispatch queues the message's delivery to one receiving context.
func (b *Browser) dispatch(ot *oneTime, rc *Context) {
	ot.queued[rc]++
	b.hop(&ot.lane, rc.realm, func() {
		ot.queued[rc]--
		if ot.queued[rc] == 0 {
			delete(ot.queued, rc)
		}
		// Chrome opens the channel to every receiver at once, so a receiver still gets the
		// message when another one has already answered; its own answer is then ignored.
		if rc.dead || rc.invalid || !rc.hasListeners(ot.event) {
			b.finish(ot)
			return
		}
		ot.listened = true
		if !ot.done {
			ot.open[rc] = false
		}
		if rc.kind == Worker {
			rc.ext.keep.activity(b)
		}
		b.Transcript.add(Entry{Channel: ot.channelName(), Kind: "deliver", From: ot.sender.name, To: rc.name, Payload: ot.msg})
		v, err := rc.call("dispatchMessage", ot.event, ot.msg, ot.senderJS, ot.id)
		if _, still := ot.open[rc]; still && !ot.done {
			if err == nil && v.ToBoolean() {
				ot.open[rc] = true
			} else {
				delete(ot.open, rc)
			}
		}
		if err != nil {
			rc.realm.ReportError(err)
		}
		b.finish(ot)
	})
}

// finish settles the channel once no receiver is left to answer.
func (b *Browser) finish(ot *oneTime) {
	if ot.done || len(ot.open) > 0 {
		return
	}
	for _, n := range ot.queued {
		if n > 0 {
			return
		}
	}
	switch {
	case !ot.listened:
		b.settle(ot, "error", chromefacts.ErrReceivingEndDoesNotExist)
	case ot.asyncLost:
		b.settle(ot, "error", chromefacts.ErrAsyncResponseChannelClosed)
	default:
		b.settle(ot, "none", "")
	}
}

// finishLater settles a channel with no possible receiver after a task hop, as Chrome answers
// asynchronously even then.
func (b *Browser) finishLater(ot *oneTime) {
	ot.queued[nil]++
	b.later(0, func() {
		ot.queued[nil]--
		b.finish(ot)
	})
}

// reply is sendResponse(json) from rc. The first answer wins; later ones are ignored.
func (b *Browser) reply(rc *Context, id int, msg string) bool {
	ot := b.oneTime[id]
	if ot == nil || ot.done {
		return false
	}
	if _, open := ot.open[rc]; !open {
		return false
	}
	b.Transcript.add(Entry{Channel: ot.channelName(), Kind: "reply", From: rc.name, To: ot.sender.name, Payload: msg})
	// A clone's size was held to the limit when it was made; its text here is longer than it.
	if len(msg) > chromefacts.MaxMessageBytes && !chromeclone.IsClone(msg) {
		b.settle(ot, "error", chromefacts.ErrMessageTooLarge)
		return true
	}
	b.settle(ot, "ok", msg)
	return true
}

// replyError ends the channel with an error raised in rc: a listener threw or its promise
// rejected, or its response could not be sent. An empty text closes it with no error, which the
// sender sees as no response (an Error with an empty message, see listenerError).
func (b *Browser) replyError(rc *Context, id int, text string) bool {
	ot := b.oneTime[id]
	if ot == nil || ot.done {
		return false
	}
	if _, open := ot.open[rc]; !open {
		return false
	}
	if text == "" {
		b.settle(ot, "none", "")
		return true
	}
	b.settle(ot, "error", text)
	return true
}

// settle decides the channel and tells the sender.
func (b *Browser) settle(ot *oneTime, kind, text string) {
	if ot.done {
		return
	}
	ot.done = true
	delete(b.oneTime, ot.id)
	for _, e := range ot.kept {
		e.keep.release(b, ot)
	}
	outcome := ""
	switch kind {
	case "ok":
		outcome = "response " + text
	case "none":
		if ot.callback {
			outcome = "lastError: " + chromefacts.ErrPortClosedBeforeResponse
		} else {
			outcome = "resolved undefined"
		}
	default:
		if ot.callback {
			outcome = "lastError: " + text
		} else {
			outcome = "rejected: " + text
		}
	}
	if kind == "ok" {
		b.Transcript.add(Entry{Channel: ot.channelName(), Kind: "result", To: ot.sender.name, Payload: text, Outcome: "response"})
	} else {
		b.Transcript.add(Entry{Channel: ot.channelName(), Kind: "result", To: ot.sender.name, Outcome: outcome})
	}
	// An orphaned content script (its extension reloaded) still hears how its pending messages
	// ended, as in Chromium 156; only a context that is gone for good does not.
	s := ot.sender
	if s.dead {
		return
	}
	b.hop(&ot.replyLane, s.realm, func() {
		if s.dead {
			return
		}
		if _, err := s.call("settle", ot.id, kind, text); err != nil {
			s.realm.ReportError(err)
		}
	})
}

// oneTimeContextGone applies a context's end to the channels it takes part in (conformance 24,
// 106): a receiver that promised an async answer fails the channel once nobody else can answer.
func (b *Browser) oneTimeContextGone(c *Context) {
	for _, id := range sortedIDs(b.oneTime) {
		ot := b.oneTime[id]
		if ot == nil {
			continue
		}
		if ot.sender == c && c.invalid {
			continue // an orphaned sender keeps waiting for the answer (see settle)
		}
		if ot.sender == c {
			ot.done = true
			delete(b.oneTime, ot.id)
			for _, e := range ot.kept {
				e.keep.release(b, ot)
			}
			continue
		}
		if async, ok := ot.open[c]; ok {
			if async {
				ot.asyncLost = true
			}
			delete(ot.open, c)
		}
		delete(ot.queued, c)
		b.finish(ot)
	}
}

func sortedIDs[V any](m map[int]V) []int { return slices.Sorted(maps.Keys(m)) }

// senderJSON builds the MessageSender a receiver sees (conformance §3, chromium.md §4); absent
// fields are missing, never null. toTab is true for tabs.sendMessage/tabs.connect.
func (b *Browser) senderJSON(c *Context, target *Extension, toTab bool) string {
	type kv struct {
		k string
		v any
	}
	var fields []kv
	if c.ext != nil {
		fields = append(fields, kv{"id", c.ext.id})
	}
	if toTab {
		origin := c.origin
		if c.kind == Worker {
			origin = c.ext.Origin()
		}
		// From a document (an extension frame in a web page) the sender has the document's url,
		// and from the worker its script's: measured in Chromium 156 (scenario
		// userscripts-messaging), where conformance §3's table has no url from the worker.
		fields = append(fields, kv{"url", c.url}, kv{"origin", origin})
	} else {
		fields = append(fields, kv{"url", c.url})
		if c.kind != Worker {
			fields = append(fields, kv{"origin", c.origin})
		}
		// A popup's sender has no frame or tab fields (measured in Chromium 156).
		if c.frame != nil && c.frame.tab.id != tabIDNone {
			fields = append(fields, kv{"frameId", c.frame.id}, kv{"documentId", c.frame.docID},
				kv{"documentLifecycle", c.frame.lifecycle}, kv{"tab", c.frame.tab.info()})
		}
	}
	// TLS channel ids are gone, but Chrome still sets an empty one for receivers that ask
	// (conformance 69).
	if target != nil && target.man.ExternallyConnectable.AddsTLSChannelID() {
		fields = append(fields, kv{"tlsChannelId", ""})
	}
	buf := make([]byte, 1, 512)
	buf[0] = '{'
	for i, f := range fields {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = marshalJSON(buf, f.k)
		buf = append(buf, ':')
		buf = marshalJSON(buf, f.v)
	}
	return string(append(buf, '}'))
}
