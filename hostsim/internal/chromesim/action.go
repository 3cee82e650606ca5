package chromesim

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

//go:embed action.js
var actionSrc string

// The texts of chrome.action's errors in Chromium 156 (scenario action-state).
const (
	errActionColor      = "The color specification could not be parsed."
	errActionPopupPath  = "The specified popup path is invalid. Ensure it is a path to a file in this extension."
	errActionIconSource = "Either the path or imageData property must be specified."
)

func init() {
	// Every extension whose manifest has an "action" key gets chrome.action, popup or not.
	registerAPI("action", actionSrc,
		func(c *Context) bool { return c.inExtensionProcess() && c.ext.hasManifestKey("action") },
		func(c *Context, set func(string, any)) {
			set("openPopup", func(call goja.FunctionCall) goja.Value {
				p, err := apiargs.ActionOpenPopupMethod.Parse(c.realm.VM, call.Arguments)
				if err != nil {
					return c.invocationFailure(err)
				}
				return c.openAsTask(p[1], func() error {
					if opts, ok := p[0].(*goja.Object); ok {
						if w := opts.Get("windowId"); !isNullish(w) && c.b.Window(int(w.ToInteger())) == nil {
							return errors.New(apiargs.NoWindow(int(w.ToInteger())))
						}
					}
					_, err := c.ext.OpenPopup()
					return err
				})
			})
			getter := func(m *apiargs.Method, read func(p *actionProps) any) func(goja.FunctionCall) goja.Value {
				return func(call goja.FunctionCall) goja.Value {
					return c.actionCall(m, call, func(details *goja.Object, tab int) (any, error) {
						return read(c.ext.action().props(tab)), nil
					})
				}
			}
			set("getBadgeText", getter(apiargs.ActionGetBadgeTextMethod, func(p *actionProps) any { return *p.text }))
			set("getBadgeBackgroundColor", getter(apiargs.ActionGetBadgeBackgroundColorMethod, func(p *actionProps) any { return p.bg[:] }))
			set("getBadgeTextColor", getter(apiargs.ActionGetBadgeTextColorMethod, func(p *actionProps) any { return p.fg[:] }))
			set("getTitle", getter(apiargs.ActionGetTitleMethod, func(p *actionProps) any { return *p.title }))
			set("getPopup", getter(apiargs.ActionGetPopupMethod, func(p *actionProps) any { return *p.popup }))
			set("setBadgeText", func(call goja.FunctionCall) goja.Value {
				return c.actionCall(apiargs.ActionSetBadgeTextMethod, call, func(d *goja.Object, tab int) (any, error) {
					text := d.Get("text")
					if isNullish(text) {
						c.ext.action().set(tab, func(p *actionProps) { p.text = nil })
						return nil, nil
					}
					s := text.String()
					c.ext.action().set(tab, func(p *actionProps) { p.text = &s })
					return nil, nil
				})
			})
			setColor := func(m *apiargs.Method, field func(p *actionProps) **[4]int) func(goja.FunctionCall) goja.Value {
				return func(call goja.FunctionCall) goja.Value {
					return c.actionCall(m, call, func(d *goja.Object, tab int) (any, error) {
						rgba, err := actionColor(d.Get("color"))
						if err != nil {
							return nil, err
						}
						c.ext.action().set(tab, func(p *actionProps) { *field(p) = &rgba })
						return nil, nil
					})
				}
			}
			set("setBadgeBackgroundColor", setColor(apiargs.ActionSetBadgeBackgroundColorMethod, func(p *actionProps) **[4]int { return &p.bg }))
			set("setBadgeTextColor", setColor(apiargs.ActionSetBadgeTextColorMethod, func(p *actionProps) **[4]int { return &p.fg }))
			set("setTitle", func(call goja.FunctionCall) goja.Value {
				return c.actionCall(apiargs.ActionSetTitleMethod, call, func(d *goja.Object, tab int) (any, error) {
					s := d.Get("title").String()
					c.ext.action().set(tab, func(p *actionProps) { p.title = &s })
					return nil, nil
				})
			})
			set("setPopup", func(call goja.FunctionCall) goja.Value {
				return c.actionCall(apiargs.ActionSetPopupMethod, call, func(d *goja.Object, tab int) (any, error) {
					url, err := c.ext.popupURL(d.Get("popup").String())
					if err != nil {
						return nil, err
					}
					c.ext.action().set(tab, func(p *actionProps) { p.popup = &url })
					return nil, nil
				})
			})
			set("setIcon", func(call goja.FunctionCall) goja.Value {
				return c.actionCall(apiargs.ActionSetIconMethod, call, func(d *goja.Object, _ int) (any, error) {
					return nil, c.ext.checkIcon(d)
				})
			})
			enable := func(m *apiargs.Method, on bool) func(goja.FunctionCall) goja.Value {
				return func(call goja.FunctionCall) goja.Value {
					return c.actionCall(m, call, func(_ *goja.Object, tab int) (any, error) {
						c.ext.action().set(tab, func(p *actionProps) { p.enabled = &on })
						return nil, nil
					})
				}
			}
			set("enable", enable(apiargs.ActionEnableMethod, true))
			set("disable", enable(apiargs.ActionDisableMethod, false))
			set("isEnabled", func(call goja.FunctionCall) goja.Value {
				return c.actionCall(apiargs.ActionIsEnabledMethod, call, func(_ *goja.Object, tab int) (any, error) {
					return *c.ext.action().props(tab).enabled, nil
				})
			})
			set("getUserSettings", func(call goja.FunctionCall) goja.Value {
				// A new profile's action is not pinned to the toolbar (measured).
				return c.actionCall(apiargs.ActionGetUserSettingsMethod, call, func(*goja.Object, int) (any, error) {
					return map[string]any{"isOnToolbar": false}, nil
				})
			})
		})
}

