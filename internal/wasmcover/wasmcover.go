// Package wasmcover carries coverage data out of an extension's .wasm: the build tag that links
// the hook into a coverage build, the name under which the hook waits in a context's global
// scope, and the files its data becomes in a coverage directory.
//
// Go's js port writes coverage only when a program exits, and an extension's Go never exits: it
// answers events until its context ends. So a coverage build carries a hook (jsglue's, behind
// [BuildTag]) that the simulator calls just before it tears a context down. The hook hands back
// bytes rather than writing files itself: a blocking file call inside a JavaScript callback
// deadlocks Go's js port, and a context that writes nothing needs no file access at all. The
// simulator, on the host, then writes them with [WriteFiles] into the one directory the test
// harness named.
package wasmcover

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
)

// BuildTag is the build tag that links the hook into a .wasm; a build without it carries no trace
// of coverage support.
const BuildTag = "extwasmcover"

// Hook is the global function a coverage build defines in its context. It returns an object with
// "meta" and "counters" (Uint8Arrays in runtime/coverage's formats), or "error" (a string).
const Hook = "__extwasmCoverage"

// The headers of runtime/coverage's files (internal/coverage's MetaFileHeader and
// CounterFileHeader): a magic, then the meta-data hash that ties counters to their meta-data.
var (
	metaMagic    = []byte{0x00, 'c', 'v', 'm'}
	counterMagic = []byte{0x00, 'c', 'w', 'm'}
)

const (
	metaHashAt    = 4 + 4 + 8 + 8 // magic, version, total length, entries
	counterHashAt = 4 + 4         // magic, version
	hashLen       = 16
)

// MetaHash returns the hash that names a meta-data file and that its counter files repeat, after
// checking that meta and counters are what runtime/coverage writes and belong together.
func MetaHash(meta, counters []byte) ([hashLen]byte, error) {
	var h [hashLen]byte
	if len(meta) < metaHashAt+hashLen || !bytes.HasPrefix(meta, metaMagic) {
		return h, errors.New("coverage meta-data: not a runtime/coverage meta-data file")
	}
	if len(counters) < counterHashAt+hashLen || !bytes.HasPrefix(counters, counterMagic) {
		return h, errors.New("coverage counters: not a runtime/coverage counter-data file")
	}
	copy(h[:], meta[metaHashAt:])
	if !bytes.Equal(counters[counterHashAt:counterHashAt+hashLen], h[:]) {
		return h, errors.New("coverage counters: written for other meta-data")
	}
	return h, nil
}

// seq tells apart the counter files of contexts that end in the same nanosecond.
var seq atomic.Int64

// WriteFiles writes one context's coverage into dir under the names `go tool covdata` reads:
// covmeta.<hash> (the same for every context of one .wasm) and covcounters.<hash>.<pid>.<n>, one
// per context. The names come from the data's hash, never from the context.
func WriteFiles(dir string, meta, counters []byte) error {
	h, err := MetaHash(meta, counters)
	if err != nil {
		return err
	}
	metaFile := filepath.Join(dir, fmt.Sprintf("covmeta.%x", h))
	if _, err := os.Stat(metaFile); errors.Is(err, os.ErrNotExist) {
		// Written aside and renamed, so a reader never sees half a meta-data file.
		tmp, err := os.CreateTemp(dir, "covmeta-*.tmp")
		if err != nil {
			return err
		}
		_, werr := tmp.Write(meta)
		cerr := tmp.Close()
		if err := errors.Join(werr, cerr); err != nil {
			os.Remove(tmp.Name())
			return err
		}
		if err := os.Rename(tmp.Name(), metaFile); err != nil {
			os.Remove(tmp.Name())
			return err
		}
	} else if err != nil {
		return err
	}
	name := fmt.Sprintf("covcounters.%x.%d.%d", h, os.Getpid(), seq.Add(1))
	return os.WriteFile(filepath.Join(dir, name), counters, 0o644)
}
