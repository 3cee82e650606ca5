package extwasmtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/extwasm/extwasm/internal/chromium"
)

// ChromiumBinary is the Chromium this package launches: $EXTWASM_CHROMIUM, else Debian's
// /usr/lib/chromium/chromium, else "chromium" or "google-chrome" on PATH. Debian's /usr/bin/chromium
// is a wrapper script that adds extension flags of its own, so it is only the last resort.
func ChromiumBinary() (string, error) {
	if bin := os.Getenv(ChromiumEnv); bin != "" {
		return bin, nil
	}
	if st, err := os.Stat(chromium.DefaultBinary); err == nil && !st.IsDir() {
		return chromium.DefaultBinary, nil
	}
	for _, name := range []string{"chromium", "google-chrome", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("extwasmtest: no Chromium at %s nor on PATH: install Debian's chromium package or set %s", chromium.DefaultBinary, ChromiumEnv)
}

// realBrowser launches Chromium on first need, because Chromium loads unpacked extensions only
// from its command line.
type realBrowser struct {
	binary   string
	flags    map[string]any
	pages    *chromium.PageServer
	pagesDir string
	net      netServers

	mu      sync.Mutex
	folders []string
	b       *chromium.Browser
}

func openChromium(_ context.Context, flags map[string]any) (Browser, error) {
	bin, err := ChromiumBinary()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "extwasmtest-pages-")
	if err != nil {
		return nil, err
	}
	pages, err := chromium.ServePages(dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &realBrowser{binary: bin, flags: flags, pages: pages, pagesDir: dir}, nil
}

func (r *realBrowser) Kind() string { return Chromium }

func (r *realBrowser) Install(_ context.Context, dir string) (Extension, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.b != nil {
		return nil, fmt.Errorf("extwasmtest: installing %s: Chromium is already running; install every extension before opening a tab or evaluating in a worker", dir)
	}
	id, err := chromium.ExtensionID(dir)
	if err != nil {
		return nil, err
	}
	r.folders = append(r.folders, dir)
	return &realExtension{r: r, id: id}, nil
}

// browser launches Chromium with the installed extensions if it is not running yet.
func (r *realBrowser) browser(ctx context.Context) (*chromium.Browser, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.b != nil {
		return r.b, nil
	}
	opts := chromium.Options{Binary: r.binary, Extensions: r.folders, Flags: r.net.flags(r.flags)}
	if os.Getenv(chromium.LoadEnv) != "" {
		// The user chose how to load: say on stderr how it went (a fallback says why).
		opts.Log = os.Stderr
	}
	b, err := chromium.Launch(ctx, opts)
	if err != nil {
		return nil, err
	}
	r.b = b
	return b, nil
}

func (r *realBrowser) Serve(path string, page Page) string {
	var h http.Header
	if page.CSP != "" {
		h = http.Header{"Content-Security-Policy": {page.CSP}}
	}
	r.pages.Set(path, page.HTML, h)
	return r.pages.URL + path
}

func (r *realBrowser) Handle(pattern string, h http.Handler) error {
	p, err := parsePattern(pattern)
	if err != nil {
		return err
	}
	if p.host == "" {
		r.pages.Handle(p.path, h)
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.net.add(pattern, p, h, r.b != nil)
}

func (r *realBrowser) OpenTab(ctx context.Context, url string) (Tab, error) {
	b, err := r.browser(ctx)
	if err != nil {
		return nil, err
	}
	t, err := b.OpenTab(ctx, url)
	if err != nil {
		return nil, err
	}
	return &realTab{t: t}, nil
}

func (r *realBrowser) Wait(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (r *realBrowser) Close() error {
	var errs []error
	r.mu.Lock()
	if r.b != nil {
		errs = append(errs, r.b.Close())
	}
	r.mu.Unlock()
	r.net.close()
	errs = append(errs, r.pages.Close(), os.RemoveAll(r.pagesDir))
	return errors.Join(errs...)
}

type realExtension struct {
	r  *realBrowser
	id string

	mu     sync.Mutex
	worker *chromium.Worker
	// stopped is the run StopWorker stopped last, to tell an evaluation it cut short why.
	stopped *chromium.Worker
}

func (x *realExtension) ID() string { return x.id }
func (x *realExtension) URL(path string) string {
	return "chrome-extension://" + x.id + "/" + trimSlash(path)
}
func (x *realExtension) Worker() Realm { return realWorker{x} }

// ErrNoActionClick is ClickAction's error in Chromium, which has no DevTools command that clicks an
// extension's toolbar button.
var ErrNoActionClick = errors.New("extwasmtest: Chromium has no DevTools command that clicks the toolbar button; chrome.action.openPopup() opens the popup")

func (x *realExtension) ClickAction(context.Context, Tab) error { return ErrNoActionClick }

// ErrNoNotificationClick is the error of ClickNotification, ClickNotificationButton and
// CloseNotification in Chromium, which has no DevTools command that acts on a notification.
var ErrNoNotificationClick = errors.New("extwasmtest: Chromium has no DevTools command that clicks or closes a notification; chrome.notifications.clear() closes one")

func (x *realExtension) ClickNotification(context.Context, string) error {
	return ErrNoNotificationClick
}

func (x *realExtension) ClickNotificationButton(context.Context, string, int) error {
	return ErrNoNotificationClick
}

func (x *realExtension) CloseNotification(context.Context, string) error {
	return ErrNoNotificationClick
}

// ErrNoMenuClick is ClickMenuItem's error in Chromium, which has no DevTools command that opens a
// context menu.
var ErrNoMenuClick = errors.New("extwasmtest: Chromium has no DevTools command that opens a context menu")

func (x *realExtension) ClickMenuItem(context.Context, Tab, string) error { return ErrNoMenuClick }

// ErrNoCommandKey is PressCommand's error in Chromium, which does not act on an extension's
// keyboard shortcut sent through DevTools.
var ErrNoCommandKey = errors.New("extwasmtest: Chromium does not act on an extension's keyboard shortcut sent through DevTools")

func (x *realExtension) PressCommand(context.Context, Tab, string) error { return ErrNoCommandKey }

func (x *realExtension) StopWorker(ctx context.Context) error {
	w, err := x.attached(ctx)
	if err != nil {
		return err
	}
	x.mu.Lock()
	x.stopped = w
	x.mu.Unlock()
	x.drop(w)
	return w.Stop(ctx)
}

// stopReason says why the run w stopped under an evaluation.
func (x *realExtension) stopReason(w *chromium.Worker) string {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.stopped == w {
		return "StopWorker"
	}
	return "it stopped on its own: a crash, or Chrome stopped it"
}

// WorkerRunning reports whether the extension's service worker runs now.
func (x *realExtension) WorkerRunning(ctx context.Context) (bool, error) {
	b, err := x.r.browser(ctx)
	if err != nil {
		return false, err
	}
	return b.WorkerRunning(ctx, x.id)
}

// attached attaches to the running worker, starting it if it is stopped: a restarted worker is a
// new DevTools target.
func (x *realExtension) attached(ctx context.Context) (*chromium.Worker, error) {
	b, err := x.r.browser(ctx)
	if err != nil {
		return nil, err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.worker == nil {
		if x.worker, err = b.Worker(ctx, x.id); err != nil {
			return nil, err
		}
	}
	return x.worker, nil
}

func (x *realExtension) drop(w *chromium.Worker) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.worker == w {
		x.worker = nil
	}
}

type realWorker struct{ x *realExtension }

func (w realWorker) Name() string { return "worker(" + w.x.id + ")" }

func (w realWorker) Eval(ctx context.Context, expr string) (json.RawMessage, error) {
	for attempt := 0; ; attempt++ {
		cw, err := w.x.attached(ctx)
		if err != nil {
			return nil, err
		}
		// A run that stopped on its own (idle timeout) since it was attached: attach to a new run.
		if running, err := cw.Running(ctx); err == nil && !running && attempt == 0 {
			w.x.drop(cw)
			cw.Close()
			continue
		}
		raw, err := cw.Eval(ctx, expr)
		var je *chromium.JSError
		if err == nil || errors.As(err, &je) || ctx.Err() != nil {
			return raw, err
		}
		w.x.drop(cw)
		cw.Close()
		return nil, fmt.Errorf("extwasmtest: %s stopped during the evaluation (%s): %w", w.Name(), w.x.stopReason(cw), err)
	}
}

func (w realWorker) Console(ctx context.Context) ([]ConsoleMessage, error) {
	// A running worker this package has not attached to yet still has messages: attaching replays
	// them. A stopped worker has none, and is not started just to be asked.
	b, err := w.x.r.browser(ctx)
	if err != nil {
		return nil, err
	}
	w.x.mu.Lock()
	cw := w.x.worker
	w.x.mu.Unlock()
	if cw == nil {
		running, err := b.WorkerRunning(ctx, w.x.id)
		if err != nil || !running {
			return nil, err
		}
		if cw, err = w.x.attached(ctx); err != nil {
			return nil, err
		}
	}
	ms, err := cw.Console(ctx)
	return convertConsole(ms), err
}

type realTab struct {
	t *chromium.Tab
}

func (t *realTab) Page() Realm { return realRealm{t.t.Page()} }

func (t *realTab) ContentScript(ext Extension) Realm { return realRealm{t.t.Isolated(ext.ID())} }

func (t *realTab) Frames(ctx context.Context) ([]Frame, error) {
	fs, err := t.t.Frames(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Frame, 0, len(fs))
	for _, f := range fs {
		out = append(out, realFrame{t: t.t, f: f})
	}
	return out, nil
}

func (t *realTab) Navigate(ctx context.Context, url string) error { return t.t.Navigate(ctx, url) }

func (t *realTab) Reload(ctx context.Context) error { return t.t.Reload(ctx) }

func (t *realTab) Close(context.Context) error {
	t.t.Close()
	return nil
}

type realFrame struct {
	t *chromium.Tab
	f chromium.Frame
}

func (f realFrame) URL() string { return f.f.URL }
func (f realFrame) Page() Realm { return realRealm{f.t.PageFrame(f.f.ID)} }
func (f realFrame) ContentScript(ext Extension) Realm {
	return realRealm{f.t.IsolatedFrame(ext.ID(), f.f.ID)}
}

type realRealm struct {
	r chromium.ConsoleRealm
}

func (r realRealm) Name() string { return r.r.Name() }

func (r realRealm) Eval(ctx context.Context, expr string) (json.RawMessage, error) {
	raw, err := r.r.Eval(ctx, expr)
	return raw, err
}

func (r realRealm) evalWithGesture(ctx context.Context, expr string) (json.RawMessage, error) {
	g, ok := r.r.(chromium.GestureRealm)
	if !ok {
		return nil, fmt.Errorf("extwasmtest: %s cannot evaluate with a user gesture", r.r.Name())
	}
	return g.EvalWithGesture(ctx, expr)
}

func (r realRealm) Console(ctx context.Context) ([]ConsoleMessage, error) {
	ms, err := r.r.Console(ctx)
	return convertConsole(ms), err
}

func convertConsole(ms []chromium.ConsoleMessage) []ConsoleMessage {
	var out []ConsoleMessage
	for _, m := range ms {
		out = append(out, ConsoleMessage(m))
	}
	return out
}

func trimSlash(p string) string {
	for len(p) > 0 && p[0] == '/' {
		p = p[1:]
	}
	return p
}
