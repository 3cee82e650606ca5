package extwasmtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Step is one thing a scripted test does in a browser, as a value (as chromedp's actions are): an
// evaluation ([Eval]) or an action ([StopWorker], [Navigate], [CloseTab], [Wait]). Steps written in
// Go and the steps of an `extwasm run -script` file (decoded by [Steps]) are the same values, and a
// [Session] runs them in either browser.
type Step interface {
	// Run performs the step in s. An evaluation returns its JSON value (a JavaScript exception or
	// rejection is a *JSError); an action returns nil.
	Run(ctx context.Context, s *Session) (json.RawMessage, error)
	// String describes the step for messages.
	String() string
}

// UntilTimeout bounds how long an [EvalStep]'s Until condition is polled, on the browser's clock.
const UntilTimeout = 10 * time.Second

// EvalStep evaluates Expr in Realm, once the condition Until (if any) holds there. Realm names:
//
//	worker               the extension's service worker (started if stopped)
//	popup                the action's popup, opened afresh as a click on the toolbar button opens it (hostsim only)
//	<tab>/page           the main world of the tab's top document
//	<tab>/cs             the extension's isolated world in the tab's top frame
//	<tab>/frame<i>/page  the main world of the i-th child frame, in document order (1-based)
//	<tab>/frame<i>/cs    the isolated world in the i-th child frame
//
// In Expr and Until, {{tab:<name>}} is replaced by that tab's id and {{ext}} by the extension id.
type EvalStep struct {
	// Title names the step in reports; empty means the expression.
	Title string
	// Realm is where the step evaluates.
	Realm string
	// Until is a condition polled every 10 ms of the browser's clock (virtual in hostsim), for at
	// most [UntilTimeout], before Expr runs; empty means none.
	Until string
	// Expr is the expression; empty means the step only waits for Until (and yields true).
	Expr string
	// UserGesture evaluates Expr as if the user had just clicked in the realm's page, so APIs that
	// need a user gesture (chrome.sidePanel.open) accept calls made during it: in Chromium through
	// DevTools' userGesture, in hostsim as a user activation the context has until the evaluation
	// settles. Only a tab's page and content-script realms take it.
	UserGesture bool
}

// Eval is the step that evaluates expr in realm.
func Eval(realm, expr string) EvalStep { return EvalStep{Realm: realm, Expr: expr} }

// EvalWithGesture is the step that evaluates expr in realm as if the user had just clicked there
// (see [EvalStep.UserGesture]).
func EvalWithGesture(realm, expr string) EvalStep {
	return EvalStep{Realm: realm, Expr: expr, UserGesture: true}
}

// gestureRealm is a realm that can evaluate with a user gesture.
type gestureRealm interface {
	evalWithGesture(ctx context.Context, expr string) (json.RawMessage, error)
}

// Run evaluates the step.
func (e EvalStep) Run(ctx context.Context, s *Session) (json.RawMessage, error) {
	r, err := s.Realm(ctx, e.Realm)
	if err != nil {
		return nil, err
	}
	if e.Until != "" {
		if err := WaitFor(ctx, r, s.Expand(e.Until), UntilTimeout); err != nil {
			return nil, err
		}
		if e.Expr == "" {
			return json.RawMessage("true"), nil
		}
	}
	if e.UserGesture {
		g, ok := r.(gestureRealm)
		if !ok {
			return nil, fmt.Errorf("extwasmtest: realm %q cannot evaluate with a user gesture", e.Realm)
		}
		return g.evalWithGesture(ctx, s.Expand(e.Expr))
	}
	return r.Eval(ctx, s.Expand(e.Expr))
}

func (e EvalStep) String() string {
	if e.Title != "" {
		return e.Title
	}
	if e.Expr == "" {
		return "wait in " + e.Realm + " for " + e.Until
	}
	if e.UserGesture {
		return "eval with a user gesture in " + e.Realm + ": " + e.Expr
	}
	return "eval in " + e.Realm + ": " + e.Expr
}

// action is a step that changes the browser rather than asking it.
type action struct {
	name string
	do   func(ctx context.Context, s *Session) error
}

func (a action) Run(ctx context.Context, s *Session) (json.RawMessage, error) {
	return nil, a.do(ctx, s)
}

func (a action) String() string { return a.name }

// IsAction reports whether st is an action, which yields no value, rather than an evaluation.
func IsAction(st Step) bool {
	_, ok := st.(action)
	return ok
}

// StopWorker is the step that stops the service worker as Chrome's idle timeout would.
func StopWorker() Step {
	return action{"stop-worker", func(ctx context.Context, s *Session) error { return s.Ext.StopWorker(ctx) }}
}

// Navigate is the step that loads path (see [Session.URL]) in the named tab's top frame and waits
// for it as [Session.OpenTab] does.
func Navigate(tab, path string) Step {
	return action{"navigate " + tab + " " + path, func(ctx context.Context, s *Session) error {
		t, err := s.Tab(tab)
		if err != nil {
			return err
		}
		url, err := s.URL(path)
		if err != nil {
			return err
		}
		if err := t.Navigate(ctx, url); err != nil {
			return err
		}
		return s.ready(ctx, t, url)
	}}
}

// CloseTab is the step that closes the named tab.
func CloseTab(tab string) Step {
	return action{"close " + tab, func(ctx context.Context, s *Session) error {
		t, err := s.Tab(tab)
		if err != nil {
			return err
		}
		delete(s.tabs, tab)
		return t.Close(ctx)
	}}
}

// Wait is the step that lets d pass on the browser's clock: virtual in hostsim, where every timer
// due runs, real in Chromium.
func Wait(d time.Duration) Step {
	return action{"wait " + d.String(), func(ctx context.Context, s *Session) error { return s.Browser.Wait(ctx, d) }}
}

// Session runs [Step] values against one extension in a browser, and names its tabs.
type Session struct {
	Browser Browser
	Ext     Extension
	// DefaultPage is what a path ("/a.html") given to [Session.URL] serves when nothing was served
	// there through [Session.Serve]; nil means such a path is an error.
	DefaultPage *Page
	// ContentScriptReady, when set, is a condition waited for in the extension's content script
	// after a tab opens or navigates to a web page, and before a step first uses a child frame's
	// content script.
	ContentScriptReady string
	// ExtensionPageReady, when set, is a condition waited for in an extension page opened as a tab.
	ExtensionPageReady string

	tabs   map[string]sessionTab
	served map[string]string
}

type sessionTab struct {
	tab Tab
	id  int
}

// readyTimeout bounds the waits for ContentScriptReady and ExtensionPageReady.
const readyTimeout = 20 * time.Second

// NewSession is a session over ext, installed in b.
func NewSession(b Browser, ext Extension) *Session {
	return &Session{Browser: b, Ext: ext, tabs: map[string]sessionTab{}, served: map[string]string{}}
}

// Serve makes path serve page, as [Browser.Serve] does, and remembers it for [Session.URL].
func (s *Session) Serve(path string, page Page) string {
	url := s.Browser.Serve(path, page)
	s.served[path] = url
	return url
}

// URL is where a step's path leads: a path ("/a.html") on the browser's page server, serving
// DefaultPage unless the session served something there; anything else is a URL, as it is.
func (s *Session) URL(path string) (string, error) {
	if !strings.HasPrefix(path, "/") {
		return path, nil
	}
	if url, ok := s.served[path]; ok {
		return url, nil
	}
	if s.DefaultPage == nil {
		return "", fmt.Errorf("extwasmtest: nothing served at %s", path)
	}
	return s.Serve(path, *s.DefaultPage), nil
}

// OpenTab opens a tab named name at url (see [Session.URL]), waits for it to be ready, and learns
// its id for {{tab:<name>}}.
func (s *Session) OpenTab(ctx context.Context, name, path string) (int, error) {
	if _, dup := s.tabs[name]; dup {
		return 0, fmt.Errorf("extwasmtest: a tab named %q is open already", name)
	}
	url, err := s.URL(path)
	if err != nil {
		return 0, err
	}
	t, err := s.Browser.OpenTab(ctx, url)
	if err != nil {
		return 0, err
	}
	id, err := s.tabID(ctx, t, url)
	if err != nil {
		return 0, err
	}
	s.tabs[name] = sessionTab{tab: t, id: id}
	return id, s.ready(ctx, t, url)
}

// simTabID is what a hostsim tab knows of itself that Chromium's DevTools targets do not say.
type simTabID interface{ simID() int }

// tabID is the chrome.tabs id of t, the one tab at url: hostsim knows it, in Chromium the worker
// is asked (the extension needs the "tabs" permission or access to url).
func (s *Session) tabID(ctx context.Context, t Tab, url string) (int, error) {
	if st, ok := t.(simTabID); ok {
		return st.simID(), nil
	}
	var ids []int
	err := EvalInto(ctx, s.Ext.Worker(),
		fmt.Sprintf(`chrome.tabs.query({}).then(ts => ts.filter(t => t.url === %q || t.pendingUrl === %[1]q).map(t => t.id))`, url), &ids)
	if err != nil {
		return 0, err
	}
	if len(ids) != 1 {
		return 0, fmt.Errorf("extwasmtest: %d tabs at %s; a session's tab URLs must be unique", len(ids), url)
	}
	return ids[0], nil
}

// ready waits for the condition the session's pages signal readiness with.
func (s *Session) ready(ctx context.Context, t Tab, url string) error {
	if strings.HasPrefix(url, "chrome-extension://") {
		if s.ExtensionPageReady == "" {
			return nil
		}
		return WaitFor(ctx, t.Page(), s.ExtensionPageReady, readyTimeout)
	}
	if s.ContentScriptReady == "" {
		return nil
	}
	return WaitFor(ctx, t.ContentScript(s.Ext), s.ContentScriptReady, readyTimeout)
}

// Tab is the open tab named name.
func (s *Session) Tab(name string) (Tab, error) {
	t, ok := s.tabs[name]
	if !ok {
		return nil, fmt.Errorf("extwasmtest: no tab named %q", name)
	}
	return t.tab, nil
}

// TabID is the chrome.tabs id of the open tab named name.
func (s *Session) TabID(name string) (int, error) {
	t, ok := s.tabs[name]
	if !ok {
		return 0, fmt.Errorf("extwasmtest: no tab named %q", name)
	}
	return t.id, nil
}

// Expand replaces {{tab:<name>}} by the id of each open tab and {{ext}} by the extension id.
func (s *Session) Expand(x string) string {
	for name, t := range s.tabs {
		x = strings.ReplaceAll(x, "{{tab:"+name+"}}", strconv.Itoa(t.id))
	}
	return strings.ReplaceAll(x, "{{ext}}", s.Ext.ID())
}

// popupOpener is an extension whose action popup the harness can open: hostsim's. Chromium opens
// an action popup only on a click in a window's toolbar, which headless Chromium does not have.
type popupOpener interface {
	openPopup(ctx context.Context) (Realm, error)
}

// Realm resolves a realm name of [EvalStep].
func (s *Session) Realm(ctx context.Context, name string) (Realm, error) {
	switch name {
	case "worker":
		return s.Ext.Worker(), nil
	case "popup":
		p, ok := s.Ext.(popupOpener)
		if !ok {
			return nil, fmt.Errorf("extwasmtest: realm popup: %s cannot open the action popup", s.Browser.Kind())
		}
		return p.openPopup(ctx)
	}
	parts := strings.Split(name, "/")
	if len(parts) < 2 || len(parts) > 3 {
		return nil, fmt.Errorf("extwasmtest: realm %q: want worker, popup, <tab>/page, <tab>/cs or <tab>/frame<i>/(page|cs)", name)
	}
	tab, err := s.Tab(parts[0])
	if err != nil {
		return nil, fmt.Errorf("extwasmtest: realm %q: %w", name, err)
	}
	world := parts[len(parts)-1]
	if world != "page" && world != "cs" {
		return nil, fmt.Errorf("extwasmtest: realm %q: unknown world %q (want page or cs)", name, world)
	}
	if len(parts) == 2 {
		if world == "page" {
			return tab.Page(), nil
		}
		return tab.ContentScript(s.Ext), nil
	}
	var i int
	if _, err := fmt.Sscanf(parts[1], "frame%d", &i); err != nil {
		return nil, fmt.Errorf("extwasmtest: realm %q: bad frame %q", name, parts[1])
	}
	frames, err := tab.Frames(ctx)
	if err != nil {
		return nil, err
	}
	if i < 1 || i >= len(frames) {
		return nil, fmt.Errorf("extwasmtest: realm %q: no frame %d (the tab has %d child frames)", name, i, len(frames)-1)
	}
	if world == "page" {
		return frames[i].Page(), nil
	}
	r := frames[i].ContentScript(s.Ext)
	if s.ContentScriptReady != "" {
		if err := WaitFor(ctx, r, s.ContentScriptReady, readyTimeout); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Steps is a list of steps that decodes from the JSON form `extwasm run -script` reads: an array
// of objects
//
//	{"title": "…", "in": "worker" | "popup" | "cs" | "page", "tab": 0,
//	 "wait": "<condition>", "eval": "<expression>", "gesture": true, "then": "<action>"}
//
// where each field may be left out. With "wait" or "eval" the object is an [EvalStep] in realm "in"
// ("cs" and "page" of the tab "tab", an index into the tabs opened, named "0", "1", …); {{tab}} in
// "eval" and "wait" is that tab's id; "gesture" evaluates "eval" with a user gesture
// ([EvalStep.UserGesture]). "then" is an action performed after it: "stop-worker",
// "advance <duration>" (Go's syntax: "31s", "500ms"; [Wait]), "navigate <url>" or "close" (the tab
// "tab"). Unknown fields are errors.
type Steps []Step

// UnmarshalJSON decodes the JSON form; it is the only parser of it.
func (st *Steps) UnmarshalJSON(data []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("steps: %w", err)
	}
	var out Steps
	for i, r := range raw {
		steps, err := decodeStep(r)
		if err != nil {
			return fmt.Errorf("step %d: %w", i+1, err)
		}
		out = append(out, steps...)
	}
	*st = out
	return nil
}

type stepJSON struct {
	Title   string `json:"title"`
	In      string `json:"in"`
	Tab     int    `json:"tab"`
	Wait    string `json:"wait"`
	Eval    string `json:"eval"`
	Gesture bool   `json:"gesture"`
	Then    string `json:"then"`
}

// decodeStep is one object of the JSON form: an evaluation, an action, or both in that order.
func decodeStep(data []byte) ([]Step, error) {
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	var j stepJSON
	if err := dec.Decode(&j); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("trailing data after the step")
	}
	if j.Tab < 0 {
		return nil, fmt.Errorf(`"tab" is %d: want an index of the tabs opened`, j.Tab)
	}
	tab := strconv.Itoa(j.Tab)
	var out []Step
	if j.Wait != "" || j.Eval != "" {
		var realm string
		switch j.In {
		case "worker", "popup":
			realm = j.In
		case "cs", "page":
			realm = tab + "/" + j.In
		default:
			return nil, fmt.Errorf(`"in" is %q: want "worker", "popup", "cs" or "page"`, j.In)
		}
		tabRef := strings.NewReplacer("{{tab}}", "{{tab:"+tab+"}}")
		out = append(out, EvalStep{Title: j.Title, Realm: realm, Until: tabRef.Replace(j.Wait), Expr: tabRef.Replace(j.Eval), UserGesture: j.Gesture})
	} else if j.In != "" {
		return nil, fmt.Errorf(`"in" is %q but there is no "eval" nor "wait"`, j.In)
	}
	if j.Then != "" {
		a, err := decodeAction(j.Then, tab)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, errors.New(`a step needs "eval", "wait" or "then"`)
	}
	if j.Gesture && j.Eval == "" {
		return nil, errors.New(`"gesture" needs "eval"`)
	}
	return out, nil
}

// decodeAction is a "then" action of the JSON form; tab names the step's tab.
func decodeAction(s, tab string) (Step, error) {
	verb, arg, _ := strings.Cut(s, " ")
	arg = strings.TrimSpace(arg)
	switch {
	case verb == "stop-worker" && arg == "":
		return StopWorker(), nil
	case verb == "close" && arg == "":
		return CloseTab(tab), nil
	case verb == "navigate" && arg != "":
		return Navigate(tab, arg), nil
	case verb == "advance":
		d, err := time.ParseDuration(arg)
		if err != nil {
			return nil, fmt.Errorf(`"then": %w`, err)
		}
		if d < 0 {
			return nil, fmt.Errorf(`"then": advance %s: a duration cannot be negative`, arg)
		}
		return Wait(d), nil
	}
	return nil, fmt.Errorf(`"then" is %q: want "stop-worker", "advance <duration>", "navigate <url>" or "close"`, s)
}