// actionCall parses a chrome.action call, finds its tab (the details' tabId, or enable's and
// isEnabled's integer argument; -1 for the global state), checks that the tab exists, and settles
// the call with do's value or error.
func (c *Context) actionCall(m *apiargs.Method, call goja.FunctionCall, do func(details *goja.Object, tab int) (any, error)) goja.Value {
	p, fail := c.parseCall(m, call)
	if fail != nil {
		return fail
	}
	tab := -1
	var details *goja.Object
	if len(p) == 2 && p[0] != nil {
		if o, ok := p[0].(*goja.Object); ok {
			details = o
			if v := o.Get("tabId"); !isNullish(v) {
				tab = int(v.ToInteger())
			}
		} else {
			tab = int(p[0].ToInteger())
		}
	}
	id := c.b.newRequest()
	var value any
	errText := ""
	if tab >= 0 && c.b.Tab(tab) == nil {
		errText = apiargs.NoTab(tab)
	} else if v, err := do(details, tab); err != nil {
		errText = err.Error()
	} else {
		value = v
	}
	c.b.settleLater(c, id, value, errText)
	return c.request(id, p[len(p)-1])
}

func isNullish(v goja.Value) bool { return v == nil || goja.IsUndefined(v) || goja.IsNull(v) }

// actionProps is the action's state: every field set for the global state; for a tab, the fields
// it overrides (nil: the global value).
type actionProps struct {
	text, title, popup *string
	bg, fg             *[4]int
	enabled            *bool
}

// actionState is an extension's toolbar action: the global state and each tab's overrides.
type actionState struct {
	global actionProps
	tabs   map[int]*actionProps
}

// action is the extension's action state, made from the manifest on first use: no badge text,
// transparent badge colours (measured [0,0,0,0]), the default title or else the extension's name,
// the default popup, enabled.
func (e *Extension) action() *actionState {
	if e.actionState != nil {
		return e.actionState
	}
	var m struct {
		Action struct {
			DefaultTitle string `json:"default_title"`
		} `json:"action"`
	}
	_ = json.Unmarshal(e.raw, &m)
	text, title, popup, on := "", m.Action.DefaultTitle, "", true
	if title == "" {
		title = e.name
	}
	if p := e.popupPage(); p != "" {
		popup = e.URL(p)
	}
	e.actionState = &actionState{
		global: actionProps{text: &text, title: &title, popup: &popup, bg: &[4]int{}, fg: &[4]int{}, enabled: &on},
		tabs:   map[int]*actionProps{},
	}
	return e.actionState
}

// props is the state that applies to tab (-1: the global state): its overrides over the global.
func (a *actionState) props(tab int) *actionProps {
	out := a.global
	if t := a.tabs[tab]; t != nil {
		for _, f := range []struct{ from, to **string }{{&t.text, &out.text}, {&t.title, &out.title}, {&t.popup, &out.popup}} {
			if *f.from != nil {
				*f.to = *f.from
			}
		}
		if t.bg != nil {
			out.bg = t.bg
		}
		if t.fg != nil {
			out.fg = t.fg
		}
		if t.enabled != nil {
			out.enabled = t.enabled
		}
	}
	return &out
}

// set changes the global state (tab -1) or tab's overrides. A nil field clears a tab's override;
// for the global badge text it means no text.
func (a *actionState) set(tab int, change func(p *actionProps)) {
	if tab < 0 {
		change(&a.global)
		if a.global.text == nil {
			empty := ""
			a.global.text = &empty
		}
		return
	}
	if a.tabs[tab] == nil {
		a.tabs[tab] = &actionProps{}
	}
	change(a.tabs[tab])
}

