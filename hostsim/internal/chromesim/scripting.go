package chromesim

import (
	_ "embed"
	"errors"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
	"github.com/extwasm/extwasm/hostsim/internal/chromejson"
	"github.com/extwasm/extwasm/hostsim/internal/matchpattern"
)

//go:embed scripting.js
var scriptingSrc string

func init() {
	registerAPI("scripting", scriptingSrc,
		func(c *Context) bool { return c.inExtensionProcess() && c.ext.hasPermission("scripting") },
		func(c *Context, set func(string, any)) {
			set("enums", c.enums(map[string][]string{"ExecutionWorld": apiargs.ScriptingWorlds, "StyleOrigin": apiargs.ScriptingStyleOrigins}))
			set("executeScript", c.executeScript)
			set("insertCSS", func(call goja.FunctionCall) goja.Value { return c.cssCall(apiargs.ScriptingInsertCSSMethod, call) })
			set("removeCSS", func(call goja.FunctionCall) goja.Value { return c.cssCall(apiargs.ScriptingRemoveCSSMethod, call) })
			set("registerContentScripts", func(call goja.FunctionCall) goja.Value {
				return c.registeredCall(apiargs.ScriptingRegisterContentScriptsMethod, call, c.ext.registerScripts)
			})
			set("updateContentScripts", func(call goja.FunctionCall) goja.Value {
				return c.registeredCall(apiargs.ScriptingUpdateContentScriptsMethod, call, c.ext.updateScripts)
			})
			set("getRegisteredContentScripts", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.ScriptingGetRegisteredContentScriptsMethod, call)
				if fail != nil {
					return fail
				}
				ids, all := filterIDs(c, p[0])
				return c.settle(p[1], scriptInfos(c.ext.registered, ids, all), "")
			})
			set("unregisterContentScripts", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.ScriptingUnregisterContentScriptsMethod, call)
				if fail != nil {
					return fail
				}
				ids, all := filterIDs(c, p[0])
				out, errText := unregisterAll(c.ext.registered, ids, all)
				if errText == "" {
					c.ext.registered = out
				}
				return c.settle(p[1], nil, errText)
			})
		})
}

// canAccess reports whether e may inject into a page at rawURL: its host permissions (optional
// ones once granted) or its manifest's content_scripts matches cover it (measured: a frame only a
// content script's matches cover is accessible to executeScript).
func canAccess(e *Extension, rawURL string) bool {
	if isExtensionPage(rawURL) {
		return false // no host permission, <all_urls> included, reaches an extension's pages
	}
	return slices.ContainsFunc(e.grantedHosts(), func(p *matchpattern.Pattern) bool { return p.MatchString(rawURL) })
}

func isExtensionPage(rawURL string) bool { return strings.HasPrefix(rawURL, "chrome-extension://") }

// injectionFrames resolves an InjectionTarget: the tab's top frame, the listed frames or
// documents, or with allFrames every frame the extension may access. It returns Chrome's error
// text when the target is refused.
func (c *Context) injectionFrames(target *goja.Object) ([]*Frame, string) {
	tabID := int(target.Get("tabId").ToInteger())
	t := c.b.Tab(tabID)
	if t == nil {
		return nil, apiargs.ScriptingNoTab(tabID)
	}
	var frameIDs []int
	var docIDs []string
	if v := target.Get("frameIds"); !isNullish(v) {
		_ = c.realm.VM.ExportTo(v, &frameIDs)
	}
	if v := target.Get("documentIds"); !isNullish(v) {
		_ = c.realm.VM.ExportTo(v, &docIDs)
	}
	allFrames := optBool(target, "allFrames", false)
	if allFrames && (frameIDs != nil || docIDs != nil) {
		return nil, apiargs.ErrScriptingAllFrames
	}
	var frames []*Frame
	switch {
	case allFrames:
		for _, f := range sortedFrames(t) {
			if f == t.top || canAccess(c.ext, f.url) { // frames it may not access are left out
				frames = append(frames, f)
			}
		}
	case frameIDs != nil || docIDs != nil:
		for _, id := range frameIDs {
			f := t.frames[id]
			if f == nil {
				return nil, apiargs.ScriptingNoFrame(id, tabID)
			}
			frames = append(frames, f)
		}
		for _, doc := range docIDs {
			i := slices.IndexFunc(sortedFrames(t), func(f *Frame) bool { return f.docID == doc })
			if i < 0 {
				return nil, apiargs.ScriptingNoDocument(doc, tabID)
			}
			frames = append(frames, sortedFrames(t)[i])
		}
	default:
		frames = []*Frame{t.top}
	}
	for _, f := range frames {
		if !canAccess(c.ext, f.url) {
			if isExtensionPage(f.url) {
				return nil, apiargs.ScriptingNoURLAccess(f.url)
			}
			return nil, apiargs.ErrScriptingNoHostAccess
		}
	}
	return frames, ""
}

