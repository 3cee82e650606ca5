package chromesim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
)

// EvalError is an exception thrown, or a promise rejected, by evaluated JavaScript.
type EvalError struct {
	// Name is the error's name ("Error", "TypeError"); empty for a thrown non-Error.
	Name string
	// Message is the error's message, or the String() of a non-Error.
	Message string
}

func (e *EvalError) Error() string {
	if e.Name == "" {
		return "uncaught " + e.Message
	}
	return e.Name + ": " + e.Message
}

// ErrTimeout is returned when the virtual-time budget of a wait runs out.
var ErrTimeout = errors.New("chrome: virtual time budget exhausted")

// ErrIdle is returned when a wait cannot end because nothing is left to run.
var ErrIdle = errors.New("chrome: nothing left to run and the awaited result never came")

// The same wrapper as the Chromium harness: the value crosses as JSON text, exceptions as data.
const wrapperHead = `(async () => { try { const v = await (`
const wrapperTail = `
); const s = JSON.stringify(v); return JSON.stringify({ok: true, json: s === undefined ? 'null' : s}); } catch (e) {
 const isErr = e instanceof Error || (e && typeof e === 'object' && typeof e.message === 'string');
 return JSON.stringify({ok: false, name: isErr ? String(e.name) : '', message: isErr ? String(e.message) : String(e)}); } })()`

// settleWrapper awaits a value already computed (a statement list's completion value) the way the
// expression wrapper does.
const settleWrapper = `(async (v) => { try { v = await v; const s = JSON.stringify(v); return JSON.stringify({ok: true, json: s === undefined ? 'null' : s}); } catch (e) {
 const isErr = e instanceof Error || (e && typeof e === 'object' && typeof e.message === 'string');
 return JSON.stringify({ok: false, name: isErr ? String(e.name) : '', message: isErr ? String(e.message) : String(e)}); } })`

