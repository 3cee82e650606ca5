package dom

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestNodeIterator walks forward and back, prunes nothing on FILTER_REJECT (unlike a TreeWalker),
// and keeps its reference valid when nodes are removed; the figures are Chromium 156's for the same
// steps (WPT dom/traversal/NodeIterator*.html).
func TestNodeIterator(t *testing.T) {
	const page = `<body><div id=r><a id=a1><b id=b1></b></a>t<c id=c1></c><!--x--></div></body>`
	const name = `const name = (n) => n === null ? "null" : n.nodeType === 1 ? n.id : n.nodeType === 3 ? "#" + n.data : "!" + n.data;
		const r = document.getElementById("r");`
	tests := []struct {
		name, src string
		want      any
	}{
		{"both ways", `const it = document.createNodeIterator(r); const s = [];
			for (let n; (n = it.nextNode());) s.push(name(n)); s.push("|"); for (let n; (n = it.previousNode());) s.push(name(n));
			s.join(" ") + " " + name(it.referenceNode) + " " + it.pointerBeforeReferenceNode + " " + String(it) + " " + it.whatToShow`,
			"r a1 b1 #t c1 !x | !x c1 #t b1 a1 r r true [object NodeIterator] 4294967295"},
		{"reject skips only the node", `const it = document.createNodeIterator(r, NodeFilter.SHOW_ELEMENT, {acceptNode: (n) => n.id === "a1" ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
			const s = []; for (let n; (n = it.nextNode());) s.push(name(n)); s.join(" ")`, "r b1 c1"},
		{"removal", `const it = document.createNodeIterator(r); it.nextNode(); it.nextNode(); it.nextNode();
			const before = name(it.referenceNode) + it.pointerBeforeReferenceNode;
			document.getElementById("a1").remove(); const mid = name(it.referenceNode) + it.pointerBeforeReferenceNode;
			it.previousNode(); const b2 = name(it.referenceNode) + it.pointerBeforeReferenceNode; document.getElementById("c1").previousSibling.remove();
			[before, mid, b2, name(it.referenceNode) + it.pointerBeforeReferenceNode, name(it.nextNode())].join()`, "b1false,rfalse,rtrue,rtrue,r"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := bindRealm(t, parse(t, page))
			assert.Equal(t, tt.want, r.run(t, "{"+name+tt.src+"}"))
		})
	}
	r := bindRealm(t, parse(t, page))
	assert.Equal(t, "InvalidStateError: Failed to execute 'nextNode' on 'NodeIterator': Filter function can't be recursive [DOMException 11]",
		r.throws(t, `const it = document.createNodeIterator(document.body, 1, () => it.nextNode()); it.nextNode()`))
	assert.Equal(t, "TypeError: Failed to execute 'createNodeIterator' on 'Document': parameter 1 is not of type 'Node'.",
		r.throws(t, `document.createNodeIterator({})`))
}
