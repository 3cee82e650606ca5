package chromesim

import (
	_ "embed"
	"net/url"
	"slices"
	"sort"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/matchpattern"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

//go:embed contentsettings.js
var contentSettingsSrc string

// contentSettingsGetSig is ContentSetting.get's signature in Chrome's invocation errors (measured).
const contentSettingsGetSig = "contentSettings.ContentSetting.get(object details, optional function callback)"

// contentRule is one contentSettings.set: the setting for URLs its primary pattern matches.
type contentRule struct {
	pattern *matchpattern.Pattern
	setting string
	by      *Extension
}

func init() {
	registerAPI("contentsettings", contentSettingsSrc,
		func(c *Context) bool { return c.inExtensionProcess() && c.ext.hasPermission("contentSettings") },
		func(c *Context, set func(string, any)) {
			set("types", func() [][]any {
				types := make([]string, 0, len(chromefacts.ContentSettingDefaults))
				for t := range chromefacts.ContentSettingDefaults {
					types = append(types, t)
				}
				sort.Strings(types)
				out := make([][]any, len(types))
				for i, t := range types {
					out[i] = []any{t, slices.Contains(chromefacts.ContentSettingsCallbackOnly, t)}
				}
				return out
			})
			prop := func(details goja.Value, name string) (string, bool) {
				o, ok := details.(*goja.Object)
				if !ok {
					return "", false
				}
				v := o.Get(name)
				if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
					return "", false
				}
				return v.String(), true
			}
			set("get", func(typ string, details, cb goja.Value) goja.Value {
				if _, ok := details.(*goja.Object); !ok {
					return c.thrown("TypeError", chromefacts.ErrInvalidInvocation)
				}
				raw, ok := prop(details, "primaryUrl")
				if !ok {
					return c.thrown("TypeError", chromefacts.InvocationError(contentSettingsGetSig, "Error at parameter 'details': Missing required property 'primaryUrl'."))
				}
				if u, err := url.Parse(raw); err != nil || u.Scheme == "" {
					return c.settle(cb, nil, chromefacts.ContentSettingInvalidURL(raw))
				}
				return c.settle(cb, map[string]any{"setting": c.b.contentSetting(typ, raw)}, "")
			})
			set("set", func(typ string, details, cb goja.Value) goja.Value {
				setting, ok := prop(details, "setting")
				values := chromefacts.ContentSettingValues[typ]
				if !ok || !slices.Contains(values, setting) {
					return c.thrown("TypeError", chromefacts.ContentSettingInvalidSetting(values))
				}
				raw, ok := prop(details, "primaryPattern")
				if !ok {
					return c.thrown("TypeError", chromefacts.ErrInvalidInvocation)
				}
				p, err := matchpattern.Parse(raw, matchpattern.SchemesExtension)
				if err != nil {
					return c.settle(cb, nil, err.Error())
				}
				if c.b.contentRules == nil {
					c.b.contentRules = map[string][]contentRule{}
				}
				c.b.contentRules[typ] = append(c.b.contentRules[typ], contentRule{pattern: p, setting: setting, by: c.ext})
				return c.settle(cb, nil, "")
			})
			set("clear", func(typ string, details, cb goja.Value) goja.Value {
				if _, ok := details.(*goja.Object); !ok {
					return c.thrown("TypeError", chromefacts.ErrInvalidInvocation)
				}
				c.b.contentRules[typ] = slices.DeleteFunc(c.b.contentRules[typ], func(r contentRule) bool { return r.by == c.ext })
				return c.settle(cb, nil, "")
			})
			set("getResourceIdentifiers", func(_ string, cb, _ goja.Value) goja.Value {
				// Measured: resolves with nothing (no type has resource identifiers any more).
				return c.settle(cb, nil, "")
			})
		})
}

// contentSetting is the setting of typ for rawURL: the latest rule whose pattern matches, else
// Chrome's default.
func (b *Browser) contentSetting(typ, rawURL string) string {
	rules := b.contentRules[typ]
	for i := len(rules) - 1; i >= 0; i-- {
		if rules[i].pattern.MatchString(rawURL) {
			return rules[i].setting
		}
	}
	return chromefacts.ContentSettingDefaults[typ]
}
