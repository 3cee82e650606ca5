package gojs

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// module assembles a wasm binary from raw sections.
func module(sections ...[]byte) []byte {
	b := []byte("\x00asm\x01\x00\x00\x00")
	for _, s := range sections {
		b = append(b, s...)
	}
	return b
}

func section(id byte, body ...byte) []byte { return append([]byte{id, byte(len(body))}, body...) }

func name(s string) []byte { return append([]byte{byte(len(s))}, s...) }

func join(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

var (
	typeSec  = section(1, 1, 0x60, 1, 0x7f, 0)
	gojsImp  = section(2, join([]byte{1}, name("gojs"), name("runtime.wasmExit"), []byte{0, 0})...)
	oldImp   = section(2, join([]byte{1}, name("go"), name("debug"), []byte{0, 0})...)
	wasiImp  = section(2, join([]byte{1}, name("wasi_snapshot_preview1"), name("fd_write"), []byte{0, 0})...)
	goExport = section(7, join([]byte{3}, name("run"), []byte{0, 0}, name("resume"), []byte{0, 0}, name("getsp"), []byte{0, 0})...)
)

func producers(version string) []byte {
	body := join(name("producers"), []byte{1}, name("language"), []byte{1}, name("Go"), name(version))
	return section(0, body...)
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name    string
		wasm    []byte
		version string
		err     error
		msg     string
	}{
		{"go1.26 module", module(typeSec, gojsImp, goExport, producers("go1.26.8")), "go1.26.8", nil, ""},
		{"version from data", module(typeSec, gojsImp, goExport, section(0, join(name("x"), []byte("\x00go1.26.1\x00"))...)), "go1.26.1", nil, ""},
		{"no version recorded", module(typeSec, gojsImp, goExport), "", nil, ""},
		{"newer release", module(typeSec, gojsImp, goExport, producers("go1.27.0")), "go1.27.0", ErrUnsupportedGo, "module built by go1.27.0; hostsim supports go1.26"},
		{"pre-1.21 module", module(typeSec, oldImp, goExport, section(0, join(name("d"), []byte("\x00go1.20.14\x00"))...)), "go1.20.14", ErrUnsupportedGo, "module built by go1.20.14; hostsim supports go1.26"},
		{"pre-1.21 without version", module(typeSec, oldImp, goExport), "", ErrUnsupportedGo, "a Go release before go1.21"},
		{"wasip1", module(typeSec, wasiImp, producers("go1.26.8")), "go1.26.8", ErrNotGoJS, "GOOS=wasip1"},
		{"no imports", module(), "", ErrNotGoJS, `no "gojs" imports`},
		{"missing exports", module(typeSec, gojsImp), "", ErrNotGoJS, "run, resume and getsp"},
		{"not wasm", []byte("MZ\x90\x00 definitely not wasm"), "", ErrNotWasm, "magic"},
		{"empty", nil, "", ErrNotWasm, "magic"},
		{"bad version", []byte("\x00asm\x02\x00\x00\x00"), "", ErrNotWasm, "binary version"},
		{"section past end", append(module(), 2, 100, 1), "", ErrNotWasm, "past the end"},
		{"truncated import", module(section(2, 1, 4, 'g', 'o')), "", ErrNotWasm, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := Check(tt.wasm)
			if tt.err == nil {
				require.NoError(t, err)
			} else {
				require.Error(t, err)
				assert.True(t, errors.Is(err, tt.err), "got %v", err)
				assert.True(t, strings.HasPrefix(err.Error(), "hostsim: "), err.Error())
				assert.Contains(t, err.Error(), tt.msg)
			}
			assert.Equal(t, tt.version, info.GoVersion)
		})
	}
}

func TestWasmExecChoosesMatchingGOROOT(t *testing.T) {
	src, origin := WasmExec("go1.26.3")
	assert.Contains(t, src, "globalThis.Go = class")
	root := runtime.GOROOT() //nolint:staticcheck // the test runs on the toolchain that built it
	if v, err := os.ReadFile(filepath.Join(root, "VERSION")); err == nil && strings.HasPrefix(string(v), Supported+".") {
		assert.True(t, strings.HasPrefix(origin, "GOROOT go1.26"), origin)
	} else {
		assert.Equal(t, "embedded "+Supported, origin)
	}
	_, origin = WasmExec("go1.99.0")
	assert.Equal(t, "embedded "+Supported, origin)
	assert.Contains(t, embeddedWasmExec, `"runtime.wasmExit"`)
}

func FuzzInspect(f *testing.F) {
	f.Add(module(typeSec, gojsImp, goExport, producers("go1.26.8")))
	f.Add(module(typeSec, oldImp))
	f.Add(module(section(2, 1, 1, 'a', 1, 'b', 1, 0x70, 1, 0, 5)))
	f.Add([]byte("\x00asm\x01\x00\x00\x00\x02\xff\xff\xff\xff\x0f"))
	f.Fuzz(func(t *testing.T, b []byte) {
		info, err := Inspect(b)
		if err == nil && len(b) < 8 {
			t.Fatalf("accepted %d bytes", len(b))
		}
		_ = info.Release()
		_, _ = Check(b)
	})
}
