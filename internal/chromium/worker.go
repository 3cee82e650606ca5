package chromium

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/serviceworker"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/extwasm/extwasm/internal/chromefacts"
)

// ExtensionID is the id Chromium gives an unpacked extension: from its manifest's "key" when it has
// one (chromefacts.ExtensionIDFromKey), else the SHA-256 of its absolute path, the
// first 32 hex digits mapped 0–f → a–p. Symlinks are resolved first, as Chromium does.
func ExtensionID(path string) (string, error) {
	abs, err := canonicalPath(path)
	if err != nil {
		return "", fmt.Errorf("chromium: extension id of %s: %w", path, err)
	}
	// A manifest "key" decides the ID instead of the path, as in Chromium.
	var m struct {
		Key string `json:"key"`
	}
	if b, err := os.ReadFile(filepath.Join(abs, "manifest.json")); err == nil && json.Unmarshal(b, &m) == nil && m.Key != "" {
		id, err := chromefacts.ExtensionIDFromKey(m.Key)
		if err != nil {
			return "", fmt.Errorf("chromium: %s: manifest.json: %w", path, err)
		}
		return id, nil
	}
	return chromefacts.UnpackedExtensionID(abs), nil
}

// pollInterval paces the loops that wait for targets to appear or go away.
const pollInterval = 10 * time.Millisecond

// workerTarget returns the running service worker of the extension, or nil.
func (b *Browser) workerTarget(ctx context.Context, extID string) (*target.Info, error) {
	c, cancel := bound(ctx, b.ctx)
	defer cancel()
	infos, err := chromedp.Targets(c)
	if err != nil {
		return nil, fmt.Errorf("chromium: listing targets: %w", err)
	}
	prefix := "chrome-extension://" + extID + "/"
	for _, in := range infos {
		if in.Type == "service_worker" && strings.HasPrefix(in.URL, prefix) {
			return in, nil
		}
	}
	return nil, nil
}

// WorkerRunning reports whether the extension's service worker is running now, without starting it.
func (b *Browser) WorkerRunning(ctx context.Context, extID string) (bool, error) {
	in, err := b.workerTarget(ctx, extID)
	return in != nil, err
}

// WaitWorker waits until the extension's service worker is running and returns its target. It is
// how a test confirms that an extension loaded under the id [ExtensionID] predicts.
func (b *Browser) WaitWorker(ctx context.Context, extID string) (*target.Info, error) {
	for {
		in, err := b.workerTarget(ctx, extID)
		if err != nil {
			return nil, err
		}
		if in != nil {
			return in, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("chromium: no service worker for extension %s: %w", extID, ctx.Err())
		case <-time.After(pollInterval):
		}
	}
}

// Worker attaches to the extension's service worker, starting it if it is stopped. Detaching (Close)
// leaves the worker running; only [Worker.Stop] stops it.
func (b *Browser) Worker(ctx context.Context, extID string) (*Worker, error) {
	in, err := b.workerTarget(ctx, extID)
	if err != nil {
		return nil, err
	}
	if in == nil {
		if err := b.startWorker(ctx, extID); err != nil {
			return nil, err
		}
		if in, err = b.WaitWorker(ctx, extID); err != nil {
			return nil, err
		}
	}
	w := &Worker{b: b, ExtID: extID, TargetID: in.TargetID, URL: in.URL}
	// Runtime.enable, which attaching sends, replays the console messages of this run so far.
	w.ctx, w.cancel = chromedp.NewContext(b.ctx, chromedp.WithTargetID(in.TargetID), chromedp.WithDetachOnCancel(),
		chromedp.WithListener(w.console.record))
	if err := attach(ctx, w.ctx, w.cancel); err != nil {
		w.cancel()
		return nil, fmt.Errorf("chromium: attaching to the worker of %s: %w", extID, err)
	}
	if err := w.waitBindings(ctx); err != nil {
		w.cancel()
		return nil, err
	}
	return w, nil
}

// waitBindings waits until the worker's global scope has the chrome object. A worker that has only
// just started can be attached to before Chromium has set up its extension bindings: an
// evaluation then finds no chrome (ReferenceError: chrome is not defined, seen right after
// Extensions.loadUnpacked in a loaded run).
func (w *Worker) waitBindings(ctx context.Context) error {
	for {
		var kind string
		if err := EvalInto(ctx, w, `typeof chrome`, &kind); err != nil {
			return err
		}
		if kind == "object" {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("chromium: the worker of %s has no chrome object: %w", w.ExtID, ctx.Err())
		case <-time.After(pollInterval):
		}
	}
}

// startWorker asks the browser to start the extension's worker, as an incoming event would.
func (b *Browser) startWorker(ctx context.Context, extID string) error {
	c, cancel := bound(ctx, b.ctx)
	defer cancel()
	if _, err := chromedp.Call(c, serviceworker.Enable, cdp.Empty{}); err != nil {
		return fmt.Errorf("chromium: enabling the ServiceWorker domain: %w", err)
	}
	_, err := chromedp.Call(c, serviceworker.StartWorker,
		serviceworker.StartWorkerParams{ScopeURL: "chrome-extension://" + extID + "/"})
	if err != nil {
		return fmt.Errorf("chromium: starting the worker of %s: %w", extID, err)
	}
	return nil
}

// StopAllWorkers stops every running service worker, as an idle timeout would, and waits until the
// extension's worker target is gone.
func (b *Browser) StopAllWorkers(ctx context.Context, extID string) error {
	c, cancel := bound(ctx, b.ctx)
	defer cancel()
	if _, err := chromedp.Call(c, serviceworker.Enable, cdp.Empty{}); err != nil {
		return fmt.Errorf("chromium: enabling the ServiceWorker domain: %w", err)
	}
	if _, err := chromedp.Call(c, serviceworker.StopAllWorkers, cdp.Empty{}); err != nil {
		return fmt.Errorf("chromium: stopping workers: %w", err)
	}
	return b.waitWorkerGone(ctx, extID, "")
}

