package dom

import "strings"

// Input types browsers know; any other type attribute reads as "text".
var inputTypes = map[string]bool{
	"hidden": true, "text": true, "search": true, "tel": true, "url": true, "email": true,
	"password": true, "date": true, "month": true, "week": true, "time": true,
	"datetime-local": true, "number": true, "range": true, "color": true, "checkbox": true,
	"radio": true, "file": true, "submit": true, "image": true, "reset": true, "button": true,
}

// InputType is an <input>'s type property: the type attribute
// lower-cased, "text" when absent or unknown.
func (e *Element) InputType() string {
	t := asciiLower(e.AttrOr("type"))
	if inputTypes[t] {
		return t
	}
	return "text"
}

// valueMode is the HTML "value mode" of an input type.
func (e *Element) valueMode() string {
	switch e.InputType() {
	case "hidden", "submit", "image", "reset", "button":
		return "default"
	case "checkbox", "radio":
		return "default/on"
	case "file":
		return "filename"
	}
	return "value"
}

// sanitize applies the value sanitization algorithm for the common text
// types: no line breaks, and email/url trimmed.
func (e *Element) sanitize(v string) string {
	switch e.InputType() {
	case "text", "search", "tel", "password":
		return strings.NewReplacer("\r", "", "\n", "").Replace(v)
	case "email", "url":
		return strings.TrimFunc(strings.NewReplacer("\r", "", "\n", "").Replace(v), isASCIISpace)
	}
	return v
}

// Value is the value property of <input>, <textarea>, <select>, <option>
// and <button>: the live value, which starts as the default (the value
// attribute, or a textarea's text) and is independent of it once set.
func (e *Element) Value() string {
	if e.ns != NamespaceHTML {
		return ""
	}
	switch e.local {
	case "input":
		switch e.valueMode() {
		case "value":
			if e.dirtyValue {
				return e.value
			}
			return e.sanitize(e.AttrOr("value"))
		case "default/on":
			if v, ok := e.Attr("value"); ok {
				return v
			}
			return "on"
		case "filename":
			return ""
		}
		return e.AttrOr("value")
	case "textarea":
		if e.dirtyValue {
			return e.value
		}
		return strings.ReplaceAll(strings.ReplaceAll(e.Text(), "\r\n", "\n"), "\r", "\n")
	case "select":
		if o := e.selectedOption(); o != nil {
			return o.Value()
		}
		return ""
	case "option":
		if v, ok := e.Attr("value"); ok {
			return v
		}
		return strings.Join(strings.FieldsFunc(e.Text(), isASCIISpace), " ")
	}
	return e.AttrOr("value")
}

// SetValue sets the value property. For text-like inputs and textareas it
// sets the live value and leaves the attribute alone; for buttons,
// hidden inputs, checkboxes and radios it sets the value attribute, as
// browsers do. A file input only accepts "".
func (e *Element) SetValue(v string) error {
	if e.ns != NamespaceHTML {
		return nil
	}
	switch e.local {
	case "input":
		switch e.valueMode() {
		case "value":
			e.value, e.dirtyValue = e.sanitize(v), true
			e.doc.changed()
			return nil
		case "filename":
			if v != "" {
				return domErr("InvalidStateError", "This input element accepts a filename, which may only be programmatically set to the empty string.")
			}
			return nil
		}
		e.SetAttr("value", v)
	case "textarea":
		e.value, e.dirtyValue = strings.ReplaceAll(strings.ReplaceAll(v, "\r\n", "\n"), "\r", "\n"), true
		e.doc.changed()
	case "select":
		found := false
		for _, o := range e.Options() {
			match := !found && o.Value() == v
			found = found || match
			o.selected, o.dirtySelected = match, true
		}
		e.doc.changed()
	default:
		e.SetAttr("value", v)
	}
	return nil
}

// DefaultValue is the value attribute (a textarea's text content).
func (e *Element) DefaultValue() string {
	if e.isHTML("textarea") {
		return e.Text()
	}
	return e.AttrOr("value")
}

