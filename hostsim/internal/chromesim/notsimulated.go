package chromesim

import (
	_ "embed"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
	"github.com/extwasm/extwasm/hostsim/internal/chromejson"
	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/extwasm/extwasm/internal/chromeschema"
)

//go:embed notsimulated.js
var notSimulatedSrc string

// alwaysNamespaces are the namespaces Chrome 156 gives every extension page and worker with no
// permission (measured: Object.keys(chrome) in a worker).
var alwaysNamespaces = []string{"dom", "extension", "i18n", "management", "permissions", "tabs", "windows"}

// hostPlatform is the platform hostsim's Chrome runs on (runtime.getPlatformInfo says linux):
// namespaces and members only for other platforms do not exist here.
const hostPlatform = "linux"

// userScripts is the namespace Chrome gives only once the user turns on "Allow User Scripts"
// for the extension (measured: chrome.userScripts is undefined in Chromium 156 with the
// permission alone); hostsim models the switch (Extension.UserScriptsAllowed).
const userScripts = "userScripts"

// frameGlobals and workerGlobals are web platform globals Chrome 156 has in a document and in a
// service worker that hostsim's realms do not provide.
var (
	frameGlobals  = []string{"WebSocket", "indexedDB"}
	workerGlobals = []string{"WebSocket", "indexedDB", "caches"}
)

// shape is what Chrome's schema says an object of chrome.* has, for the members hostsim does not
// model: a function throws "not simulated" when called, an event takes listeners and never fires
// (with a console warning), a value (a constant, an enum's object) holds Chrome's value, and an
// object (a namespace, privacy.network, a ChromeSetting) has members of its own.
type shape struct {
	Kind    string            `json:"k"` // "object", "function", "event" or "value"
	Value   any               `json:"v,omitempty"`
	Members map[string]*shape `json:"m,omitempty"`

	// permissions and manifestKeys, when set, are what the extension needs (any one of them) for
	// the member to exist (runtime.connectNative needs nativeMessaging); pagesOnly members do not
	// exist in a service worker (runtime.getBackgroundPage).
	permissions, manifestKeys []string
	pagesOnly                 bool
}

// forContext is s without the members that e's context (a worker or a page) does not get.
func (s *shape) forContext(e *Extension, worker bool) *shape {
	if s.Members == nil {
		return s
	}
	out := &shape{Kind: s.Kind, Value: s.Value, Members: map[string]*shape{}}
	for name, m := range s.Members {
		if m.pagesOnly && worker || !e.grants(m.permissions, m.manifestKeys) {
			continue
		}
		out.Members[name] = m.forContext(e, worker)
	}
	return out
}

// grants reports whether e has one of permissions and one of manifestKeys (an empty list asks
// nothing).
func (e *Extension) grants(permissions, manifestKeys []string) bool {
	if len(permissions) > 0 && !slices.ContainsFunc(permissions, e.hasPermission) {
		return false
	}
	return len(manifestKeys) == 0 || slices.ContainsFunc(manifestKeys, e.hasManifestKey)
}

var (
	shapesOnce sync.Once
	shapes     map[string]*shape // by namespace
	schema     *chromeschema.Schema
)

// loadShapes builds the shape of every namespace the schema has on hostPlatform. Members limited
// to a release channel are kept: Chromium builds such as Debian's expose them (measured:
// identity.getAccounts exists in Chromium 156).
func loadShapes() {
	shapesOnce.Do(func() {
		schema = chromeschema.MustLoad()
		shapes = map[string]*shape{}
		for _, ns := range schema.Namespaces {
			if onHost(ns.Platforms) {
				shapes[ns.Name] = namespaceShape(&ns)
			}
		}
		// The schema gives no platforms for properties; these are not on Linux.
		for _, path := range chromefacts.PropertiesNotOnLinux {
			dropShape(path)
		}
	})
}

// dropShape removes the member at a dotted path ("privacy.websites.x") from shapes.
func dropShape(path string) {
	parts := strings.Split(path, ".")
	s := shapes[parts[0]]
	for _, p := range parts[1 : len(parts)-1] {
		if s == nil {
			return
		}
		s = s.Members[p]
	}
	if s != nil {
		delete(s.Members, parts[len(parts)-1])
	}
}

