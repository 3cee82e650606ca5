package chromesim

import (
	_ "embed"
	"reflect"
	"slices"
	"sort"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/internal/chromefacts"
)

//go:embed chromesettings.js
var chromeSettingsSrc string

// privacySetting is a ChromeSetting an extension has set: its value wins over Chrome's default
// until that extension clears it.
type privacySetting struct {
	value any
	by    *Extension
}

func init() {
	registerAPI("chromesettings", chromeSettingsSrc,
		func(c *Context) bool { return c.inExtensionProcess() && c.ext.hasPermission("privacy") },
		func(c *Context, set func(string, any)) {
			set("paths", func() []string {
				paths := make([]string, 0, len(chromefacts.PrivacyDefaults))
				for p := range chromefacts.PrivacyDefaults {
					paths = append(paths, p)
				}
				sort.Strings(paths)
				return paths
			})
			set("get", func(path string, details, cb goja.Value) goja.Value {
				if fail := c.settingDetails(details); fail != nil {
					return fail
				}
				if incognito(c, details) {
					return c.settle(cb, nil, chromefacts.ErrIncognitoPreferences)
				}
				return c.settle(cb, c.b.privacyDetails(c.ext, path), "")
			})
			set("set", func(path string, details, cb goja.Value) goja.Value {
				if fail := c.settingDetails(details); fail != nil {
					return fail
				}
				v, ok := settingValue(c, path, details)
				if !ok {
					return c.thrown("TypeError", chromefacts.ErrInvalidInvocation)
				}
				if scope := details.ToObject(c.realm.VM).Get("scope"); scope != nil && !goja.IsUndefined(scope) && scope.String() != "regular" {
					return c.settle(cb, nil, chromefacts.ErrIncognitoPreferences)
				}
				c.b.setPrivacy(c.ext, path, v)
				return c.settle(cb, nil, "")
			})
			set("clear", func(path string, details, cb goja.Value) goja.Value {
				if fail := c.settingDetails(details); fail != nil {
					return fail
				}
				if scope := details.ToObject(c.realm.VM).Get("scope"); scope != nil && !goja.IsUndefined(scope) && scope.String() != "regular" {
					return c.settle(cb, nil, chromefacts.ErrIncognitoPreferences)
				}
				c.b.clearPrivacy(c.ext, path)
				return c.settle(cb, nil, "")
			})
		})
}

// settingDetails refuses details that are not an object, as Chrome's bindings do.
func (c *Context) settingDetails(details goja.Value) goja.Value {
	if details == nil || goja.IsUndefined(details) || goja.IsNull(details) {
		return c.thrown("TypeError", chromefacts.ErrInvalidInvocation)
	}
	if _, ok := details.(*goja.Object); !ok {
		return c.thrown("TypeError", chromefacts.ErrInvalidInvocation)
	}
	return nil
}

// incognito reports details asking for the incognito value, which an extension not allowed in
// incognito (every extension here) may not read.
func incognito(c *Context, details goja.Value) bool {
	v := details.ToObject(c.realm.VM).Get("incognito")
	return v != nil && v.ToBoolean()
}

// settingValue reads details.value and checks it has the type of the setting's default (one of
// the policies for webRTCIPHandlingPolicy), as Chrome checks it before anything else.
func settingValue(c *Context, path string, details goja.Value) (any, bool) {
	raw := details.ToObject(c.realm.VM).Get("value")
	if raw == nil || goja.IsUndefined(raw) || goja.IsNull(raw) {
		return nil, false
	}
	v := raw.Export()
	switch def := chromefacts.PrivacyDefaults[path].(type) {
	case bool:
		b, ok := v.(bool)
		return b, ok
	case string:
		s, ok := v.(string)
		return s, ok && slices.Contains(chromefacts.IPHandlingPolicies, s)
	case []any:
		_ = def
		arr, ok := v.([]any)
		return arr, ok
	}
	return nil, false
}

// privacyDetails is what types.ChromeSetting.get gives ext for path.
func (b *Browser) privacyDetails(ext *Extension, path string) map[string]any {
	s := b.privacy[path]
	if s == nil {
		return map[string]any{"value": chromefacts.PrivacyDefaults[path], "levelOfControl": "controllable_by_this_extension"}
	}
	level := "controlled_by_this_extension"
	if s.by != ext {
		level = "controlled_by_other_extensions"
	}
	return map[string]any{"value": s.value, "levelOfControl": level}
}

// setPrivacy makes ext's value the setting's and fires onChange where what an extension sees
// changes (Chrome fires nothing for a set to the value already in force).
func (b *Browser) setPrivacy(ext *Extension, path string, v any) {
	b.changePrivacy(path, func() {
		if b.privacy == nil {
			b.privacy = map[string]*privacySetting{}
		}
		b.privacy[path] = &privacySetting{value: v, by: ext}
	})
}

// clearPrivacy drops ext's value, if it set one: the default is in force again.
func (b *Browser) clearPrivacy(ext *Extension, path string) {
	if s := b.privacy[path]; s == nil || s.by != ext {
		return
	}
	b.changePrivacy(path, func() { delete(b.privacy, path) })
}

func (b *Browser) changePrivacy(path string, change func()) {
	before := map[*Extension]map[string]any{}
	for _, e := range b.exts {
		before[e] = b.privacyDetails(e, path)
	}
	change()
	for _, e := range b.exts {
		if !e.hasPermission("privacy") {
			continue
		}
		if now := b.privacyDetails(e, path); !reflect.DeepEqual(now, before[e]) {
			e.fireEvent("privacy."+path+".onChange", []any{now}, nil, true)
		}
	}
}
