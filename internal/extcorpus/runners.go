package extcorpus

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/target"

	"github.com/extwasm/extwasm/hostsim/browser"
	"github.com/extwasm/extwasm/internal/chromium"
)

// PageHTML is the web page the procedure opens, where the extensions' content scripts run.
const PageHTML = "<!doctype html>\n<meta charset=utf-8>\n<title>extcorpus</title>\n<p>A web page for content scripts.</p>\n"

// PagePath is the page's path on the server.
const PagePath = "/page.html"

// Runner carries out the procedure for one extension in one browser.
type Runner interface {
	Name() string
	// Run carries out the procedure, letting wait pass after the pages opened.
	Run(ctx context.Context, ext Extension, wait time.Duration) Run
	Close() error
}

// Procedure is what both runners do, in this order: install the extension, open the web page,
// the popup and the options page in tabs, then let the wait pass (real time in Chromium, virtual
// time in hostsim, whose timers then fire as they would have).
type Procedure struct {
	// PageURL is the web page's URL; both browsers open the same one.
	PageURL string
}

// pages are the extension pages the procedure opens for ext, popup first.
func pages(ext Extension) []string {
	var out []string
	for _, p := range []string{ext.Popup, ext.Options} {
		if p != "" && !contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// collector gathers messages from callbacks on other goroutines.
type collector struct {
	mu   sync.Mutex
	msgs []Message
}

func (c *collector) add(m Message) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.msgs = append(c.msgs, m)
}

func (c *collector) all() []Message {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Message(nil), c.msgs...)
}

// Chromium runs each extension in a fresh headless Chromium, loaded through DevTools'
// Extensions.loadUnpacked so a manifest Chromium refuses is an error of the run.
type Chromium struct {
	proc Procedure
	srv  *httptest.Server
}

// NewChromium starts the web page's server; PageURL is then its page.
func NewChromium() *Chromium {
	srv := httptest.NewServer(PageHandler())
	return &Chromium{srv: srv, proc: Procedure{PageURL: srv.URL + PagePath}}
}

// PageHandler serves PageHTML at PagePath and 404 elsewhere.
func PageHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != PagePath {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, PageHTML)
	})
}

// PageURL is the web page both browsers open.
func (c *Chromium) PageURL() string { return c.proc.PageURL }

// Name is "chromium".
func (c *Chromium) Name() string { return "chromium" }

// Run carries out the procedure with wait of real time, collecting the console errors and uncaught
// exceptions of every target (service worker, tabs, frames) through a chromium.Monitor.
func (c *Chromium) Run(ctx context.Context, ext Extension, wait time.Duration) Run {
	b, err := chromium.Launch(ctx, chromium.Options{Extensions: []string{ext.Dir}, Load: chromium.LoadProtocol})
	if err != nil {
		return Run{LoadError: firstLine(err.Error())}
	}
	defer b.Close()
	id, err := chromium.ExtensionID(ext.Dir)
	if err != nil {
		return Run{LoadError: err.Error()}
	}
	var mu sync.Mutex
	var events []chromium.ConsoleEvent
	mon := b.Monitor(func(ev chromium.ConsoleEvent) {
		if ev.Level == "error" {
			mu.Lock()
			events = append(events, ev)
			mu.Unlock()
		}
	})
	// What each tab the procedure opened shows, by target: a message can arrive while the
	// monitor still knows a new tab as about:blank.
	opened := map[target.ID]string{}
	collect := func() []Message {
		mon.Close()
		mu.Lock()
		defer mu.Unlock()
		var out []Message
		for _, ev := range events {
			u := ev.URL
			if o, ok := opened[ev.TargetID]; ok {
				u = o
			}
			page := ""
			if rest, ok := strings.CutPrefix(u, "chrome-extension://"+id+"/"); ok && ev.Kind != "service_worker" && !ev.ContentScript {
				page, _, _ = strings.Cut(rest, "?")
				if page == "" {
					page = "/"
				}
			}
			out = append(out, Message{Context: Classify(ext, ev.Kind == "service_worker", ev.ContentScript, page), Text: ev.Text})
		}
		return out
	}
	// The worker starts as the extension loads; what it logs before the monitor attaches comes by
	// replay. From then on each tab opens blank, and is followed before it goes to its page, so
	// nothing it logs depends on a replay (which Chromium does not give for content scripts).
	// A worker that fails to register (a module whose import is missing) comes and goes, or never
	// comes: the bounded wait only gives the monitor its chance, and the check after the wait
	// decides.
	if ext.Worker {
		wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		_ = mon.WaitAttached(wctx, func(kind, _ string, _ target.ID) bool { return kind == "service_worker" })
		cancel()
	}
	urls := []string{c.proc.PageURL}
	for _, p := range pages(ext) {
		urls = append(urls, "chrome-extension://"+id+"/"+p)
	}
	for _, u := range urls {
		tab, err := b.OpenTab(ctx, "about:blank")
		if err == nil {
			opened[tab.TargetID] = u
			err = mon.WaitAttached(ctx, func(_, _ string, id target.ID) bool { return id == tab.TargetID })
		}
		if err == nil {
			err = tab.Navigate(ctx, u)
		}
		if err != nil {
			return Run{LoadError: fmt.Sprintf("opening %s: %s", u, firstLine(err.Error())), Errors: collect()}
		}
	}
	select {
	case <-time.After(wait):
	case <-ctx.Done():
	}
	if ext.Worker {
		// Chromium reports a worker that cannot run only on chrome://extensions, in no console: it
		// is counted as not clean, as hostsim's report of the same failure in the worker is.
		if running, err := b.WorkerRunning(ctx, id); err == nil && !running {
			return Run{LoadError: "the service worker is not running", Errors: collect()}
		}
	}
	return Run{Errors: collect()}
}

