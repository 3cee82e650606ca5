package chromesim

import (
	"errors"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
	"github.com/extwasm/extwasm/hostsim/internal/chromejson"
)

// The API calls are parsed and their messages serialized here, in Go, with Chrome's exact rules
// and errors, rather than in the prelude: a page can replace JSON, Array.prototype or Function
// members in its realm, and Chrome's bindings do not see those replacements.
//
// A native returns either its result or {error, type}; the prelude throws the error with the
// realm's own constructors so that instanceof checks in scripts behave as in Chrome.

// callerKind maps the context kind onto the argument parser's notion of a caller.
func (c *Context) caller() apiargs.Caller {
	k := apiargs.CallerExtension
	switch c.kind {
	case ContentScript:
		k = apiargs.CallerContentScript
	case UserScript:
		k = apiargs.CallerUserScript
	case WebPage:
		k = apiargs.CallerWebPage
	}
	id := ""
	if c.ext != nil {
		id = c.ext.id
	}
	return apiargs.Caller{Kind: k, ExtensionID: id}
}

// thrown is the {error, type} object the prelude turns into an exception.
func (c *Context) thrown(typ, msg string) goja.Value {
	o := c.realm.VM.NewObject()
	_ = o.Set("error", msg)
	_ = o.Set("type", typ)
	return o
}

// invocationFailure turns a parse error into what the prelude throws: a TypeError for Chrome's
// invocation errors.
func (c *Context) invocationFailure(err error) goja.Value {
	var ie *apiargs.InvocationError
	if errors.As(err, &ie) {
		return c.thrown("TypeError", ie.Error())
	}
	return c.thrown("Error", err.Error())
}

// schemaOps returns what defines ns.<name> among set's natives: a call's arguments are checked
// against Chrome's schema, and do's result or error (Chrome's text) settles it in a later task,
// after the events do fired. do gets one value per parameter, the callback last.
func (c *Context) schemaOps(ns string, set func(string, any)) func(name string, do func(p []goja.Value) (any, error)) {
	return func(name string, do func(p []goja.Value) (any, error)) {
		m := schemaMethod(ns + "." + name)
		set(name, func(call goja.FunctionCall) goja.Value {
			p, fail := c.parseCall(m, call)
			if fail != nil {
				return fail
			}
			result, err := do(p)
			if err != nil {
				return c.settle(p[len(p)-1], nil, err.Error())
			}
			return c.settle(p[len(p)-1], result, "")
		})
	}
}

// parseCall parses a chrome.* call's arguments against m; on failure it returns what the prelude
// throws instead. A call that parses counts as activity of the context (it keeps a worker alive).
func (c *Context) parseCall(m *apiargs.Method, call goja.FunctionCall) ([]goja.Value, goja.Value) {
	args, err := m.Parse(c.realm.VM, call.Arguments)
	if err != nil {
		return nil, c.invocationFailure(err)
	}
	c.touch()
	return args, nil
}

// inExtensionProcess reports whether c is its extension's worker or one of its pages: the
// contexts that get the privileged namespaces (tabs, windows, alarms…), unlike content scripts.
func (c *Context) inExtensionProcess() bool {
	return c.ext != nil && (c.kind == Worker || c.kind == ExtensionPage)
}

// serialize is chromejson.Serialize with the failure reported as method's invocation error, as
// sendMessage reports it.
func (c *Context) serialize(m *apiargs.Method, v goja.Value) (string, goja.Value) {
	s, err := c.encodeMessage(v)
	if err != nil {
		return "", c.thrown("TypeError", m.Error(err.Error()).Error())
	}
	return s, nil
}

// settle answers a one-time API call from c with result (marshalled to JSON; nil resolves
// undefined) or errText, in a later task, through the callback when the call passed one.
func (c *Context) settle(callback goja.Value, result any, errText string) goja.Value {
	id := c.b.newRequest()
	c.b.settleLater(c, id, result, errText)
	return c.request(id, callback)
}

// request is the {id, callback} a one-time API call hands back to the prelude.
func (c *Context) request(id int, callback goja.Value) goja.Value {
	o := c.realm.VM.NewObject()
	_ = o.Set("id", id)
	if callback != nil && !goja.IsNull(callback) && !goja.IsUndefined(callback) {
		_ = o.Set("callback", callback)
	}
	return o
}

