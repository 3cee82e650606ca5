package chromejson

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// plainPrefixByBytes is plainPrefix one byte at a time: what the eight-byte walk must agree with.
func plainPrefixByBytes(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			return i
		}
	}
	return len(s)
}

func TestPlainPrefix(t *testing.T) {
	long := strings.Repeat("abcdefgh", 4)
	for _, c := range []struct {
		name string
		s    string
		want int
	}{
		{"empty", "", 0},
		{"all plain", long, len(long)},
		{"short tail", "abc", 3},
		{"quote first", `"` + long, 0},
		{"quote in the second word", long[:11] + `"` + long, 11},
		{"backslash in the last word", long + `\`, len(long)},
		{"control in a word", long[:5] + "\x1f" + long, 5},
		{"NUL", long[:8] + "\x00", 8},
		// 0x7f and bytes from 0x80 up are written as they are, also next to bytes that borrow.
		{"DEL and UTF-8", "\x7f\x80\xff\xa2\xdc" + "é😀" + long, len("\x7f\x80\xff\xa2\xdc" + "é😀" + long)},
		{"high bytes before a control", "\xff\xff\xff\xff\xff\xff\xff\x1f", 7},
		{"space and the bytes around the specials", " !#[]^\x21\x5b\x5d" + long, len(" !#[]^\x21\x5b\x5d" + long)},
	} {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, plainPrefix(c.s))
			assert.Equal(t, plainPrefixByBytes(c.s), plainPrefix(c.s))
		})
	}
}

func FuzzPlainPrefix(f *testing.F) {
	for _, s := range []string{"", "abcdefgh\"", "\xff\xfe\x80\x1f\\", strings.Repeat("x", 17) + "\n"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, shift int) {
		// The same text at every alignment against the eight-byte words.
		s = strings.Repeat("y", shift&7) + s
		assert.Equal(t, plainPrefixByBytes(s), plainPrefix(s))
	})
}
