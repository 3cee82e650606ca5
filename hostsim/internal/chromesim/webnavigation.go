package chromesim

import (
	_ "embed"
	"slices"
	"strings"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

// hasWebNavigation reports the permission chrome.webNavigation needs (conformance-apis T2).
func hasWebNavigation(e *Extension) bool {
	return e != nil && slices.Contains(e.man.Permissions, "webNavigation")
}

// webNavigationHides reports frames webNavigation does not report: the extension pages'
// (conformance-apis N5).
func webNavigationHides(f *Frame) bool {
	return strings.HasPrefix(f.tab.top.url, "chrome-extension://")
}

// processID is the renderer process id webNavigation reports for a frame: one process per
// origin, numbered in order of first use.
func (b *Browser) processID(origin string) int {
	ws := b.windowsState()
	if ws.procs == nil {
		ws.procs = map[string]int{}
	}
	id, ok := ws.procs[origin]
	if !ok {
		id = len(ws.procs) + 4
		ws.procs[origin] = id
	}
	return id
}

func (f *Frame) frameType() string {
	if f.parent == nil {
		return "outermost_frame"
	}
	return "sub_frame"
}

func (f *Frame) parentID() int {
	if f.parent == nil {
		return -1
	}
	return f.parent.id
}

// frameDetails is the webNavigation.getAllFrames item for f (conformance-apis N1); withIDs false
// gives getFrame's shape, which has no frameId and processId (N2).
func (b *Browser) frameDetails(f *Frame, withIDs bool) map[string]any {
	out := map[string]any{
		"documentId": f.docID, "documentLifecycle": f.lifecycle, "errorOccurred": b.dnrErrorPage(f),
		"frameType": f.frameType(), "parentFrameId": f.parentID(), "url": f.url,
	}
	if f.parent != nil {
		out["parentDocumentId"] = f.parent.docID
	}
	if withIDs {
		out["frameId"], out["processId"] = f.id, b.processID(originOf(f.url))
	}
	return out
}

// webNavEvent fires a webNavigation event about f at the extensions with the permission. A frame
// with no document yet (onBeforeNavigate) has no documentId and processId -1.
func (b *Browser) webNavEvent(name string, f *Frame, extra map[string]any) {
	if strings.HasPrefix(f.url, "chrome-extension://") || !f.tab.inStrip() {
		return
	}
	if name, extra = b.dnrWebNavEvent(name, f, extra); name == "" {
		return // a blocked navigation's error page (dnr.go)
	}
	d := map[string]any{
		"documentLifecycle": "active", "frameId": f.id, "frameType": f.frameType(),
		"parentFrameId": f.parentID(), "processId": -1, "tabId": f.tab.id, "timeStamp": b.wallMillis(), "url": f.url,
	}
	if f.docID != "" {
		d["documentId"], d["processId"] = f.docID, b.processID(originOf(f.url))
	}
	if f.parent != nil {
		d["parentDocumentId"] = f.parent.docID
	}
	for k, v := range extra {
		d[k] = v
	}
	for _, e := range b.exts {
		if e.enabled && hasWebNavigation(e) {
			e.fireEvent(name, []any{d}, func(k Kind) bool { return k == Worker || k == ExtensionPage }, true)
		}
	}
}

// validDocumentID reports the shape Chrome accepts: 32 hex digits.
func validDocumentID(s string) bool {
	if len(s) != 32 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

//go:embed webnavigation.js
var webNavigationJS string

func init() {
	registerAPI("webNavigation", webNavigationJS, func(c *Context) bool {
		return c.inExtensionProcess() && hasWebNavigation(c.ext)
	}, func(c *Context, set func(string, any)) {
		vm := c.realm.VM
		settle := func(cb goja.Value, result any, errText string) goja.Value {
			return c.settle(cb, result, errText)
		}
		set("enums", c.enums(map[string][]string{"TransitionType": apiargs.TransitionType, "TransitionQualifier": apiargs.TransitionQualifier}))
		set("getAllFrames", func(call goja.FunctionCall) goja.Value {
			a, err := apiargs.WebNavigationGetAllFramesMethod.Parse(vm, call.Arguments)
			if err != nil {
				return c.invocationFailure(err)
			}
			c.touch()
			var d struct {
				TabID *int `json:"tabId"`
			}
			decodeArg(vm, a[0], &d)
			if d.TabID == nil {
				return c.thrown("TypeError", apiargs.WebNavigationGetAllFramesMethod.Error(
					apiargs.ArgumentError("details", apiargs.MissingRequiredProperty("tabId"))).Error())
			}
			t := c.b.Tab(*d.TabID)
			if t == nil {
				return settle(a[1], nil, "") // a missing tab is null, not an error (N3)
			}
			list := []map[string]any{}
			if !webNavigationHides(t.top) {
				for _, f := range sortedFrames(t) {
					list = append(list, c.b.frameDetails(f, true))
				}
			}
			return settle(a[1], list, "")
		})
		set("getFrame", func(call goja.FunctionCall) goja.Value {
			a, err := apiargs.WebNavigationGetFrameMethod.Parse(vm, call.Arguments)
			if err != nil {
				return c.invocationFailure(err)
			}
			c.touch()
			var d struct {
				TabID      *int    `json:"tabId"`
				FrameID    *int    `json:"frameId"`
				DocumentID *string `json:"documentId"`
			}
			decodeArg(vm, a[0], &d)
			var f *Frame
			switch {
			case d.DocumentID != nil:
				if !validDocumentID(*d.DocumentID) {
					return settle(a[1], nil, apiargs.ErrInvalidDocumentID)
				}
				for _, t := range c.b.Tabs() {
					for _, x := range sortedFrames(t) {
						if strings.EqualFold(x.docID, *d.DocumentID) {
							f = x
						}
					}
				}
			case d.TabID != nil && d.FrameID != nil:
				if t := c.b.Tab(*d.TabID); t != nil {
					f = t.frames[*d.FrameID]
				}
			default:
				return settle(a[1], nil, apiargs.ErrFrameTarget)
			}
			if f == nil || webNavigationHides(f) {
				return settle(a[1], nil, "") // missing things resolve null (N3)
			}
			return settle(a[1], c.b.frameDetails(f, false), "")
		})
	})
}
