package chromesim

import (
	_ "embed"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

//go:embed notifications.js
var notificationsSrc string

// notification is one of an extension's notifications on screen: what a user can act on.
type notification struct {
	kind    string // notifications.TemplateType
	title   string
	buttons int
}

func init() {
	registerAPI("notifications", notificationsSrc,
		func(c *Context) bool { return c.inExtensionProcess() && c.ext.hasPermission("notifications") },
		func(c *Context, set func(string, any)) {
			set("enums", c.enums(map[string][]string{"TemplateType": apiargs.NotificationTemplateTypes,
				"PermissionLevel": apiargs.NotificationPermissionLevels}))
			set("create", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.NotificationsCreateMethod, call)
				if fail != nil {
					return fail
				}
				id := ""
				if p[0] != nil {
					id = p[0].String()
				}
				if id == "" { // Chrome makes a random UUID (measured: lowercase, version 4)
					id = c.b.uuid()
				}
				opts := p[1].(*goja.Object)
				req := c.b.newRequest()
				if err := c.ext.checkNotificationImages(opts); err != nil {
					c.b.settleLater(c, req, nil, err.Error())
					return c.request(req, p[2])
				}
				n := &notification{}
				errText := n.apply(opts, true)
				if errText == "" {
					c.ext.notificationsByID()[id] = n
				}
				// Chrome answers a refused create with the id and lastError (ErrorWithArguments), so
				// the promise form resolves with the id of a notification that does not exist.
				c.b.settleWithArgs(c, req, id, errText)
				return c.request(req, p[2])
			})
			set("update", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.NotificationsUpdateMethod, call)
				if fail != nil {
					return fail
				}
				opts := p[1].(*goja.Object)
				req := c.b.newRequest()
				if err := c.ext.checkNotificationImages(opts); err != nil {
					c.b.settleLater(c, req, nil, err.Error())
					return c.request(req, p[2])
				}
				n := c.ext.notificationsByID()[p[0].String()]
				if n == nil {
					c.b.settleLater(c, req, false, "")
					return c.request(req, p[2])
				}
				changed := *n
				errText := changed.apply(opts, false)
				if errText == "" {
					*n = changed
				}
				c.b.settleWithArgs(c, req, errText == "", errText)
				return c.request(req, p[2])
			})
			set("clear", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.NotificationsClearMethod, call)
				if fail != nil {
					return fail
				}
				id := p[0].String()
				_, ok := c.ext.notificationsByID()[id]
				if ok {
					c.ext.closeNotification(id, false)
				}
				return c.settle(p[1], ok, "")
			})
			set("getAll", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.NotificationsGetAllMethod, call)
				if fail != nil {
					return fail
				}
				all := map[string]bool{}
				for id := range c.ext.notificationsByID() {
					all[id] = true
				}
				return c.settle(p[0], all, "")
			})
			set("getPermissionLevel", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.NotificationsGetPermissionLevelMethod, call)
				if fail != nil {
					return fail
				}
				return c.settle(p[0], "granted", "")
			})
		})
}

// apply checks options against the notification (a new one for create) as Chrome's browser side
// does and, when they pass, applies them; it returns Chrome's error text, or "".
func (n *notification) apply(opts *goja.Object, create bool) string {
	has := func(k string) bool { return !isNullish(opts.Get(k)) }
	if create && (!has("type") || !has("iconUrl") || !has("title") || !has("message")) {
		return apiargs.ErrNotificationRequired
	}
	kind := n.kind
	if has("type") {
		kind = opts.Get("type").String()
	}
	if has("progress") {
		if kind != "progress" {
			return apiargs.ErrNotificationProgressType
		}
		if v := opts.Get("progress").ToInteger(); v < 0 || v > 100 {
			return apiargs.ErrNotificationProgressRange
		}
	}
	if has("items") && kind != "list" || create && kind == "list" && !has("items") {
		return apiargs.ErrNotificationListItems
	}
	if create && kind == "image" && !has("imageUrl") && !has("imageBitmap") {
		return apiargs.ErrNotificationImage
	}
	n.kind = kind
	if has("title") {
		n.title = opts.Get("title").String()
	}
	if has("buttons") {
		n.buttons = int(opts.Get("buttons").ToObject(nil).Get("length").ToInteger())
	}
	return ""
}

