package chromium

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// ConsoleEvent is a console message or an uncaught exception, with the context it came from.
type ConsoleEvent struct {
	ConsoleMessage
	// Kind is the target's: "service_worker", "page" (a tab, or an extension page such as a popup)
	// or "iframe" (a frame run out of process, such as the extension frame in a web page).
	Kind string
	// URL is the target's URL when the message arrived.
	URL string
	// ExtID is the extension whose worker, page or content script logged it; empty for a web page's
	// own world.
	ExtID string
	// ContentScript is set when the message came from the extension's isolated world in a page.
	ContentScript bool
	// TargetID is the target's: a caller that opened the tab knows what it shows even before
	// the monitor's next look updates URL (a new tab starts at about:blank).
	TargetID target.ID
}

// Monitor follows every page, out-of-process frame and service worker of a browser as they come
// and go, hands each console message and uncaught exception to a callback, and knows which pages
// run which extensions' content scripts. Targets are looked for every [monitorInterval]; attaching
// replays what a target logged before, so nothing logged early is lost.
type Monitor struct {
	b      *Browser
	fn     func(ConsoleEvent)
	cancel context.CancelFunc
	done   chan struct{}

	mu      sync.Mutex
	targets map[target.ID]*watched
}

// monitorInterval paces the Monitor's look for new targets.
const monitorInterval = 100 * time.Millisecond

// watched is one attached target.
type watched struct {
	id     target.ID
	kind   string
	ctx    context.Context
	cancel context.CancelFunc

	mu       sync.Mutex
	url      string
	isolated map[runtime.ExecutionContextID]string // isolated world → extension id
	unique   map[string]runtime.ExecutionContextID // unique id → id, which the destroyed event names
}

// Monitor starts following the browser's targets; fn is called on chromedp's event goroutines, so
// it must not block. Close stops it.
func (b *Browser) Monitor(fn func(ConsoleEvent)) *Monitor {
	ctx, cancel := context.WithCancel(context.Background())
	m := &Monitor{b: b, fn: fn, cancel: cancel, done: make(chan struct{}), targets: map[target.ID]*watched{}}
	go m.loop(ctx)
	return m
}

// Close detaches from every target, leaving them running, and stops following new ones.
func (m *Monitor) Close() {
	m.cancel()
	<-m.done
	m.mu.Lock()
	defer m.mu.Unlock()
	for id, w := range m.targets {
		w.cancel()
		delete(m.targets, id)
	}
}

func (m *Monitor) loop(ctx context.Context) {
	defer close(m.done)
	for {
		m.scan(ctx)
		select {
		case <-ctx.Done():
			return
		case <-time.After(monitorInterval):
		}
	}
}

