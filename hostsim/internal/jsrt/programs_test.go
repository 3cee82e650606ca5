package jsrt

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// uncached makes a script text no earlier run in this process compiled (go test -count=2).
var uncached atomic.Int64

func TestCompileCachedCompilesOncePerCompilerAndText(t *testing.T) {
	calls := 0
	counting := func(name, src string, strict bool) (*goja.Program, error) {
		calls++
		return goja.Compile(name, src, strict)
	}
	src := fmt.Sprintf("globalThis.seen = (globalThis.seen || 0) + 1 // %d", uncached.Add(1))
	first, err := CompileCached("test", "a.js", src, false, counting)
	require.NoError(t, err)
	again, err := CompileCached("test", "a.js", src, false, counting)
	require.NoError(t, err)
	assert.Same(t, first, again)
	assert.Equal(t, 1, calls)

	for _, c := range []struct {
		what                    string
		compiler, name, program string
		strict                  bool
	}{
		{"another compiler", "other", "a.js", src, false},
		{"another name", "test", "b.js", src, false},
		{"another text", "test", "a.js", src + ";", false},
		{"strict", "test", "a.js", src, true},
	} {
		p, err := CompileCached(c.compiler, c.name, c.program, c.strict, counting)
		require.NoError(t, err, c.what)
		assert.NotSame(t, first, p, c.what)
	}

	// One program runs in any number of runtimes, each with its own globals.
	for range 2 {
		vm := goja.New()
		_, err := vm.RunProgram(first)
		require.NoError(t, err)
		assert.Equal(t, int64(1), vm.Get("seen").ToInteger())
	}
}

func TestCompileCachedKeepsNoErrors(t *testing.T) {
	failing := errors.New("no compiler today")
	calls := 0
	flaky := func(name, src string, strict bool) (*goja.Program, error) {
		calls++
		if calls == 1 {
			return nil, failing
		}
		return goja.Compile(name, src, strict)
	}
	src := fmt.Sprintf("1 // %d", uncached.Add(1))
	_, err := CompileCached("flaky", "c.js", src, false, flaky)
	require.ErrorIs(t, err, failing)
	p, err := CompileCached("flaky", "c.js", src, false, flaky)
	require.NoError(t, err)
	assert.NotNil(t, p)
	assert.Equal(t, 2, calls)
}
