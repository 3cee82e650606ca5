package chromesim

import (
	_ "embed"
	"fmt"
	"strconv"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

//go:embed contextmenus.js
var contextMenusSrc string

// The texts of chrome.contextMenus' errors in Chromium 156 (scenario context-menus).
const (
	errMenuDuplicate = "Cannot create item with duplicate id %s"
	errMenuNotFound  = "Cannot find menu item with id %s"
	errMenuTitle     = "All menu items except for separators must have a title"
)

// menuItem is one context-menu item of an extension.
type menuItem struct {
	id, parent       string
	title, kind      string
	checked, enabled bool
	visible          bool
	contexts         []string
}

// menus is an extension's context menu: its items in creation order and the count of creates,
// which numbers generated ids.
type menus struct {
	items  []*menuItem
	nextID int
}

func (m *menus) find(id string) *menuItem {
	for _, it := range m.items {
		if it.id == id {
			return it
		}
	}
	return nil
}

// remove drops the item id and its descendants.
func (m *menus) remove(id string) {
	drop := map[string]bool{id: true}
	for changed := true; changed; {
		changed = false
		for _, it := range m.items {
			if !drop[it.id] && drop[it.parent] {
				drop[it.id], changed = true, true
			}
		}
	}
	kept := m.items[:0]
	for _, it := range m.items {
		if !drop[it.id] {
			kept = append(kept, it)
		}
	}
	m.items = kept
}

// menuKey is a menu item id as a key: a string id, or a generated integer's decimal text.
func menuKey(v goja.Value) string { return v.String() }

func init() {
	registerAPI("contextMenus", contextMenusSrc,
		func(c *Context) bool { return c.inExtensionProcess() && c.ext.hasPermission("contextMenus") },
		func(c *Context, set func(string, any)) {
			// create answers {id, request, value}: the item's id at once, the outcome later.
			set("create", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.ContextMenusCreateMethod, call)
				if fail != nil {
					return fail
				}
				props := p[0].(*goja.Object)
				m := c.ext.contextMenus()
				// Every create takes a number from the extension's counter, so a generated id
				// skips the numbers of items created with ids (measured: 1, "x", 3).
				m.nextID++
				var idValue any = m.nextID
				id := strconv.Itoa(m.nextID)
				if v := props.Get("id"); !isNullish(v) {
					id, idValue = v.String(), v.String()
				}
				it := &menuItem{id: id, title: optString(props, "title"), kind: optString(props, "type"), enabled: true, visible: true,
					checked: optBool(props, "checked", false), contexts: []string{"page"}}
				it.enabled = optBool(props, "enabled", true)
				it.visible = optBool(props, "visible", true)
				if it.kind == "" {
					it.kind = "normal"
				}
				if v := props.Get("contexts"); !isNullish(v) {
					_ = c.realm.VM.ExportTo(v, &it.contexts)
				}
				if v := props.Get("parentId"); !isNullish(v) {
					it.parent = menuKey(v)
				}
				errText := ""
				switch {
				case m.find(id) != nil:
					errText = fmt.Sprintf(errMenuDuplicate, id)
				case it.parent != "" && m.find(it.parent) == nil:
					errText = fmt.Sprintf(errMenuNotFound, it.parent)
				case it.kind != "separator" && it.title == "":
					errText = errMenuTitle
				default:
					m.items = append(m.items, it)
				}
				req := c.b.newRequest()
				c.b.settleLater(c, req, nil, errText)
				o := c.realm.VM.NewObject()
				_ = o.Set("item", idValue)
				_ = o.Set("request", c.request(req, p[1]))
				return o
			})
			set("update", func(call goja.FunctionCall) goja.Value {
				return c.menuCall(apiargs.ContextMenusUpdateMethod, call, func(p []goja.Value, m *menus) string {
					id := menuKey(p[0])
					it := m.find(id)
					if it == nil {
						return fmt.Sprintf(errMenuNotFound, id)
					}
					props := p[1].(*goja.Object)
					if v := props.Get("title"); !isNullish(v) {
						it.title = v.String()
					}
					if v := props.Get("type"); !isNullish(v) {
						it.kind = v.String()
					}
					it.checked = optBool(props, "checked", it.checked)
					it.enabled = optBool(props, "enabled", it.enabled)
					it.visible = optBool(props, "visible", it.visible)
					if v := props.Get("contexts"); !isNullish(v) {
						_ = c.realm.VM.ExportTo(v, &it.contexts)
					}
					return ""
				})
			})
			set("remove", func(call goja.FunctionCall) goja.Value {
				return c.menuCall(apiargs.ContextMenusRemoveMethod, call, func(p []goja.Value, m *menus) string {
					id := menuKey(p[0])
					if m.find(id) == nil {
						return fmt.Sprintf(errMenuNotFound, id)
					}
					m.remove(id)
					return ""
				})
			})
			set("removeAll", func(call goja.FunctionCall) goja.Value {
				return c.menuCall(apiargs.ContextMenusRemoveAllMethod, call, func(_ []goja.Value, m *menus) string {
					m.items = nil
					return ""
				})
			})
		})
}