// scan attaches to new targets and forgets those gone.
func (m *Monitor) scan(ctx context.Context) {
	c, cancel := bound(ctx, m.b.ctx)
	infos, err := chromedp.Targets(c)
	cancel()
	if err != nil {
		return // the browser is closing, or busy: the next scan tries again
	}
	seen := map[target.ID]bool{}
	for _, in := range infos {
		if in.Type != "page" && in.Type != "iframe" && in.Type != "service_worker" {
			continue
		}
		seen[in.TargetID] = true
		m.mu.Lock()
		w := m.targets[in.TargetID]
		m.mu.Unlock()
		if w != nil {
			w.mu.Lock()
			w.url = in.URL
			w.mu.Unlock()
			continue
		}
		w = &watched{id: in.TargetID, kind: in.Type, url: in.URL, isolated: map[runtime.ExecutionContextID]string{}, unique: map[string]runtime.ExecutionContextID{}}
		w.ctx, w.cancel = chromedp.NewContext(m.b.ctx, chromedp.WithTargetID(in.TargetID), chromedp.WithDetachOnCancel(),
			chromedp.WithListener(func(ev any) { m.onEvent(w, ev) }))
		actx, acancel := context.WithTimeout(ctx, 5*time.Second)
		err := attach(actx, w.ctx, w.cancel)
		acancel()
		if err != nil {
			w.cancel() // gone already, or not attachable: the next scan tries again if it is still there
			continue
		}
		m.mu.Lock()
		m.targets[in.TargetID] = w
		m.mu.Unlock()
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for id, w := range m.targets {
		if !seen[id] {
			w.cancel()
			delete(m.targets, id)
		}
	}
}

// onEvent tracks isolated worlds and passes console messages on.
func (m *Monitor) onEvent(w *watched, ev any) {
	var execID runtime.ExecutionContextID
	switch e := ev.(type) {
	case *runtime.EventExecutionContextCreated:
		var aux auxData
		if len(e.Context.AuxData) > 0 && json.Unmarshal(e.Context.AuxData, &aux) == nil && aux.Type == "isolated" {
			if id, ok := strings.CutPrefix(e.Context.Origin, "chrome-extension://"); ok {
				w.mu.Lock()
				w.isolated[e.Context.ID] = id
				w.unique[e.Context.UniqueID] = e.Context.ID
				w.mu.Unlock()
			}
		}
		return
	case *runtime.EventExecutionContextDestroyed:
		w.mu.Lock()
		delete(w.isolated, w.unique[e.ExecutionContextUniqueID])
		delete(w.unique, e.ExecutionContextUniqueID)
		w.mu.Unlock()
		return
	case *runtime.EventExecutionContextsCleared:
		w.mu.Lock()
		clear(w.isolated)
		clear(w.unique)
		w.mu.Unlock()
		return
	case *runtime.EventConsoleAPICalled:
		execID = e.ExecutionContextID
	case *runtime.EventExceptionThrown:
		execID = e.ExceptionDetails.ExecutionContextID
	default:
		return
	}
	var log consoleLog
	log.record(ev)
	msgs := log.of(execID)
	if len(msgs) == 0 {
		return
	}
	w.mu.Lock()
	out := ConsoleEvent{ConsoleMessage: msgs[0], Kind: w.kind, URL: w.url, TargetID: w.id}
	if id, ok := w.isolated[execID]; ok {
		out.ExtID, out.ContentScript = id, true
	} else if rest, ok := strings.CutPrefix(w.url, "chrome-extension://"); ok {
		out.ExtID, _, _ = strings.Cut(rest, "/")
	}
	w.mu.Unlock()
	m.fn(out)
}

// PagesWithContentScripts lists the pages (tabs) in which the extension's content scripts run now.
func (m *Monitor) PagesWithContentScripts(extID string) []target.ID {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []target.ID
	for id, w := range m.targets {
		if w.kind != "page" {
			continue
		}
		w.mu.Lock()
		for _, ext := range w.isolated {
			if ext == extID {
				out = append(out, id)
				break
			}
		}
		w.mu.Unlock()
	}
	return out
}

// Reload reloads a page the Monitor follows, as the toolbar's reload button does, without waiting
// for the load.
func (m *Monitor) Reload(ctx context.Context, id target.ID) error {
	m.mu.Lock()
	w := m.targets[id]
	m.mu.Unlock()
	if w == nil {
		return fmt.Errorf("chromium: no page %s to reload", id)
	}
	c, cancel := bound(ctx, w.ctx)
	defer cancel()
	if _, err := chromedp.Call(c, page.Reload, page.ReloadParams{}); err != nil {
		return fmt.Errorf("chromium: reloading %s: %w", w.url, err)
	}
	return nil
}

// ReloadAndWait reloads a page as [Monitor.Reload] does and waits until the extension's content
// scripts run in the new document: an isolated world of the extension that was not there before.
func (m *Monitor) ReloadAndWait(ctx context.Context, id target.ID, extID string) error {
	m.mu.Lock()
	w := m.targets[id]
	m.mu.Unlock()
	if w == nil {
		return fmt.Errorf("chromium: no page %s to reload", id)
	}
	before := map[runtime.ExecutionContextID]bool{}
	w.mu.Lock()
	for ctxID := range w.isolated {
		before[ctxID] = true
	}
	w.mu.Unlock()
	if err := m.Reload(ctx, id); err != nil {
		return err
	}
	for {
		w.mu.Lock()
		for ctxID, ext := range w.isolated {
			if ext == extID && !before[ctxID] {
				w.mu.Unlock()
				return nil
			}
		}
		url := w.url
		w.mu.Unlock()
		select {
		case <-ctx.Done():
			return fmt.Errorf("chromium: the content scripts of %s did not come back in %s: %w", extID, url, ctx.Err())
		case <-time.After(pollInterval):
		}
	}
}

// PageURLs lists the URLs of the pages (tabs and extension pages) the Monitor follows.
func (m *Monitor) PageURLs() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for _, w := range m.targets {
		if w.kind == "page" {
			w.mu.Lock()
			out = append(out, w.url)
			w.mu.Unlock()
		}
	}
	return out
}

// WaitAttached waits until the Monitor follows a target that match accepts (by kind, URL and id),
// so that what the target logs from then on reaches the callback as it happens rather than by a
// replay, which Chromium does not give for every kind of context.
func (m *Monitor) WaitAttached(ctx context.Context, match func(kind, url string, id target.ID) bool) error {
	for {
		m.mu.Lock()
		for id, w := range m.targets {
			w.mu.Lock()
			ok := match(w.kind, w.url, id)
			w.mu.Unlock()
			if ok {
				m.mu.Unlock()
				return nil
			}
		}
		m.mu.Unlock()
		select {
		case <-ctx.Done():
			return fmt.Errorf("chromium: the monitor found no such target: %w", ctx.Err())
		case <-time.After(pollInterval):
		}
	}
}
