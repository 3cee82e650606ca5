package jsglue

import (
	"context"
	"encoding/json"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAwait(t *testing.T) {
	p := js.Global().Get("Promise")
	v, err := Await(context.Background(), p.Call("resolve", 42))
	require.NoError(t, err)
	assert.Equal(t, 42, v.Int())

	_, err = Await(context.Background(), p.Call("reject", js.Global().Get("TypeError").New("nope")))
	var jerr *Error
	require.ErrorAs(t, err, &jerr)
	assert.Equal(t, Error{Name: "TypeError", Message: "nope"}, *jerr)

	_, err = Await(context.Background(), p.Call("reject", "plain string"))
	require.ErrorAs(t, err, &jerr)
	assert.Equal(t, "plain string", jerr.Message)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	never := p.New(js.FuncOf(func(js.Value, []js.Value) any { return nil }))
	_, err = Await(ctx, never)
	assert.ErrorIs(t, err, context.Canceled)
}

// TestAwaitReusesItsCallbacksSafely: the then-callbacks of a settled Promise serve later Awaits,
// and what a promise reports after its Await gave up reaches no other Await.
func TestAwaitReusesItsCallbacksSafely(t *testing.T) {
	p := js.Global().Get("Promise")
	ctx := context.Background()
	freePairs := func() int {
		awaiters.mu.Lock()
		defer awaiters.mu.Unlock()
		return len(awaiters.free)
	}
	before := freePairs()
	for i := range 5 {
		v, err := Await(ctx, p.Call("resolve", i))
		require.NoError(t, err)
		assert.Equal(t, i, v.Int())
	}
	assert.Equal(t, max(before, 1), freePairs(), "one pair served every sequential Await")

	// Given up on, then settled: the value is dropped and the pair serves the next Await.
	js.Global().Call("eval", `globalThis.later = new Promise((r) => { globalThis.resolveLater = r; })`)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err := Await(cancelled, js.Global().Get("later"))
	require.ErrorIs(t, err, context.Canceled)
	js.Global().Call("resolveLater", "stale")
	v, err := Await(ctx, p.Call("resolve", "fresh"))
	require.NoError(t, err)
	assert.Equal(t, "fresh", v.String())

	// Two pending at once, settled in the other order.
	js.Global().Call("eval", `globalThis.first = new Promise((r) => { globalThis.resolveFirst = r; }); globalThis.second = new Promise((r) => { globalThis.resolveSecond = r; })`)
	results := make(chan string, 2)
	for _, name := range []string{"first", "second"} {
		go func() {
			v, err := Await(ctx, js.Global().Get(name))
			if err != nil {
				results <- err.Error()
				return
			}
			results <- name + "=" + v.String()
		}()
	}
	js.Global().Call("setTimeout", js.Global().Call("eval", `() => { resolveSecond("2"); resolveFirst("1"); }`), 0)
	got := []string{<-results, <-results}
	assert.ElementsMatch(t, []string{"first=1", "second=2"}, got)

	// A thenable that is not a Promise gets callbacks of its own, released after the call.
	v, err = Await(ctx, js.Global().Call("eval", `({then(ok) { ok(7); }})`))
	require.NoError(t, err)
	assert.Equal(t, 7, v.Int())

	// Promises whose then may call back twice, later: a subclass overriding then, and a Promise
	// given a then of its own. The late second call must reach no other Await.
	for _, src := range []string{
		`(() => { class Twice extends Promise { then(ok, bad) { ok("a"); globalThis.again = () => ok("late"); } } return new Twice(() => {}); })()`,
		`(() => { const p = Promise.resolve(0); p.then = (ok) => { ok("a"); globalThis.again = () => ok("late"); }; return p; })()`,
	} {
		v, err = Await(ctx, js.Global().Call("eval", src))
		require.NoError(t, err)
		assert.Equal(t, "a", v.String())
		pending := js.Global().Call("eval", `new Promise((r) => { globalThis.resolvePending = r; })`)
		got := make(chan string, 1)
		go func() {
			v, err := Await(ctx, pending)
			if err != nil {
				got <- err.Error()
				return
			}
			got <- v.String()
		}()
		js.Global().Call("setTimeout", js.Global().Call("eval", `() => { again(); resolvePending("mine"); }`), 0)
		assert.Equal(t, "mine", <-got, src)
	}
}

func TestTryAndJSON(t *testing.T) {
	err := Try(func() { js.Global().Call("eval", "null.x") })
	var jerr *Error
	require.ErrorAs(t, err, &jerr)
	assert.Equal(t, "TypeError", jerr.Name)

	v, err := ValueOf(map[string]any{"a": []int{1, 2}})
	require.NoError(t, err)
	var back map[string][]int
	require.NoError(t, Decode(v, &back))
	assert.Equal(t, map[string][]int{"a": {1, 2}}, back)

	_, ok, err := Stringify(js.Undefined())
	require.NoError(t, err)
	assert.False(t, ok)
	cyclic := js.Global().Call("eval", "(() => { const o = {}; o.o = o; return o; })()")
	_, _, err = Stringify(cyclic)
	assert.Error(t, err)
}

func TestExportPromise(t *testing.T) {
	obj := js.Global().Get("Object").New()
	release := ExportPromise(obj, "add", func(_ context.Context, args []json.RawMessage) (any, error) {
		var a, b int
		if err := json.Unmarshal(args[0], &a); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(args[1], &b); err != nil {
			return nil, err
		}
		return map[string]int{"sum": a + b}, nil
	})
	defer release()
	v, err := Await(context.Background(), obj.Call("add", 2, 3))
	require.NoError(t, err)
	assert.Equal(t, 5, v.Get("sum").Int())
	_, err = Await(context.Background(), obj.Call("add", "x", 3))
	assert.Error(t, err)

	// Calls made before any has settled each keep their own promise.
	pending := []js.Value{obj.Call("add", 1, 1), obj.Call("add", 2, 2), obj.Call("add", 3, 3)}
	for i := len(pending) - 1; i >= 0; i-- {
		v, err := Await(context.Background(), pending[i])
		require.NoError(t, err)
		assert.Equal(t, 2*(i+1), v.Get("sum").Int())
	}
}

func TestAddListener(t *testing.T) {
	js.Global().Call("eval", `globalThis.testEvent = { ls: [], addListener(f) { this.ls.push(f); }, removeListener(f) { this.ls = this.ls.filter(x => x !== f); } };`)
	ev := js.Global().Get("testEvent")
	n := 0
	remove, err := AddListener(ev, func(args []js.Value) any { n += args[0].Int(); return nil })
	require.NoError(t, err)
	ev.Get("ls").Index(0).Invoke(5)
	assert.Equal(t, 5, n)
	remove()
	assert.Equal(t, 0, ev.Get("ls").Length())
	_, err = AddListener(js.Global().Get("Object").New(), func([]js.Value) any { return nil })
	assert.Error(t, err)
}