func (c *Context) portResult(id int, name string) goja.Value {
	o := c.realm.VM.NewObject()
	_ = o.Set("id", id)
	_ = o.Set("name", name)
	return o
}

// natives are the Go functions behind the prelude's `native` object.
func (c *Context) natives() *goja.Object {
	vm := c.realm.VM
	n := vm.NewObject()
	set := func(name string, fn any) { _ = n.Set(name, fn) }
	set("touch", func() { c.touch() })
	set("listened", func(name string) { c.listened(name) })
	set("getURL", func(p string) string { return c.ext.URL(p) })
	set("manifest", func() goja.Value {
		v, err := chromejson.Deserialize(vm, string(c.ext.raw))
		if err != nil {
			return goja.Null()
		}
		return v
	})
	// serialize returns the message's text, or {error, type} with Chrome's plain Error. A native
	// messaging port's messages are JSON whatever the extension's format (conformance 83).
	set("serialize", func(v goja.Value, portID goja.Value) goja.Value {
		encode := c.encodeMessage
		if portID != nil && !goja.IsUndefined(portID) && c.b.isNativePort(int(portID.ToInteger())) {
			encode = func(v goja.Value) (string, error) { return chromejson.Serialize(vm, v) }
		}
		s, err := encode(v)
		if err != nil {
			return c.thrown("Error", err.Error())
		}
		return vm.ToValue(s)
	})
	set("parse", func(s string) goja.Value {
		v, err := c.decodeMessage(s)
		if err != nil {
			// Only the browser's own JSON reaches here, so this is a bug in the model.
			panic(vm.NewGoError(err))
		}
		return v
	})
	set("sendMessage", func(call goja.FunctionCall) goja.Value {
		a, err := apiargs.ParseRuntimeSendMessage(vm, c.caller(), call.Arguments)
		if err != nil {
			return c.invocationFailure(err)
		}
		msg, fail := c.serialize(apiargs.RuntimeSendMessageMethod, a.Message)
		if fail != nil {
			return fail
		}
		c.touch()
		return c.request(c.b.sendMessage(c, a.ExtensionID, msg, isFunc(a.Callback)), a.Callback)
	})
	set("tabsSendMessage", func(call goja.FunctionCall) goja.Value {
		a, err := apiargs.ParseTabsSendMessage(vm, call.Arguments)
		if err != nil {
			return c.invocationFailure(err)
		}
		msg, fail := c.serialize(apiargs.TabsSendMessageMethod, a.Message)
		if fail != nil {
			return fail
		}
		c.touch()
		return c.request(c.b.tabsSendMessage(c, a.TabID, a.FrameID, a.DocumentID, msg, isFunc(a.Callback)), a.Callback)
	})
	set("connect", func(call goja.FunctionCall) goja.Value {
		a, err := apiargs.ParseRuntimeConnect(vm, c.caller(), call.Arguments)
		if err != nil {
			return c.invocationFailure(err)
		}
		c.touch()
		return c.portResult(c.b.connect(c, a.ExtensionID, a.Name), a.Name)
	})
	set("tabsConnect", func(call goja.FunctionCall) goja.Value {
		a, err := apiargs.ParseTabsConnect(vm, call.Arguments)
		if err != nil {
			return c.invocationFailure(err)
		}
		c.touch()
		return c.portResult(c.b.tabsConnect(c, a.TabID, a.FrameID, a.DocumentID, a.Name), a.Name)
	})
	if c.kind == Worker || c.kind == ExtensionPage {
		c.nativeNatives(set)
	}
	set("portPost", func(id int, msg string) { c.b.portPost(c, id, msg) })
	set("portDisconnect", func(id int) { c.b.portDisconnect(c, id) })
	set("reply", func(ch int, msg string) bool { return c.b.reply(c, ch, msg) })
	set("replyError", func(ch int, text string) bool { return c.b.replyError(c, ch, text) })
	set("listenerError", func(v goja.Value, rejected bool) string { return listenerError(v, rejected) })
	return n
}

func isFunc(v goja.Value) bool {
	_, ok := goja.AssertFunction(v)
	return ok
}
