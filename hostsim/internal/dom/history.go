package dom

import (
	"fmt"
	"net/url"

	"github.com/dop251/goja"
)

// HistoryHost is the tab's session history that a document's History changes: Change hears a
// pushState (replace false) or replaceState (replace true) with the document's new URL, and
// Length is the number of entries. Without one (SetHistoryHost), the document keeps its own count.
type HistoryHost struct {
	Change func(url string, replace bool) error
	Length func() int
}

// SetHistoryHost connects d's History to its tab's session history.
func (d *Document) SetHistoryHost(h HistoryHost) { d.historyHost = h }

// historyState is the document's History state: the structured-clone text of the last
// pushState/replaceState (empty: null), its generation (each realm revives a generation once,
// as Chromium returns the same object until the state changes), and the entry count kept
// without a host.
type historyState struct {
	text              string
	generation        int
	entries           int
	scrollRestoration string
}

// installHistory defines History and window.history (measured in Chromium 156, scenario
// session-history). History navigation (back, forward, go) is not simulated.
func (b *Binding) installHistory() {
	vm := b.vm
	d := b.doc
	if d.history.scrollRestoration == "" {
		d.history = historyState{entries: 1, scrollRestoration: "auto"}
	}
	h := b.defineInterface("History", "", nil)
	obj := vm.CreateObject(h.proto)
	b.register(&d.history, obj)
	_ = vm.GlobalObject().DefineAccessorProperty("history", vm.ToValue(func(goja.FunctionCall) goja.Value { return obj }), nil, goja.FLAG_FALSE, goja.FLAG_TRUE)
	var revived struct {
		generation int
		v          goja.Value
	}
	attr(h, "length", func(*historyState) goja.Value {
		if d.historyHost.Length != nil {
			return vm.ToValue(d.historyHost.Length())
		}
		return vm.ToValue(d.history.entries)
	}, nil)
	attr(h, "state", func(s *historyState) goja.Value {
		if s.text == "" {
			return goja.Null()
		}
		if revived.v == nil || revived.generation != s.generation {
			v, err := b.opts.Revive(s.text, nil)
			if err != nil {
				return goja.Null()
			}
			revived.generation, revived.v = s.generation, v
		}
		return revived.v
	}, nil)
	attr(h, "scrollRestoration", func(s *historyState) goja.Value { return vm.ToValue(s.scrollRestoration) },
		func(s *historyState, v goja.Value) {
			// An enumeration attribute ignores a value outside the enumeration.
			if m := v.String(); m == "auto" || m == "manual" {
				s.scrollRestoration = m
			}
		})
	for _, op := range []string{"pushState", "replaceState"} {
		method(h, op, 2, func(s *historyState, c goja.FunctionCall) goja.Value {
			b.changeHistory(op, c, op == "replaceState")
			return nil
		})
	}
	for _, op := range []string{"back", "forward", "go"} {
		method(h, op, 0, func(*historyState, goja.FunctionCall) goja.Value {
			panic(vm.NewGoError(fmt.Errorf("hostsim: history.%s() is not simulated (no history navigation)", op)))
		})
	}
}

// changeHistory is pushState or replaceState: the state cloned, the URL resolved and kept within
// the document's origin, then the document's URL changed and the tab told.
func (b *Binding) changeHistory(op string, c goja.FunctionCall, replace bool) {
	d := b.doc
	prefix := "Failed to execute '" + op + "' on 'History': "
	text := ""
	if b.opts.Clone != nil {
		t, err := b.opts.Clone(c.Argument(0), nil)
		if err != nil {
			b.throwDOM("DataCloneError", prefix+b.culprit(c.Argument(0)))
		}
		text = t
	}
	target := d.url
	if u := c.Argument(2); !goja.IsUndefined(u) && !goja.IsNull(u) {
		resolved := d.ResolveURL(b.str(u))
		p, err := url.Parse(resolved)
		if err != nil || p.Scheme != d.url.Scheme || p.Host != d.url.Host {
			b.throwDOM("SecurityError", fmt.Sprintf("%sA history state object with URL '%s' cannot be created in a document with origin '%s' and URL '%s'.",
				prefix, resolved, splitURL(d.url).origin, d.URL()))
		}
		target = normalizeURL(p)
	}
	d.url = target
	d.changed()
	d.history.text = text
	d.history.generation++
	if !replace {
		d.history.entries++
	}
	if d.historyHost.Change != nil {
		b.fail(d.historyHost.Change(d.URL(), replace), op, "History")
	}
}
