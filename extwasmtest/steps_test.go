package extwasmtest_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/extwasmtest"
)

// describe is each step's type and description, for comparing decoded steps.
func describe(steps []extwasmtest.Step) []string {
	var out []string
	for _, s := range steps {
		out = append(out, fmt.Sprintf("%T %s", s, s))
	}
	return out
}

func TestStepsDecodeTheRunScriptForm(t *testing.T) {
	for _, tc := range []struct {
		name, json string
		want       []extwasmtest.Step
	}{
		{"eval in a tab's content script, {{tab}} is its id",
			`[{"title": "greet", "in": "cs", "tab": 1, "eval": "greet({{tab}})"}]`,
			[]extwasmtest.Step{extwasmtest.EvalStep{Title: "greet", Realm: "1/cs", Expr: "greet({{tab:1}})"}}},
		{"wait, then eval, in the page of tab 0",
			`[{"in": "page", "wait": "ready", "eval": "x"}]`,
			[]extwasmtest.Step{extwasmtest.EvalStep{Realm: "0/page", Until: "ready", Expr: "x"}}},
		{"worker and popup ignore the tab for the realm but not for {{tab}}",
			`[{"in": "worker", "tab": 2, "eval": "f({{tab}})"}, {"in": "popup", "wait": "ok"}]`,
			[]extwasmtest.Step{extwasmtest.EvalStep{Realm: "worker", Expr: "f({{tab:2}})"}, extwasmtest.EvalStep{Realm: "popup", Until: "ok"}}},
		{"then follows the evaluation",
			`[{"in": "cs", "eval": "a", "then": "stop-worker"}, {"in": "cs", "eval": "b", "then": "advance 31s"}]`,
			[]extwasmtest.Step{extwasmtest.Eval("0/cs", "a"), extwasmtest.StopWorker(), extwasmtest.Eval("0/cs", "b"), extwasmtest.Wait(31 * time.Second)}},
		{"gesture evaluates with a user gesture",
			`[{"in": "page", "eval": "open()", "gesture": true}]`,
			[]extwasmtest.Step{extwasmtest.EvalWithGesture("0/page", "open()")}},
		{"an action alone, on the step's tab",
			`[{"tab": 1, "then": "navigate http://127.0.0.1:8000/b.html"}, {"tab": 1, "then": "close"}]`,
			[]extwasmtest.Step{extwasmtest.Navigate("1", "http://127.0.0.1:8000/b.html"), extwasmtest.CloseTab("1")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got extwasmtest.Steps
			require.NoError(t, json.Unmarshal([]byte(tc.json), &got))
			assert.Equal(t, describe(tc.want), describe(got))
			for i := range got {
				assert.Equal(t, extwasmtest.IsAction(tc.want[i]), extwasmtest.IsAction(got[i]), "step %d", i)
			}
		})
	}
}

func TestStepsRefuseWhatTheyDoNotKnow(t *testing.T) {
	for _, tc := range []struct{ json, err string }{
		{`[{"in": "cs", "eval": "x", "wiat": "y"}]`, `unknown field "wiat"`},
		{`[{"in": "tab", "eval": "x"}]`, `"in" is "tab": want "worker", "popup", "cs" or "page"`},
		{`[{"eval": "x"}]`, `"in" is "": want`},
		{`[{"in": "cs"}]`, `no "eval" nor "wait"`},
		{`[{"in": "cs", "wait": "x", "gesture": true}]`, `"gesture" needs "eval"`},
		{`[{"title": "nothing"}]`, `a step needs "eval", "wait" or "then"`},
		{`[{"in": "cs", "eval": "x", "then": "teleport"}]`, `"then" is "teleport"`},
		{`[{"then": "advance soon"}]`, `invalid duration`},
		{`[{"then": "advance -1s"}]`, `cannot be negative`},
		{`[{"then": "navigate"}]`, `"then" is "navigate"`},
		{`[{"then": "stop-worker now"}]`, `"then" is "stop-worker now"`},
		{`[{"tab": -1, "then": "close"}]`, `"tab" is -1`},
		{`[{"in": "cs", "eval": "x"}, 3]`, `step 2`},
		{`{"in": "cs"}`, `steps:`},
	} {
		var got extwasmtest.Steps
		assert.ErrorContains(t, json.Unmarshal([]byte(tc.json), &got), tc.err, tc.json)
	}
}

func FuzzStepsDecode(f *testing.F) {
	f.Add(`[{"title": "t", "in": "cs", "tab": 0, "wait": "w", "eval": "e", "then": "advance 1s"}]`)
	f.Add(`[{"then": "navigate /x"}, {"in": "popup", "eval": "{{tab}}"}]`)
	f.Fuzz(func(t *testing.T, data string) {
		var objects []json.RawMessage
		var steps extwasmtest.Steps
		if err := json.Unmarshal([]byte(data), &steps); err != nil {
			return
		}
		require.NoError(t, json.Unmarshal([]byte(data), &objects), "decoded steps from what is not a JSON array")
		// Each object is an evaluation, an action, or one of each.
		assert.LessOrEqual(t, len(steps), 2*len(objects))
		assert.GreaterOrEqual(t, len(steps), len(objects))
		for _, s := range steps {
			assert.NotEmpty(t, s.String())
		}
	})
}

