package chromium

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// Tab is a browser tab (a page target). Its main world and the isolated worlds that extensions'
// content scripts get in each of its frames are [Realm]s.
type Tab struct {
	b *Browser
	// TargetID is the tab's DevTools target. The extension-side tab id comes from [Worker.TabIDFor].
	TargetID target.ID
	ctx      context.Context
	cancel   context.CancelFunc

	mu sync.Mutex
	// contexts are the live contexts by key, oldest first. A frame's main world has one; an
	// extension can have several isolated worlds in a frame, because chrome.userScripts' worlds
	// are isolated contexts with the same origin and name as its content scripts' world (measured
	// in Chromium 156), and the first made is the one the harness evaluates in (see Isolated).
	contexts map[contextKey][]execContext
	console  consoleLog
}

// context is the oldest live context of k; the caller holds t.mu.
func (t *Tab) context(k contextKey) (execContext, bool) {
	if cs := t.contexts[k]; len(cs) > 0 {
		return cs[0], true
	}
	return execContext{}, false
}

// execContext is a live execution context; the unique id is what the destroyed event names.
type execContext struct {
	id     runtime.ExecutionContextID
	unique string
}

// contextKey names an execution context: the frame, and the origin for isolated worlds ("" for the
// frame's main world).
type contextKey struct {
	frame  cdp.FrameID
	origin string
}

// auxData is the part of ExecutionContextDescription.auxData that identifies a context.
type auxData struct {
	IsDefault bool        `json:"isDefault"`
	Type      string      `json:"type"`
	FrameID   cdp.FrameID `json:"frameId"`
}

// OpenTab opens a new tab at url and waits for it to load.
func (b *Browser) OpenTab(ctx context.Context, url string) (*Tab, error) {
	t := &Tab{b: b, contexts: map[contextKey][]execContext{}}
	t.ctx, t.cancel = chromedp.NewContext(b.ctx, chromedp.WithListener(t.onEvent))
	if err := attach(ctx, t.ctx, t.cancel); err != nil {
		t.cancel()
		return nil, fmt.Errorf("chromium: opening a tab: %w", err)
	}
	t.TargetID = chromedp.FromContext(t.ctx).Target.TargetID
	if err := t.Navigate(ctx, url); err != nil {
		t.Close()
		return nil, err
	}
	return t, nil
}

// onEvent tracks execution contexts. It runs on chromedp's reader goroutine, so it only records.
func (t *Tab) onEvent(ev any) {
	t.console.record(ev)
	t.mu.Lock()
	defer t.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventExecutionContextCreated:
		var aux auxData
		if len(e.Context.AuxData) == 0 || json.Unmarshal(e.Context.AuxData, &aux) != nil || aux.FrameID == "" {
			return
		}
		switch {
		case aux.Type == "isolated":
			k := contextKey{aux.FrameID, e.Context.Origin}
			t.contexts[k] = append(t.contexts[k], execContext{e.Context.ID, e.Context.UniqueID})
		case aux.IsDefault:
			// A new main world replaces the old one even if the old one's end is reported later.
			t.contexts[contextKey{aux.FrameID, ""}] = []execContext{{e.Context.ID, e.Context.UniqueID}}
		}
	case *runtime.EventExecutionContextDestroyed:
		for k, cs := range t.contexts {
			for i, c := range cs {
				if c.unique == e.ExecutionContextUniqueID {
					t.console.forget(c.id)
					cs = append(cs[:i:i], cs[i+1:]...)
					break
				}
			}
			if len(cs) == 0 {
				delete(t.contexts, k)
			} else {
				t.contexts[k] = cs
			}
		}
	case *runtime.EventExecutionContextsCleared:
		for _, cs := range t.contexts {
			for _, c := range cs {
				t.console.forget(c.id)
			}
		}
		clear(t.contexts)
	}
}

// Navigate loads url in the tab and waits for the load event. Contexts of the old document are
// forgotten; realms obtained earlier follow the frame to its new document.
func (t *Tab) Navigate(ctx context.Context, url string) error {
	c, cancel := bound(ctx, t.ctx)
	defer cancel()
	if err := chromedp.Do(c, chromedp.Navigate(url)); err != nil {
		return fmt.Errorf("chromium: navigating to %s: %w", url, err)
	}
	return nil
}

// Reload reloads the page, as the user does, and waits for it to load.
func (t *Tab) Reload(ctx context.Context) error {
	c, cancel := bound(ctx, t.ctx)
	defer cancel()
	if err := chromedp.Do(c, chromedp.Reload()); err != nil {
		return fmt.Errorf("chromium: reloading: %w", err)
	}
	return nil
}

// Close closes the tab.
func (t *Tab) Close() { t.cancel() }

// Frame is one frame of a tab.
type Frame struct {
	// ID is the DevTools frame id.
	ID cdp.FrameID
	// URL is the frame's document URL.
	URL string
	// Parent is the parent frame's id; empty for the main frame.
	Parent cdp.FrameID
}

