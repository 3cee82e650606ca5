package chromesim

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestParseCSSColor: the badge colour strings hostsim reads, as Chromium 156 reads them (the
// scenario action-state checks #abc, rgb(1,2,3), white and a malformed one in both browsers).
func TestParseCSSColor(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want [4]int
		ok   bool
	}{
		{"#ff0000", [4]int{255, 0, 0, 255}, true},
		{"#abc", [4]int{170, 187, 204, 255}, true},
		{"#abcd", [4]int{170, 187, 204, 221}, true},
		{"#11223344", [4]int{17, 34, 51, 68}, true},
		{" RGB(1, 2, 3) ", [4]int{1, 2, 3, 255}, true},
		{"rgba(1,2,3,0.5)", [4]int{1, 2, 3, 128}, true},
		{"white", [4]int{255, 255, 255, 255}, true},
		{"Transparent", [4]int{0, 0, 0, 0}, true},
		{"nonsense", [4]int{}, false},
		{"#12", [4]int{}, false},
		{"#gggggg", [4]int{}, false},
		{"rgb(1,2)", [4]int{}, false},
		{"rgb(1,2,300)", [4]int{}, false},
		{"rgba(1,2,3,2)", [4]int{}, false},
		{"rgb(1,2,3", [4]int{}, false},
		{"", [4]int{}, false},
	} {
		got, err := parseCSSColor(tc.in)
		if !tc.ok {
			assert.EqualError(t, err, errActionColor, tc.in)
			continue
		}
		if assert.NoError(t, err, tc.in) {
			assert.Equal(t, tc.want, got, tc.in)
		}
	}
}
