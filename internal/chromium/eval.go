package chromium

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/extwasm/extwasm/internal/jserror"
)

// Realm is a JavaScript context a scenario can run in: an extension's service worker, a page's main
// world, or an extension's isolated world in a frame. The same scenario text runs in any of them,
// and in the simulator's realms, producing comparable JSON.
type Realm interface {
	// Name says which context this is, for messages and transcripts.
	Name() string
	// Eval evaluates a JavaScript expression or statement list (see EvalAction), awaits the value if
	// it is a promise, and returns it as JSON (undefined becomes null). A thrown exception or a
	// rejection is a *JSError.
	Eval(ctx context.Context, expr string) (json.RawMessage, error)
}

// JSError is an exception thrown, or a promise rejected, by evaluated JavaScript: Realm, Name
// (the constructor's, "TypeError") and Message (the browser's own text).
type JSError = jserror.Error

// EvalInto evaluates expr in r and decodes the JSON result into out.
func EvalInto(ctx context.Context, r Realm, expr string, out any) error {
	raw, err := r.Eval(ctx, expr)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("chromium: %s: decoding %s: %w", r.Name(), truncate(raw, 200), err)
	}
	return nil
}

// WaitFor evaluates expr in r until it is truthy, for example until a content script has defined
// its globals. Exceptions count as "not yet" (the realm may not exist yet); the last one is reported
// when ctx ends.
func WaitFor(ctx context.Context, r Realm, expr string) error {
	var last error
	for {
		raw, err := r.Eval(ctx, "!!("+expr+"\n)")
		if err == nil && bytes.Equal(raw, []byte("true")) {
			return nil
		}
		if err != nil && ctx.Err() == nil { // an error caused by the deadline itself says nothing
			last = err
		}
		select {
		case <-ctx.Done():
			if last != nil {
				return fmt.Errorf("chromium: waiting in %s for %s: %w (last error: %v)", r.Name(), expr, ctx.Err(), last)
			}
			return fmt.Errorf("chromium: waiting in %s for %s: %w", r.Name(), expr, ctx.Err())
		case <-time.After(pollInterval):
		}
	}
}

// wrapper turns any expression into a promise of one JSON string, so values cross the protocol
// exactly as JSON.stringify sees them and exceptions come back as data, not as protocol errors.
const wrapperHead = `(async () => { try { const v = await (`
const wrapperTail = `
); const s = JSON.stringify(v); return JSON.stringify({ok: true, json: s === undefined ? 'null' : s}); } catch (e) {
 const isErr = e instanceof Error || (e && typeof e === 'object' && typeof e.message === 'string');
 return JSON.stringify({ok: false, name: isErr ? String(e.name) : '', message: isErr ? String(e.message) : String(e)}); } })()`

// envelope is what the wrapper returns.
type envelope struct {
	OK      bool   `json:"ok"`
	JSON    string `json:"json"`
	Name    string `json:"name"`
	Message string `json:"message"`
}

// decodeEnvelope turns the wrapper's string into the value or a *JSError.
func decodeEnvelope(realm string, s string) (json.RawMessage, error) {
	var env envelope
	if err := json.Unmarshal([]byte(s), &env); err != nil {
		return nil, fmt.Errorf("chromium: %s: malformed evaluation result %s: %w", realm, truncate([]byte(s), 200), err)
	}
	if !env.OK {
		return nil, &JSError{Realm: realm, Name: env.Name, Message: env.Message}
	}
	if !json.Valid([]byte(env.JSON)) {
		return nil, fmt.Errorf("chromium: %s: evaluation returned invalid JSON %s", realm, truncate([]byte(env.JSON), 200))
	}
	return json.RawMessage(env.JSON), nil
}

// EvalAction is the chromedp action behind [Realm.Eval]: it evaluates expr in the given execution
// context (0: the target's default one) and returns the JSON value. expr is an expression, or else
// a statement list whose value is its last expression's, run as DevTools' console runs it (REPL
// mode: top-level await, let and const stay declared). Exceptions are a *JSError whose Realm is
// empty.
func EvalAction(expr string, contextID runtime.ExecutionContextID) chromedp.Action[json.RawMessage] {
	return evalAction(expr, contextID, false)
}

// GestureEvalAction is [EvalAction] as if the user had just clicked in the page: the evaluation
// runs with DevTools' userGesture, which gives the frame transient user activation, so APIs that
// need a user gesture (chrome.sidePanel.open) accept calls made during it.
func GestureEvalAction(expr string, contextID runtime.ExecutionContextID) chromedp.Action[json.RawMessage] {
	return evalAction(expr, contextID, true)
}

