package dom

// Activation and focus: what click(), focus(), blur(), requestSubmit()
// and reset() do, minus anything that needs layout or navigation.

func (e *Element) buttonType() string {
	switch t := asciiLower(e.AttrOr("type")); t {
	case "reset", "button":
		return t
	}
	return "submit"
}

// isSubmitButton reports whether activating e submits its form.
func (e *Element) isSubmitButton() bool {
	if e.isHTML("button") {
		return e.buttonType() == "submit"
	}
	if e.isHTML("input") {
		t := e.InputType()
		return t == "submit" || t == "image"
	}
	return false
}

func (e *Element) fire(typ string, init EventInit) bool {
	ok, _ := e.Dispatch(NewEvent(typ, init))
	return ok
}

// Click does what element.click() does: a disabled control ignores it;
// otherwise an untrusted click event is dispatched, and its activation
// behaviour follows unless it was canceled: a checkbox toggles and a radio
// is checked (both then fire input and change; a canceled click restores
// the old state), a submit button submits its form, a reset button resets
// it.
func (e *Element) Click() {
	if isFormControl(e) && e.Disabled() {
		return
	}
	check := e.isHTML("input") && (e.InputType() == "checkbox" || e.InputType() == "radio")
	type saved struct {
		el             *Element
		checked, dirty bool
	}
	var restore []saved
	if check {
		group := []*Element{e}
		if e.InputType() == "radio" {
			group = e.radioGroup()
		}
		for _, g := range group {
			restore = append(restore, saved{g, g.checked, g.dirtyChecked})
		}
		if e.InputType() == "checkbox" {
			e.SetChecked(!e.Checked())
		} else {
			e.SetChecked(true)
		}
	}
	// Element.click() fires a PointerEvent with no pointer behind it (pointerId -1), untrusted.
	ev := NewEvent("click", EventInit{Bubbles: true, Cancelable: true, Composed: true})
	ev.trusted = false
	ev.kind, ev.view = kindPointer, e.doc.window
	ev.ui = map[string]any{"pointerId": -1.0, "width": 1.0, "height": 1.0}
	ok, _ := e.Dispatch(ev)
	if check {
		if !ok {
			for _, s := range restore {
				s.el.checked, s.el.dirtyChecked = s.checked, s.dirty
			}
			e.doc.changed()
			return
		}
		e.fire("input", EventInit{Bubbles: true, Composed: true})
		e.fire("change", EventInit{Bubbles: true})
		return
	}
	if !ok {
		return
	}
	if f := e.Form(); f != nil {
		switch {
		case e.isSubmitButton():
			f.RequestSubmit()
		case e.isHTML("button") && e.buttonType() == "reset", e.isHTML("input") && e.InputType() == "reset":
			f.Reset()
		}
	}
}

// RequestSubmit fires a cancelable submit event at the form and, unless it
// is canceled, reports the submission to the document's OnSubmit.
// Constraint validation is not modelled.
func (e *Element) RequestSubmit() {
	if !e.isHTML("form") || !IsConnected(e) {
		return
	}
	if e.fire("submit", EventInit{Bubbles: true, Cancelable: true}) && e.doc.onSubmit != nil {
		e.doc.onSubmit(e)
	}
}

// Reset fires a cancelable reset event at the form and, unless it is
// canceled, returns every control to its default value and checkedness.
func (e *Element) Reset() {
	if !e.isHTML("form") || !e.fire("reset", EventInit{Bubbles: true, Cancelable: true}) {
		return
	}
	for _, c := range e.FormElements() {
		c.value, c.dirtyValue, c.checked, c.dirtyChecked = "", false, false, false
		if c.isHTML("select") {
			for _, o := range c.Options() {
				o.selected, o.dirtySelected = false, false
			}
		}
	}
	e.doc.changed()
}

// SetSelected sets an option's selectedness; in a single-choice select,
// selecting one deselects the others.
func (e *Element) SetSelected(on bool) {
	e.selected, e.dirtySelected = on, true
	if on {
		if s := e.ownerSelect(); s != nil && !s.HasAttr("multiple") {
			for _, o := range s.Options() {
				if o != e {
					o.selected, o.dirtySelected = false, true
				}
			}
		}
	}
	e.doc.changed()
}

func (e *Element) ownerSelect() *Element {
	p := ParentElement(e)
	if p != nil && p.isHTML("optgroup") {
		p = ParentElement(p)
	}
	if p != nil && p.isHTML("select") {
		return p
	}
	return nil
}

func (e *Element) optionIndex() int {
	if s := e.ownerSelect(); s != nil {
		for i, o := range s.Options() {
			if o == e {
				return i
			}
		}
	}
	return 0
}

func (e *Element) focusable() bool {
	if !IsConnected(e) || e.ns != NamespaceHTML {
		return false
	}
	if e.HasAttr("tabindex") {
		return true
	}
	switch e.local {
	case "input":
		return !e.Disabled() && e.InputType() != "hidden"
	case "button", "select", "textarea":
		return !e.Disabled()
	case "a", "area":
		return e.HasAttr("href")
	case "iframe":
		return true
	}
	return false
}

// Focus moves focus to e if it can take it: blur and focusout fire at the
// element losing focus, then focus and focusin at e.
func (e *Element) Focus() {
	if !e.focusable() || e.doc.focused == e {
		return
	}
	if old := e.doc.focused; old != nil && IsConnected(old) {
		old.Blur()
	}
	e.doc.focused = e
	e.fire("focus", EventInit{Composed: true})
	e.fire("focusin", EventInit{Bubbles: true, Composed: true})
}

// Blur takes focus away from e if it has it (blur, then focusout).
func (e *Element) Blur() {
	if e.doc.focused != e {
		return
	}
	e.doc.focused = nil
	e.fire("blur", EventInit{Composed: true})
	e.fire("focusout", EventInit{Bubbles: true, Composed: true})
}