// popupURL is setPopup's popup as Chrome stores it: "" for none, else the URL of an extension file
// (a relative path, or an absolute URL inside the extension; the file need not exist).
func (e *Extension) popupURL(popup string) (string, error) {
	if popup == "" {
		return "", nil
	}
	if i := strings.Index(popup, ":"); i > 0 && !strings.ContainsAny(popup[:i], "/?#") {
		if !strings.HasPrefix(popup, e.Origin()+"/") {
			return "", errors.New(errActionPopupPath)
		}
		return popup, nil
	}
	return e.URL(popup), nil
}

// checkIcon checks setIcon's details as Chrome does before it draws the icon: some image data, or
// paths to files the extension has ("Failed to fetch" otherwise). hostsim draws nothing.
func (e *Extension) checkIcon(d *goja.Object) error {
	data, path := d.Get("imageData"), d.Get("path")
	if !isNullish(data) {
		return nil
	}
	if isNullish(path) {
		return errors.New(errActionIconSource)
	}
	var paths []string
	if o, ok := path.(*goja.Object); ok {
		for _, k := range o.Keys() {
			paths = append(paths, o.Get(k).String())
		}
	} else {
		paths = []string{path.String()}
	}
	for _, p := range paths {
		if _, err := e.readFile(p); err != nil {
			return fmt.Errorf("Failed to set icon '%s': Failed to fetch", p)
		}
	}
	return nil
}

// actionColor reads a badge colour: action.ColorArray as given, or a CSS colour string.
func actionColor(v goja.Value) ([4]int, error) {
	if o, ok := v.(*goja.Object); ok {
		var out [4]int
		for i := range out {
			out[i] = int(o.Get(strconv.Itoa(i)).ToInteger())
		}
		return out, nil
	}
	return parseCSSColor(v.String())
}

// cssNamedColors are the CSS colour keywords hostsim knows: the sixteen basic colours, orange and
// transparent. Chrome knows every CSS keyword; any other is refused here as Chrome refuses a
// malformed colour (README, Limits).
var cssNamedColors = map[string][4]int{
	"black": {0, 0, 0, 255}, "silver": {192, 192, 192, 255}, "gray": {128, 128, 128, 255}, "grey": {128, 128, 128, 255},
	"white": {255, 255, 255, 255}, "maroon": {128, 0, 0, 255}, "red": {255, 0, 0, 255}, "purple": {128, 0, 128, 255},
	"fuchsia": {255, 0, 255, 255}, "green": {0, 128, 0, 255}, "lime": {0, 255, 0, 255}, "olive": {128, 128, 0, 255},
	"yellow": {255, 255, 0, 255}, "navy": {0, 0, 128, 255}, "blue": {0, 0, 255, 255}, "teal": {0, 128, 128, 255},
	"aqua": {0, 255, 255, 255}, "orange": {255, 165, 0, 255}, "transparent": {0, 0, 0, 0},
}

// parseCSSColor parses #rgb, #rgba, #rrggbb, #rrggbbaa, rgb()/rgba() with integer channels and an
// alpha of 0–1, and the keywords of cssNamedColors.
func parseCSSColor(s string) ([4]int, error) {
	bad := errors.New(errActionColor)
	s = strings.ToLower(strings.TrimSpace(s))
	if c, ok := cssNamedColors[s]; ok {
		return c, nil
	}
	if hex, ok := strings.CutPrefix(s, "#"); ok {
		if len(hex) == 3 || len(hex) == 4 {
			var b strings.Builder
			for _, r := range hex {
				b.WriteRune(r)
				b.WriteRune(r)
			}
			hex = b.String()
		}
		if len(hex) == 6 {
			hex += "ff"
		}
		if len(hex) != 8 {
			return [4]int{}, bad
		}
		var out [4]int
		for i := range out {
			n, err := strconv.ParseUint(hex[2*i:2*i+2], 16, 8)
			if err != nil {
				return [4]int{}, bad
			}
			out[i] = int(n)
		}
		return out, nil
	}
	for _, fn := range []string{"rgba(", "rgb("} {
		body, ok := strings.CutPrefix(s, fn)
		if !ok {
			continue
		}
		body, ok = strings.CutSuffix(body, ")")
		parts := strings.Split(body, ",")
		if !ok || len(parts) < 3 || len(parts) > 4 {
			return [4]int{}, bad
		}
		out := [4]int{0, 0, 0, 255}
		for i, p := range parts {
			p = strings.TrimSpace(p)
			if i == 3 {
				a, err := strconv.ParseFloat(p, 64)
				if err != nil || a < 0 || a > 1 {
					return [4]int{}, bad
				}
				out[3] = int(a*255 + 0.5)
				continue
			}
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 || n > 255 {
				return [4]int{}, bad
			}
			out[i] = n
		}
		return out, nil
	}
	return [4]int{}, bad
}