// Frames lists the tab's frames, the main frame first, children depth-first.
func (t *Tab) Frames(ctx context.Context) ([]Frame, error) {
	c, cancel := bound(ctx, t.ctx)
	defer cancel()
	tree, err := chromedp.Call(c, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		return nil, fmt.Errorf("chromium: frame tree: %w", err)
	}
	var out []Frame
	var walk func(ft *page.FrameTree)
	walk = func(ft *page.FrameTree) {
		out = append(out, Frame{ID: ft.Frame.ID, URL: ft.Frame.URL, Parent: ft.Frame.ParentID})
		for _, ch := range ft.ChildFrames {
			walk(ch)
		}
	}
	walk(tree.FrameTree)
	return out, nil
}

// ConsoleRealm is a [Realm] whose console messages are recorded.
type ConsoleRealm interface {
	Realm
	// Console returns the realm's console messages and uncaught exceptions so far, in its current
	// document or run.
	Console(ctx context.Context) ([]ConsoleMessage, error)
}

// GestureRealm is a realm that can also evaluate as if the user had just clicked in its page: a
// page's main world or an isolated world in a tab.
type GestureRealm interface {
	ConsoleRealm
	// EvalWithGesture evaluates like Eval, with transient user activation (DevTools' userGesture).
	EvalWithGesture(ctx context.Context, expr string) (json.RawMessage, error)
}

// Page is the main world of the tab's main frame.
func (t *Tab) Page() ConsoleRealm { return &world{tab: t} }

// PageFrame is the main world of one frame.
func (t *Tab) PageFrame(frame cdp.FrameID) ConsoleRealm { return &world{tab: t, frame: frame} }

// Isolated is the extension's isolated world (where its content scripts run) in the main frame.
// DevTools cannot tell it from the extension's user-script worlds, so it is the extension's first
// isolated world in the document: an extension that also injects user scripts must run a content
// script no later than them (at document_start, say) for this to be its content scripts' world.
func (t *Tab) Isolated(extID string) ConsoleRealm {
	return &world{tab: t, origin: "chrome-extension://" + extID}
}

// IsolatedFrame is the extension's isolated world in one frame.
func (t *Tab) IsolatedFrame(extID string, frame cdp.FrameID) ConsoleRealm {
	return &world{tab: t, frame: frame, origin: "chrome-extension://" + extID}
}

// world is a context in a tab, looked up afresh at each evaluation so it survives navigation.
type world struct {
	tab    *Tab
	frame  cdp.FrameID // "" = the main frame
	origin string      // "" = the main world
}

func (w *world) Name() string {
	var b strings.Builder
	if w.origin == "" {
		b.WriteString("page")
	} else {
		b.WriteString("isolated(" + strings.TrimPrefix(w.origin, "chrome-extension://") + ")")
	}
	if w.frame != "" {
		b.WriteString(" frame " + string(w.frame))
	}
	return b.String()
}

// contextID waits until the context exists: an isolated world appears only once a content script
// has been injected, at the manifest's run_at time.
func (w *world) contextID(ctx context.Context) (runtime.ExecutionContextID, error) {
	for {
		frame := w.frame
		if frame == "" {
			fs, err := w.tab.Frames(ctx)
			if err != nil {
				return 0, err
			}
			frame = fs[0].ID
		}
		w.tab.mu.Lock()
		c, ok := w.tab.context(contextKey{frame, w.origin})
		w.tab.mu.Unlock()
		if ok {
			return c.id, nil
		}
		select {
		case <-ctx.Done():
			return 0, fmt.Errorf("chromium: %s has no execution context (is a content script injected?): %w", w.Name(), ctx.Err())
		case <-time.After(pollInterval):
		}
	}
}

// Console returns the console messages and uncaught exceptions of the world's current document
// (none when the world does not exist yet).
func (w *world) Console(ctx context.Context) ([]ConsoleMessage, error) {
	frame := w.frame
	if frame == "" {
		fs, err := w.tab.Frames(ctx)
		if err != nil {
			return nil, err
		}
		frame = fs[0].ID
	}
	w.tab.mu.Lock()
	c, ok := w.tab.context(contextKey{frame, w.origin})
	w.tab.mu.Unlock()
	if !ok {
		return nil, nil
	}
	return w.tab.console.of(c.id), nil
}

func (w *world) Eval(ctx context.Context, expr string) (json.RawMessage, error) {
	return w.eval(ctx, expr, EvalAction)
}

// EvalWithGesture evaluates like Eval, as if the user had just clicked in the page (see
// [GestureEvalAction]).
func (w *world) EvalWithGesture(ctx context.Context, expr string) (json.RawMessage, error) {
	return w.eval(ctx, expr, GestureEvalAction)
}

func (w *world) eval(ctx context.Context, expr string, action func(string, runtime.ExecutionContextID) chromedp.Action[json.RawMessage]) (json.RawMessage, error) {
	id, err := w.contextID(ctx)
	if err != nil {
		return nil, err
	}
	c, cancel := bound(ctx, w.tab.ctx)
	defer cancel()
	v, err := chromedp.Run(c, action(expr, id))
	return v, wrapEval(w.Name(), err)
}