func namespaceShape(ns *chromeschema.Namespace) *shape {
	s := &shape{Kind: "object", Members: map[string]*shape{}}
	add := func(name string, f chromeschema.Facts, m *shape) {
		if m == nil || !present(f) {
			return
		}
		m.permissions, m.manifestKeys, m.pagesOnly = f.MemberPermissions, f.MemberManifestKeys, f.MemberNoServiceWorker
		s.Members[name] = m
	}
	for _, f := range ns.Functions {
		add(f.Name, f.Facts, &shape{Kind: "function"})
	}
	for _, e := range ns.Events {
		add(e.Name, e.Facts, &shape{Kind: "event"})
	}
	for _, p := range ns.Properties {
		add(p.Name, p.Facts, typeShape(p.Type, map[string]bool{}))
	}
	for _, t := range ns.Types {
		switch {
		case t.Type.Kind == chromeschema.KindEnum:
			add(t.Name, t.Facts, &shape{Kind: "value", Value: enumObject(t.Type.Enum)})
		case t.Type.Kind == chromeschema.KindLiteral && strings.HasPrefix(t.Type.Literal, `"`):
			var v string
			_ = json.Unmarshal([]byte(t.Type.Literal), &v)
			add(t.Name, t.Facts, &shape{Kind: "value", Value: enumObject([]string{v})})
		}
	}
	return s
}

// typeShape is the shape of a property of type t: a constant's value, an event, or an object of
// members (a ChromeSetting's get/set/clear and onChange; privacy.network's settings); nil for a
// value hostsim cannot know (runtime.id is the model's).
func typeShape(t chromeschema.TypeRef, seen map[string]bool) *shape {
	switch t.Kind {
	case chromeschema.KindLiteral:
		var v any
		if json.Unmarshal([]byte(t.Literal), &v) != nil {
			return nil
		}
		return &shape{Kind: "value", Value: v}
	case chromeschema.KindRef:
		if t.Ref == "events.Event" {
			return &shape{Kind: "event"}
		}
		def := schema.Type(t.Ref)
		if def == nil || seen[t.Ref] {
			return nil
		}
		seen[t.Ref] = true
		defer delete(seen, t.Ref)
		s := typeShape(def.Type, seen)
		if s != nil && len(t.Properties) > 0 { // StorageArea & {QUOTA_BYTES: …}
			for _, m := range t.Properties {
				if ms := typeShape(m.Type, seen); ms != nil {
					s.Members[m.Name] = ms
				}
			}
		}
		return s
	case chromeschema.KindObject:
		if len(t.Methods) == 0 && !slices.ContainsFunc(t.Properties, func(m chromeschema.Member) bool {
			return m.Type.Kind == chromeschema.KindRef && (m.Type.Ref == "events.Event" || schema.Type(m.Type.Ref) != nil && len(schema.Type(m.Type.Ref).Type.Methods) > 0)
		}) {
			return nil // data, not an API object
		}
		s := &shape{Kind: "object", Members: map[string]*shape{}}
		for _, f := range t.Methods {
			s.Members[f.Name] = &shape{Kind: "function"}
		}
		for _, m := range t.Properties {
			if ms := typeShape(m.Type, seen); ms != nil {
				s.Members[m.Name] = ms
			}
		}
		return s
	}
	return nil
}

func onHost(platforms []string) bool {
	return len(platforms) == 0 || slices.Contains(platforms, hostPlatform)
}

// present reports whether a member exists in a released Chrome on hostPlatform.
func present(f chromeschema.Facts) bool {
	return f.Since != "Pending" && onHost(f.MemberPlatforms)
}

// enumObject is Chrome's JavaScript object for an enum: each value under its name in capitals,
// '-' and ' ' made '_', and a '_' in front of a leading digit (Chromium's api_binding).
func enumObject(values []string) map[string]string {
	out := map[string]string{}
	for _, v := range values {
		k := strings.Map(func(r rune) rune {
			if r == '-' || r == ' ' {
				return '_'
			}
			return unicode.ToUpper(r)
		}, v)
		if k != "" && unicode.IsDigit(rune(k[0])) {
			k = "_" + k
		}
		out[k] = v
	}
	return out
}

