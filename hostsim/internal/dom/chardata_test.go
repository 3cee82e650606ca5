package dom

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCharacterDataEdits: offsets and counts are UTF-16 code units, counts are clamped to the end,
// an offset past the end is IndexSizeError, and negative numbers wrap as unsigned longs do (WPT
// dom/nodes/CharacterData-*.html).
func TestCharacterDataEdits(t *testing.T) {
	r := bindRealm(t, parse(t, `<p id=p>x</p>`))
	tests := []struct {
		name, src string
		want      any
	}{
		{"appendData", `const t = document.createTextNode("test"); t.appendData("test"); t.data`, "testtest"},
		{"comment appendData", `const c = document.createComment("a"); c.appendData(null); c.data`, "anull"},
		{"insertData", `const t = document.createTextNode("test"); t.insertData(2, "XX"); t.data`, "teXXst"},
		{"deleteData clamps", `const t = document.createTextNode("test"); t.deleteData(1, 100); t.data`, "t"},
		{"replaceData", `const t = document.createTextNode("test"); t.replaceData(1, 2, "oa"); t.data`, "toat"},
		{"surrogate pairs count twice", `const t = document.createTextNode("a\u{1F600}b"); t.deleteData(1, 2); [t.data, t.length].join()`, "ab,2"},
		{"substringData", `document.createTextNode("testing").substringData(1, 3)`, "est"},
		{"substringData negative count wraps", `document.createTextNode("testing").substringData(2, -1)`, "sting"},
		{"in the tree", `const p = document.getElementById("p"); p.firstChild.appendData("y"); p.textContent`, "xy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, r.run(t, "{"+tt.src+"}")) })
	}
	assert.Equal(t, "IndexSizeError: Failed to execute 'substringData' on 'CharacterData': The offset 5 is greater than the node's length (4). [DOMException 1]",
		r.throws(t, `document.createTextNode("test").substringData(5, 1)`))
	assert.Equal(t, "IndexSizeError: Failed to execute 'insertData' on 'CharacterData': The offset 4294967295 is greater than the node's length (4). [DOMException 1]",
		r.throws(t, `document.createTextNode("test").insertData(-1, "x")`))
	assert.Equal(t, "TypeError: Failed to execute 'replaceData' on 'CharacterData': 3 arguments required, but only 2 present.",
		r.throws(t, `document.createTextNode("test").replaceData(0, 1)`))
}

func FuzzReplaceData(f *testing.F) {
	f.Add("test", uint32(1), uint32(2), "x")
	f.Add("a\U0001F600b", uint32(2), uint32(1), "")
	f.Fuzz(func(t *testing.T, s string, off, count uint32, data string) {
		out, err := replaceData(s, off, count, data)
		if err != nil {
			return
		}
		sub, err := substringData(out, 0, ^uint32(0))
		if err != nil || sub != out {
			t.Fatalf("substringData of the whole %q = %q, %v", out, sub, err)
		}
	})
}
