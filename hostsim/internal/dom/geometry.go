package dom

import (
	_ "embed"
	"fmt"

	"github.com/dop251/goja"
)

//go:embed geometry.js
var geometrySrc string

//go:embed animationframe.js
var animationFrameSrc string

var (
	geometryProgram       = goja.MustCompile("dom-geometry.js", geometrySrc, true)
	animationFrameProgram = goja.MustCompile("dom-animationframe.js", animationFrameSrc, true)
)

// installRendering defines what a page's rendering offers scripts: style (installStyle), element
// geometry (geometry.js:
// the answers of an element without a box, since hostsim lays nothing out) and animation frames
// (animationframe.js, on the realm's timers). Both only read what scripts can read, so they are
// JavaScript over the binding.
func (b *Binding) installRendering() error {
	if err := b.installStyle(); err != nil {
		return err
	}
	g := b.vm.GlobalObject()
	for _, p := range []struct {
		name string
		prog *goja.Program
		args []goja.Value
	}{
		{"geometry", geometryProgram, []goja.Value{g, g.Get("Element"), g.Get("HTMLElement")}},
		{"animation frames", animationFrameProgram, []goja.Value{g, g.Get("document")}},
	} {
		v, err := b.vm.RunProgram(p.prog)
		if err != nil {
			return fmt.Errorf("dom: installing %s: %w", p.name, err)
		}
		fn, _ := goja.AssertFunction(v)
		if _, err := fn(goja.Undefined(), p.args...); err != nil {
			return fmt.Errorf("dom: installing %s: %w", p.name, err)
		}
	}
	return nil
}