// checkNotificationImages loads the options' images as Chrome's bindings do before the call
// reaches the browser: an extension file (by relative path or own URL) must exist; a data: URL is
// taken as it is (hostsim decodes no image); anything else does not download.
func (e *Extension) checkNotificationImages(opts *goja.Object) error {
	var urls []string
	for _, k := range []string{"iconUrl", "appIconMaskUrl", "imageUrl"} {
		if v := opts.Get(k); !isNullish(v) {
			urls = append(urls, v.String())
		}
	}
	if b, ok := opts.Get("buttons").(*goja.Object); ok {
		for i := range int(b.Get("length").ToInteger()) {
			if bt, ok := b.Get(strconv.Itoa(i)).(*goja.Object); ok && !isNullish(bt.Get("iconUrl")) {
				urls = append(urls, bt.Get("iconUrl").String())
			}
		}
	}
	for _, raw := range urls {
		if strings.HasPrefix(raw, "data:") {
			continue
		}
		rel, ok := e.pathOf(resolveRef(e.URL(""), raw))
		if u, err := url.Parse(raw); err != nil || !ok || u.Scheme != "" && u.Scheme != "chrome-extension" {
			return errors.New(apiargs.ErrNotificationImages)
		}
		if _, err := e.readFile(rel); err != nil {
			return errors.New(apiargs.ErrNotificationImages)
		}
	}
	return nil
}

// notificationsByID are the extension's notifications on screen, by id; they outlive the worker.
func (e *Extension) notificationsByID() map[string]*notification {
	if e.notifications == nil {
		e.notifications = map[string]*notification{}
	}
	return e.notifications
}

// closeNotification removes the notification id and fires notifications.onClosed.
func (e *Extension) closeNotification(id string, byUser bool) {
	delete(e.notifications, id)
	e.fireEvent("notifications.onClosed", []any{id, byUser}, nil, true)
}

// Notifications lists the ids of the extension's notifications on screen, sorted.
func (e *Extension) Notifications() []string {
	out := make([]string, 0, len(e.notifications))
	for id := range e.notifications {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// ClickNotification clicks the body of the extension's notification id, as a user does:
// notifications.onClicked fires with the id, waking the worker; the notification stays.
func (e *Extension) ClickNotification(id string) error {
	if e.notifications[id] == nil {
		return fmt.Errorf("chrome: %s has no notification %q", e.name, id)
	}
	e.b.Transcript.add(Entry{Kind: "notification", From: "user", To: e.name, Outcome: "click " + id})
	e.fireEvent("notifications.onClicked", []any{id}, nil, true)
	return nil
}

// ClickNotificationButton clicks button index (0-based) of the notification id:
// notifications.onButtonClicked fires with the id and the index, waking the worker.
func (e *Extension) ClickNotificationButton(id string, index int) error {
	n := e.notifications[id]
	if n == nil {
		return fmt.Errorf("chrome: %s has no notification %q", e.name, id)
	}
	if index < 0 || index >= n.buttons {
		return fmt.Errorf("chrome: notification %q has %d buttons, no button %d", id, n.buttons, index)
	}
	e.b.Transcript.add(Entry{Kind: "notification", From: "user", To: e.name, Outcome: fmt.Sprintf("click %s button %d", id, index)})
	e.fireEvent("notifications.onButtonClicked", []any{id, index}, nil, true)
	return nil
}

// CloseNotification dismisses the notification id as a user does: it goes away and
// notifications.onClosed fires with the id and byUser true, waking the worker.
func (e *Extension) CloseNotification(id string) error {
	if e.notifications[id] == nil {
		return fmt.Errorf("chrome: %s has no notification %q", e.name, id)
	}
	e.b.Transcript.add(Entry{Kind: "notification", From: "user", To: e.name, Outcome: "close " + id})
	e.closeNotification(id, true)
	return nil
}