// evalAction is EvalAction, with DevTools' userGesture when gesture is set.
func evalAction(expr string, contextID runtime.ExecutionContextID, gesture bool) chromedp.Action[json.RawMessage] {
	return func(ctx context.Context, t *chromedp.Target) (json.RawMessage, error) {
		s, err := chromedp.Evaluate[string](wrapperHead+expr+wrapperTail, func(p *runtime.EvaluateParams) {
			p.AwaitPromise = new(true)
			p.ContextID = contextID
			if gesture {
				p.UserGesture = new(true)
			}
		})(ctx, t)
		if err != nil {
			var ex *chromedp.ExceptionError
			if errors.As(err, &ex) {
				// Only a syntax error gets here (the wrapper catches everything else): expr is no
				// expression.
				return evalStatements(ctx, t, expr, contextID, gesture)
			}
			return nil, err
		}
		return decodeEnvelope("", s)
	}
}

// settleThis is the wrapper for a statement list's object value, called with it as this.
const settleThis = `async function () { try { const v = await this; const s = JSON.stringify(v); return JSON.stringify({ok: true, json: s === undefined ? 'null' : s}); } catch (e) {
 const isErr = e instanceof Error || (e && typeof e === 'object' && typeof e.message === 'string');
 return JSON.stringify({ok: false, name: isErr ? String(e.name) : '', message: isErr ? String(e.message) : String(e)}); } }`

// evalStatements runs src as a statement list in REPL mode and turns its completion value into
// JSON as the wrapper does: an object through settleThis, a primitive here.
func evalStatements(ctx context.Context, t *chromedp.Target, src string, contextID runtime.ExecutionContextID, gesture bool) (json.RawMessage, error) {
	r, err := chromedp.Evaluate[*runtime.RemoteObject](src, func(p *runtime.EvaluateParams) {
		p.ReplMode = new(true)
		p.AwaitPromise = new(true)
		p.ContextID = contextID
		if gesture {
			p.UserGesture = new(true)
		}
	})(ctx, t)
	var ex *chromedp.ExceptionError
	switch {
	case errors.As(err, &ex):
		return nil, exceptionJSError(ex.ExceptionDetails)
	case err != nil:
		return nil, err
	case r.ObjectID != "":
		s, err := chromedp.CallFunctionOn[string](settleThis, func(p *runtime.CallFunctionOnParams) {
			p.ObjectID = r.ObjectID
			p.AwaitPromise = new(true)
		})(ctx, t)
		if err != nil {
			return nil, err
		}
		return decodeEnvelope("", s)
	case r.Type == runtime.RemoteObjectTypeUndefined:
		return json.RawMessage("null"), nil
	case r.UnserializableValue != "":
		switch v := string(r.UnserializableValue); {
		case v == "-0":
			return json.RawMessage("0"), nil
		case len(v) > 0 && v[len(v)-1] == 'n':
			return nil, &JSError{Name: "TypeError", Message: "Do not know how to serialize a BigInt"}
		default: // NaN, Infinity, -Infinity
			return json.RawMessage("null"), nil
		}
	}
	return json.RawMessage(r.Value), nil
}

// exceptionJSError is the *JSError of an exception the protocol reports: an Error's name and
// message, or any other thrown value's text.
func exceptionJSError(d *runtime.ExceptionDetails) *JSError {
	e := d.Exception
	if e == nil {
		return &JSError{Message: d.Text}
	}
	if e.Type == runtime.RemoteObjectTypeObject && e.Subtype == runtime.RemoteObjectSubtypeError {
		desc, _, _ := strings.Cut(e.Description, "\n    at ")
		name, msg, ok := strings.Cut(desc, ": ")
		if !ok {
			name, msg = e.ClassName, ""
		}
		return &JSError{Name: name, Message: msg}
	}
	if e.Type == runtime.RemoteObjectTypeString {
		var s string
		if json.Unmarshal(e.Value, &s) == nil {
			return &JSError{Message: s}
		}
	}
	if len(e.Value) > 0 {
		return &JSError{Message: string(e.Value)}
	}
	return &JSError{Message: cmp.Or(e.Description, string(e.UnserializableValue))}
}

// wrapEval names the realm in errors from EvalAction.
func wrapEval(realm string, err error) error {
	if err == nil {
		return nil
	}
	var je *JSError
	if errors.As(err, &je) {
		je.Realm = realm
		return je
	}
	return fmt.Errorf("chromium: evaluating in %s: %w", realm, err)
}

func truncate(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	return string(b[:n]) + "…"
}
