package wasmjs

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
)

// callsImportModule is a hand-assembled module:
//
//	(import "env" "log" (func (param i32)))
//	(func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
//	(func (export "callLog") (param i32) local.get 0 call 0)
func callsImportModule() []byte {
	sec := func(id byte, body ...byte) []byte { return append([]byte{id, byte(len(body))}, body...) }
	str := func(s string) []byte { return append([]byte{byte(len(s))}, s...) }
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	b := []byte("\x00asm\x01\x00\x00\x00")
	b = append(b, sec(1, 2, 0x60, 2, 0x7f, 0x7f, 1, 0x7f, 0x60, 1, 0x7f, 0)...)
	b = append(b, sec(2, cat([]byte{1}, str("env"), str("log"), []byte{0, 1})...)...)
	b = append(b, sec(3, 2, 0, 1)...)
	b = append(b, sec(7, cat([]byte{2}, str("add"), []byte{0, 1}, str("callLog"), []byte{0, 2})...)...)
	b = append(b, sec(10, cat([]byte{2},
		[]byte{7, 0, 0x20, 0, 0x20, 1, 0x6a, 0x0b},
		[]byte{6, 0, 0x20, 0, 0x10, 0, 0x0b})...)...)
	return b
}

// Each clock read advances a fake clock by 1 ms, so the guest time counts the stretches of wasm:
// one per export call, plus one per return from an import.
func TestGuestTimeCountsWasmStretchesOnly(t *testing.T) {
	tests := []struct {
		name    string
		measure bool
		src     string
		want    time.Duration
	}{
		{"off", false, `inst.exports.callLog(1); inst.exports.add(1, 2)`, 0},
		{"export without imports", true, `inst.exports.add(1, 2)`, time.Millisecond},
		{"import time left out", true, `inst.exports.callLog(1)`, 2 * time.Millisecond},
		{"wasm entered from an import counts", true, `log = (x) => inst.exports.add(x, 1); inst.exports.callLog(1)`, 3 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := NewEngine(EngineOptions{})
			require.NoError(t, err)
			t.Cleanup(func() { _ = e.Close(context.Background()) })
			var clock time.Time
			e.now = func() time.Time { clock = clock.Add(time.Millisecond); return clock }
			s := jsrt.NewScheduler(jsrt.Options{})
			r := s.NewRealm(jsrt.RealmOptions{Name: "test"})
			t.Cleanup(r.Close)
			_, err = Install(r.VM, e, Options{})
			require.NoError(t, err)
			require.NoError(t, r.VM.Set("moduleBytes", r.VM.NewArrayBuffer(callsImportModule())))
			_, err = r.RunScript("setup.js", `var log = () => {};
				var inst = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes), {env: {log: (x) => log(x)}});`)
			require.NoError(t, err)
			e.MeasureGuestTime(tt.measure)
			_, err = r.RunScript("run.js", tt.src)
			require.NoError(t, err)
			assert.Equal(t, tt.want, e.Stats().GuestTime)
		})
	}
}
