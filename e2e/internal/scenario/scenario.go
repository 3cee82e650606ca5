// Package scenario holds messaging conformance scenarios written once as data and run against
// any browser: real Chromium (driven over CDP) or the simulator. Both runners must produce the
// same results for the same scenario; where they differ, Chromium is right.
//
// A scenario names a fixture extension (testdata/ext, plain JavaScript), the tabs to open (by
// name, with a path on the test page server and optional HTML), and steps. A step either
// evaluates a JavaScript expression in a named realm and records its JSON value or its exception,
// or performs a browser action. Realm names:
//
//	worker            the extension's service worker (started if stopped)
//	<tab>/page        the main world of the tab's top document
//	<tab>/cs          the extension's isolated world in the tab's top frame
//	<tab>/frame<i>/cs the isolated world in the i-th child frame, in document order (1-based)
//
// Expressions may contain {{tab:<name>}}, replaced by that tab's id, and {{ext}}, replaced by the
// extension id. Actions: "stop-worker", "navigate <tab> <path>", "close <tab>", "wait <ms>".
package scenario

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// Scenario is one conformance check.
type Scenario struct {
	// Name identifies the scenario ("no-receiver").
	Name string `json:"name"`
	// Doc says what it checks, with conformance.md item numbers.
	Doc string `json:"doc"`
	// Tabs are opened in order before the first step.
	Tabs []Tab `json:"tabs"`
	// Steps run in order.
	Steps []Step `json:"steps"`
	// Fixture names the extension under testdata the scenario runs with; empty means "ext".
	Fixture string `json:"fixture,omitempty"`
}

// Tab is a tab opened at Path on the page server; HTML, when set, is what Path serves. With
// Extension set, Path is a file of the fixture extension instead: the tab shows that extension page.
type Tab struct {
	Name      string `json:"name"`
	Path      string `json:"path"`
	HTML      string `json:"html,omitempty"`
	Extension bool   `json:"extension,omitempty"`
}

// Step is an evaluation (Realm and Expr) or an Action; Want is the expected Result as JSON
// ({"value": …} or {"error": {"name", "message"}}), empty for actions.
type Step struct {
	Realm  string `json:"realm,omitempty"`
	Expr   string `json:"expr,omitempty"`
	Action string `json:"action,omitempty"`
	Want   string `json:"want,omitempty"`
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

// Browser is what a runner drives: the operations a scenario needs from a real or simulated
// browser, with the fixture extension installed and a page server at hand.
type Browser interface {
	// OpenTab opens a tab at path (serving html there if not empty) and waits for the content
	// script; it returns the tab id.
	OpenTab(ctx context.Context, path, html string) (int, error)
	// OpenExtensionPage opens a tab at the fixture extension's file path and waits for the page's
	// scripts; it returns the tab id.
	OpenExtensionPage(ctx context.Context, path string) (int, error)
	// Eval evaluates expr in the named realm, where Run has replaced the tab name by the tab id
	// ("3/frame1/cs"); a JavaScript exception is returned as *Thrown.
	Eval(ctx context.Context, realm, expr string) (json.RawMessage, error)
	// StopWorker stops the extension's service worker.
	StopWorker(ctx context.Context) error
	// Navigate loads path in the tab's top frame.
	Navigate(ctx context.Context, tab int, path string) error
	// CloseTab closes the tab.
	CloseTab(ctx context.Context, tab int) error
	// Wait lets ms milliseconds pass (virtual time in the simulator).
	Wait(ctx context.Context, ms int) error
	// ExtensionID is the fixture extension's id.
	ExtensionID() string
}

func (t *Thrown) Error() string { return t.Name + ": " + t.Message }

// Outcome is a step's expected and actual results.
type Outcome struct {
	Step Step
	Got  string
}

// Run runs the scenario on b and returns every step's result as JSON (empty for actions). It stops
// at a failure of the browser itself, not at JavaScript exceptions, which are results.
func Run(ctx context.Context, b Browser, s Scenario) ([]Outcome, error) {
	tabs := map[string]int{}
	for _, t := range s.Tabs {
		open := func() (int, error) { return b.OpenTab(ctx, t.Path, t.HTML) }
		if t.Extension {
			open = func() (int, error) { return b.OpenExtensionPage(ctx, t.Path) }
		}
		id, err := open()
		if err != nil {
			return nil, fmt.Errorf("scenario %s: opening tab %s: %w", s.Name, t.Name, err)
		}
		tabs[t.Name] = id
	}
	expand := func(x string) string {
		for name, id := range tabs {
			x = strings.ReplaceAll(x, "{{tab:"+name+"}}", fmt.Sprint(id))
		}
		return strings.ReplaceAll(x, "{{ext}}", b.ExtensionID())
	}
	var out []Outcome
	for i, st := range s.Steps {
		if st.Action != "" {
			if err := act(ctx, b, tabs, st.Action); err != nil {
				return out, fmt.Errorf("scenario %s: step %d (%s): %w", s.Name, i, st.Action, err)
			}
			out = append(out, Outcome{Step: st})
			continue
		}
		realm := st.Realm
		if name, rest, ok := strings.Cut(realm, "/"); ok {
			if id, found := tabs[name]; found {
				realm = fmt.Sprintf("%d/%s", id, rest)
			}
		}
		v, err := b.Eval(ctx, realm, expand(st.Expr))
		var res Result
		if th, ok := err.(*Thrown); ok {
			res.Error = th
		} else if err != nil {
			return out, fmt.Errorf("scenario %s: step %d in %s: %w", s.Name, i, st.Realm, err)
		} else {
			res.Value = v
		}
		got, _ := json.Marshal(res)
		out = append(out, Outcome{Step: st, Got: string(got)})
	}
	return out, nil
}

func act(ctx context.Context, b Browser, tabs map[string]int, action string) error {
	f := strings.Fields(action)
	tab := func() (int, error) {
		if len(f) < 2 {
			return 0, fmt.Errorf("%q needs a tab name", f[0])
		}
		id, ok := tabs[f[1]]
		if !ok {
			return 0, fmt.Errorf("no tab named %q", f[1])
		}
		return id, nil
	}
	switch f[0] {
	case "stop-worker":
		return b.StopWorker(ctx)
	case "navigate":
		id, err := tab()
		if err != nil || len(f) < 3 {
			return fmt.Errorf("navigate <tab> <path>: %v", err)
		}
		return b.Navigate(ctx, id, f[2])
	case "close":
		id, err := tab()
		if err != nil {
			return err
		}
		return b.CloseTab(ctx, id)
	case "wait":
		var ms int
		if len(f) < 2 {
			return fmt.Errorf("wait <ms>")
		}
		if _, err := fmt.Sscan(f[1], &ms); err != nil {
			return fmt.Errorf("wait <ms>: %w", err)
		}
		return b.Wait(ctx, ms)
	}
	return fmt.Errorf("unknown action %q", action)
}
