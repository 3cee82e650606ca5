package jsrt

import (
	"sync"

	"github.com/dop251/goja"
)

// A process compiles the same scripts again and again: every worker start of an extension runs its
// worker script and what it imports, every frame its content scripts, every test the same
// evaluations. A goja.Program is not tied to a runtime, so one compile serves every realm.
var (
	programsMu  sync.Mutex
	programs    = map[programKey]*goja.Program{}
	programSize int // bytes of source held by programs
)

type programKey struct {
	compiler, name, src string
	strict              bool
}

// maxProgramSource bounds the source the cache holds; past it the cache starts over, so that a
// process running many distinct scripts (web-platform-tests, say) does not keep them all.
const maxProgramSource = 16 << 20

// CompileCached is compile(name, src, strict), done once per process for the same arguments while
// the cache holds them. compile is the compiler the call site uses (goja.Compile, or Compile, which
// recovers where goja's parser fails) and compiler names it: a program is only reused for a request
// to the same compiler. Errors are not kept.
func CompileCached(compiler, name, src string, strict bool, compile func(name, src string, strict bool) (*goja.Program, error)) (*goja.Program, error) {
	k := programKey{compiler: compiler, name: name, src: src, strict: strict}
	programsMu.Lock()
	prg, ok := programs[k]
	programsMu.Unlock()
	if ok {
		return prg, nil
	}
	prg, err := compile(name, src, strict)
	if err != nil {
		return nil, err
	}
	programsMu.Lock()
	defer programsMu.Unlock()
	if programSize+len(name)+len(src) > maxProgramSource {
		programs, programSize = map[programKey]*goja.Program{}, 0
	}
	if _, ok := programs[k]; !ok {
		programs[k] = prg
		programSize += len(name) + len(src)
	}
	return prg, nil
}