// TestSessionRunsSteps runs every kind of step in the browser the run chose.
func TestSessionRunsSteps(t *testing.T) {
	b := extwasmtest.New(t)
	ext := extwasmtest.Install(t, b, fixture(t))
	s := extwasmtest.NewSession(b, ext)
	s.DefaultPage = &extwasmtest.Page{HTML: "<!doctype html><title>default</title>"}
	s.ContentScriptReady = "self.csLoaded >= 1"
	s.Serve("/first.html", extwasmtest.Page{HTML: "<!doctype html><title>first</title>"})
	first, err := s.OpenTab(ctx(t), "first", "/first.html")
	require.NoError(t, err)
	_, err = s.OpenTab(ctx(t), "second", "/second.html")
	require.NoError(t, err)

	run := func(st extwasmtest.Step, want string) {
		t.Helper()
		got, err := st.Run(ctx(t), s)
		require.NoError(t, err, st.String())
		if want == "" {
			assert.Nil(t, got, st.String())
			return
		}
		assert.JSONEq(t, want, string(got), st.String())
	}
	run(extwasmtest.Eval("first/page", `document.title`), `"first"`)
	run(extwasmtest.Eval("second/page", `document.title`), `"default"`)
	run(extwasmtest.Eval("worker", `chrome.tabs.get({{tab:first}}).then((t) => [t.id === `+fmt.Sprint(first)+`, new URL(t.url).pathname])`), `[true, "/first.html"]`)
	run(extwasmtest.Eval("worker", `Promise.all([chrome.tabs.get({{tab:first}}), chrome.tabs.get({{tab:second}})])
		.then(([a, b]) => [a.windowId !== b.windowId, a.active, b.active, "{{ext}}" === chrome.runtime.id])`), `[true, true, true, true]`)
	run(extwasmtest.Eval("first/cs", `chrome.runtime.sendMessage({mode: "echo", v: 7})`), `7`)
	// Until polls on the browser's clock until the realm's own timer has run.
	run(extwasmtest.Eval("first/cs", `(setTimeout(() => { self.later = 1; }, 200), self.later === undefined)`), `true`)
	run(extwasmtest.EvalStep{Realm: "first/cs", Until: "self.later === 1", Expr: `self.later + 1`}, `2`)
	run(extwasmtest.EvalStep{Realm: "first/cs", Until: "self.later === 1"}, `true`)
	// Wait moves the page's clock: the virtual clock in hostsim, real time in Chromium.
	run(extwasmtest.Eval("first/page", `(self.before = Date.now(), true)`), `true`)
	run(extwasmtest.Wait(450*time.Millisecond), "")
	run(extwasmtest.Eval("first/page", `Date.now() - self.before >= 450`), `true`)

	run(extwasmtest.Eval("worker", `(self.mark = 1, self.mark)`), `1`)
	run(extwasmtest.StopWorker(), "")
	run(extwasmtest.Eval("worker", `self.mark === undefined`), `true`)

	run(extwasmtest.Navigate("first", "/third.html"), "")
	run(extwasmtest.Eval("first/page", `[location.pathname, document.title]`), `["/third.html", "default"]`)
	run(extwasmtest.CloseTab("second"), "")
	run(extwasmtest.Eval("worker", `chrome.tabs.query({url: "http://127.0.0.1/*"}).then((ts) => ts.map((t) => new URL(t.url).pathname))`), `["/third.html"]`)

	_, err = extwasmtest.Eval("second/page", `1`).Run(ctx(t), s)
	assert.ErrorContains(t, err, `no tab named "second"`)
	_, err = extwasmtest.Eval("first/frame1/cs", `1`).Run(ctx(t), s)
	assert.ErrorContains(t, err, `no frame 1`)
	_, err = extwasmtest.Eval("first/shadow", `1`).Run(ctx(t), s)
	assert.ErrorContains(t, err, `unknown world "shadow"`)
	_, err = s.OpenTab(ctx(t), "first", "/again.html")
	assert.ErrorContains(t, err, `a tab named "first" is open already`)

	popup, err := extwasmtest.Eval("popup", `location.pathname`).Run(ctx(t), s)
	if b.Kind() == extwasmtest.Hostsim {
		require.NoError(t, err)
		assert.JSONEq(t, `"/popup.html"`, string(popup))
	} else {
		assert.ErrorContains(t, err, "cannot open the action popup")
	}
}
