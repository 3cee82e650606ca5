//go:build js && wasm

// Package require is a GOOS=js suite that loads CommonJS packages through the global require(),
// as Go tests with npm helpers do. It runs under Node's go_js_wasm_exec and hostsim's, with
// NODE_PATH pointing at ./node_modules (the global require resolves from Node's
// wasm_exec_node.js, far from here), and both must report the same outcome for every test.
package require

import (
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func requireJS(name string) js.Value { return js.Global().Call("require", name) }

// thrown calls require(name) and returns what it threw (undefined if nothing).
func thrown(t *testing.T, name string) js.Value {
	t.Helper()
	try := js.Global().Get("Function").New("name", "try { require(name); } catch (e) { return e; }")
	return try.Invoke(name)
}

func TestEventEmitterSubclassAndUtilFormat(t *testing.T) {
	g := requireJS("greeter")
	greeter := g.Get("Greeter").New("Ada")
	assert.True(t, greeter.InstanceOf(requireJS("events")), "a Greeter is an EventEmitter")
	var heard []string
	cb := js.FuncOf(func(_ js.Value, args []js.Value) any {
		heard = append(heard, args[0].String())
		return nil
	})
	defer cb.Release()
	greeter.Call("on", "greeted", cb)
	assert.Equal(t, "Ada greets Bob (3)", greeter.Call("greet", "bob").String())
	assert.Equal(t, []string{"Ada greets Bob (3)"}, heard)
	assert.Equal(t, 1, greeter.Call("listenerCount", "greeted").Int())
}

func TestRelativeRequireJSONAndFilename(t *testing.T) {
	g := requireJS("greeter")
	assert.Equal(t, 3, g.Get("settings").Get("count").Int(), "../settings.json is parsed")
	assert.True(t, strings.HasSuffix(g.Get("file").String(), "/node_modules/greeter/lib/index.js"), g.Get("file").String())
	assert.True(t, strings.HasSuffix(g.Get("dir").String(), "/node_modules/greeter/lib"))
	assert.Equal(t, g.Get("file").String(), g.Get("moduleId").String())
}

func TestCycleSeesPartialExports(t *testing.T) {
	ping := requireJS("greeter").Get("ping")
	assert.Equal(t, "pong", ping.Get("partner").String())
	assert.Equal(t, "ping:undefined", ping.Get("partnerSawMe").String(), "pong ran while ping was half loaded")
}

func TestModulesAreCached(t *testing.T) {
	assert.True(t, requireJS("greeter").Equal(requireJS("greeter")))
	resolved := js.Global().Get("require").Call("resolve", "greeter").String()
	assert.True(t, requireJS("greeter").Equal(js.Global().Get("require").Get("cache").Get(resolved).Get("exports")))
}

func TestPackageExports(t *testing.T) {
	tests := []struct{ request, want string }{
		{"@fixture/exported", "cjs"},
		{"@fixture/exported/feature/a", "feature feature-a.js"},
	}
	for _, tt := range tests {
		t.Run(tt.request, func(t *testing.T) {
			assert.Equal(t, tt.want, requireJS(tt.request).String())
		})
	}
	err := thrown(t, "@fixture/exported/dist/hidden.js")
	require.False(t, err.IsUndefined(), "a path outside exports must not load")
	assert.Equal(t, "ERR_PACKAGE_PATH_NOT_EXPORTED", err.Get("code").String())
}

func TestMissingModule(t *testing.T) {
	err := thrown(t, "no-such-package")
	require.False(t, err.IsUndefined())
	assert.Equal(t, "MODULE_NOT_FOUND", err.Get("code").String())
	first, _, _ := strings.Cut(err.Get("message").String(), "\n")
	assert.Equal(t, "Cannot find module 'no-such-package'", first)
	stack := err.Get("requireStack")
	require.Equal(t, 1, stack.Length())
	assert.True(t, strings.HasSuffix(stack.Index(0).String(), "/wasm_exec_node.js"))
}

func TestBuiltins(t *testing.T) {
	assert.Equal(t, "a/c", requireJS("path").Call("join", "a", "b", "..", "c").String())
	assert.True(t, requireJS("node:path").Equal(requireJS("path")))
	assert.Equal(t, "aGk=", requireJS("buffer").Get("Buffer").Call("from", "hi").Call("toString", "base64").String())
	u := requireJS("url").Get("URL").New("https://example.com/a?b=1")
	assert.Equal(t, "1", u.Get("searchParams").Call("get", "b").String())
	assert.Equal(t, "x=1 [ 1, 2 ]", requireJS("util").Call("format", "x=%d", 1, []any{1, 2}).String())
	assert.True(t, requireJS("fs").Equal(js.Global().Get("fs")))
	timers := requireJS("timers")
	assert.True(t, timers.Get("setTimeout").Equal(js.Global().Get("setTimeout")))
	assert.True(t, timers.Get("setImmediate").Equal(js.Global().Get("setImmediate")))
}

func TestAssert(t *testing.T) {
	try := js.Global().Get("Function").New("try { require('assert').strictEqual(1, 2); } catch (e) { return e; }")
	err := try.Invoke()
	assert.Equal(t, "ERR_ASSERTION", err.Get("code").String())
	assert.Equal(t, "AssertionError", err.Get("name").String())
	assert.Equal(t, "strictEqual", err.Get("operator").String())
	assert.Equal(t, "Expected values to be strictly equal:\n\n1 !== 2\n", err.Get("message").String())
}

func TestTimersRunOnTheEventLoop(t *testing.T) {
	done := make(chan string, 2)
	fire := func(label string) js.Func {
		return js.FuncOf(func(js.Value, []js.Value) any { done <- label; return nil })
	}
	timeout, immediate := fire("timeout"), fire("immediate")
	defer timeout.Release()
	defer immediate.Release()
	timers := requireJS("timers")
	timers.Call("setTimeout", timeout, 20)
	timers.Call("setImmediate", immediate)
	var got []string
	for range 2 {
		select {
		case l := <-done:
			got = append(got, l)
		case <-time.After(5 * time.Second):
			t.Fatal("timers did not fire")
		}
	}
	assert.Equal(t, []string{"immediate", "timeout"}, got)
}
