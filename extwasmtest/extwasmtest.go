// Package extwasmtest runs one extension test in two browsers: hostsim, the simulated Chrome (the
// default: no browser needed, virtual time, milliseconds), and a real Chromium driven over the
// DevTools protocol. A test is written once against [Browser]:
//
//	func TestGreeting(t *testing.T) {
//		b := extwasmtest.New(t)
//		ext := extwasmtest.Install(t, b, "extension")
//		tab := extwasmtest.OpenTab(t, b, b.Serve("/", extwasmtest.Page{HTML: "<p>hi</p>"}))
//		extwasmtest.EvalJSON(t, tab.ContentScript(ext), `chrome.runtime.sendMessage({hello: 1})`, `{"ok": true}`)
//	}
//
// and runs in hostsim with `go test`, in Chromium with
//
//	go test -extwasm.browser=chromium ./...     (or EXTWASM_BROWSER=chromium go test ./...)
//
// Chromium is Debian's /usr/lib/chromium/chromium unless $EXTWASM_CHROMIUM names another binary;
// when neither exists, "chromium" or "google-chrome" on PATH. chromedp's default launch flags include
// --disable-extensions, which silently loads no extension at all; this package launches without them
// and with --load-extension and --disable-extensions-except naming the installed folders. A browser
// that cannot start fails the test with the browser's output: it never skips.
//
// Pages come from [Browser.Serve]: an HTTP server on 127.0.0.1 in Chromium, the simulated web in
// hostsim, at the same paths. Go http.Handlers serve any other URL with [Browser.Handle], for fetch
// and XMLHttpRequest. Extension pages open as tabs at [Extension.URL].
package extwasmtest

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/extwasm/extwasm/hostsim/browser"
)

// The browsers [New] can start.
const (
	Hostsim  = "hostsim"
	Chromium = "chromium"
)

// BrowserEnv names the environment variable that chooses the browser when the flag is not given.
const BrowserEnv = "EXTWASM_BROWSER"

// ChromiumEnv names the environment variable that points at a Chromium binary.
const ChromiumEnv = "EXTWASM_CHROMIUM"

var browserFlag = flag.String("extwasm.browser", "", "browser for extwasmtest: hostsim (default) or chromium; also $"+BrowserEnv)

// Kind is the browser the flag or the environment chose: [Hostsim] or [Chromium].
func Kind() (string, error) {
	k := *browserFlag
	if k == "" {
		k = os.Getenv(BrowserEnv)
	}
	switch k {
	case "", Hostsim:
		return Hostsim, nil
	case Chromium:
		return Chromium, nil
	}
	return "", fmt.Errorf("extwasmtest: browser %q: want %q or %q", k, Hostsim, Chromium)
}

// Browser is a browser with unpacked extensions installed and a web server for test pages.
type Browser interface {
	// Kind is [Hostsim] or [Chromium].
	Kind() string
	// Install loads an unpacked extension folder, as chrome://extensions' "Load unpacked" does. In
	// Chromium every extension must be installed before the first tab opens or the first worker
	// evaluation, because Chromium loads them at launch.
	Install(ctx context.Context, dir string) (Extension, error)
	// Serve makes path (starting with "/") serve page and returns its http://127.0.0.1 URL.
	Serve(path string, page Page) string
	// Handle makes h serve the URLs under pattern, for fetch and XMLHttpRequest from every context
	// and for tabs opened there. pattern is either a path ("/api/", a prefix when it ends in "/")
	// on the origin [Browser.Serve] puts pages on, or an absolute http or https URL with a host
	// name, such as "https://api.example.com/" (not an IP address or localhost: Chromium reaches
	// such hosts through --host-resolver-rules, which maps names). Hostsim runs h in process
	// with Chrome's rules (host permissions, CORS, redirects; see hostsim/browser's Handle);
	// Chromium reaches it over a local server, plain or TLS (with --ignore-certificate-errors),
	// that the host is mapped to, so the same URLs work in both. Chromium learns the host
	// names at launch: a pattern on a host it was not launched with is an error once it runs
	// (call Handle before the first tab or worker evaluation, as Install), and one host name
	// cannot be served over both http and https. Both browsers keep the cookies the handlers set.
	Handle(pattern string, h http.Handler) error
	// OpenTab opens a tab at url (a served page or an extension page) in a new window, as DevTools'
	// Target.createTarget does in Chromium, and waits for it to load.
	OpenTab(ctx context.Context, url string) (Tab, error)
	// Wait lets d pass on the browser's clock: in hostsim the virtual clock moves at once, running
	// every timer due (the worker's idle stop, alarms); in Chromium it is real time.
	Wait(ctx context.Context, d time.Duration) error
	// Close closes the browser.
	Close() error
}

// Page is what a served path returns.
type Page struct {
	// HTML is the document. Hostsim runs its scripts as the page's CSP allows, once the document
	// is parsed (Chromium runs each where it stands, so a head script there does not see the body
	// yet): inline and src classic scripts in document order (src ones fetched from what Handle and
	// Serve serve), then defer and module scripts, DOMContentLoaded, async scripts, load. A module
	// with import or export is not run (a console error says so).
	HTML string
	// CSP, when set, is sent as the Content-Security-Policy header.
	CSP string
}

