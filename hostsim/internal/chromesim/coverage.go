package chromesim

import (
	"errors"
	"fmt"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/internal/wasmcover"
)

// flushCoverage asks a coverage build of the context's Go for its data and writes it into
// Options.CoverDir, just before the realm closes: the last moment the counters exist. Web pages
// are left alone: a page's script could define the hook and have the host write files. A failure
// is an error line on the context's console, where a test sees it.
func (c *Context) flushCoverage() {
	if c.b.opts.CoverDir == "" || c.ext == nil {
		return
	}
	hook, ok := goja.AssertFunction(c.realm.VM.GlobalObject().Get(wasmcover.Hook))
	if !ok {
		return // not a coverage build, or no Go in this context
	}
	if err := c.writeCoverage(hook); err != nil {
		line := ConsoleLine{"error", "extwasm coverage: " + err.Error()}
		c.console = append(c.console, line)
		if c.b.opts.OnConsole != nil {
			c.b.opts.OnConsole(c, line.Level, line.Text)
		}
	}
}

func (c *Context) writeCoverage(hook goja.Callable) error {
	v, err := c.realm.Call(hook, goja.Undefined())
	if err != nil {
		return err
	}
	obj := v.ToObject(c.realm.VM)
	if msg := obj.Get("error"); msg != nil && !goja.IsUndefined(msg) {
		return errors.New(msg.String())
	}
	var meta, counters []byte
	if err := errors.Join(c.realm.VM.ExportTo(obj.Get("meta"), &meta), c.realm.VM.ExportTo(obj.Get("counters"), &counters)); err != nil {
		return fmt.Errorf("%s returned no meta and counters: %w", wasmcover.Hook, err)
	}
	return wasmcover.WriteFiles(c.b.opts.CoverDir, meta, counters)
}