// waitWorkerGone waits until the extension has no worker target, or none with the given id.
func (b *Browser) waitWorkerGone(ctx context.Context, extID string, id target.ID) error {
	for {
		in, err := b.workerTarget(ctx, extID)
		if err != nil {
			return err
		}
		if in == nil || (id != "" && in.TargetID != id) {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("chromium: the worker of %s did not stop: %w", extID, ctx.Err())
		case <-time.After(pollInterval):
		}
	}
}

// Worker is an attached extension service worker. It is a [Realm].
type Worker struct {
	b *Browser
	// ExtID is the extension's id.
	ExtID string
	// TargetID is the DevTools target of this run of the worker; a restarted worker has a new one.
	TargetID target.ID
	// URL is the worker script's URL.
	URL     string
	ctx     context.Context
	cancel  context.CancelFunc
	console consoleLog
}

// Console returns the console messages and uncaught exceptions of this run of the worker so far. A
// worker has one execution context, so every message recorded is its own.
func (w *Worker) Console(context.Context) ([]ConsoleMessage, error) {
	w.console.mu.Lock()
	defer w.console.mu.Unlock()
	var out []ConsoleMessage
	for _, ms := range w.console.byID {
		out = append(out, ms...)
	}
	return out, nil
}

// Name implements [Realm].
func (w *Worker) Name() string { return "worker(" + w.ExtID + ")" }

// Eval implements [Realm].
func (w *Worker) Eval(ctx context.Context, expr string) (json.RawMessage, error) {
	c, cancel := bound(ctx, w.ctx)
	defer cancel()
	v, err := chromedp.Run(c, EvalAction(expr, 0))
	return v, wrapEval(w.Name(), err)
}

// Running reports whether this run of the worker is still running: its target exists.
func (w *Worker) Running(ctx context.Context) (bool, error) {
	in, err := w.b.workerTarget(ctx, w.ExtID)
	return in != nil && in.TargetID == w.TargetID, err
}

// Stop stops the worker by closing its target, as Chrome's idle timeout would, and waits until the
// target is gone. Ports into the worker then see onDisconnect, and the next event starts a new worker.
//
// A worker that is still being installed (the first second or so after launch) ignores the close, so
// it is repeated until the target goes away or ctx ends.
func (w *Worker) Stop(ctx context.Context) error {
	defer w.Close()
	for {
		c, cancel := bound(ctx, w.b.ctx)
		_, err := chromedp.CallBrowser(c, target.CloseTarget, target.CloseTargetParams{TargetID: w.TargetID})
		cancel()
		if err != nil {
			return fmt.Errorf("chromium: stopping the worker of %s: %w", w.ExtID, err)
		}
		wait, cancelWait := context.WithTimeout(ctx, stopRetry)
		err = w.b.waitWorkerGone(wait, w.ExtID, w.TargetID)
		cancelWait()
		if err == nil || ctx.Err() != nil {
			return err
		}
	}
}

// stopRetry is how long [Worker.Stop] waits for the target to go before closing it again.
const stopRetry = time.Second

// Close detaches from the worker and leaves it running.
func (w *Worker) Close() { w.cancel() }

// TabIDs lists the ids of every tab, in the order chrome.tabs.query gives them.
func (w *Worker) TabIDs(ctx context.Context) ([]int, error) {
	var ids []int
	err := EvalInto(ctx, w, `chrome.tabs.query({}).then(ts => ts.map(t => t.id))`, &ids)
	return ids, err
}

// OpenTab opens a tab at url and also returns its extension-side tab id: the one id that
// chrome.tabs.query lists after the tab opened and not before. It needs no permission, so it works
// for any URL, but tabs must be opened one at a time.
func (w *Worker) OpenTab(ctx context.Context, url string) (*Tab, int, error) {
	before, err := w.TabIDs(ctx)
	if err != nil {
		return nil, 0, err
	}
	tab, err := w.b.OpenTab(ctx, url)
	if err != nil {
		return nil, 0, err
	}
	after, err := w.TabIDs(ctx)
	if err != nil {
		tab.Close()
		return nil, 0, err
	}
	var fresh []int
	for _, id := range after {
		if !slices.Contains(before, id) {
			fresh = append(fresh, id)
		}
	}
	if len(fresh) != 1 {
		tab.Close()
		return nil, 0, fmt.Errorf("chromium: opening %s added tab ids %v, want exactly one (tabs opened concurrently?)", url, fresh)
	}
	return tab, fresh[0], nil
}

// TabIDFor returns the id of the only tab whose URL is url. The extension needs host permission for
// the URL (or the "tabs" permission) to see it.
func (w *Worker) TabIDFor(ctx context.Context, url string) (int, error) {
	var ids []int
	expr := fmt.Sprintf(`chrome.tabs.query({}).then(ts => ts.filter(t => t.url === %s || t.pendingUrl === %[1]s).map(t => t.id))`, jsString(url))
	if err := EvalInto(ctx, w, expr, &ids); err != nil {
		return 0, err
	}
	switch len(ids) {
	case 1:
		return ids[0], nil
	case 0:
		return 0, fmt.Errorf("chromium: %s sees no tab at %s (does it have host permission?)", w.Name(), url)
	default:
		return 0, fmt.Errorf("chromium: %d tabs at %s; make tab URLs unique", len(ids), url)
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}
