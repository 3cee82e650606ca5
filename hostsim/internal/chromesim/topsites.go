package chromesim

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/internal/chromefacts"
)

//go:embed topsites.js
var topSitesSrc string

// chrome.topSites answers the profile's most visited sites. Chromium 156 ranks them from history
// only later, in the background; a profile as young as a test's answers its prepopulated list
// whatever was visited (scenario top-sites), and so does hostsim.
func init() {
	registerAPI("topSites", topSitesSrc,
		func(c *Context) bool { return c.inExtensionProcess() && c.ext.hasPermission("topSites") },
		func(c *Context, set func(string, any)) {
			get := schemaMethod("topSites.get")
			set("get", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(get, call)
				if fail != nil {
					return fail
				}
				sites := []any{}
				for _, s := range chromefacts.PrepopulatedTopSites {
					sites = append(sites, map[string]any{"title": s.Title, "url": s.URL})
				}
				return c.settle(p[0], sites, "")
			})
		})
}
