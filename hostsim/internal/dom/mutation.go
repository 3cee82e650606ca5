package dom

import (
	"slices"

	"github.com/dop251/goja"
)

// Mutation is one change to the tree, as a MutationRecord reports it. OldValue is the value
// before an attribute or character-data change (nil for a new attribute).
type Mutation struct {
	Type           string // "attributes", "characterData" or "childList"
	Target         Node
	Added, Removed []Node
	Previous, Next Node
	AttributeName  string
	OldValue       *string
}

// mutated tells every realm that observes the document about m, after the change is done (the
// tree is consistent when observers are queued).
func (d *Document) mutated(m *Mutation) {
	for _, b := range d.observing {
		b.queueMutation(m)
	}
}

func (d *Document) childListChange(parent Node, added, removed []Node, prev, next Node) {
	if len(d.observing) == 0 || slices.Contains(d.batching, parent) {
		return
	}
	d.mutated(&Mutation{Type: "childList", Target: parent, Added: added, Removed: removed, Previous: prev, Next: next})
}

// replaceAll runs replace, which replaces all of parent's children (innerHTML, textContent,
// replaceChildren), reporting it as Chromium does: one childList record on parent with every
// removed and added node, not one per node (a node moved in from elsewhere still gets its own
// record on its old parent).
func (d *Document) replaceAll(parent Node, replace func() error) error {
	if len(d.observing) == 0 {
		return replace()
	}
	removed := parent.base().ChildNodes()
	err := d.batch(parent, replace)
	added := parent.base().ChildNodes()
	if len(removed) > 0 || len(added) > 0 {
		d.childListChange(parent, added, removed, nil, nil)
	}
	return err
}

// batch runs f with parent's own childList records held back, for an operation that reports one.
func (d *Document) batch(parent Node, f func() error) error {
	d.batching = append(d.batching, parent)
	defer func() { d.batching = d.batching[:len(d.batching)-1] }()
	return f()
}

func (d *Document) attributeChange(e *Element, name string, old *string) {
	if len(d.observing) == 0 {
		return
	}
	d.mutated(&Mutation{Type: "attributes", Target: e, AttributeName: name, OldValue: old})
}

func (d *Document) characterDataChange(n Node, old string) {
	if len(d.observing) == 0 {
		return
	}
	d.mutated(&Mutation{Type: "characterData", Target: n, OldValue: &old})
}

// mutationReg is one observe() of one observer on one node.
type mutationReg struct {
	target                                        Node
	childList, attributes, characterData, subtree bool
	attributeOldValue, characterDataOldValue      bool
	filter                                        map[string]bool // nil: every attribute
}

// mutationObserver is a MutationObserver of one realm: its callback, its registrations and the
// records waiting for delivery.
type mutationObserver struct {
	obj   *goja.Object
	cb    goja.Callable
	regs  []*mutationReg
	queue []*Mutation
}

// wants says whether this registration observes m, and whether it asks for the old value.
func (r *mutationReg) wants(m *Mutation) (match, old bool) {
	if r.target != m.Target && !(r.subtree && Contains(r.target, m.Target)) {
		return false, false
	}
	switch m.Type {
	case "attributes":
		if !r.attributes || (r.filter != nil && !r.filter[m.AttributeName]) {
			return false, false
		}
		return true, r.attributeOldValue
	case "characterData":
		return r.characterData, r.characterDataOldValue
	}
	return r.childList, false
}

// queueMutation queues m for this realm's interested observers and schedules their delivery.
func (b *Binding) queueMutation(m *Mutation) {
	queued := false
	for _, o := range b.observers {
		match, old := false, false
		for _, r := range o.regs {
			if mm, oo := r.wants(m); mm {
				match, old = true, old || oo
			}
		}
		if !match {
			continue
		}
		rec := *m
		if !old {
			rec.OldValue = nil
		}
		o.queue = append(o.queue, &rec)
		queued = true
	}
	if queued && !b.deliveryQueued {
		b.deliveryQueued = true
		b.scheduleDelivery()
	}
}

// scheduleDelivery runs deliverMutations as a microtask of this realm when its script is the one
// running (the change came from it), else as a task on its event loop: calling into an idle realm
// would run its microtasks at once, in the middle of another realm's script.
func (b *Binding) scheduleDelivery() {
	if len(b.vm.CaptureCallStack(1, nil)) > 0 || b.opts.Post == nil {
		if _, err := b.microtask(goja.Undefined(), b.deliver); err != nil && b.opts.OnError != nil {
			b.opts.OnError(err)
		}
		return
	}
	b.opts.Post(func() {
		b.deliverMutations()
		if b.opts.Drain != nil {
			b.opts.Drain()
		}
	})
}

var microtaskProgram = goja.MustCompile("dom-mutation-microtask.js", `(function (f) { Promise.resolve().then(f); })`, true)

// deliverMutations calls each observer that has records with them, in the order the observers
// were made; an exception is reported and does not stop the others.
func (b *Binding) deliverMutations() {
	b.deliveryQueued = false
	for _, o := range append([]*mutationObserver(nil), b.observers...) {
		if len(o.queue) == 0 {
			continue
		}
		recs := b.takeRecords(o)
		var err error
		if ex := b.vm.Try(func() { _, err = o.cb(o.obj, recs, o.obj) }); ex != nil {
			err = ex
		}
		if err != nil && b.opts.OnError != nil {
			b.opts.OnError(err)
		}
	}
}

func (b *Binding) takeRecords(o *mutationObserver) goja.Value {
	out := make([]any, len(o.queue))
	for i, m := range o.queue {
		out[i] = b.wrap(m)
	}
	o.queue = nil
	return b.vm.NewArray(out...)
}

