package dom

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// renderingContexts are the getContext types Chromium 156 has; hostsim draws nothing, so asking
// for one is "not simulated" rather than a context that would silently draw nothing.
var renderingContexts = set(strings.Fields("2d webgl experimental-webgl webgl2 bitmaprenderer webgpu"))

// installCanvas defines HTMLCanvasElement: its size as Chromium reflects it (scenario dom-canvas)
// and, for drawing and exporting, errors that say hostsim does not render.
func (b *Binding) installCanvas() {
	vm := b.vm
	c := b.defineInterface("HTMLCanvasElement", "HTMLElement", nil)
	for _, d := range []struct {
		name string
		def  int64
	}{{"width", 300}, {"height", 150}} {
		attr(c, d.name, func(e *Element) goja.Value {
			return vm.ToValue(nonNegativeInt(e.AttrOr(d.name), d.def))
		}, func(e *Element, v goja.Value) {
			n := int64(toUint32(v))
			if n > math.MaxInt32 {
				n = d.def
			}
			e.SetAttr(d.name, strconv.FormatInt(n, 10))
		})
	}
	notSimulated := func(what string) {
		panic(vm.NewGoError(fmt.Errorf("hostsim: canvas %s is not simulated: hostsim renders nothing", what)))
	}
	method(c, "getContext", 1, func(e *Element, call goja.FunctionCall) goja.Value {
		typ := b.str(call.Argument(0))
		if renderingContexts[typ] {
			notSimulated(fmt.Sprintf("getContext(%q)", typ))
		}
		return goja.Null()
	})
	for _, name := range []string{"toDataURL", "toBlob", "captureStream", "transferControlToOffscreen"} {
		method(c, name, 0, func(e *Element, _ goja.FunctionCall) goja.Value {
			notSimulated(name + "()")
			return nil
		})
	}
}

// nonNegativeInt parses s by HTML's rules for non-negative integers (leading whitespace, then
// digits), def when it does not parse.
func nonNegativeInt(s string, def int64) int64 {
	s = strings.TrimLeft(s, " \t\n\f\r")
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	if end == 0 {
		return def
	}
	n, err := strconv.ParseInt(s[:end], 10, 64)
	if err != nil || n > math.MaxInt32 {
		return def
	}
	return n
}