// Close stops the page server.
func (c *Chromium) Close() error {
	c.srv.Close()
	return nil
}

// Hostsim runs each extension in a fresh simulated browser, serving the page at the URL Chromium's
// server has, so content scripts' matches decide the same way.
type Hostsim struct {
	PageURL string
}

// Name is "hostsim".
func (h *Hostsim) Name() string { return "hostsim" }

// Run carries out the procedure, wait being virtual time, collecting every context's console
// errors (hostsim reports uncaught exceptions and unhandled rejections there too, as "Uncaught …").
// The simulator cannot be interrupted in a script, so a run still going when ctx ends is abandoned
// with its browser.
func (h *Hostsim) Run(ctx context.Context, ext Extension, wait time.Duration) Run {
	done := make(chan Run, 1)
	go func() {
		defer func() {
			if x := recover(); x != nil {
				done <- Run{LoadError: fmt.Sprintf("hostsim panicked: %v", x)}
			}
		}()
		done <- h.run(ext, wait)
	}()
	select {
	case r := <-done:
		return r
	case <-ctx.Done():
		return Run{LoadError: "hostsim: the procedure did not finish in time"}
	}
}

func (h *Hostsim) run(ext Extension, wait time.Duration) Run {
	var col collector
	b, err := browser.New(browser.Options{OnConsole: func(c, level, text string) {
		if level == "error" {
			if strings.HasPrefix(text, "Uncaught") {
				text = firstLine(text) // Chromium's one-line summary leaves the stack out
			}
			col.add(Message{Context: hostsimContext(ext, c), Text: text})
		}
	}})
	if err != nil {
		return Run{LoadError: err.Error()}
	}
	defer b.Close()
	u, err := url.Parse(h.PageURL)
	if err != nil {
		return Run{LoadError: err.Error()}
	}
	if err := b.Handle(u.Scheme+"://"+u.Host+"/", PageHandler()); err != nil {
		return Run{LoadError: err.Error()}
	}
	e, err := b.Install(ext.Dir)
	if err != nil {
		return Run{LoadError: firstLine(err.Error()), Errors: col.all()}
	}
	urls := []string{h.PageURL}
	for _, p := range pages(ext) {
		urls = append(urls, e.URL(p))
	}
	for _, u := range urls {
		if _, err := b.OpenTab(u); err != nil {
			return Run{LoadError: fmt.Sprintf("opening %s: %s", u, firstLine(err.Error())), Errors: col.all()}
		}
	}
	if err := b.Advance(wait); err != nil {
		return Run{LoadError: firstLine(err.Error()), Errors: col.all()}
	}
	return Run{Errors: col.all()}
}

// hostsimContext classifies a hostsim context name ("worker[Name]", "tab 1 frame 0 content[Name]",
// "tab 2 frame 0 popup.html[Name]", "tab 1 frame 0 page"), read from the left since the
// extension's name may hold anything.
func hostsimContext(ext Extension, c string) string {
	if strings.HasPrefix(c, "worker[") {
		return ContextWorker
	}
	if f := strings.SplitN(c, " ", 5); len(f) == 5 && f[0] == "tab" && f[2] == "frame" {
		switch rest := f[4]; {
		case rest == "page":
			return ContextPage
		case strings.HasPrefix(rest, "content["):
			return ContextContent
		case !strings.HasPrefix(rest, "user script"):
			file, _, _ := strings.Cut(rest, "[")
			return Classify(ext, false, false, file)
		}
	}
	// The action's popup, the side panel, an offscreen document, a user script: as hostsim
	// names them, less the extension's name.
	c, _, _ = strings.Cut(c, "[")
	return c
}

// Close does nothing: each run has its own browser.
func (h *Hostsim) Close() error { return nil }

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