// Checked is a checkbox's or radio's checkedness: the checked attribute
// until the property is set, then the property.
func (e *Element) Checked() bool {
	if e.dirtyChecked {
		return e.checked
	}
	return e.HasAttr("checked")
}

// SetChecked sets checkedness; checking a radio unchecks the others of its
// group (same name, same form owner).
func (e *Element) SetChecked(on bool) {
	e.checked, e.dirtyChecked = on, true
	if on && e.isHTML("input") && e.InputType() == "radio" {
		for _, o := range e.radioGroup() {
			if o != e {
				o.checked, o.dirtyChecked = false, true
			}
		}
	}
	e.doc.changed()
}

func (e *Element) radioGroup() []*Element {
	name := e.AttrOr("name")
	if name == "" {
		return []*Element{e}
	}
	form := e.Form()
	var out []*Element
	for _, o := range descendants(Root(e)) {
		if o.isHTML("input") && o.InputType() == "radio" && o.AttrOr("name") == name && o.Form() == form {
			out = append(out, o)
		}
	}
	return out
}

// Disabled reports the disabled attribute.
func (e *Element) Disabled() bool { return e.HasAttr("disabled") }

var listedElements = map[string]bool{
	"button": true, "fieldset": true, "input": true, "object": true, "output": true,
	"select": true, "textarea": true,
}

// Form is the form owner of a form control: the form named by its form
// attribute, else the nearest <form> ancestor; nil when it has none.
func (e *Element) Form() *Element {
	if e.ns != NamespaceHTML || !(listedElements[e.local] || e.local == "img" || e.local == "label") {
		return nil
	}
	if id, ok := e.Attr("form"); ok {
		if d, isDoc := Root(e).(*Document); isDoc {
			if f := d.GetElementByID(id); f != nil && f.isHTML("form") {
				return f
			}
		}
		return nil
	}
	for p := ParentElement(e); p != nil; p = ParentElement(p) {
		if p.isHTML("form") {
			return p
		}
	}
	return nil
}

// FormElements returns the controls a <form> owns, in tree order (what
// form.elements lists; <input type=image> is left out, as in browsers).
func (e *Element) FormElements() []*Element {
	var out []*Element
	for _, c := range descendants(Root(e)) {
		if c.ns == NamespaceHTML && listedElements[c.local] && !(c.local == "input" && c.InputType() == "image") && c.Form() == e {
			out = append(out, c)
		}
	}
	return out
}

// Options returns a <select>'s options, including those in <optgroup>s.
func (e *Element) Options() []*Element {
	var out []*Element
	for _, c := range e.Children() {
		if c.isHTML("option") {
			out = append(out, c)
		} else if c.isHTML("optgroup") {
			for _, o := range c.Children() {
				if o.isHTML("option") {
					out = append(out, o)
				}
			}
		}
	}
	return out
}

// Selected is an <option>'s selectedness.
func (e *Element) Selected() bool {
	if e.dirtySelected {
		return e.selected
	}
	return e.HasAttr("selected")
}

// SelectedIndex is the index of a <select>'s selected option, -1 for none.
// With nothing marked selected, a single-choice select shows (and
// submits) its first enabled option.
func (e *Element) SelectedIndex() int {
	opts := e.Options()
	for i, o := range opts {
		if o.Selected() {
			return i
		}
	}
	if !e.HasAttr("multiple") {
		for i, o := range opts {
			if !o.Disabled() {
				return i
			}
		}
	}
	return -1
}

func (e *Element) selectedOption() *Element {
	if i := e.SelectedIndex(); i >= 0 {
		return e.Options()[i]
	}
	return nil
}

// SetSelectedIndex selects option i (none when out of range).
func (e *Element) SetSelectedIndex(i int) {
	for j, o := range e.Options() {
		o.selected, o.dirtySelected = j == i, true
	}
	e.doc.changed()
}