// executeScript is scripting.executeScript(injection, [callback]): files or a function with
// arguments run in the target frames' isolated (or main) world, each as a task of that world, and
// the call resolves with [{documentId, frameId, result}] in frame order once every frame's result
// (awaited when it is a promise) is in.
func (c *Context) executeScript(call goja.FunctionCall) goja.Value {
	m := apiargs.ScriptingExecuteScriptMethod
	p, fail := c.parseCall(m, call)
	if fail != nil {
		return fail
	}
	inj := p[0].(*goja.Object)
	argsJSON := "[]"
	if a, ok := inj.Get("args").(*goja.Object); ok {
		n := int(a.Get("length").ToInteger())
		for i := range n {
			v := a.Get(strconv.Itoa(i))
			if isFunc(v) || typeName(v) == "symbol" {
				return c.invocationFailure(m.Error(apiargs.ArgumentError("injection",
					apiargs.PropertyError("args", apiargs.IndexError(i, apiargs.ErrScriptingUnserializable)))))
			}
		}
		s, err := chromejson.Serialize(c.realm.VM, a)
		if err != nil {
			return c.invocationFailure(m.Error(apiargs.ArgumentError("injection", apiargs.PropertyError("args", apiargs.ErrScriptingUnserializable))))
		}
		argsJSON = s
	}
	var files []string
	if v := inj.Get("files"); !isNullish(v) {
		_ = c.realm.VM.ExportTo(v, &files)
	}
	fn := inj.Get("func")
	hasFiles, hasFunc := !isNullish(inj.Get("files")), !isNullish(fn)
	req := c.b.newRequest()
	fail2 := func(text string) goja.Value {
		c.b.settleLater(c, req, nil, text)
		return c.request(req, p[1])
	}
	switch {
	case hasFiles == hasFunc:
		return fail2(apiargs.ErrScriptingFuncOrFiles)
	case hasFiles && !isNullish(inj.Get("args")):
		return fail2(apiargs.ErrScriptingArgsWithFiles)
	case hasFiles && len(files) == 0:
		return fail2(apiargs.ErrScriptingNoFiles)
	}
	frames, errText := c.injectionFrames(inj.Get("target").ToObject(c.realm.VM))
	if errText != "" {
		return fail2(errText)
	}
	var codes []string
	for _, f := range files {
		code, err := c.ext.readFile(f)
		if err != nil {
			return fail2(apiargs.ScriptingCouldNotLoad(f))
		}
		codes = append(codes, string(code))
	}
	src := ""
	if hasFunc {
		src = fn.String()
	}
	main := optString(inj, "world") == "MAIN"
	results := make([]map[string]any, len(frames))
	pending := len(frames)
	done := func(i int, v any) {
		results[i]["result"] = v
		if pending--; pending == 0 {
			c.b.settleLater(c, req, results, "")
		}
	}
	for i, f := range frames {
		results[i] = map[string]any{"documentId": f.docID, "frameId": f.id}
		var world *Context
		if main {
			world = f.main
		} else if w, err := c.b.isolatedWorld(f, c.ext); err == nil {
			world = w
		}
		if world == nil {
			done(i, nil)
			continue
		}
		c.b.hop(nil, world.realm, func() {
			if world.dead {
				done(i, nil)
				return
			}
			v, err := world.runInjection(c.ext, files, codes, src, argsJSON)
			if err != nil {
				world.realm.ReportError(err)
				done(i, nil)
				return
			}
			world.awaitResult(v, func(v any) { done(i, v) })
		})
	}
	return c.request(req, p[1])
}

