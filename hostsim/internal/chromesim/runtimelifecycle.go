package chromesim

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

//go:embed runtimelifecycle.js
var lifecycleSrc string

func init() {
	registerAPI("runtime-lifecycle", lifecycleSrc,
		func(c *Context) bool { return c.kind == Worker || c.kind == ExtensionPage },
		func(c *Context, set func(string, any)) {
			set("onInstalledReasons", func() any { return apiargs.OnInstalledReasons })
			set("contextTypes", func() any {
				out := map[string]string{}
				for _, t := range apiargs.ContextTypes {
					out[t] = t
				}
				return out
			})
			set("getContexts", func(call goja.FunctionCall) goja.Value { return c.getContexts(call.Arguments) })
			set("openOptionsPage", func(call goja.FunctionCall) goja.Value { return c.openOptionsPage(call.Arguments) })
			set("getPlatformInfo", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.RuntimeGetPlatformInfoMethod, call)
				if fail != nil {
					return fail
				}
				return c.settle(p[0], platformInfo(runtime.GOOS, runtime.GOARCH), "")
			})
		})
}

// platformInfo is runtime.PlatformInfo for the machine hostsim runs on, in Chrome's names (measured
// on linux/amd64: {os: "linux", arch: "x86-64", nacl_arch: "x86-64"}).
func platformInfo(goos, goarch string) map[string]string {
	os := map[string]string{"darwin": "mac", "windows": "win", "android": "android", "openbsd": "openbsd"}[goos]
	if os == "" {
		os = "linux"
	}
	arch := map[string]string{"amd64": "x86-64", "386": "x86-32", "arm": "arm", "arm64": "arm64", "mips": "mips",
		"mips64": "mips64", "ppc64": "ppc64", "ppc64le": "ppc64", "riscv64": "riscv64"}[goarch]
	if arch == "" {
		arch = goarch
	}
	nacl := arch
	if arch == "arm64" {
		nacl = "arm"
	}
	return map[string]string{"os": os, "arch": arch, "nacl_arch": nacl}
}

// installed is what Chrome does once an extension is loaded: it starts the worker and fires
// runtime.onInstalled {reason:"install"} after the worker's first task, with no previousVersion and
// no onStartup (conformance-apis R1).
func (e *Extension) installed() {
	e.StartWorker()
	e.fireEvent("runtime.onInstalled", []any{map[string]any{"reason": "install"}}, nil, true)
}

// reloaded is what a reload does beyond reloading the files: the extension's alarms are cleared,
// as Chrome clears them when an extension is updated, and the new worker gets
// runtime.onInstalled {reason:"update", previousVersion} as Chrome documents for an update.
func (e *Extension) reloaded(previousVersion string) {
	if e.b.alarms != nil {
		e.b.alarms.clearExtension(e)
	}
	e.StartWorker()
	e.fireEvent("runtime.onInstalled", []any{map[string]any{"reason": "update", "previousVersion": previousVersion}}, nil, true)
}

// contextInfo is the runtime.ExtensionContext Chrome reports for c (conformance-apis R3 and the
// POPUP shape measured beside it): the background has no document fields; a popup has no tab or
// window. Content scripts are not extension contexts and get nil.
func (c *Context) contextInfo() map[string]any {
	if c.contextID == "" {
		c.contextID = c.b.uuid()
	}
	out := map[string]any{"contextId": c.contextID, "incognito": false, "frameId": -1, "tabId": -1, "windowId": -1}
	switch {
	case c.kind == Worker:
		out["contextType"] = "BACKGROUND"
		return out
	case c.kind != ExtensionPage:
		return nil
	}
	out["documentId"] = c.frame.docID
	out["documentOrigin"] = c.origin
	out["documentUrl"] = c.url
	out["frameId"] = c.frame.id
	if c.frame.tab.offscreen {
		out["contextType"] = "OFFSCREEN_DOCUMENT"
		return out
	}
	if c.frame.tab.sidePanel {
		out["contextType"] = "SIDE_PANEL" // no tab or window, even for a tab-specific panel (measured)
		return out
	}
	if c.frame.tab.id == tabIDNone {
		out["contextType"] = "POPUP"
		return out
	}
	out["contextType"] = "TAB"
	out["tabId"] = c.frame.tab.id
	out["windowId"] = c.frame.tab.info()["windowId"]
	return out
}