// schemaMethod is the argument check of Chrome's function api read from Chrome's schema; nil when
// the schema has no such function.
func schemaMethod(api string) *apiargs.Method {
	loadShapes()
	return apiargs.FromSchema(schema, api)
}

// finalAPI runs after every modelled namespace is installed, so that it only fills in what the
// models lack.
var finalAPI = &api{name: "not-simulated", enabled: func(*Context) bool { return true }}

func init() {
	finalAPI.program = goja.MustCompile("chrome-not-simulated.js", notSimulatedSrc, true)
	finalAPI.natives = func(c *Context, set func(string, any)) {
		extensionContext := c.kind == Worker || c.kind == ExtensionPage
		// standIns are parsed here rather than by the realm's JSON.parse, which goja runs through
		// encoding/json's tokenizer: a worker's stand-ins were most of what starting it cost.
		set("standIns", func() goja.Value {
			text := "{}"
			switch {
			case c.kind == UserScript:
				text = userScriptStandIns()
			case extensionContext:
				text = c.ext.standInsJSON(c.kind == Worker)
			}
			v, err := chromejson.Deserialize(c.realm.VM, text)
			if err != nil {
				panic(c.realm.VM.NewGoError(err))
			}
			return v
		})
		// standInCheck checks a stand-in call's arguments as Chrome's bindings would, from Chrome's
		// schema, so that a call Chrome refuses throws Chrome's error here too, fake or not.
		set("standInCheck", func(call goja.FunctionCall) goja.Value {
			m := schemaMethod(call.Argument(0).String())
			if m == nil {
				return goja.Null()
			}
			if _, err := m.Parse(c.realm.VM, call.Arguments[1:]); err != nil {
				return c.invocationFailure(err)
			}
			return goja.Null()
		})
		set("standInCall", func(api, argsJSON string) any {
			if c.ext == nil {
				return map[string]any{"error": "hostsim: chrome." + api + " is not simulated"}
			}
			return c.standInCall(api, argsJSON)
		})
		set("webGlobals", func() []string {
			if c.kind == Worker {
				return workerGlobals
			}
			return frameGlobals
		})
	}
}

// standInsJSON is the stand-ins of e's worker (or pages) as the JavaScript half reads them. They
// depend on the manifest alone, so they are built once per kind and load, not per context.
func (e *Extension) standInsJSON(worker bool) string {
	i := 0
	if worker {
		i = 1
	}
	if e.standIns[i] == "" {
		loadShapes()
		out := map[string]*shape{}
		for _, ns := range e.grantedNamespaces(worker) {
			out[ns] = shapes[ns].forContext(e, worker)
		}
		data, _ := json.Marshal(out)
		e.standIns[i] = string(data)
	}
	return e.standIns[i]
}

// grantedNamespaces lists the chrome.* namespaces Chrome gives e's worker (or its pages), sorted:
// those every extension has, those a manifest permission of e grants and those a manifest key of
// e grants (chrome.action, chrome.commands and chrome.omnibox are undefined without theirs,
// measured), as Chrome's schema says, without those a worker does not get.
func (e *Extension) grantedNamespaces(worker bool) []string {
	loadShapes()
	seen := map[string]bool{}
	for _, ns := range alwaysNamespaces {
		seen[ns] = true
	}
	seen["runtime"] = true
	if e.popupPage() != "" {
		seen["action"] = true
	}
	for _, ns := range schema.Namespaces {
		if _, ok := shapes[ns.Name]; !ok || worker && ns.NoServiceWorker || ns.Name == userScripts && !e.UserScriptsAllowed() {
			continue
		}
		for _, p := range ns.Permissions {
			if e.hasPermission(p) {
				seen[ns.Name] = true
			}
		}
		for _, k := range ns.ManifestKeys {
			if e.hasManifestKey(k) {
				seen[ns.Name] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for ns := range seen {
		if _, ok := shapes[ns]; ok {
			out = append(out, ns)
		}
	}
	sort.Strings(out)
	return out
}