// runInjection runs the files' code in order, or the function source with its arguments, and
// returns the completion value of the last file or the function's return value. The files are
// ext's (the injecting extension's): a page's main world belongs to no extension.
func (c *Context) runInjection(ext *Extension, files, codes []string, src, argsJSON string) (goja.Value, error) {
	if src == "" {
		var v goja.Value
		for i, code := range codes {
			var err error
			if v, err = c.realm.RunScript(ext.URL(files[i]), code); err != nil {
				return nil, err
			}
		}
		return v, nil
	}
	f, err := c.realm.RunScript("", "("+src+")")
	if err != nil {
		// goja's Function.prototype.toString drops the closing parenthesis of an arrow function
		// whose body is a parenthesized expression ("() => ({a: 1}" for "() => ({a: 1})").
		if f, err = c.realm.RunScript("", "("+src+"))"); err != nil {
			return nil, err
		}
	}
	fn, ok := goja.AssertFunction(f)
	if !ok {
		return goja.Undefined(), nil
	}
	args, err := chromejson.Deserialize(c.realm.VM, argsJSON)
	if err != nil {
		return nil, err
	}
	var list []goja.Value
	if o, ok := args.(*goja.Object); ok {
		for i := range int(o.Get("length").ToInteger()) {
			list = append(list, o.Get(strconv.Itoa(i)))
		}
	}
	return fn(goja.Undefined(), list...)
}

// awaitResult hands the injection's result to done as Chrome converts it: a promise's value once
// it fulfils, null when it rejects.
func (c *Context) awaitResult(v goja.Value, done func(any)) {
	vm := c.realm.VM
	if o, ok := v.(*goja.Object); ok {
		if o.ExportType() == reflect.TypeFor[*goja.Promise]() {
			then, _ := goja.AssertFunction(o.Get("then"))
			ok := vm.ToValue(func(call goja.FunctionCall) goja.Value {
				done(resultValue(call.Argument(0), 0))
				return goja.Undefined()
			})
			bad := vm.ToValue(func(call goja.FunctionCall) goja.Value {
				c.realm.ReportError(errors.New("(in promise) " + call.Argument(0).String()))
				done(nil)
				return goja.Undefined()
			})
			if _, err := then(o, ok, bad); err != nil {
				done(nil)
			}
			return
		}
	}
	done(resultValue(v, 0))
}

// omit marks a value Chrome leaves out of an object (undefined, functions, NaN).
type omit struct{}

// resultValue converts an injection result as Chrome's value converter does (measured): own
// enumerable properties only, so a Date or a Map is {}; undefined, functions, symbols and
// non-finite numbers are left out of objects and are null elsewhere.
func resultValue(v goja.Value, depth int) any {
	out := convertResult(v, depth)
	if _, ok := out.(omit); ok {
		return nil
	}
	return out
}

func convertResult(v goja.Value, depth int) any {
	if isNullish(v) {
		if v != nil && goja.IsNull(v) {
			return nil
		}
		return omit{}
	}
	if depth > 100 {
		return nil
	}
	switch typeName(v) {
	case "function", "symbol", "bigint":
		return omit{}
	case "number":
		f := v.ToFloat()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return omit{}
		}
		return f
	case "boolean":
		return v.ToBoolean()
	case "string":
		return v.String()
	}
	o, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	if o.ClassName() == "Array" {
		n := int(o.Get("length").ToInteger())
		arr := make([]any, n)
		for i := range n {
			arr[i] = resultValue(o.Get(strconv.Itoa(i)), depth+1)
		}
		return arr
	}
	obj := map[string]any{}
	for _, k := range o.Keys() {
		if x := convertResult(o.Get(k), depth+1); x != (omit{}) {
			obj[k] = x
		}
	}
	return obj
}

