package wasmjs

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFloatToInt32(t *testing.T) {
	tests := []struct {
		in   float64
		want int32
	}{
		{0, 0}, {-0.0, 0}, {1.9, 1}, {-1.9, -1},
		{2147483647, 2147483647}, {2147483648, -2147483648}, {4294967295, -1}, {4294967296, 0},
		{-2147483649, 2147483647}, {1e20, 1661992960}, {-1e20, -1661992960},
		{math.NaN(), 0}, {math.Inf(1), 0}, {math.Inf(-1), 0}, {math.MaxFloat64, 0},
		{1 << 63, 0}, {-(1 << 63), 0}, {math.Nextafter(1<<63, 0), -1024}, {math.Nextafter(-(1 << 63), 0), 1024},
		{1<<53 + 2, 2}, {-(1<<53 + 2), -2},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, floatToInt32(tt.in), "ToInt32(%v)", tt.in)
		assert.Equal(t, tt.want, floatToInt32Mod(tt.in), "ToInt32(%v) by modulo", tt.in)
	}
}

// FuzzFloatToInt32 checks the conversion's fast path against the modulo it stands in for.
func FuzzFloatToInt32(f *testing.F) {
	for _, x := range []float64{0, -1.5, 1 << 31, 1 << 32, 1<<63 - 1024, -(1 << 63), 1e19, math.NaN()} {
		f.Add(math.Float64bits(x))
	}
	f.Fuzz(func(t *testing.T, bits uint64) {
		x := math.Float64frombits(bits)
		assert.Equal(t, floatToInt32Mod(x), floatToInt32(x), "ToInt32(%v)", x)
	})
}