// Extension is an installed extension.
type Extension interface {
	// ID is the extension id, which Chromium derives from the manifest's "key" when it has one,
	// else from the folder's absolute path.
	ID() string
	// URL is the chrome-extension:// URL of a file of the extension, e.g. to open "popup.html".
	URL(path string) string
	// Worker is the extension's service worker; evaluating in it starts it if it is stopped.
	Worker() Realm
	// StopWorker stops the service worker as Chrome's idle timeout would.
	StopWorker(ctx context.Context) error
	// WorkerRunning reports whether the service worker is running now, without starting it.
	WorkerRunning(ctx context.Context) (bool, error)
	// ClickAction clicks the extension's toolbar button with tab active: the action's popup
	// opens, or, without one, action.onClicked fires with the tab; a disabled action does
	// nothing. Chromium has no DevTools command that clicks the button, so there it returns an
	// error that says so (chrome.action.openPopup opens a popup in both browsers).
	ClickAction(ctx context.Context, tab Tab) error
	// ClickNotification clicks the body of the extension's notification id (chrome.notifications):
	// notifications.onClicked fires with the id. Chromium has no DevTools command that clicks a
	// notification, so there it returns [ErrNoNotificationClick]; so do ClickNotificationButton and
	// CloseNotification (chrome.notifications.clear closes one, firing onClosed, in both browsers).
	ClickNotification(ctx context.Context, id string) error
	// ClickNotificationButton clicks button index (0-based) of the notification id:
	// notifications.onButtonClicked fires with the id and the index.
	ClickNotificationButton(ctx context.Context, id string, index int) error
	// CloseNotification dismisses the notification id as a user does: notifications.onClosed fires
	// with the id and byUser true.
	CloseNotification(ctx context.Context, id string) error

	// ClickMenuItem right-clicks the page in tab and chooses the extension's context-menu item
	// id: contextMenus.onClicked fires with the click's data and the tab. Chromium has no
	// DevTools command that opens a context menu, so there it returns ErrNoMenuClick.
	ClickMenuItem(ctx context.Context, tab Tab, id string) error

	// PressCommand presses the keyboard shortcut of the manifest command name with tab active:
	// _execute_action clicks the toolbar action, any other command fires commands.onCommand with
	// the name and the tab. Chromium does not act on a shortcut sent through DevTools (measured:
	// Ctrl+Shift+Y sent with Input.dispatchKeyEvent reaches the page and commands.onCommand does
	// not fire), so there it returns ErrNoCommandKey.
	PressCommand(ctx context.Context, tab Tab, name string) error
}

// Tab is an open tab.
type Tab interface {
	// Page is the main world of the top frame: the web page, or the extension page.
	Page() Realm
	// ContentScript is ext's isolated world in the top frame, where its content scripts run.
	ContentScript(ext Extension) Realm
	// Frames lists the tab's frames, the top frame first, then children in document order.
	Frames(ctx context.Context) ([]Frame, error)
	// Navigate loads url in the top frame and waits for it to load.
	Navigate(ctx context.Context, url string) error
	// Reload reloads the top frame, as the user does, and waits for it to load: a new document,
	// with the content scripts run again.
	Reload(ctx context.Context) error
	// Close closes the tab.
	Close(ctx context.Context) error
}

// Frame is one frame of a tab.
type Frame interface {
	// URL is the frame's document URL.
	URL() string
	// Page is the frame's main world.
	Page() Realm
	// ContentScript is ext's isolated world in the frame.
	ContentScript(ext Extension) Realm
}

// Realm is a JavaScript context: a page's main world, a content script's isolated world, an
// extension page or the service worker.
type Realm interface {
	// Name says which context this is, for messages.
	Name() string
	// Eval evaluates JavaScript — an expression, or a statement list whose value is its last
	// expression's, as DevTools' console takes it (declarations stay for later evaluations) —
	// awaits the value if it is a promise, and returns it as JSON (undefined becomes null). A thrown
	// exception, a rejection or a syntax error is a *JSError. Top-level await in a statement list
	// works in Chromium only; in hostsim, wrap such statements in an async function.
	Eval(ctx context.Context, expr string) (json.RawMessage, error)
	// Console returns the context's console messages and uncaught exceptions so far, in its current
	// document (for the worker: its current run).
	Console(ctx context.Context) ([]ConsoleMessage, error)
}

// ConsoleMessage is one console call, or one uncaught exception, in a realm.
type ConsoleMessage struct {
	// Level is log, info, debug, warn or error.
	Level string
	// Text is the message; for an uncaught exception, the console's one-line summary
	// ("Uncaught Error: boom", "Uncaught (in promise) Error: boom").
	Text string
	// Uncaught is true for an uncaught exception or an unhandled rejection.
	Uncaught bool
}

// JSError is an exception thrown, or a promise rejected, by evaluated JavaScript, in either
// browser: Name is the constructor's name ("TypeError"), Message the browser's own text.
type JSError = browser.JSError

