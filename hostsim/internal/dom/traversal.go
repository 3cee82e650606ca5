package dom

import (
	_ "embed"
	"fmt"

	"github.com/dop251/goja"
)

//go:embed traversal.js
var traversalSrc string

var traversalProgram = goja.MustCompile("dom-traversal.js", traversalSrc, true)

// installTraversal defines NodeFilter, TreeWalker and document.createTreeWalker (traversal.js):
// walkers only read the tree, through the same accessors scripts see, so they are plain
// JavaScript over the binding rather than more Go.
func (b *Binding) installTraversal() error {
	v, err := b.vm.RunProgram(traversalProgram)
	if err != nil {
		return fmt.Errorf("dom: installing traversal: %w", err)
	}
	fn, _ := goja.AssertFunction(v)
	g := b.vm.GlobalObject()
	if _, err := fn(goja.Undefined(), g, g.Get("Node"), g.Get("Document")); err != nil {
		return fmt.Errorf("dom: installing traversal: %w", err)
	}
	return nil
}
