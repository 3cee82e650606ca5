package dom

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// loop is a frame's event loop for the messaging tests: tasks run in order when drained.
type loop struct{ tasks []func() }

func (l *loop) post(fn func()) { l.tasks = append(l.tasks, fn) }

func (l *loop) run() {
	for len(l.tasks) > 0 {
		fn := l.tasks[0]
		l.tasks = l.tasks[1:]
		fn()
	}
}

// bindWorld binds doc into a new realm with postMessage on l; JSON stands in for structured clone.
func bindWorld(t *testing.T, doc *Document, l *loop) *realm {
	t.Helper()
	r := &realm{vm: goja.New()}
	stringify := func(v goja.Value, _ func(*goja.Object) (int, bool)) (string, error) {
		var out string
		err := r.vm.Try(func() {
			j := r.vm.Get("JSON").ToObject(r.vm)
			f, _ := goja.AssertFunction(j.Get("stringify"))
			s, err := f(j, v)
			if err != nil {
				panic(err)
			}
			if _, fn := goja.AssertFunction(v); fn || goja.IsUndefined(s) {
				panic(r.vm.NewTypeError("function"))
			}
			out = s.String()
		})
		if err != nil {
			return "", err
		}
		return out, nil
	}
	revive := func(s string, _ func(int) goja.Value) (goja.Value, error) { return r.vm.RunString("(" + s + ")") }
	b, err := Bind(r.vm, doc, Options{OnError: func(err error) { r.errors = append(r.errors, err) },
		Clone: stringify, Revive: revive, Post: l.post, Drain: func() {}})
	require.NoError(t, err)
	r.b = b
	return r
}

func TestWindowPostMessageReachesEveryWorldOfTheFrame(t *testing.T) {
	doc := parse(t, loginPage)
	l := &loop{}
	page, cs := bindWorld(t, doc, l), bindWorld(t, doc, l)
	page.run(t, `self.got = []; addEventListener("message", e => got.push(["page", e.data.a, e.origin, e.source === window, e.ports.length, e.isTrusted]))`)
	cs.run(t, `self.got = []; addEventListener("message", e => got.push(["cs", e.data.a, e.ports.length, e.ports === e.ports, Object.isFrozen(e.ports)]))`)
	cs.run(t, `self.ch = new MessageChannel(); postMessage({a: 1}, "/", [ch.port2]); postMessage({a: 2}, "http://elsewhere.example"); got.push("sync")`)
	assert.Equal(t, []any{"sync"}, cs.run(t, `got`), "delivered in a task, not during the call")
	l.run()
	assert.Equal(t, []any{[]any{"page", int64(1), "https://example.test", true, int64(1), true}}, page.run(t, `got`))
	assert.Equal(t, []any{"sync", []any{"cs", int64(1), int64(1), true, true}}, cs.run(t, `got`))
}

func TestMessagePortDelivery(t *testing.T) {
	doc := parse(t, loginPage)
	l := &loop{}
	r := bindWorld(t, doc, l)
	cases := []struct {
		name, setup, want string
	}{
		{"addEventListener waits for start", `c.port2.addEventListener("message", e => q.push(e.data)); c.port1.postMessage(1); c.port1.postMessage(2)`, `[]`},
		{"start delivers in order", `c.port2.addEventListener("message", e => q.push(e.data)); c.port1.postMessage(1); c.port1.postMessage(2); c.port2.start()`, `[1,2]`},
		{"onmessage starts the port", `c.port2.onmessage = e => q.push(e.data); c.port1.postMessage(1)`, `[1]`},
		{"close drops what follows", `c.port2.onmessage = e => q.push(e.data); c.port1.close(); c.port1.postMessage(1)`, `[]`},
		{"a transferred port carries its queue", `const d = new MessageChannel(); c.port2.onmessage = e => { e.ports[0].onmessage = m => q.push(m.data) }; d.port2.postMessage("early"); c.port1.postMessage(0, [d.port1])`, `["early"]`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r.run(t, `self.q = []; self.c = new MessageChannel(); `+tc.setup)
			l.run()
			assert.JSONEq(t, tc.want, r.run(t, `JSON.stringify(q)`).(string))
		})
	}
}