// Eval evaluates JavaScript in c as a task of its own: an expression, or else a statement list
// whose value is its last expression's, as DevTools' console takes it (let and const declared there
// stay in the realm's global scope). It awaits the value if it is a promise (running the browser
// meanwhile, for at most budget of virtual time) and returns it as JSON. A thrown exception, a
// rejection or a syntax error is an *EvalError.
func (b *Browser) Eval(ctx context.Context, c *Context, expr string, budget time.Duration) (json.RawMessage, error) {
	if c.dead {
		return nil, fmt.Errorf("chrome: %s is gone%s", c.name, stopReason(c))
	}
	if c.kind == Worker && c.ext != nil && c.ext.worker == c {
		c.ext.keep.inspect(b, 1)
		defer func() {
			if c.ext.worker == c { // a stop reset the count
				c.ext.keep.inspect(b, -1)
			}
		}()
	}
	var (
		done   bool
		result string
		fail   error
	)
	c.realm.Post(func() {
		vm := c.realm.VM
		v, err := evalSource(vm, expr)
		if err != nil {
			fail, done = err, true
			return
		}
		p, ok := v.Export().(*goja.Promise)
		if !ok {
			fail, done = fmt.Errorf("chrome: evaluation did not produce a promise"), true
			return
		}
		then, _ := goja.AssertFunction(v.ToObject(vm).Get("then"))
		_, _ = then(v, vm.ToValue(func(s string) { result, done = s, true }),
			vm.ToValue(func(e goja.Value) { fail, done = fmt.Errorf("chrome: evaluation failed: %v", e), true }))
		_ = p
	})
	if err := b.RunUntil(ctx, func() bool { return done || c.dead }, budget); err != nil {
		return nil, fmt.Errorf("chrome: evaluating in %s: %w", c.name, err)
	}
	if !done {
		if c.stopped != "" {
			return nil, fmt.Errorf("chrome: %s stopped during the evaluation%s", c.name, stopReason(c))
		}
		return nil, fmt.Errorf("chrome: %s went away during the evaluation (its document was unloaded or the browser closed)", c.name)
	}
	if fail != nil {
		return nil, fail
	}
	var env struct {
		OK      bool   `json:"ok"`
		JSON    string `json:"json"`
		Name    string `json:"name"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal([]byte(result), &env); err != nil {
		return nil, fmt.Errorf("chrome: malformed evaluation result: %w", err)
	}
	if !env.OK {
		return nil, &EvalError{Name: env.Name, Message: env.Message}
	}
	return json.RawMessage(env.JSON), nil
}

// evalSource starts the evaluation of src in vm: the expression wrapper's promise, or, when src is
// no expression, the statement list run as a script and its completion value handed to
// settleWrapper. Syntax errors and exceptions thrown while the statements run are *EvalErrors.
func evalSource(vm *goja.Runtime, src string) (goja.Value, error) {
	// Tests evaluate the same expressions in every browser they start (a readiness check, a
	// probe), so the compiled programs are shared.
	if prg, err := jsrt.CompileCached("goja", "", wrapperHead+src+wrapperTail, false, goja.Compile); err == nil {
		return vm.RunProgram(prg)
	}
	prg, err := jsrt.CompileCached("goja", "", src, false, goja.Compile)
	if err != nil {
		return nil, &EvalError{Name: "SyntaxError", Message: syntaxMessage(err)}
	}
	completion, err := vm.RunProgram(prg)
	if err != nil {
		var ex *goja.Exception
		if !errors.As(err, &ex) {
			return nil, err
		}
		return nil, exceptionError(vm, ex.Value())
	}
	settle, err := vm.RunString(settleWrapper)
	if err != nil {
		return nil, err
	}
	fn, _ := goja.AssertFunction(settle)
	return fn(goja.Undefined(), completion)
}

// syntaxMessage is a compile error's text without goja's "SyntaxError: " prefixes.
func syntaxMessage(err error) string {
	msg := err.Error()
	for {
		rest, ok := strings.CutPrefix(msg, "SyntaxError: ")
		if !ok {
			return msg
		}
		msg = rest
	}
}

// exceptionError describes a thrown value as the wrapper does: an Error's name and message, or
// any other value's string.
func exceptionError(vm *goja.Runtime, v goja.Value) *EvalError {
	if o, ok := v.(*goja.Object); ok {
		if m := o.Get("message"); m != nil && !goja.IsUndefined(m) {
			name := ""
			if n := o.Get("name"); n != nil && !goja.IsUndefined(n) {
				name = n.String()
			}
			return &EvalError{Name: name, Message: m.String()}
		}
	}
	return &EvalError{Message: v.String()}
}

// RunUntil runs the browser until cond holds, for at most budget of virtual time. Tasks due at
// the same virtual instant run as one batch before cond is checked again. Native host processes
// answer in real time: before the clock jumps, a running host is given a moment to answer, so a
// prompt host is seen to answer at once in virtual time.
func (b *Browser) RunUntil(ctx context.Context, cond func() bool, budget time.Duration) error {
	return b.run(ctx, cond, b.sched.Now()+budget, false)
}

// run is the browser's run loop: until cond holds or the clock reaches deadline. With toDeadline,
// running out of work is not an error: the clock just moves to deadline.
func (b *Browser) run(ctx context.Context, cond func() bool, deadline time.Duration, toDeadline bool) error {
	s := b.sched
	for {
		b.pumpNative()
		if err := s.RunFor(ctx, 0); err != nil {
			return err
		}
		if cond() {
			return nil
		}
		if b.native.Pending() || b.waitNative(ctx, nativeSettle) {
			continue
		}
		next, ok := s.NextTimer()
		if !ok {
			if toDeadline {
				return s.RunFor(ctx, deadline-s.Now())
			}
			// Only a host process can still make progress; give it longer.
			if b.waitNative(ctx, nativeIdleWait) {
				continue
			}
			return ErrIdle
		}
		if next > deadline {
			if err := s.RunFor(ctx, deadline-s.Now()); err != nil {
				return err
			}
			if cond() {
				return nil
			}
			if toDeadline {
				return nil
			}
			return ErrTimeout
		}
		if err := s.RunFor(ctx, next-s.Now()); err != nil {
			return err
		}
		if cond() {
			return nil
		}
	}
}

// Advance runs the browser for d of virtual time.
func (b *Browser) Advance(ctx context.Context, d time.Duration) error {
	return b.run(ctx, func() bool { return false }, b.sched.Now()+d, true)
}

// Settle runs every task that is due now, without moving the clock, including what host
// processes answer meanwhile.
func (b *Browser) Settle(ctx context.Context) error {
	return b.run(ctx, func() bool { return false }, b.sched.Now(), true)
}

// stopReason explains, for an error, why the worker c was stopped; it is empty for other contexts.
func stopReason(c *Context) string {
	switch c.stopped {
	case "":
		return ""
	case "idle":
		return fmt.Sprintf(" (idle timeout: %v without an event, an extension API call or a message)", c.b.opts.IdleTimeout)
	case "request timeout":
		return fmt.Sprintf(" (a request was not answered within %v)", c.b.opts.RequestTimeout)
	}
	return " (" + c.stopped + ")"
}
