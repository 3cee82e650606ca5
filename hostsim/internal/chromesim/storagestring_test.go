package chromesim

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// escapeJSONStringRuneByRune is base::EscapeJSONString written the plain way, rune by rune: the
// reference appendStoredString and storedStringLen are checked against.
func escapeJSONStringRuneByRune(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '<', 0x2028, 0x2029:
			b.Write([]byte{'\\', 'u', hex[r>>12&0xF], hex[r>>8&0xF], hex[r>>4&0xF], hex[r&0xF]})
		default:
			if r < 0x20 {
				b.Write([]byte{'\\', 'u', '0', '0', hex[r>>4], hex[r&0xF]})
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

var storedStringCases = []string{
	"", "plain", `"quoted" \ back`, "\b\f\n\r\t", "\x00\x01\x1f\x7f", "<script>", "a\u2028b\u2029c",
	"é€😀", "\uFFFD", "bad \xff utf-8 \xe2\x80", "\xed\xa0\x80 surrogate bytes", strings.Repeat("x", 1<<16) + "<",
	// Escapes and non-ASCII at different places in and across eight-byte words.
	"abcdefgh<ijklmno\"pqrstuvw\\xyz\x7f\x1f", "1234567é", "12345678\u2028", "~~~~~~~~~~~~~~~~\x00",
}

func TestStoredStringMatchesEscapeJSONString(t *testing.T) {
	for _, s := range storedStringCases {
		want := escapeJSONStringRuneByRune(s)
		got := appendStoredString([]byte("prefix"), s)
		assert.Equal(t, "prefix"+want, string(got), "%q", s)
		assert.Equal(t, len(want), storedStringLen(s), "%q", s)
	}
}

func FuzzStoredString(f *testing.F) {
	for _, s := range storedStringCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := escapeJSONStringRuneByRune(s)
		assert.Equal(t, want, string(appendStoredString(nil, s)))
		assert.Equal(t, len(want), storedStringLen(s))
		if utf8.ValidString(s) {
			assert.True(t, utf8.ValidString(want))
		}
	})
}