func TestPostMessageErrors(t *testing.T) {
	doc := parse(t, loginPage)
	r := bindWorld(t, doc, &loop{})
	cases := map[string]string{
		`postMessage(1, "nope")`:                                            "SyntaxError: Failed to execute 'postMessage' on 'Window': Invalid target origin 'nope' in a call to 'postMessage'. [DOMException 12]",
		`postMessage(() => 1, "*")`:                                         "DataCloneError: Failed to execute 'postMessage' on 'Window': () => 1 could not be cloned. [DOMException 25]",
		`postMessage(1, "*", [{}])`:                                         "DataCloneError: Failed to execute 'postMessage' on 'Window': Value at index 0 does not have a transferable type. [DOMException 25]",
		`new MessageChannel().port1.postMessage(1, 5)`:                      "TypeError: Failed to execute 'postMessage' on 'MessagePort': Overload resolution failed.",
		`const c = new MessageChannel(); c.port1.postMessage(1, [c.port1])`: "DataCloneError: Failed to execute 'postMessage' on 'MessagePort': Port at index 0 contains the source port. [DOMException 25]",
		`const c = new MessageChannel(); c.port1.postMessage(1, [c.port2]); c.port1.postMessage(1, [c.port2])`: "DataCloneError: Failed to execute 'postMessage' on 'MessagePort': Port at index 0 is already neutered. [DOMException 25]",
		`postMessage(Symbol(), "*")`: "DataCloneError: Failed to execute 'postMessage' on 'Window': Symbol() could not be cloned. [DOMException 25]",
		`new MessagePort()`:          "TypeError: Failed to construct 'MessagePort': Illegal constructor",
		`MessageChannel()`:           "TypeError: Failed to construct 'MessageChannel': Please use the 'new' operator, this DOM object constructor cannot be called as a function.",
	}
	for src, want := range cases {
		t.Run(src, func(t *testing.T) { assert.Equal(t, want, r.throws(t, src)) })
	}
}

func TestPostMessageToAnotherFramesWindow(t *testing.T) {
	top, sub := parse(t, loginPage), parse(t, loginPage)
	l := &loop{}
	topPage, subPage := bindWorld(t, top, l), bindWorld(t, sub, l)
	topPage.run(t, `self.got = []; addEventListener("message", e => got.push([e.data, e.source, e.origin]))`)
	standIn := subPage.vm.NewObject()
	require.NoError(t, standIn.Set("postMessage", func(c goja.FunctionCall) goja.Value {
		subPage.b.PostMessageTo(top, c, func(vm *goja.Runtime) goja.Value { return vm.ToValue("the subframe as the top sees it") })
		return goja.Undefined()
	}))
	require.NoError(t, subPage.vm.Set("parentWindow", standIn))
	subPage.run(t, `parentWindow.postMessage({a: 1}, "*"); parentWindow.postMessage("lost", "https://elsewhere.example")`)
	assert.Equal(t, "SyntaxError: Failed to execute 'postMessage' on 'Window': Invalid target origin 'nope' in a call to 'postMessage'. [DOMException 12]",
		subPage.throws(t, `parentWindow.postMessage(1, "nope")`))
	l.run()
	assert.Equal(t, []any{[]any{map[string]any{"a": int64(1)}, "the subframe as the top sees it", "https://example.test"}}, topPage.run(t, `got`))
}

func TestIframeContentWindow(t *testing.T) {
	doc := parse(t, `<!doctype html><body><iframe id="a" src="https://example.test/a"></iframe><iframe id="b"></iframe></body>`)
	r := &realm{vm: goja.New()}
	shown := r.vm.NewObject()
	b, err := Bind(r.vm, doc, Options{ContentWindow: func(el *Element) goja.Value {
		if v, _ := el.Attr("id"); v == "a" {
			return shown
		}
		return nil
	}})
	require.NoError(t, err)
	r.b = b
	require.NoError(t, r.vm.Set("shown", shown))
	assert.Equal(t, []any{true, nil}, r.run(t, `[document.getElementById("a").contentWindow === shown, document.getElementById("b").contentWindow]`))
}
