package chromesim

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// sameAsEncodingJSON checks that marshalJSON writes what json.Marshal writes for v.
func sameAsEncodingJSON(t *testing.T, v any) {
	t.Helper()
	want, _ := json.Marshal(v)
	assert.Equal(t, string(want), string(marshalJSON(nil, v)), "%#v", v)
}

func TestMarshalJSONIsEncodingJSON(t *testing.T) {
	tests := []struct {
		name string
		v    any
	}{
		{"plain string", "http://127.0.0.1:8000/bench.html"},
		{"empty string", ""},
		{"quote and backslash", `a"b\c`},
		{"html characters", "<a href='x'>&</a>"},
		{"control characters", "a\nb\tc\x00\x1f\b\f"},
		{"non-ASCII", "héllo 😀 \u2028 \u2029"},
		{"invalid UTF-8", "a\xffb"},
		{"bools", []any{true, false}},
		{"ints", map[string]any{"a": 0, "b": -1, "c": math.MaxInt64, "d": int64(math.MinInt64)}},
		{"floats in %f range", map[string]any{"zero": 0.0, "neg zero": math.Copysign(0, -1), "ms": 1767225600123.456, "tiny": 1e-6, "big": 9.99e20}},
		{"floats in %e range", map[string]any{"small": 1e-7, "huge": 1e21, "neg": -3.5e-9}},
		{"refused floats", map[string]any{"nan": math.NaN()}},
		{"refused infinity", math.Inf(1)},
		{"a tab", map[string]any{
			"active": true, "audible": false, "groupId": -1, "id": 3, "index": 0, "lastAccessed": 1767225600000.25,
			"mutedInfo": map[string]any{"muted": false}, "status": "complete", "title": "127.0.0.1:8000/bench.html",
			"url": "http://127.0.0.1:8000/bench.html", "windowId": 1,
		}},
		{"keys needing escapes", map[string]any{"<k>": 1, "a\"b": 2, "é": 3}},
		{"nested", map[string]any{"m": map[string]any{"n": map[string]any{}}}},
		{"nil", nil},
		{"other types", map[string]any{"u": uint8(7), "f32": float32(1.5), "s": []string{"x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { sameAsEncodingJSON(t, tt.v) })
	}
}

func FuzzMarshalJSON(f *testing.F) {
	f.Add("http://127.0.0.1/", 1767225600123.456, int64(3), true)
	f.Add("<\u2028\xff\"", -1e-7, int64(-1), false)
	f.Fuzz(func(t *testing.T, s string, x float64, n int64, b bool) {
		sameAsEncodingJSON(t, s)
		sameAsEncodingJSON(t, x)
		sameAsEncodingJSON(t, map[string]any{s: x, "n": n, "b": b, "m": map[string]any{"s": s}})
	})
}
