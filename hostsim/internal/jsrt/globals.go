package jsrt

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// maxTimerDelay is the largest delay browsers honour; larger ones overflow a signed 32-bit
// millisecond count and fire at once.
const maxTimerDelay = math.MaxInt32

// minIntervalDelay keeps setInterval(f, 0) from pinning the virtual clock: every repetition moves
// time forward, so a run that only has an interval left still advances.
const minIntervalDelay = time.Millisecond

func installGlobals(r *Realm) {
	vm := r.VM
	g := vm.GlobalObject()
	must(g.Set("self", g))
	must(g.Set("globalThis", g))
	must(g.Set("setTimeout", func(call goja.FunctionCall) goja.Value { return r.setTimer(call, false) }))
	must(g.Set("setInterval", func(call goja.FunctionCall) goja.Value { return r.setTimer(call, true) }))
	must(g.Set("clearTimeout", r.clearTimer))
	must(g.Set("clearInterval", r.clearTimer))
	must(g.Set("queueMicrotask", r.queueMicrotask))
	must(g.Set("reportError", func(v goja.Value) { r.ReportError(jsError{valueText(vm, v)}) }))
	installConsole(r)
	installPerformance(r)
	installCrypto(r)
	installTextCodecs(r)
	installWebAPIs(r)
	installIntl(vm)
	installFastRepeat(vm)
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// jsError is an uncaught JS value reported as an error.
type jsError struct{ text string }

func (e jsError) Error() string { return e.text }

func toDelay(v goja.Value) time.Duration {
	if v == nil || goja.IsUndefined(v) {
		return 0
	}
	ms := v.ToFloat()
	if math.IsNaN(ms) || ms < 0 || ms > maxTimerDelay {
		return 0
	}
	return time.Duration(ms * float64(time.Millisecond))
}

func (r *Realm) setTimer(call goja.FunctionCall, repeat bool) goja.Value {
	fn, callable := goja.AssertFunction(call.Argument(0))
	delay := toDelay(call.Argument(1))
	var args []goja.Value
	if len(call.Arguments) > 2 {
		args = append(args, call.Arguments[2:]...)
	}
	if r.closed {
		return r.VM.ToValue(0)
	}
	r.nextTimerID++
	id := r.nextTimerID
	var arm func(d time.Duration)
	arm = func(d time.Duration) {
		r.jsTimers[id] = r.AfterFunc(d, func() {
			if repeat {
				arm(max(delay, minIntervalDelay))
			} else {
				delete(r.jsTimers, id)
			}
			// A string instead of a function would be compiled as code in a browser; extension
			// pages' CSP forbids that, so here it is simply never run.
			if !callable {
				return
			}
			if _, err := fn(goja.Undefined(), args...); err != nil {
				r.ReportError(err)
			}
		})
	}
	arm(delay)
	return r.VM.ToValue(id)
}

func (r *Realm) clearTimer(v goja.Value) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) || r.jsTimers == nil {
		return
	}
	id := v.ToInteger()
	if t, ok := r.jsTimers[id]; ok {
		t.Stop()
		delete(r.jsTimers, id)
	}
}

// PendingTimers is the number of setTimeout/setInterval timers of the realm still armed.
func (r *Realm) PendingTimers() int { return len(r.jsTimers) }

func (r *Realm) queueMicrotask(call goja.FunctionCall) goja.Value {
	fn, ok := goja.AssertFunction(call.Argument(0))
	if !ok {
		panic(r.VM.NewTypeError("Failed to execute 'queueMicrotask' on 'Window': parameter 1 is not of type 'Function'."))
	}
	// A resolved promise's reaction is a microtask; goja offers no other way to queue one.
	p, resolve, _ := r.VM.NewPromise()
	then, _ := goja.AssertFunction(r.VM.ToValue(p).ToObject(r.VM).Get("then"))
	_, err := then(r.VM.ToValue(p), r.VM.ToValue(func() {
		if _, err := fn(goja.Undefined()); err != nil {
			r.ReportError(err)
		}
	}))
	if err != nil {
		panic(err)
	}
	_ = resolve(nil)
	return goja.Undefined()
}

func installConsole(r *Realm) {
	vm := r.VM
	c := vm.NewObject()
	for _, level := range []string{"log", "info", "debug", "warn", "error", "trace"} {
		lvl := level
		must(c.Set(lvl, func(call goja.FunctionCall) goja.Value {
			r.console(lvl, formatConsole(vm, call.Arguments))
			return goja.Undefined()
		}))
	}
	must(c.Set("assert", func(call goja.FunctionCall) goja.Value {
		if call.Argument(0).ToBoolean() {
			return goja.Undefined()
		}
		text := "Assertion failed"
		if len(call.Arguments) > 1 {
			text += ": " + formatConsole(vm, call.Arguments[1:])
		}
		r.console("error", text)
		return goja.Undefined()
	}))
	must(vm.GlobalObject().Set("console", c))
}

func (r *Realm) console(level, text string) {
	w := r.opts.Stdout
	if level == "warn" || level == "error" {
		w = r.opts.Stderr
	}
	fmt.Fprintln(w, text)
	if r.opts.OnConsole != nil {
		r.opts.OnConsole(level, text)
	}
}

// formatConsole joins console arguments the way browsers print them, including the %s, %d, %i,
// %f, %o, %O, %j and %c substitutions of a leading format string.
func formatConsole(vm *goja.Runtime, args []goja.Value) string {
	if len(args) == 0 {
		return ""
	}
	var parts []string
	rest := args
	if s, ok := args[0].Export().(string); ok && strings.Contains(s, "%") {
		var b strings.Builder
		rest = args[1:]
		for i := 0; i < len(s); i++ {
			if s[i] != '%' || i+1 == len(s) {
				b.WriteByte(s[i])
				continue
			}
			verb := s[i+1]
			if verb == '%' {
				b.WriteByte('%')
				i++
				continue
			}
			if !strings.ContainsRune("sdifoOjc", rune(verb)) || len(rest) == 0 {
				b.WriteByte(s[i])
				continue
			}
			arg := rest[0]
			rest = rest[1:]
			i++
			switch verb {
			case 's':
				b.WriteString(valueText(vm, arg))
			case 'd', 'i':
				f := arg.ToFloat()
				if math.IsNaN(f) {
					b.WriteString("NaN")
				} else {
					b.WriteString(strconv.FormatFloat(math.Trunc(f), 'f', -1, 64))
				}
			case 'f':
				b.WriteString(arg.ToNumber().String())
			case 'c':
			default:
				b.WriteString(valueText(vm, arg))
			}
		}
		parts = append(parts, b.String())
	}
	for _, a := range rest {
		parts = append(parts, valueText(vm, a))
	}
	return strings.Join(parts, " ")
}

// valueText renders a value for the console: strings as they are, errors with their stack or
// "Name: message", plain objects and arrays as JSON where JSON can express them.
func valueText(vm *goja.Runtime, v goja.Value) string {
	if v == nil {
		return "undefined"
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		return v.String()
	}
	if _, isFn := goja.AssertFunction(v); isFn {
		return v.String()
	}
	if obj.ClassName() == "Error" {
		if st := obj.Get("stack"); st != nil && !goja.IsUndefined(st) && st.String() != "" {
			return st.String()
		}
		return v.String()
	}
	if b, err := obj.MarshalJSON(); err == nil {
		return string(b)
	}
	return v.String()
}