// Open starts the browser [Kind] chose. Close it when done.
func Open(ctx context.Context) (Browser, error) { return OpenWith(ctx, Options{}) }

// Options configure [OpenWith].
type Options struct {
	// Browser is [Hostsim] or [Chromium]; empty means what [Kind] chose.
	Browser string
	// ChromiumFlags are extra Chromium command-line switches, name → value (true for a bare
	// switch), e.g. {"disable-features": "BackForwardCache"}. Hostsim ignores them.
	ChromiumFlags map[string]any
}

// OpenWith starts a browser as opts say, for a test that compares both browsers or needs
// Chromium switches. Close it when done.
func OpenWith(ctx context.Context, opts Options) (Browser, error) {
	kind := opts.Browser
	if kind == "" {
		var err error
		if kind, err = Kind(); err != nil {
			return nil, err
		}
	}
	switch kind {
	case Chromium:
		return openChromium(ctx, opts.ChromiumFlags)
	case Hostsim:
		return openHostsim()
	}
	return nil, fmt.Errorf("extwasmtest: browser %q: want %q or %q", kind, Hostsim, Chromium)
}

// Timeout bounds each helper call of this package that takes no context: a start of a Go module
// takes well under a second, so it only matters when something is broken.
var Timeout = 60 * time.Second

// New opens the browser [Kind] chose and closes it when the test ends; a failure fails the test.
// When the test has failed by then, in hostsim, New first writes the run's sequence diagram (see
// hostsim/browser's Transcript.WriteDiagram) to $EXTWASM_DIAGRAM_DIR ([DiagramDirEnv]), else
// extwasm-diagrams under [os.TempDir], as <test name>.html, and logs its path.
func New(t testing.TB) Browser {
	t.Helper()
	b, err := Open(callCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, ok := b.(*simBrowser); ok && t.Failed() {
			s.writeFailureDiagram(t)
		}
		if err := b.Close(); err != nil {
			t.Errorf("extwasmtest: closing the browser: %v", err)
		}
	})
	return b
}

// Install is [Browser.Install] that fails the test on error.
func Install(t testing.TB, b Browser, dir string) Extension {
	t.Helper()
	ext, err := b.Install(callCtx(t), dir)
	if err != nil {
		t.Fatal(err)
	}
	return ext
}

// OpenTab is [Browser.OpenTab] that fails the test on error and closes the tab when it ends.
func OpenTab(t testing.TB, b Browser, url string) Tab {
	t.Helper()
	tab, err := b.OpenTab(callCtx(t), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tab.Close(context.Background()) })
	return tab
}

// EvalInto evaluates expr in r and decodes the JSON result into out.
func EvalInto(ctx context.Context, r Realm, expr string, out any) error {
	raw, err := r.Eval(ctx, expr)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("extwasmtest: %s: decoding %s: %w", r.Name(), raw, err)
	}
	return nil
}

// WaitFor resolves once the JavaScript condition cond holds in r, polling every 10 ms of the
// browser's clock (virtual in hostsim) for at most timeout. The realm must exist; to wait for a
// content script, open the tab first. A condition that throws counts as false; when time runs out
// while it still throws, the error says so and wraps its last exception (a *JSError: name and
// message). A worker stays alive while WaitFor polls in it, in both browsers.
func WaitFor(ctx context.Context, r Realm, cond string, timeout time.Duration) error {
	expr := fmt.Sprintf(`new Promise((resolve, reject) => { const end = Date.now() + %d;
		const check = () => { let ok = false, thrown = null; try { ok = !!(%s
		); } catch (e) { thrown = e; }
		if (ok) resolve(true); else if (Date.now() > end) reject(thrown || new Error(%q)); else setTimeout(check, 10); };
		check(); })`, timeout.Milliseconds(), cond, conditionFalse)
	if _, err := r.Eval(ctx, expr); err != nil {
		what := fmt.Sprintf("extwasmtest: waiting in %s for %s", r.Name(), cond)
		var je *JSError
		if !errors.As(err, &je) {
			return fmt.Errorf("%s: %w", what, err)
		}
		if je.Message == conditionFalse {
			return fmt.Errorf("%s: timed out after %v: the condition stayed false", what, timeout)
		}
		return fmt.Errorf("%s: timed out after %v; the condition last threw %w", what, timeout, err)
	}
	return nil
}

// conditionFalse is what WaitFor's evaluation rejects with when its condition was false, rather
// than throwing, at the end.
const conditionFalse = "extwasmtest: the condition is false"

// EvalJSON evaluates expr in r and fails the test unless its JSON value equals want (compared as
// JSON, so spacing and key order do not matter).
func EvalJSON(t testing.TB, r Realm, expr, want string) {
	t.Helper()
	raw, err := r.Eval(callCtx(t), expr)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	var got, exp any
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatalf("want is not JSON: %s: %v", want, err)
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("%s returned invalid JSON %s", expr, raw)
	}
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(exp)
	if string(g) != string(w) {
		t.Errorf("%s in %s:\n got: %s\nwant: %s", expr, r.Name(), raw, want)
	}
}

func callCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	t.Cleanup(cancel)
	return ctx
}