func (b *Binding) installMutationObserver() {
	vm := b.vm
	b.deliver = vm.ToValue(func(goja.FunctionCall) goja.Value { b.deliverMutations(); return goja.Undefined() })
	v, err := vm.RunProgram(microtaskProgram)
	if err != nil {
		panic(err)
	}
	b.microtask, _ = goja.AssertFunction(v)

	mo := b.defineInterface("MutationObserver", "", func(c goja.ConstructorCall) *goja.Object {
		cb, ok := goja.AssertFunction(c.Argument(0))
		if !ok {
			panic(vm.NewTypeError("Failed to construct 'MutationObserver': parameter 1 is not of type 'Function'."))
		}
		o := &mutationObserver{obj: c.This, cb: cb}
		b.register(o, c.This)
		return nil
	})
	method(mo, "observe", 1, func(o *mutationObserver, c goja.FunctionCall) goja.Value {
		target, ok := b.objs[asObject(c.Argument(0))].(Node)
		if !ok {
			panic(vm.NewTypeError("Failed to execute 'observe' on 'MutationObserver': parameter 1 is not of type 'Node'."))
		}
		r := &mutationReg{target: target}
		opts, _ := c.Argument(1).(*goja.Object)
		present := func(k string) (bool, bool) {
			if opts == nil {
				return false, false
			}
			v := opts.Get(k)
			if v == nil || goja.IsUndefined(v) {
				return false, false
			}
			return v.ToBoolean(), true
		}
		childList, _ := present("childList")
		attributes, hasAttributes := present("attributes")
		characterData, hasCharacterData := present("characterData")
		r.subtree, _ = present("subtree")
		attrOld, hasAttrOld := present("attributeOldValue")
		cdOld, hasCDOld := present("characterDataOldValue")
		if opts != nil {
			if f := opts.Get("attributeFilter"); f != nil && !goja.IsUndefined(f) {
				var names []string
				if err := vm.ExportTo(f, &names); err != nil {
					panic(vm.NewTypeError("Failed to execute 'observe' on 'MutationObserver': The provided value cannot be converted to a sequence."))
				}
				r.filter = map[string]bool{}
				for _, n := range names {
					r.filter[n] = true
				}
			}
		}
		if !hasAttributes && (hasAttrOld || r.filter != nil) {
			attributes = true
		}
		if !hasCharacterData && hasCDOld {
			characterData = true
		}
		const prefix = "Failed to execute 'observe' on 'MutationObserver': "
		// In Chromium 156's order: the old-value and filter checks before the empty one.
		switch {
		case attrOld && !attributes:
			panic(vm.NewTypeError(prefix + "The options object may only set 'attributeOldValue' to true when 'attributes' is true or not present."))
		case r.filter != nil && !attributes:
			panic(vm.NewTypeError(prefix + "The options object may only set 'attributeFilter' when 'attributes' is true or not present."))
		case cdOld && !characterData:
			panic(vm.NewTypeError(prefix + "The options object may only set 'characterDataOldValue' to true when 'characterData' is true or not present."))
		case !childList && !attributes && !characterData:
			panic(vm.NewTypeError(prefix + "The options object must set at least one of 'attributes', 'characterData', or 'childList' to true."))
		}
		r.childList, r.attributes, r.characterData = childList, attributes, characterData
		r.attributeOldValue, r.characterDataOldValue = attrOld, cdOld
		replaced := false
		for i, old := range o.regs {
			if old.target == target {
				o.regs[i], replaced = r, true
			}
		}
		if !replaced {
			o.regs = append(o.regs, r)
		}
		b.watch(o)
		return nil
	})
	method(mo, "disconnect", 0, func(o *mutationObserver, _ goja.FunctionCall) goja.Value {
		o.regs, o.queue = nil, nil
		// A disconnected observer costs nothing per change until it observes again.
		b.observers = slices.DeleteFunc(b.observers, func(x *mutationObserver) bool { return x == o })
		return nil
	})
	method(mo, "takeRecords", 0, func(o *mutationObserver, _ goja.FunctionCall) goja.Value {
		return b.takeRecords(o)
	})

	mr := b.defineInterface("MutationRecord", "", nil)
	attr(mr, "type", func(m *Mutation) goja.Value { return vm.ToValue(m.Type) }, nil)
	attr(mr, "target", func(m *Mutation) goja.Value { return b.wrapNode(m.Target) }, nil)
	nodes := func(ns []Node) goja.Value { return b.staticList(ns) }
	attr(mr, "addedNodes", func(m *Mutation) goja.Value { return nodes(m.Added) }, nil)
	attr(mr, "removedNodes", func(m *Mutation) goja.Value { return nodes(m.Removed) }, nil)
	attr(mr, "previousSibling", func(m *Mutation) goja.Value { return b.wrapNode(m.Previous) }, nil)
	attr(mr, "nextSibling", func(m *Mutation) goja.Value { return b.wrapNode(m.Next) }, nil)
	attr(mr, "attributeName", func(m *Mutation) goja.Value {
		if m.Type != "attributes" {
			return goja.Null()
		}
		return vm.ToValue(m.AttributeName)
	}, nil)
	attr(mr, "attributeNamespace", func(m *Mutation) goja.Value { return goja.Null() }, nil)
	attr(mr, "oldValue", func(m *Mutation) goja.Value {
		if m.OldValue == nil {
			return goja.Null()
		}
		return vm.ToValue(*m.OldValue)
	}, nil)
}

// watch makes the document tell this realm about changes, once it has an observer.
func (b *Binding) watch(o *mutationObserver) {
	if !slices.Contains(b.observers, o) {
		b.observers = append(b.observers, o)
	}
	if !slices.Contains(b.doc.observing, b) {
		b.doc.observing = append(b.doc.observing, b)
	}
}
