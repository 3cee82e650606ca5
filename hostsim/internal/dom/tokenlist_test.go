package dom

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestClassListReplace: the first of the old and the new token takes the new one's place, and an
// empty token is a SyntaxError even when the other has spaces (WPT dom/nodes/Element-classlist.html).
func TestClassListReplace(t *testing.T) {
	r := bindRealm(t, parse(t, `<p id=p>x</p>`))
	tests := []struct {
		before, old, repl string
		want              any
	}{
		{"a b c", "c", "a", "true a b"},
		{"c b a", "c", "a", "true a b"},
		{"a b a", "b", "c", "true a c"},
		{"a b c", "b", "d", "true a d c"},
		{"a b", "x", "y", "false a b"},
	}
	for _, tt := range tests {
		t.Run(tt.before+" "+tt.old+">"+tt.repl, func(t *testing.T) {
			got := r.run(t, `{const p = document.getElementById("p"); p.className = "`+tt.before+`";
				p.classList.replace("`+tt.old+`", "`+tt.repl+`") + " " + p.className}`)
			assert.Equal(t, tt.want, got)
		})
	}
	assert.Equal(t, "SyntaxError: Failed to execute 'replace' on 'DOMTokenList': The token provided must not be empty. [DOMException 12]",
		r.throws(t, `document.getElementById("p").classList.replace(" ", "")`))
}
