package dom

import (
	"slices"
	"weak"

	"github.com/dop251/goja"
)

// nodeIterator is a NodeIterator: a pointer before or after a reference node in the preorder of
// root's subtree, kept valid when nodes are removed (the DOM's pre-removing steps).
type nodeIterator struct {
	b          *Binding
	root, ref  Node
	before     bool
	whatToShow uint32
	filter     goja.Value // null or the callback object
	active     bool
}

// following is the node after n in the preorder of root's subtree, or nil.
func following(n, root Node) Node {
	if c := n.base().FirstChild(); c != nil {
		return c
	}
	return followingSkipping(n, root)
}

// followingSkipping is the node after n and its descendants in the preorder of root's subtree.
func followingSkipping(n, root Node) Node {
	for x := n; x != nil && x != root; x = x.Parent() {
		if s := NextSibling(x); s != nil {
			return s
		}
	}
	return nil
}

// preceding is the node before n in the preorder of root's subtree, or nil.
func preceding(n, root Node) Node {
	if n == root {
		return nil
	}
	if s := PreviousSibling(n); s != nil {
		return lastInclusiveDescendant(s)
	}
	return n.Parent()
}

func lastInclusiveDescendant(n Node) Node {
	for {
		c := n.base().LastChild()
		if c == nil {
			return n
		}
		n = c
	}
}

// accept runs the iterator's filter on n, as the DOM's "filter" does.
func (it *nodeIterator) accept(n Node, op string) int {
	b := it.b
	if it.active {
		b.throwDOM("InvalidStateError", "Failed to execute '"+op+"' on 'NodeIterator': Filter function can't be recursive")
	}
	if it.whatToShow&(1<<(uint(n.NodeType())-1)) == 0 {
		return 3 // FILTER_SKIP
	}
	if goja.IsNull(it.filter) {
		return 1
	}
	it.active = true
	defer func() { it.active = false }()
	fo := it.filter.(*goja.Object)
	fn, this := goja.AssertFunction(fo)
	self := goja.Value(goja.Undefined())
	if !this {
		fn, this = goja.AssertFunction(fo.Get("acceptNode"))
		if !this {
			panic(b.vm.NewTypeError("Failed to execute '" + op + "' on 'NodeIterator': Failed to execute 'acceptNode' on 'NodeFilter': The provided callback is not callable."))
		}
		self = fo
	}
	r, err := fn(self, b.wrap(n))
	if err != nil {
		panic(err)
	}
	return int(uint16(r.ToInteger()))
}

// traverse is the DOM's NodeIterator traversal, forward for nextNode, backward for previousNode.
func (it *nodeIterator) traverse(next bool, op string) Node {
	node, before := it.ref, it.before
	for {
		if next {
			if !before {
				if node = following(node, it.root); node == nil {
					return nil
				}
			} else {
				before = false
			}
		} else {
			if before {
				if node = preceding(node, it.root); node == nil {
					return nil
				}
			} else {
				before = true
			}
		}
		if it.accept(node, op) == 1 {
			break
		}
	}
	it.ref, it.before = node, before
	return node
}

// preRemove keeps the iterator's reference valid when gone, which is about to be removed.
func (it *nodeIterator) preRemove(gone Node) {
	if gone == it.root || !Contains(gone, it.ref) {
		return
	}
	if it.before {
		if next := followingSkipping(gone, it.root); next != nil {
			it.ref = next
			return
		}
		it.before = false
	}
	if p := PreviousSibling(gone); p != nil {
		it.ref = lastInclusiveDescendant(p)
	} else {
		it.ref = gone.Parent()
	}
}

// preRemove runs every live NodeIterator's pre-removing steps for n, before it leaves the tree.
func (d *Document) preRemove(n Node) {
	live := d.iterators[:0]
	for _, w := range d.iterators {
		if it := w.Value(); it != nil {
			it.preRemove(n)
			live = append(live, w)
		}
	}
	d.iterators = live
}

func (b *Binding) installNodeIterator(doc *iface) {
	vm := b.vm
	ni := b.defineInterface("NodeIterator", "", nil)
	attr(ni, "root", func(it *nodeIterator) goja.Value { return b.wrap(it.root) }, nil)
	attr(ni, "referenceNode", func(it *nodeIterator) goja.Value { return b.wrap(it.ref) }, nil)
	attr(ni, "pointerBeforeReferenceNode", func(it *nodeIterator) goja.Value { return vm.ToValue(it.before) }, nil)
	attr(ni, "whatToShow", func(it *nodeIterator) goja.Value { return vm.ToValue(it.whatToShow) }, nil)
	attr(ni, "filter", func(it *nodeIterator) goja.Value { return it.filter }, nil)
	method(ni, "nextNode", 0, func(it *nodeIterator, _ goja.FunctionCall) goja.Value {
		return b.wrapNode(it.traverse(true, "nextNode"))
	})
	method(ni, "previousNode", 0, func(it *nodeIterator, _ goja.FunctionCall) goja.Value {
		return b.wrapNode(it.traverse(false, "previousNode"))
	})
	method(ni, "detach", 0, func(*nodeIterator, goja.FunctionCall) goja.Value { return nil })

	method(doc, "createNodeIterator", 1, func(d *Document, c goja.FunctionCall) goja.Value {
		root := b.nodeArg(c.Argument(0), "createNodeIterator", "Document", 1)
		it := &nodeIterator{b: b, root: root, ref: root, before: true, whatToShow: 0xFFFFFFFF, filter: goja.Null()}
		if w := c.Argument(1); !goja.IsUndefined(w) {
			it.whatToShow = uint32(w.ToInteger())
		}
		switch f := c.Argument(2).(type) {
		case *goja.Object:
			it.filter = f
		default:
			if !goja.IsUndefined(f) && !goja.IsNull(f) {
				panic(vm.NewTypeError("Failed to execute 'createNodeIterator' on 'Document': The provided value is not of type 'NodeFilter'."))
			}
		}
		d = root.OwnerDocument()
		// Iterators scripts dropped are forgotten here too, not only when a node is removed.
		d.iterators = slices.DeleteFunc(d.iterators, func(w weak.Pointer[nodeIterator]) bool { return w.Value() == nil })
		d.iterators = append(d.iterators, weak.Make(it))
		return b.wrap(it)
	})
}
