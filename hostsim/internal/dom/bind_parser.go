package dom

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"
)

// installDOMParser defines DOMParser: parseFromString of "text/html" parses the text into a new
// document (with the calling document's URL, and its scripts never run, as the HTML standard
// says). The XML types, which Chrome also parses, throw a clear "not simulated" error; any other
// type is Chrome's TypeError.
func (b *Binding) installDOMParser() {
	p := b.defineInterface("DOMParser", "", func(c goja.ConstructorCall) *goja.Object { return nil })
	fn := b.vm.ToValue(func(c goja.FunctionCall) goja.Value {
		if len(c.Arguments) < 2 {
			panic(b.vm.NewTypeError("Failed to execute 'parseFromString' on 'DOMParser': 2 arguments required, but only %d present.", len(c.Arguments)))
		}
		text, typ := b.str(c.Argument(0)), b.str(c.Argument(1))
		switch typ {
		case "text/html":
		case "text/xml", "application/xml", "application/xhtml+xml", "image/svg+xml":
			panic(b.vm.NewGoError(fmt.Errorf("hostsim: DOMParser.parseFromString of %s is not simulated", typ)))
		default:
			panic(b.vm.NewTypeError("Failed to execute 'parseFromString' on 'DOMParser': The provided value '%s' is not a valid enum value of type SupportedType.", typ))
		}
		doc, err := ParseHTML(b.doc.URL(), strings.NewReader(text))
		if err != nil {
			panic(b.vm.NewGoError(err))
		}
		return b.wrap(doc)
	})
	_ = p.proto.DefineDataProperty("parseFromString", fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
}