// menuCall parses a contextMenus call, applies do to the extension's menu and settles the call
// with do's error text ("" for none) and no value.
func (c *Context) menuCall(m *apiargs.Method, call goja.FunctionCall, do func(p []goja.Value, menus *menus) string) goja.Value {
	p, fail := c.parseCall(m, call)
	if fail != nil {
		return fail
	}
	return c.settle(p[len(p)-1], nil, do(p, c.ext.contextMenus()))
}

func optString(o *goja.Object, k string) string {
	if v := o.Get(k); !isNullish(v) {
		return v.String()
	}
	return ""
}

func optBool(o *goja.Object, k string, def bool) bool {
	if v := o.Get(k); !isNullish(v) {
		return v.ToBoolean()
	}
	return def
}

// contextMenus is the extension's context menu, which outlives worker restarts as Chrome's does.
func (e *Extension) contextMenus() *menus {
	if e.menus == nil {
		e.menus = &menus{}
	}
	return e.menus
}

// ClickMenuItem clicks the extension's context-menu item id on the page of tab's top frame, as a
// right-click and a choice in the menu do: a checkbox item toggles, and contextMenus.onClicked
// fires with Chrome's OnClickData for a page click and the tab, waking the worker. An item that
// does not exist, is hidden or disabled, or is not offered for the page context is an error.
func (e *Extension) ClickMenuItem(id string, tab *Tab) error {
	if tab == nil || tab.closed {
		return fmt.Errorf("chrome: click menu item %s: the tab is closed", id)
	}
	it := e.contextMenus().find(id)
	switch {
	case it == nil:
		return fmt.Errorf("chrome: %s has no context-menu item %q", e.name, id)
	case !it.visible || !it.enabled:
		return fmt.Errorf("chrome: context-menu item %q is hidden or disabled", id)
	case it.kind == "separator":
		return fmt.Errorf("chrome: context-menu item %q is a separator", id)
	}
	offered := false
	for _, ctx := range it.contexts {
		offered = offered || ctx == "page" || ctx == "all"
	}
	if !offered {
		return fmt.Errorf("chrome: context-menu item %q is not offered on a page (its contexts: %v)", id, it.contexts)
	}
	info := map[string]any{"editable": false, "frameId": 0, "menuItemId": menuIDValue(it.id), "pageUrl": tab.url}
	if it.parent != "" {
		info["parentMenuItemId"] = menuIDValue(it.parent)
	}
	if it.kind == "checkbox" {
		info["wasChecked"], info["checked"] = it.checked, !it.checked
		it.checked = !it.checked
	}
	if it.kind == "radio" {
		info["wasChecked"], info["checked"] = it.checked, true
		it.checked = true
	}
	e.b.Transcript.add(Entry{Kind: "context-menu", From: "user", To: e.name, Outcome: id})
	e.fireEvent("contextMenus.onClicked", []any{info, tab.infoFor(e)}, nil, true)
	return nil
}

// menuIDValue is an id as OnClickData carries it: a generated id as a number, else the string.
func menuIDValue(id string) any {
	if n, err := strconv.Atoi(id); err == nil && strconv.Itoa(n) == id {
		return n
	}
	return id
}