// uuid makes a random (version 4) UUID from the browser's seeded source.
func (b *Browser) uuid() string {
	var r [16]byte
	_, _ = b.faults.Read(r[:])
	r[6] = r[6]&0x0f | 0x40
	r[8] = r[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", r[0:4], r[4:6], r[6:8], r[8:10], r[10:16])
}

// contextFilter is runtime.ContextFilter: every field given must match.
type contextFilter struct {
	ContextIDs      *[]string `json:"contextIds"`
	ContextTypes    *[]string `json:"contextTypes"`
	DocumentIDs     *[]string `json:"documentIds"`
	DocumentOrigins *[]string `json:"documentOrigins"`
	DocumentURLs    *[]string `json:"documentUrls"`
	FrameIDs        *[]int    `json:"frameIds"`
	Incognito       *bool     `json:"incognito"`
	TabIDs          *[]int    `json:"tabIds"`
	WindowIDs       *[]int    `json:"windowIds"`
}

func (f *contextFilter) matches(info map[string]any) bool {
	str := func(list *[]string, key string) bool {
		if list == nil {
			return true
		}
		s, ok := info[key].(string)
		return ok && slices.Contains(*list, s)
	}
	num := func(list *[]int, key string) bool {
		if list == nil {
			return true
		}
		n, _ := info[key].(int)
		return slices.Contains(*list, n)
	}
	return str(f.ContextIDs, "contextId") && str(f.ContextTypes, "contextType") && str(f.DocumentIDs, "documentId") &&
		str(f.DocumentOrigins, "documentOrigin") && str(f.DocumentURLs, "documentUrl") &&
		num(f.FrameIDs, "frameId") && num(f.TabIDs, "tabId") && num(f.WindowIDs, "windowId") &&
		(f.Incognito == nil || !*f.Incognito)
}

// getContexts is runtime.getContexts(filter, [callback]).
func (c *Context) getContexts(args []goja.Value) goja.Value {
	p, err := apiargs.RuntimeGetContextsMethod.Parse(c.realm.VM, args)
	if err != nil {
		return c.invocationFailure(err)
	}
	c.touch()
	var filter contextFilter
	raw, err := json.Marshal(p[0].Export())
	if err == nil {
		err = json.Unmarshal(raw, &filter)
	}
	if err != nil { // the schema admitted only values these types hold
		panic(c.realm.VM.NewGoError(err))
	}
	out := []map[string]any{}
	for _, ctx := range c.ext.contexts() {
		if info := ctx.contextInfo(); info != nil && filter.matches(info) {
			out = append(out, info)
		}
	}
	return c.settle(p[1], out, "")
}

// optionsPage is the extension's options page file from options_page or options_ui.page, or "".
func (e *Extension) optionsPage() string {
	var m struct {
		OptionsPage string `json:"options_page"`
		OptionsUI   struct {
			Page string `json:"page"`
		} `json:"options_ui"`
	}
	_ = json.Unmarshal(e.raw, &m)
	if m.OptionsUI.Page != "" {
		return m.OptionsUI.Page
	}
	return m.OptionsPage
}

// OpenOptionsPage opens the options page in a new tab, or returns the tab already showing it, as
// runtime.openOptionsPage does; it fails with Chrome's error when the manifest names none.
func (e *Extension) OpenOptionsPage() (*Tab, error) {
	page := e.optionsPage()
	if page == "" {
		return nil, fmt.Errorf("%s", apiargs.ErrNoOptionsPage)
	}
	url := e.URL(page)
	for _, t := range e.b.Tabs() {
		if t.top.url == url {
			return t, nil
		}
	}
	return e.b.OpenTab(url)
}

// openOptionsPage is runtime.openOptionsPage([callback]).
func (c *Context) openOptionsPage(args []goja.Value) goja.Value {
	p, err := apiargs.RuntimeOpenOptionsPageMethod.Parse(c.realm.VM, args)
	if err != nil {
		return c.invocationFailure(err)
	}
	return c.openAsTask(p[0], func() error { _, err := c.ext.OpenOptionsPage(); return err })
}

// openAsTask answers a call that opens an extension page (callback: its optional callback): the
// page loads as a browser task, not inside the caller's script, and the call settles with
// undefined or open's error.
func (c *Context) openAsTask(callback goja.Value, open func() error) goja.Value {
	c.touch()
	id := c.b.newRequest()
	c.b.later(0, func() {
		errText := ""
		if err := open(); err != nil {
			errText = err.Error()
		}
		c.b.settleLater(c, id, nil, errText)
	})
	return c.request(id, callback)
}
