package jsrt

import (
	"fmt"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/dop251/goja"
)

// EnginePanic is a Go panic raised inside goja, goja_nodejs or Go code they called while a realm
// ran script. It is contained to the realm: the script fails with it, as with an uncaught
// exception, and the process goes on.
type EnginePanic struct {
	// Value is what was passed to panic.
	Value any
	// Stack is the Go stack where the panic was recovered, for debugging the engine.
	Stack []byte
}

func (e *EnginePanic) Error() string {
	return fmt.Sprintf("InternalError: the JavaScript engine failed: %v", e.Value)
}

// contain runs f and turns a panic into an *EnginePanic, except one the realm's Unwinds says
// must pass (a program exiting).
func (r *Realm) contain(f func()) (err error) {
	defer func() {
		if x := recover(); x != nil {
			if r.opts.Unwinds != nil && r.opts.Unwinds(x) {
				panic(x)
			}
			err = &EnginePanic{Value: x, Stack: debug.Stack()}
		}
	}()
	f()
	return nil
}

// maxCodePointEscape is \u{10FFFF} (any case, any leading zeros): goja's lexer stops reading the
// hex digits when the value reaches U+10FFFF, counts the closing brace as one more character of
// the string and then panics ("unexpected unicode length while parsing"). The surrogate pair
// \uDBFF\uDFFF is the same string.
var maxCodePointEscape = regexp.MustCompile(`\\u\{0*10[fF]{4}\}`)

// Compile is goja.Compile for a script from a page or an extension: where goja's parser panics,
// the script is compiled again with the escapes its lexer mishandles spelled another way, and a
// panic that remains is a SyntaxError, never a crash of the process.
func Compile(name, src string, strict bool) (*goja.Program, error) {
	prg, panicked, err := compileOnce(name, src, strict)
	if !panicked {
		return prg, err
	}
	if fixed := spellMaxCodePoint(src); fixed != src {
		if prg, panicked, err = compileOnce(name, fixed, strict); !panicked {
			return prg, err
		}
	}
	return nil, err
}

func compileOnce(name, src string, strict bool) (prg *goja.Program, panicked bool, err error) {
	defer func() {
		if x := recover(); x != nil {
			prg, panicked = nil, true
			err = &goja.CompilerSyntaxError{CompilerError: goja.CompilerError{Message: fmt.Sprintf("%s: %v", name, x)}}
		}
	}()
	prg, err = goja.Compile(name, src, strict)
	return prg, false, err
}

// spellMaxCodePoint rewrites each \u{10FFFF} escape as \uDBFF\uDFFF. An escape whose backslash
// is itself escaped (\\u{10FFFF}, a backslash followed by text) is left alone. The rewrite is
// textual, so inside a regular expression literal without the u flag (where \u{10FFFF} is not an
// escape) it changes the pattern; it only runs on sources goja could not parse at all.
func spellMaxCodePoint(src string) string {
	locs := maxCodePointEscape.FindAllStringIndex(src, -1)
	if locs == nil {
		return src
	}
	var b strings.Builder
	last := 0
	for _, l := range locs {
		slashes := 0
		for i := l[0] - 1; i >= 0 && src[i] == '\\'; i-- {
			slashes++
		}
		if slashes%2 == 1 {
			continue
		}
		b.WriteString(src[last:l[0]])
		b.WriteString(`\uDBFF\uDFFF`)
		last = l[1]
	}
	b.WriteString(src[last:])
	return b.String()
}
