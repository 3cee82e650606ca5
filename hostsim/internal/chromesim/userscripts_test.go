package chromesim

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGlobMatch(t *testing.T) {
	for _, tc := range []struct {
		glob, s string
		want    bool
	}{
		{"*", "", true},
		{"*", "http://a/b", true},
		{"*a*", "http://x/a.html", true},
		{"*a*", "http://x/b.html", false},
		{"http://?/*", "http://x/y", true},
		{"http://?/*", "http://xy/y", false},
		{"*.html", "http://x/a.html", true},
		{"*.html", "http://x/a.htm", false},
		{"", "", true},
		{"", "x", false},
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "aXcYb", false},
	} {
		assert.Equal(t, tc.want, globMatch(tc.glob, tc.s), "%q against %q", tc.glob, tc.s)
	}
}

func TestUserWorldKeysDoNotMeetContentScripts(t *testing.T) {
	id := "abcdefghijklmnopabcdefghijklmnop"
	assert.NotEqual(t, id, userWorldKey(id, ""))
	assert.NotEqual(t, userWorldKey(id, ""), userWorldKey(id, "w"))
}
