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
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, floatToInt32(tt.in), "ToInt32(%v)", tt.in)
	}
}
