package dom

import "github.com/dop251/goja"

// dialogState is what a <dialog> keeps besides its open attribute.
type dialogState struct {
	returnValue string
	modal       bool
}

// dialog is e's dialog state, made on first use.
func (d *Document) dialog(e *Element) *dialogState {
	if d.dialogs == nil {
		d.dialogs = map[*Element]*dialogState{}
	}
	s := d.dialogs[e]
	if s == nil {
		s = &dialogState{}
		d.dialogs[e] = s
	}
	return s
}

// installDialog defines HTMLDialogElement as Chromium 156 has it (scenario dom-dialog): show,
// showModal and close with their errors, open and returnValue, and the close event as a later
// task. Without layout, a modal dialog blocks nothing.
func (b *Binding) installDialog() {
	vm := b.vm
	dl := b.defineInterface("HTMLDialogElement", "HTMLElement", nil)
	b.reflectBool(dl, "open", "open")
	attr(dl, "returnValue", func(e *Element) goja.Value { return vm.ToValue(e.doc.dialog(e).returnValue) },
		func(e *Element, v goja.Value) { e.doc.dialog(e).returnValue = b.str(v) })
	open := func(e *Element, modal bool) {
		op := "show"
		if modal {
			op = "showModal"
		}
		s := e.doc.dialog(e)
		if e.HasAttr("open") {
			switch {
			case s.modal && !modal:
				b.throwDOM("InvalidStateError", "Failed to execute 'show' on 'HTMLDialogElement': The dialog is already open as a modal dialog, and therefore cannot be opened as a non-modal dialog.")
			case !s.modal && modal:
				b.throwDOM("InvalidStateError", "Failed to execute 'showModal' on 'HTMLDialogElement': The dialog is already open as a non-modal dialog, and therefore cannot be opened as a modal dialog.")
			}
			return
		}
		if modal && !IsConnected(e) {
			b.throwDOM("InvalidStateError", "Failed to execute '"+op+"' on 'HTMLDialogElement': The element is not in a Document.")
		}
		s.modal = modal
		e.SetAttr("open", "")
	}
	method(dl, "show", 0, func(e *Element, _ goja.FunctionCall) goja.Value { open(e, false); return nil })
	method(dl, "showModal", 0, func(e *Element, _ goja.FunctionCall) goja.Value { open(e, true); return nil })
	method(dl, "close", 0, func(e *Element, c goja.FunctionCall) goja.Value {
		if !e.HasAttr("open") {
			return nil
		}
		s := e.doc.dialog(e)
		e.RemoveAttr("open")
		s.modal = false
		if v := c.Argument(0); !goja.IsUndefined(v) {
			s.returnValue = b.str(v)
		}
		fire := func() { _, _ = e.Dispatch(NewEvent("close", EventInit{})) }
		if b.opts.Post != nil {
			b.opts.Post(fire)
		} else {
			fire()
		}
		return nil
	})
}
