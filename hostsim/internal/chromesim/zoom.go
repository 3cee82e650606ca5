package chromesim

import (
	"math"
	"net/url"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

// tabZoom is a tab's zoom settings and, for the per-tab scope, its zoom level. Empty mode and
// scope are Chrome's defaults, "automatic" and "per-origin".
type tabZoom struct {
	mode, scope string
	level       float64
}

func (z tabZoom) settings() (mode, scope string) {
	mode, scope = z.mode, z.scope
	if mode == "" {
		mode = "automatic"
	}
	if scope == "" {
		scope = "per-origin"
	}
	return mode, scope
}

// zoomHost is the key of the per-origin zoom: Chrome keeps it by host.
func zoomHost(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	return u.Hostname()
}

// zoomLevel is the tab's zoom level: its host's in the per-origin scope, its own in per-tab.
func (b *Browser) zoomLevel(t *Tab) float64 {
	if _, scope := t.zoom.settings(); scope == "per-tab" {
		return t.zoom.level
	}
	return b.hostZoom[zoomHost(t.url)]
}

// zoomFactor turns a zoom level into the factor tabs.getZoom reports, as Chromium does (levels are
// powers of 1.2, so 10 comes back as 10.000000000000004).
func zoomFactor(level float64) float64 { return math.Pow(1.2, level) }

// zoomNatives are tabs' zoom functions (scenario tabs-zoom). onZoomChange does not fire.
func zoomNatives(c *Context, set func(string, any)) {
	getZoom, setZoom := schemaMethod("tabs.getZoom"), schemaMethod("tabs.setZoom")
	getSettings, setSettings := schemaMethod("tabs.getZoomSettings"), schemaMethod("tabs.setZoomSettings")
	set("getZoom", func(call goja.FunctionCall) goja.Value {
		a, fail := c.parseCall(getZoom, call)
		if fail != nil {
			return fail
		}
		t, id := c.optionalTab(a[0])
		if t == nil {
			return c.settle(a[1], nil, apiargs.NoTab(id))
		}
		return c.settle(a[1], zoomFactor(c.b.zoomLevel(t)), "")
	})
	set("setZoom", func(call goja.FunctionCall) goja.Value {
		a, fail := c.parseCall(setZoom, call)
		if fail != nil {
			return fail
		}
		t, id := c.optionalTab(a[0])
		if t == nil {
			return c.settle(a[2], nil, apiargs.NoTab(id))
		}
		level := 0.0 // 0 (or less, measured) goes back to the default factor, 1
		if f := a[1].ToFloat(); f > 0 {
			level = math.Log(f) / math.Log(1.2)
		}
		if _, scope := t.zoom.settings(); scope == "per-tab" {
			t.zoom.level = level
		} else {
			if c.b.hostZoom == nil {
				c.b.hostZoom = map[string]float64{}
			}
			c.b.hostZoom[zoomHost(t.url)] = level
		}
		return c.settle(a[2], nil, "")
	})
	set("getZoomSettings", func(call goja.FunctionCall) goja.Value {
		a, fail := c.parseCall(getSettings, call)
		if fail != nil {
			return fail
		}
		t, id := c.optionalTab(a[0])
		if t == nil {
			return c.settle(a[1], nil, apiargs.NoTab(id))
		}
		mode, scope := t.zoom.settings()
		return c.settle(a[1], map[string]any{"defaultZoomFactor": 1, "mode": mode, "scope": scope}, "")
	})
	set("setZoomSettings", func(call goja.FunctionCall) goja.Value {
		a, fail := c.parseCall(setSettings, call)
		if fail != nil {
			return fail
		}
		t, id := c.optionalTab(a[0])
		if t == nil {
			return c.settle(a[2], nil, apiargs.NoTab(id))
		}
		level := c.b.zoomLevel(t)
		var z tabZoom
		if o, ok := a[1].(*goja.Object); ok {
			if v := o.Get("mode"); v != nil && !goja.IsUndefined(v) {
				z.mode = v.String()
			}
			if v := o.Get("scope"); v != nil && !goja.IsUndefined(v) {
				z.scope = v.String()
			}
		}
		if z.mode == "disabled" {
			z.scope = "per-tab" // measured: disabling zoom makes the scope per-tab
		}
		z.level = level // a tab going per-tab keeps the zoom it shows
		t.zoom = z
		return c.settle(a[2], nil, "")
	})
}