// typeName is a value's typeof.
func typeName(v goja.Value) string {
	switch {
	case goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "object"
	case goja.IsBigInt(v):
		return "bigint"
	}
	if _, ok := goja.AssertFunction(v); ok {
		return "function"
	}
	if _, ok := v.(*goja.Symbol); ok {
		return "symbol"
	}
	if _, ok := v.(*goja.Object); ok {
		return "object"
	}
	switch v.ExportType().Kind().String() {
	case "bool":
		return "boolean"
	case "string":
		return "string"
	}
	return "number"
}

// cssCall is insertCSS and removeCSS: the injection is checked as Chrome checks it (one of css
// and files, the tab and frames, host access, the files) and then has no effect, as hostsim
// applies no style sheets.
func (c *Context) cssCall(m *apiargs.Method, call goja.FunctionCall) goja.Value {
	p, fail := c.parseCall(m, call)
	if fail != nil {
		return fail
	}
	inj := p[0].(*goja.Object)
	var files []string
	if v := inj.Get("files"); !isNullish(v) {
		_ = c.realm.VM.ExportTo(v, &files)
	}
	errText := ""
	hasFiles, hasCSS := !isNullish(inj.Get("files")), !isNullish(inj.Get("css"))
	switch {
	case hasFiles == hasCSS:
		errText = apiargs.ErrScriptingCSSOrFiles
	case hasFiles && len(files) == 0:
		errText = apiargs.ErrScriptingNoFiles
	}
	if errText == "" {
		_, errText = c.injectionFrames(inj.Get("target").ToObject(c.realm.VM))
	}
	for _, f := range files {
		if _, err := c.ext.readFile(f); errText == "" && err != nil {
			errText = apiargs.ScriptingCouldNotLoad(f)
		}
	}
	return c.settle(p[1], nil, errText)
}

// registeredScript is a content script registered with scripting.registerContentScripts.
type registeredScript struct {
	id                           string
	matches, excludeMatches      []string
	js, css                      []string
	allFrames, originAsFallback  bool
	persist                      bool
	runAt, world                 string
	matchPatterns, excludeParsed []*matchpattern.Pattern
}

// info is the script as getRegisteredContentScripts reports it (measured: the defaults are
// filled in; lists not given are absent).
func (s *registeredScript) info() map[string]any {
	out := map[string]any{"id": s.id, "allFrames": s.allFrames, "matchOriginAsFallback": s.originAsFallback,
		"matches": s.matches, "persistAcrossSessions": s.persist, "runAt": s.runAt, "world": s.world}
	for k, v := range map[string][]string{"js": s.js, "css": s.css, "excludeMatches": s.excludeMatches} {
		if v != nil {
			out[k] = v
		}
	}
	return out
}

func (e *Extension) registeredScript(id string) *registeredScript {
	s, _ := findScript(e.registered, id)
	return s
}

// registeredCall parses a call that registers or updates scripts and settles it with apply's
// error text ("" for none).
func (c *Context) registeredCall(m *apiargs.Method, call goja.FunctionCall, apply func(c *Context, list *goja.Object) string) goja.Value {
	p, fail := c.parseCall(m, call)
	if fail != nil {
		return fail
	}
	return c.settle(p[1], nil, apply(c, p[0].(*goja.Object)))
}

