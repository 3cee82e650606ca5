package esm

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResolve(t *testing.T) {
	const base = "chrome-extension://abc/lib/a.js"
	for _, c := range []struct{ spec, want, err string }{
		{"./b.js", "chrome-extension://abc/lib/b.js", ""},
		{"../c.js", "chrome-extension://abc/c.js", ""},
		{"/d.js", "chrome-extension://abc/d.js", ""},
		{"https://cdn.example/x.js", "https://cdn.example/x.js", ""},
		{"lodash", "", `TypeError: Failed to resolve module specifier "lodash". Relative references must start with either "/", "./", or "../".`},
		{"b.js", "", `TypeError: Failed to resolve module specifier "b.js". Relative references must start with either "/", "./", or "../".`},
	} {
		got, err := Resolve(c.spec, base)
		if c.err != "" {
			assert.EqualError(t, err, c.err, c.spec)
			continue
		}
		require.NoError(t, err, c.spec)
		assert.Equal(t, c.want, got, c.spec)
	}
}

// files is a tiny extension's modules for Link.
var files = map[string]string{
	"chrome-extension://abc/a.js":     `export const a = 1; export default 2;`,
	"chrome-extension://abc/b.js":     `import {a} from "./a.js"; export const b = a;`,
	"chrome-extension://abc/nope.js":  `import {zzz} from "./a.js"; export const n = zzz;`,
	"chrome-extension://abc/bare.js":  `import x from "lodash"; export default x;`,
	"chrome-extension://abc/gone.js":  `import "./missing.js";`,
	"chrome-extension://abc/dyn.js":   `export const later = () => import("./missing.js");`,
	"chrome-extension://abc/cycle.js": `import {b} from "./b.js"; export const c = () => b;`,
}

func load(u string) (string, error) {
	if s, ok := files[u]; ok {
		return s, nil
	}
	return "", errors.New("no such file")
}

func TestLink(t *testing.T) {
	for entry, want := range map[string]string{
		"b.js":     "",
		"cycle.js": "",
		"dyn.js":   "", // dynamic imports link when they run
		"nope.js":  "SyntaxError: The requested module './a.js' does not provide an export named 'zzz'",
		"bare.js":  `TypeError: Failed to resolve module specifier "lodash". Relative references must start with either "/", "./", or "../".`,
		"gone.js":  "TypeError: Failed to load module script: chrome-extension://abc/missing.js",
	} {
		u := "chrome-extension://abc/" + entry
		err := Link(u, files[u], load)
		if want == "" {
			assert.NoError(t, err, entry)
			continue
		}
		assert.EqualError(t, err, want, entry)
	}
	assert.ErrorContains(t, Link("chrome-extension://abc/x.js", "export const = ;", load), "SyntaxError")
}

func TestCompile(t *testing.T) {
	c, err := Compile("chrome-extension://abc/m.js", `import {a} from "./a.js"; export const x = () => import("./b.js"); console.log(import.meta.url, this);`)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(c.Body, "\"use strict\";\n"), "a module is strict")
	assert.Contains(t, c.Body, `require("./a.js")`, "a static import loads through require")
	assert.Contains(t, c.Body, `__import("./b.js")`, "a dynamic import through __import")
	assert.NotContains(t, c.Body, `require("./b.js")`)
	assert.Contains(t, c.Body, "__meta.url")
	again, err := Compile("chrome-extension://abc/m.js", `import {a} from "./a.js"; export const x = () => import("./b.js"); console.log(import.meta.url, this);`)
	require.NoError(t, err)
	assert.Same(t, c, again, "compiled once per URL and text")

	assert.False(t, c.Async)

	for _, src := range []string{
		`await Promise.resolve(); export const y = 1;`,
		`import {a} from "./a.js"; await a;`,
	} {
		_, err = Compile("chrome-extension://abc/t.js", src)
		assert.ErrorIs(t, err, ErrTopLevelAwait, "%s: awaits and imports or exports", src)
	}
	tla, err := Compile("chrome-extension://abc/tla.js", "const [t] = await chrome.tabs.query({});\nself.t = t; import(\"./b.js\"); // ends in a comment")
	require.NoError(t, err)
	assert.True(t, tla.Async)
	assert.True(t, strings.HasPrefix(tla.Body, "\"use strict\";\n"))
	assert.Contains(t, tla.Body, "__evaluation((async () => {")
	assert.Contains(t, tla.Body, `__import("./b.js")`)
	_, err = Compile("chrome-extension://abc/s.js", `export const = 1;`)
	var me *Error
	require.ErrorAs(t, err, &me)
	assert.Equal(t, "SyntaxError", me.Name)
}

// FuzzCompile: module text comes from extensions and web pages; whatever it is, Compile answers
// a body or an error, never a panic, and a body is strict.
func FuzzCompile(f *testing.F) {
	for _, s := range files {
		f.Add(s)
	}
	f.Add("await 1")
	f.Add("export default class {}")
	f.Fuzz(func(t *testing.T, src string) {
		c, err := Compile("chrome-extension://abc/f.js", src)
		if err == nil && !strings.HasPrefix(c.Body, "\"use strict\";") {
			t.Fatalf("%q: body not strict", src)
		}
	})
}
