// Package scenario holds messaging conformance scenarios written once, as extwasmtest steps, and
// run through extwasmtest in either browser: real Chromium or hostsim. Both must produce the same
// results for the same scenario; where they differ, Chromium is right.
//
// A scenario names a fixture extension (testdata/ext, plain JavaScript), the tabs to open (by
// name, with a path on the test page server and optional HTML), and steps: an evaluation
// (extwasmtest.Eval, whose JSON value or exception is recorded and compared) or an action
// (extwasmtest.StopWorker, Navigate, CloseTab, Wait). Realm names and the {{tab:<name>}} and {{ext}}
// placeholders are extwasmtest.EvalStep's.
package scenario

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/extwasm/extwasm/extwasmtest"
)

// Scenario is one conformance check.
type Scenario struct {
	// Name identifies the scenario ("no-receiver").
	Name string
	// Doc says what it checks, with conformance.md item numbers.
	Doc string
	// Tabs are opened in order before the first step.
	Tabs []Tab
	// Steps run in order.
	Steps []Step
	// Fixture names the extension under testdata the scenario runs with; empty means "ext".
	Fixture string
	// Handle are Go handlers the browser serves before the first tab opens, by
	// extwasmtest.Browser.Handle pattern ("https://api.example.com/", "/api/").
	Handle map[string]http.Handler
}

// Tab is a tab opened at Path on the page server; HTML, when set, is what Path serves, with CSP as
// its Content-Security-Policy header. With Extension set, Path is a file of the fixture extension
// instead: the tab shows that extension page.
type Tab struct {
	Name      string
	Path      string
	HTML      string
	CSP       string
	Extension bool
}

// Step is a step of the scenario and, for an evaluation, the expected Result as JSON ({"value": …}
// or {"error": {"name", "message"}}); an action has no Want.
type Step struct {
	Do   extwasmtest.Step
	Want string
}

// Result is what one evaluation produced: exactly one of Value and Error is set.
type Result struct {
	Value json.RawMessage `json:"value,omitempty"`
	Error *Thrown         `json:"error,omitempty"`
}

// Thrown is a JavaScript exception in a Result.
type Thrown struct {
	Name    string `json:"name"`
	Message string `json:"message"`
}

// Outcome is a step's expected and actual results; Got is empty for an action.
type Outcome struct {
	Step Step
	Got  string
}

// plainHTML is what a scenario's tab shows when the scenario gives no HTML of its own.
const plainHTML = "<!doctype html><html><head><title>page</title></head><body><p>page</p></body></html>"

// Open starts a browser of kind (extwasmtest.Hostsim or extwasmtest.Chromium) with the fixture
// extension of that name installed, and a session that serves plain pages at unserved paths and
// waits for the fixture's content script and extension pages. Close its Browser when done.
func Open(ctx context.Context, kind, fixture string) (*extwasmtest.Session, error) {
	dir, err := Scenario{Fixture: fixture}.ExtensionDir()
	if err != nil {
		return nil, err
	}
	return OpenDir(ctx, kind, dir)
}

// OpenDir is [Open] with the extension folder dir, for a test that edits a built fixture.
func OpenDir(ctx context.Context, kind, dir string) (*extwasmtest.Session, error) {
	// Chromium moves a navigated-away page into the back/forward cache only on some runs, and then
	// closes its ports with the cache's error; the simulator models navigation without that cache
	// (see the README's limits), so scenarios run without it to compare like with like.
	b, err := extwasmtest.OpenWith(ctx, extwasmtest.Options{Browser: kind,
		ChromiumFlags: map[string]any{"disable-features": "BackForwardCache"}})
	if err != nil {
		return nil, err
	}
	ext, err := b.Install(ctx, dir)
	if err != nil {
		return nil, errors.Join(err, b.Close())
	}
	s := extwasmtest.NewSession(b, ext)
	s.DefaultPage = &extwasmtest.Page{HTML: plainHTML}
	s.ContentScriptReady = "self.csLoaded >= 1"
	s.ExtensionPageReady = "self.pageReady === true"
	return s, nil
}

// Run runs s in a fresh browser of kind and returns every step's result as JSON (empty for
// actions). It stops at a failure of the browser itself, not at JavaScript exceptions, which are
// results.
func Run(ctx context.Context, kind string, s Scenario) ([]Outcome, error) {
	dir, err := s.ExtensionDir()
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", s.Name, err)
	}
	return RunDir(ctx, kind, dir, s)
}

// RunDir is [Run] with the extension folder dir instead of the scenario's fixture.
func RunDir(ctx context.Context, kind, dir string, s Scenario) (_ []Outcome, err error) {
	sess, err := OpenDir(ctx, kind, dir)
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", s.Name, err)
	}
	defer func() { err = errors.Join(err, sess.Browser.Close()) }()
	for pattern, h := range s.Handle {
		if err := sess.Browser.Handle(pattern, h); err != nil {
			return nil, fmt.Errorf("scenario %s: %w", s.Name, err)
		}
	}
	for _, t := range s.Tabs {
		path := t.Path
		switch {
		case t.Extension:
			path = sess.Ext.URL(t.Path)
		case t.HTML != "":
			sess.Serve(t.Path, extwasmtest.Page{HTML: t.HTML, CSP: t.CSP})
		}
		if _, err := sess.OpenTab(ctx, t.Name, path); err != nil {
			return nil, fmt.Errorf("scenario %s: opening tab %s: %w", s.Name, t.Name, err)
		}
	}
	var out []Outcome
	for i, st := range s.Steps {
		v, err := st.Do.Run(ctx, sess)
		if extwasmtest.IsAction(st.Do) {
			if err != nil {
				return out, fmt.Errorf("scenario %s: step %d (%s): %w", s.Name, i, st.Do, err)
			}
			out = append(out, Outcome{Step: st})
			continue
		}
		var res Result
		var js *extwasmtest.JSError
		if errors.As(err, &js) {
			res.Error = &Thrown{Name: js.Name, Message: js.Message}
		} else if err != nil {
			return out, fmt.Errorf("scenario %s: step %d (%s): %w", s.Name, i, st.Do, err)
		} else {
			res.Value = v
		}
		got, _ := json.Marshal(res)
		out = append(out, Outcome{Step: st, Got: string(got)})
	}
	return out, nil
}
