package dom

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestTreeWalker walks a small tree with whatToShow and filters as the DOM standard's traversal
// algorithms do (WPT dom/traversal/TreeWalker-*.html); the error messages are Chromium 156's,
// measured in a page.
func TestTreeWalker(t *testing.T) {
	r := bindRealm(t, parse(t, `<div id=a>b<div id=c><div id=d>e<span id=f>g<!--h--></span>i</div><!--j--></div></div>`))
	const ids = `const name = n => n === null ? "null" : n.nodeType === 1 ? n.id : n.nodeType === 3 ? '"' + n.data + '"' : "<!--" + n.data + "-->";
		const root = document.getElementById("a");`
	tests := []struct {
		name, src string
		want      any
	}{
		{"shape", `const w = document.createTreeWalker(root);
			[String(w), w.root === root, w.whatToShow, w.filter, w.currentNode === root, w instanceof TreeWalker, NodeFilter.SHOW_ELEMENT].join()`,
			"[object TreeWalker],true,4294967295,,true,true,1"},
		{"nextNode in document order", `const w = document.createTreeWalker(root), out = [];
			for (let n; (n = w.nextNode());) out.push(name(n)); out.join(" ")`, `"b" c d "e" f "g" <!--h--> "i" <!--j-->`},
		{"previousNode back to root", `const w = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT), out = [];
			w.currentNode = document.getElementById("f");
			for (let n; (n = w.previousNode());) out.push(name(n)); out.join(" ")`, "d c a"},
		{"children and siblings", `const w = document.createTreeWalker(root);
			[name(w.parentNode()), name(w.firstChild()), name(w.nextSibling()), name(w.lastChild()), name(w.previousSibling()), name(w.nextSibling())].join(" ")`,
			`null "b" c <!--j--> d <!--j-->`},
		{"reject skips a subtree, skip does not", `const reject = document.createTreeWalker(root, NodeFilter.SHOW_ALL, n => n.id === "d" ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT);
			const skip = document.createTreeWalker(root, NodeFilter.SHOW_ALL, {acceptNode: n => n.id === "d" ? 3 : 1});
			const walk = w => { const o = []; for (let n; (n = w.nextNode());) o.push(name(n)); return o.join(" "); };
			walk(reject) + " | " + walk(skip)`, `"b" c <!--j--> | "b" c "e" f "g" <!--h--> "i" <!--j-->`},
		{"only text", `const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), o = [];
			for (let n; (n = w.nextNode());) o.push(n.data); o.join("")`, "begi"},
		{"readonly", `const w = document.createTreeWalker(root); w.whatToShow = 1; w.root = null; [w.whatToShow, w.root === root].join()`, "4294967295,true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, r.run(t, "{"+ids+tt.src+"}")) })
	}
	throws := []struct{ src, want string }{
		{`document.createTreeWalker()`, "TypeError: Failed to execute 'createTreeWalker' on 'Document': 1 argument required, but only 0 present."},
		{`document.createTreeWalker({})`, "TypeError: Failed to execute 'createTreeWalker' on 'Document': parameter 1 is not of type 'Node'."},
		{`new TreeWalker()`, "TypeError: Failed to construct 'TreeWalker': Illegal constructor"},
		{`document.createTreeWalker(document.body).currentNode = 5`, "TypeError: Failed to set the 'currentNode' property on 'TreeWalker': Failed to convert value to 'Node'."},
		{`const w = document.createTreeWalker(document.body, 1, () => w.nextNode()); w.nextNode()`,
			"InvalidStateError: Failed to execute 'nextNode' on 'TreeWalker': Filter function can't be recursive [DOMException 11]"},
		{`document.createTreeWalker(document.body, 1, {}).firstChild()`, "TypeError: Failed to execute 'firstChild' on 'TreeWalker': Failed to execute 'acceptNode' on 'NodeFilter': The provided callback is not callable."},
	}
	for _, tt := range throws {
		assert.Equal(t, tt.want, r.throws(t, tt.src), tt.src)
	}
}
