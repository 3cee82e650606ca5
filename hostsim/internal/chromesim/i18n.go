package chromesim

import (
	_ "embed"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
	"github.com/extwasm/extwasm/hostsim/internal/manifest"
)

//go:embed i18n.js
var i18nSrc string

// hostsim's browser speaks American English, as a new Chromium profile here does (measured:
// getUILanguage "en-US", getAcceptLanguages ["en-US", "en"], @@ui_locale "en_US").
const (
	uiLanguage = "en-US"
	uiLocale   = "en_US"
)

var acceptLanguages = []string{"en-US", "en"}

func init() {
	registerAPI("i18n", i18nSrc,
		func(c *Context) bool { return c.ext != nil && c.kind != WebPage },
		func(c *Context, set func(string, any)) {
			set("getMessage", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.I18nGetMessageMethod, call)
				if fail != nil {
					return fail
				}
				subs, ok := substitutions(c.realm.VM, p[1])
				if !ok {
					return goja.Undefined()
				}
				escapeLt := false
				if o, isObj := p[2].(*goja.Object); isObj && o != nil {
					escapeLt = o.Get("escapeLt") != nil && o.Get("escapeLt").ToBoolean()
				}
				return c.realm.VM.ToValue(c.ext.message(p[0].String(), subs, escapeLt))
			})
			set("getUILanguage", func(call goja.FunctionCall) goja.Value {
				if _, fail := c.parseCall(apiargs.I18nGetUILanguageMethod, call); fail != nil {
					return fail
				}
				return c.realm.VM.ToValue(uiLanguage)
			})
			set("getAcceptLanguages", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.I18nGetAcceptLanguagesMethod, call)
				if fail != nil {
					return fail
				}
				return c.settle(p[0], acceptLanguages, "")
			})
		})
}

// substitutions reads getMessage's substitutions: a string, or an array whose items become strings
// (measured: [1, 2] gives "1"); anything else counts as none. More than nine make getMessage
// return undefined (measured), reported as ok false.
func substitutions(vm *goja.Runtime, v goja.Value) (subs []string, ok bool) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil, true
	}
	if s, isStr := v.Export().(string); isStr {
		return []string{s}, true
	}
	o, isObj := v.(*goja.Object)
	if !isObj || o.ClassName() != "Array" {
		return nil, true
	}
	n := int(o.Get("length").ToInteger())
	if n > 9 {
		return nil, false
	}
	for i := range n {
		subs = append(subs, o.Get(strconv.Itoa(i)).String())
	}
	return subs, true
}

// localeMessage is one entry of a _locales/<locale>/messages.json.
type localeMessage struct {
	Message      string `json:"message"`
	Placeholders map[string]struct {
		Content string `json:"content"`
	} `json:"placeholders"`
}

// messages returns e's messages for the UI locale: en_US's, then en's, then the default
// locale's, keys in lower case (Chrome looks names up without case).
func (e *Extension) messages() map[string]localeMessage {
	if e.localeMessages != nil {
		return e.localeMessages
	}
	e.localeMessages = map[string]localeMessage{}
	chain := []string{e.man.DefaultLocale, "en", uiLocale}
	for _, loc := range chain {
		if loc == "" {
			continue
		}
		data, err := e.readFile("_locales/" + loc + "/messages.json")
		if err != nil {
			continue
		}
		var m map[string]localeMessage
		if json.Unmarshal(manifest.StripComments(data), &m) != nil {
			continue
		}
		for k, v := range m {
			e.localeMessages[strings.ToLower(k)] = v
		}
	}
	return e.localeMessages
}

var (
	placeholderRef  = regexp.MustCompile(`\$([A-Za-z0-9_@]+)\$`)
	substitutionRef = regexp.MustCompile(`\$(\$|[1-9])`)
)

// message is i18n.getMessage(name, subs): the predefined @@ messages, else the named message with
// its placeholders ($NAME$, their content may hold $1…$9) and substitutions ($1…$9, $$ for $)
// filled in; "" for a name there is no message for.
func (e *Extension) message(name string, subs []string, escapeLt bool) string {
	switch name {
	case "@@extension_id":
		return e.id
	case "@@ui_locale":
		return uiLocale
	case "@@bidi_dir":
		return "ltr"
	case "@@bidi_reversed_dir":
		return "rtl"
	case "@@bidi_start_edge":
		return "left"
	case "@@bidi_end_edge":
		return "right"
	}
	m, ok := e.messages()[strings.ToLower(name)]
	if !ok {
		return ""
	}
	text := m.Message
	if escapeLt {
		text = strings.ReplaceAll(text, "<", "&lt;")
	}
	text = placeholderRef.ReplaceAllStringFunc(text, func(ref string) string {
		for k, p := range m.Placeholders {
			if strings.EqualFold(k, ref[1:len(ref)-1]) {
				return p.Content
			}
		}
		return ref
	})
	return substitutionRef.ReplaceAllStringFunc(text, func(ref string) string {
		if ref == "$$" {
			return "$"
		}
		i := int(ref[1] - '1')
		if i < len(subs) {
			return subs[i]
		}
		return ""
	})
}

var manifestMessage = regexp.MustCompile(`__MSG_([A-Za-z0-9_@]+)__`)

// localizeManifest fills __MSG_name__ in the manifest's strings with the messages, as Chrome
// does for getManifest() (measured: name and description).
func (e *Extension) localizeManifest(raw []byte) []byte {
	if !manifestMessage.Match(raw) {
		return raw
	}
	return manifestMessage.ReplaceAllFunc(raw, func(ref []byte) []byte {
		text := e.message(string(ref[len("__MSG_"):len(ref)-2]), nil, false)
		quoted, _ := json.Marshal(text)
		return quoted[1 : len(quoted)-1]
	})
}
