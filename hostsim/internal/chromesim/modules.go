package chromesim

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/esm"
)

// moduleSource is the text of the module at an absolute URL as c may load it: an extension file
// (under the same rules as fetch) or a web script from the in-process network.
func (c *Context) moduleSource(rawURL string) (string, error) {
	if strings.HasPrefix(rawURL, "chrome-extension://") {
		body, _, err := c.fetch(rawURL)
		if err != nil {
			return "", err
		}
		return string(body), nil
	}
	body, failure := c.b.fetchScript(rawURL)
	if failure != "" {
		return "", errors.New(failure)
	}
	return body, nil
}

// runModule runs an ES module script in c (a "type": "module" worker, a page's module script):
// its graph is linked first, as a browser does, and a failure to link or load is reported to the
// console and runs nothing. key names the module in c's module map (its URL, or a name of its own
// for an inline script, which no import can reach); base is its URL, for imports and import.meta.
func (c *Context) runModule(key, base, src string) error {
	if err := esm.Link(base, src, c.moduleSource); err != nil {
		err = moduleFailure(base, err)
		c.realm.ReportError(err)
		return err
	}
	var err error
	if exc := c.realm.VM.Try(func() { c.evalModule(key, base, src) }); exc != nil {
		err = exc
		c.realm.ReportError(err)
	}
	return err
}

// moduleFailure is how a module that cannot run is reported.
func moduleFailure(rawURL string, err error) error {
	if errors.Is(err, esm.ErrTopLevelAwait) {
		return fmt.Errorf("hostsim: %s uses top-level await and imports or exports, which module scripts here cannot (not simulated)", rawURL)
	}
	var me *esm.Error
	if errors.As(err, &me) {
		return fmt.Errorf("%s: %s", me.Name, me.Message)
	}
	return err
}

// throwModuleError throws err in c's realm as the JavaScript error a browser raises.
func (c *Context) throwModuleError(err error) {
	vm := c.realm.VM
	var me *esm.Error
	if !errors.As(err, &me) {
		msg := err.Error()
		if errors.Is(err, esm.ErrTopLevelAwait) {
			msg = "hostsim: top-level await in a module that imports or exports is not simulated"
		}
		me = &esm.Error{Name: "SyntaxError", Message: msg}
	}
	ctor, _ := vm.Get(me.Name).(*goja.Object)
	obj, e := vm.New(ctor, vm.ToValue(me.Message))
	if e != nil {
		panic(vm.NewTypeError(me.Message))
	}
	panic(obj)
}

// evalModule evaluates the module at key (once: c's module map holds one instance per key) and
// returns its exports. It runs inside the realm: errors are thrown as JavaScript exceptions.
func (c *Context) evalModule(key, base, src string) goja.Value {
	vm := c.realm.VM
	if c.modules == nil {
		c.modules = map[string]*goja.Object{}
	}
	if m := c.modules[key]; m != nil {
		return m.Get("exports")
	}
	comp, err := esm.Compile(base, src)
	if err != nil {
		c.throwModuleError(err)
	}
	fnVal, err := vm.RunScript(base, "(function (exports, require, module, __import, __meta, __evaluation) {"+comp.Body+"\n})")
	if err != nil {
		c.throwModuleError(err)
	}
	fn, _ := goja.AssertFunction(fnVal)
	module := vm.NewObject()
	exports := vm.NewObject()
	_ = module.Set("exports", exports)
	c.modules[key] = module
	load := func(spec string, dynamic bool) goja.Value {
		abs, err := esm.Resolve(spec, base)
		if err != nil {
			c.throwModuleError(err)
		}
		if m := c.modules[abs]; m != nil {
			return m.Get("exports")
		}
		text, err := c.moduleSource(abs)
		if err != nil {
			c.throwModuleError(esm.FetchError(dynamic, abs))
		}
		if dynamic {
			if err := esm.Link(abs, text, c.moduleSource); err != nil {
				c.throwModuleError(err)
			}
		}
		return c.evalModule(abs, abs, text)
	}
	require := func(call goja.FunctionCall) goja.Value { return load(call.Argument(0).String(), false) }
	dynamicImport := func(call goja.FunctionCall) goja.Value {
		if c.kind == Worker {
			panic(vm.NewTypeError("import() is disallowed on ServiceWorkerGlobalScope by the HTML specification. See https://github.com/w3c/ServiceWorker/issues/1356."))
		}
		return load(call.Argument(0).String(), true)
	}
	meta := vm.NewObject()
	_ = meta.Set("url", base)
	evaluation := func(call goja.FunctionCall) goja.Value {
		c.reportModuleRejection(call.Argument(0))
		return goja.Undefined()
	}
	if _, err := fn(goja.Undefined(), exports, vm.ToValue(require), module, vm.ToValue(dynamicImport), meta, vm.ToValue(evaluation)); err != nil {
		var exc *goja.Exception
		if errors.As(err, &exc) {
			panic(exc)
		}
		panic(vm.NewGoError(err))
	}
	return module.Get("exports")
}

// reportModuleRejection reports what a module's top level throws after an await as Chromium does
// for a module script: "Uncaught TypeError: …", not as an unhandled rejection (measured in
// Chromium 156; scenario "es-modules-top-level-await").
func (c *Context) reportModuleRejection(evaluation goja.Value) {
	vm := c.realm.VM
	p := evaluation.ToObject(vm)
	then, ok := goja.AssertFunction(p.Get("then"))
	if !ok {
		return
	}
	onRejected := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		c.realm.ReportError(moduleThrew{call.Argument(0).String()})
		return goja.Undefined()
	})
	if _, err := then(p, goja.Undefined(), onRejected); err != nil {
		c.realm.ReportError(err)
	}
}

// moduleThrew is what a module's top level threw after an await, as its text ("TypeError: boom").
type moduleThrew struct{ text string }

func (m moduleThrew) Error() string { return m.text }