// readScript reads one RegisteredContentScript over base (nil for a new one) and checks it as
// Chrome does, returning its error text.
func (e *Extension) readScript(c *Context, o *goja.Object, base *registeredScript) (*registeredScript, string) {
	s := &registeredScript{runAt: "document_idle", world: "ISOLATED", persist: true}
	if base != nil {
		cp := *base
		s = &cp
	}
	s.id = o.Get("id").String()
	strs := func(k string, into *[]string) {
		if v := o.Get(k); !isNullish(v) {
			*into = nil
			_ = c.realm.VM.ExportTo(v, into)
		}
	}
	strs("matches", &s.matches)
	strs("excludeMatches", &s.excludeMatches)
	strs("js", &s.js)
	strs("css", &s.css)
	s.allFrames = optBool(o, "allFrames", s.allFrames)
	s.originAsFallback = optBool(o, "matchOriginAsFallback", s.originAsFallback)
	s.persist = optBool(o, "persistAcrossSessions", s.persist)
	if v := optString(o, "runAt"); v != "" {
		s.runAt = v
	}
	if v := optString(o, "world"); v != "" {
		s.world = v
	}
	switch {
	case len(s.matches) == 0:
		return nil, apiargs.ScriptingNoMatches(s.id)
	case len(s.js) == 0 && len(s.css) == 0:
		return nil, apiargs.ScriptingNoFilesRegistered(s.id)
	}
	s.matchPatterns, s.excludeParsed = nil, nil
	for i, m := range s.matches {
		pat, err := matchpattern.Parse(m, matchpattern.SchemesExtension)
		if err != nil {
			return nil, apiargs.ScriptingBadMatch(s.id, i, err.Error())
		}
		if s.originAsFallback && pat.Path() != "/*" {
			return nil, apiargs.ErrScriptingOriginFallbackPath
		}
		s.matchPatterns = append(s.matchPatterns, pat)
	}
	for _, m := range s.excludeMatches {
		if pat, err := matchpattern.Parse(m, matchpattern.SchemesExtension); err == nil {
			s.excludeParsed = append(s.excludeParsed, pat)
		}
	}
	for _, f := range s.css {
		if _, err := e.readFile(f); err != nil {
			return nil, apiargs.ScriptingCouldNotLoadRegistered("css", f)
		}
	}
	for _, f := range s.js {
		if _, err := e.readFile(f); err != nil {
			return nil, apiargs.ScriptingCouldNotLoadRegistered("javascript", f)
		}
	}
	return s, ""
}

// registerScripts is registerContentScripts: all the scripts are added, or none.
func (e *Extension) registerScripts(c *Context, list *goja.Object) string {
	out, errText := registerAll(c, list, e.registered, func(o *goja.Object, base *registeredScript) (*registeredScript, string) {
		return e.readScript(c, o, base)
	})
	if errText == "" {
		e.registered = out
	}
	return errText
}

// updateScripts is updateContentScripts: the scripts' given fields change, all or none.
func (e *Extension) updateScripts(c *Context, list *goja.Object) string {
	out, errText := updateAll(c, list, e.registered, func(o *goja.Object, base *registeredScript) (*registeredScript, string) {
		return e.readScript(c, o, base)
	})
	if errText == "" {
		e.registered = out
	}
	return errText
}

// filterIDs reads a ContentScriptFilter: its ids, or all when it has none.
func filterIDs(c *Context, filter goja.Value) ([]string, bool) {
	o, ok := filter.(*goja.Object)
	if !ok || isNullish(o.Get("ids")) {
		return nil, true
	}
	var ids []string
	_ = c.realm.VM.ExportTo(o.Get("ids"), &ids)
	return ids, false
}

// injectRegistered runs e's registered content scripts for runAt in f's new document: those
// whose patterns match it, in the top frame or, with allFrames, any frame, when e may access the
// page. Their CSS is not applied (hostsim applies no style sheets).
func (b *Browser) injectRegistered(f *Frame, e *Extension, runAt string) {
	for _, s := range e.registered {
		if s.runAt != runAt || len(s.js) == 0 || (f.parent != nil && !s.allFrames) || !canAccess(e, f.url) ||
			!slices.ContainsFunc(s.matchPatterns, func(p *matchpattern.Pattern) bool { return p.MatchString(f.url) }) ||
			slices.ContainsFunc(s.excludeParsed, func(p *matchpattern.Pattern) bool { return p.MatchString(f.url) }) {
			continue
		}
		world := f.main
		if s.world != "MAIN" {
			var err error
			if world, err = b.isolatedWorld(f, e); err != nil {
				f.main.realm.ReportError(err)
				continue
			}
		}
		for _, js := range s.js {
			if code, err := e.readFile(js); err == nil {
				_ = world.runScript(e.URL(js), string(code))
			}
		}
	}
}
