package chromesim

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

//go:embed action.js
var actionSrc string

func init() {
	// Only extensions with a popup get this; without one chrome.action stays a stand-in, since
	// the error openPopup gives then was not measured.
	registerAPI("action", actionSrc,
		func(c *Context) bool {
			return c.inExtensionProcess() && c.ext.popupPage() != ""
		},
		func(c *Context, set func(string, any)) {
			set("openPopup", func(call goja.FunctionCall) goja.Value {
				p, err := apiargs.ActionOpenPopupMethod.Parse(c.realm.VM, call.Arguments)
				if err != nil {
					return c.invocationFailure(err)
				}
				return c.openAsTask(p[1], func() error { _, err := c.ext.OpenPopup(); return err })
			})
		})
}
