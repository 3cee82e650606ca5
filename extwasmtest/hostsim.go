package extwasmtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/extwasm/extwasm/hostsim/browser"
)

// hostsimOrigin is where [Browser.Serve] puts pages in the simulated web, which has no network:
// any port works, and a fixed one keeps transcripts stable.
const hostsimOrigin = "http://127.0.0.1:8000"

type simBrowser struct {
	b *browser.Browser
}

func openHostsim() (Browser, error) {
	b, err := browser.New(browser.Options{Seed: 1, CoverDir: coverDir()})
	if err != nil {
		return nil, err
	}
	return &simBrowser{b: b}, nil
}

func (s *simBrowser) Kind() string { return Hostsim }

func (s *simBrowser) Install(_ context.Context, dir string) (Extension, error) {
	e, err := s.b.Install(dir)
	if err != nil {
		return nil, err
	}
	return &simExtension{e: e}, nil
}

func (s *simBrowser) Serve(path string, page Page) string {
	url := hostsimOrigin + path
	s.b.ServePage(url, browser.Page{HTML: page.HTML, CSP: page.CSP})
	return url
}

func (s *simBrowser) Handle(pattern string, h http.Handler) error {
	if _, err := parsePattern(pattern); err != nil {
		return err
	}
	if strings.HasPrefix(pattern, "/") {
		pattern = hostsimOrigin + pattern
	}
	return s.b.Handle(pattern, h)
}

// OpenTab opens each tab in a new window, as Target.createTarget does in Chromium: each tab is
// then the active tab of the focused window, in both browsers alike.
func (s *simBrowser) OpenTab(_ context.Context, url string) (Tab, error) {
	s.b.NewWindow()
	t, err := s.b.OpenTab(url)
	if err != nil {
		return nil, err
	}
	return &simTab{t: t}, nil
}

func (s *simBrowser) Wait(_ context.Context, d time.Duration) error { return s.b.Advance(d) }

func (s *simBrowser) Close() error { return s.b.Close() }

// DiagramDirEnv names the environment variable that chooses where [New] writes the sequence
// diagram of a failed test's hostsim run; unset, it is extwasm-diagrams under [os.TempDir].
const DiagramDirEnv = "EXTWASM_DIAGRAM_DIR"

// unsafeInName is what a test name may hold that a file name should not.
var unsafeInName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// writeFailureDiagram writes the run's sequence diagram for t, which has failed, as
// <dir>/<test name>.html, and logs the path. A later failure of the same test overwrites it.
func (s *simBrowser) writeFailureDiagram(t testing.TB) {
	dir := os.Getenv(DiagramDirEnv)
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "extwasm-diagrams")
	}
	path := filepath.Join(dir, unsafeInName.ReplaceAllString(t.Name(), "_")+".html")
	err := os.MkdirAll(dir, 0o755)
	if err == nil {
		err = writeDiagramFile(path, s.b.Transcript(), t.Name()+" (failed)")
	}
	if err != nil {
		t.Logf("extwasmtest: writing the run's sequence diagram: %v", err)
		return
	}
	t.Logf("extwasmtest: the run's sequence diagram: %s", path)
}

