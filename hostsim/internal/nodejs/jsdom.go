package nodejs

import (
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/dom"
)

// jsdomWindow parses html as the document at rawURL and binds hostsim's DOM to the program's realm,
// whose global object becomes the document's window: jsdom's own windows are vm contexts, which a
// goja runtime cannot make, so lib/hostsim_jsdom.js serves one JSDOM per program this way. It
// returns the window's controls for the shim: readyState's setter and serialize.
func (n *Node) jsdomWindow(html, rawURL string) *goja.Object {
	if n.dom != nil {
		panic(n.vm.NewTypeError("hostsim: jsdom: one JSDOM per program: its window is the program's global object"))
	}
	doc, err := dom.ParseHTML(rawURL, strings.NewReader(html))
	if err != nil {
		panic(n.vm.NewGoError(err))
	}
	doc.SetReadyState("loading")
	b, err := dom.Bind(n.vm, doc, dom.Options{
		OnError: n.realm.ReportError,
		Now: func() float64 {
			return float64(n.realm.Scheduler().Now()-n.realm.TimeOrigin()) / float64(time.Millisecond)
		},
	})
	if err != nil {
		panic(n.vm.NewGoError(err))
	}
	n.dom = b
	controls := n.vm.NewObject()
	_ = controls.Set("setReadyState", func(s string) { doc.SetReadyState(s) })
	_ = controls.Set("serialize", func() string { return dom.Serialize(doc) })
	return controls
}