func writeDiagramFile(path string, tr *browser.Transcript, title string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := tr.WriteDiagram(f, title); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Simulated is the harness over a simulated browser the caller made and goes on using for what
// only hostsim has (its transcript, pages with a separate script, Settle), as `extwasm run` does.
// Closing the result closes b.
func Simulated(b *browser.Browser) Browser { return &simBrowser{b: b} }

// SimulatedExtension is ext, installed in a browser given to [Simulated], for a [Session].
func SimulatedExtension(ext *browser.Extension) Extension { return &simExtension{e: ext} }

type simExtension struct {
	e *browser.Extension
}

func (x *simExtension) ID() string             { return x.e.ID() }
func (x *simExtension) URL(path string) string { return x.e.URL(path) }
func (x *simExtension) Worker() Realm          { return simRealm{x.e.Worker} }
func (x *simExtension) StopWorker(context.Context) error {
	return x.e.StopWorker()
}

func (x *simExtension) WorkerRunning(context.Context) (bool, error) { return x.e.WorkerRunning(), nil }

func (x *simExtension) ClickAction(_ context.Context, tab Tab) error {
	t, ok := tab.(*simTab)
	if !ok {
		return fmt.Errorf("extwasmtest: ClickAction: %T is not a tab of this browser", tab)
	}
	_, err := x.e.ClickAction(t.t)
	return err
}

func (x *simExtension) ClickNotification(_ context.Context, id string) error {
	return x.e.ClickNotification(id)
}

func (x *simExtension) ClickNotificationButton(_ context.Context, id string, index int) error {
	return x.e.ClickNotificationButton(id, index)
}

func (x *simExtension) CloseNotification(_ context.Context, id string) error {
	return x.e.CloseNotification(id)
}

func (x *simExtension) ClickMenuItem(_ context.Context, tab Tab, id string) error {
	t, ok := tab.(*simTab)
	if !ok {
		return fmt.Errorf("extwasmtest: ClickMenuItem: %T is not a tab of this browser", tab)
	}
	return x.e.ClickMenuItem(id, t.t)
}

func (x *simExtension) PressCommand(_ context.Context, tab Tab, name string) error {
	t, ok := tab.(*simTab)
	if !ok {
		return fmt.Errorf("extwasmtest: PressCommand: %T is not a tab of this browser", tab)
	}
	_, err := x.e.PressCommand(name, t.t)
	return err
}

// openPopup opens the action's popup afresh, as a click on the toolbar button does.
func (x *simExtension) openPopup(context.Context) (Realm, error) {
	p, err := x.e.OpenPopup()
	if err != nil {
		return nil, err
	}
	c := p.Context()
	return simRealm{func() *browser.Context { return c }}, nil
}

type simTab struct {
	t *browser.Tab
}

func (t *simTab) simID() int { return t.t.ID() }

func (t *simTab) Page() Realm { return simFrame{t.t.Top}.Page() }

func (t *simTab) ContentScript(ext Extension) Realm { return simFrame{t.t.Top}.ContentScript(ext) }

func (t *simTab) Frames(context.Context) ([]Frame, error) {
	var out []Frame
	for _, f := range t.t.Frames() {
		id := f.ID()
		out = append(out, simFrame{func() *browser.Frame { return t.t.Frame(id) }})
	}
	return out, nil
}

func (t *simTab) Navigate(_ context.Context, url string) error { return t.t.Navigate(url) }

func (t *simTab) Close(context.Context) error { return t.t.Close() }

func (t *simTab) Reload(context.Context) error { return t.t.Reload() }

// simFrame finds its frame at each use, so a realm follows the frame to a new document.
type simFrame struct {
	frame func() *browser.Frame
}

func (f simFrame) URL() string {
	if fr := f.frame(); fr != nil {
		return fr.URL()
	}
	return ""
}

func (f simFrame) Page() Realm {
	return simRealm{func() *browser.Context {
		if fr := f.frame(); fr != nil {
			return fr.Page()
		}
		return nil
	}}
}

func (f simFrame) ContentScript(ext Extension) Realm {
	x, ok := ext.(*simExtension)
	return simRealm{func() *browser.Context {
		fr := f.frame()
		if fr == nil || !ok {
			return nil
		}
		return fr.ContentScript(x.e)
	}}
}

// simRealm looks its context up at each use: content scripts and pages are replaced on
// navigation, and the worker on restart.
type simRealm struct {
	context func() *browser.Context
}

func (r simRealm) Name() string {
	if c := r.context(); c != nil {
		return c.Name()
	}
	return "(no such context)"
}

func (r simRealm) Eval(ctx context.Context, expr string) (json.RawMessage, error) {
	return r.eval(ctx, expr, false)
}

func (r simRealm) evalWithGesture(ctx context.Context, expr string) (json.RawMessage, error) {
	return r.eval(ctx, expr, true)
}

func (r simRealm) eval(ctx context.Context, expr string, gesture bool) (json.RawMessage, error) {
	c := r.context()
	if c == nil {
		return nil, errors.New("extwasmtest: the context does not exist (no content script injected there, or the frame is gone)")
	}
	eval := c.Eval
	if gesture {
		eval = c.EvalWithGesture
	}
	raw, err := eval(ctx, expr)
	var je *JSError
	if errors.As(err, &je) {
		return nil, je
	}
	if err != nil {
		return nil, fmt.Errorf("extwasmtest: evaluating in %s: %w", c.Name(), err)
	}
	return raw, nil
}

func (r simRealm) Console(context.Context) ([]ConsoleMessage, error) {
	c := r.context()
	if c == nil {
		return nil, nil
	}
	// The simulator prints each uncaught error to the console as Chrome's console shows it
	// ("Uncaught Error: boom"), in order, and also counts it in Errors: the first that many such
	// lines are the uncaught errors.
	uncaught := len(c.Errors())
	var out []ConsoleMessage
	for _, l := range c.Console() {
		m := ConsoleMessage{Level: l.Level, Text: l.Text}
		if uncaught > 0 && l.Level == "error" && strings.HasPrefix(l.Text, "Uncaught ") {
			m.Uncaught = true
			uncaught--
		}
		out = append(out, m)
	}
	return out, nil
}
