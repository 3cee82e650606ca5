package chromesim

import (
	_ "embed"
	"encoding/json"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
	"github.com/extwasm/extwasm/hostsim/internal/matchpattern"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

//go:embed userscripts.js
var userScriptsSrc string

func init() {
	registerAPI("userScripts", userScriptsSrc,
		func(c *Context) bool { return c.inExtensionProcess() && c.ext.UserScriptsAllowed() },
		func(c *Context, set func(string, any)) {
			set("enums", c.enums(map[string][]string{"ExecutionWorld": apiargs.UserScriptsWorlds}))
			set("register", func(call goja.FunctionCall) goja.Value {
				return c.registeredCall(apiargs.UserScriptsRegisterMethod, call, c.ext.registerUserScripts)
			})
			set("update", func(call goja.FunctionCall) goja.Value {
				return c.registeredCall(apiargs.UserScriptsUpdateMethod, call, c.ext.updateUserScripts)
			})
			set("getScripts", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.UserScriptsGetScriptsMethod, call)
				if fail != nil {
					return fail
				}
				ids, all := filterIDs(c, p[0])
				return c.settle(p[1], scriptInfos(c.ext.users.scripts, ids, all), "")
			})
			set("unregister", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.UserScriptsUnregisterMethod, call)
				if fail != nil {
					return fail
				}
				ids, all := filterIDs(c, p[0])
				out, errText := unregisterAll(c.ext.users.scripts, ids, all)
				if errText == "" {
					c.ext.users.scripts = out
				}
				return c.settle(p[1], nil, errText)
			})
			set("execute", c.executeUserScript)
			set("configureWorld", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.UserScriptsConfigureWorldMethod, call)
				if fail != nil {
					return fail
				}
				props := p[0].(*goja.Object)
				id := optString(props, "worldId")
				if id != "" && id[0] == '_' {
					return c.settle(p[1], nil, chromefacts.ErrUserScriptWorldIDReserved)
				}
				c.ext.users.configure(id, props)
				return c.settle(p[1], nil, "")
			})
			set("getWorldConfigurations", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.UserScriptsGetWorldConfigurationsMethod, call)
				if fail != nil {
					return fail
				}
				out := []map[string]any{}
				for _, w := range c.ext.users.worlds {
					out = append(out, w.info())
				}
				return c.settle(p[0], out, "")
			})
			set("resetWorldConfiguration", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.UserScriptsResetWorldConfigurationMethod, call)
				if fail != nil {
					return fail
				}
				id := ""
				if !isNullish(p[0]) {
					id = p[0].String()
				}
				u := &c.ext.users
				u.worlds = slices.DeleteFunc(u.worlds, func(w *worldConfig) bool { return w.id == id })
				return c.settle(p[1], nil, "")
			})
		})
}

// userScriptState is an extension's chrome.userScripts state: its registered scripts in
// registration order and its worlds' configurations, the default world ("") first, then by id.
type userScriptState struct {
	scripts []*userScript
	worlds  []*worldConfig
	// off is the "Allow User Scripts" switch turned off by the test (SetUserScriptsAllowed).
	off bool
}

// UserScriptsAllowed reports whether chrome.userScripts exists for e: its manifest asks for the
// "userScripts" permission and the switch is on. Chromium 138+ has it only once the user turns on
// "Allow User Scripts"; hostsim starts with it on, as the project's Chromium harness does.
func (e *Extension) UserScriptsAllowed() bool {
	return e.man.HasPermission("userScripts") && !e.users.off
}

// SetUserScriptsAllowed turns e's "Allow User Scripts" switch on or off. Contexts started from
// then on see the change; as in Chromium 156, a running worker keeps the chrome.userScripts it
// had, and registered scripts do not run in documents loaded while the switch is off.
func (e *Extension) SetUserScriptsAllowed(on bool) {
	e.users.off = !on
	e.standIns = [2]string{}
}

// forget drops the registered scripts and the worlds' configurations, as a reload of the extension
// does (measured in Chromium 156, reloading through DevTools' Extensions.loadUnpacked: getScripts
// and getWorldConfigurations are empty afterwards). The switch stays as it was.
func (u *userScriptState) forget() { u.scripts, u.worlds = nil, nil }

func (u *userScriptState) script(id string) *userScript {
	s, _ := findScript(u.scripts, id)
	return s
}

// worldConfig is one world's configureWorld properties.
type worldConfig struct {
	id        string
	csp       *string
	messaging bool
}

// info is the configuration as getWorldConfigurations reports it (measured: messaging always,
// worldId and csp only when set).
func (w *worldConfig) info() map[string]any {
	out := map[string]any{"messaging": w.messaging}
	if w.id != "" {
		out["worldId"] = w.id
	}
	if w.csp != nil {
		out["csp"] = *w.csp
	}
	return out
}

// configure applies configureWorld's properties to world id. Properties left out keep their
// value (measured: configureWorld({}) after {messaging: true} leaves messaging on).
func (u *userScriptState) configure(id string, props *goja.Object) {
	i := slices.IndexFunc(u.worlds, func(w *worldConfig) bool { return w.id == id })
	if i < 0 {
		u.worlds = append(u.worlds, &worldConfig{id: id})
		sort.SliceStable(u.worlds, func(a, b int) bool { return u.worlds[a].id < u.worlds[b].id })
		i = slices.IndexFunc(u.worlds, func(w *worldConfig) bool { return w.id == id })
	}
	w := u.worlds[i]
	if v := props.Get("csp"); !isNullish(v) {
		s := v.String()
		w.csp = &s
	}
	w.messaging = optBool(props, "messaging", w.messaging)
}

// messaging reports whether a new USER_SCRIPT world id gets runtime.sendMessage and connect: its
// own configuration's flag. Measured in Chromium 156: a world without a configuration of its own
// has no messaging even when the default world's configuration enables it.
func (u *userScriptState) messaging(id string) bool {
	for _, w := range u.worlds {
		if w.id == id {
			return w.messaging
		}
	}
	return false
}

// userScript is one registered user script.
type userScript struct {
	id                         string
	matches, excludeMatches    []string
	includeGlobs, excludeGlobs []string
	hasMatches                 bool
	js                         []scriptSource
	allFrames                  bool
	runAt, world, worldID      string
	matchParsed, excludeParsed []*matchpattern.Pattern
}

// scriptSource is a ScriptSource: inline code or an extension file.
type scriptSource struct {
	code, file string
}

func (s scriptSource) info() map[string]any {
	if s.file != "" {
		return map[string]any{"file": s.file}
	}
	return map[string]any{"code": s.code}
}

// info is the script as getScripts reports it (measured: allFrames, runAt and world filled in,
// lists not given absent).
func (s *userScript) info() map[string]any {
	js := make([]map[string]any, len(s.js))
	for i, src := range s.js {
		js[i] = src.info()
	}
	out := map[string]any{"id": s.id, "allFrames": s.allFrames, "js": js, "matches": s.matches,
		"runAt": s.runAt, "world": s.world}
	for k, v := range map[string][]string{"excludeMatches": s.excludeMatches, "includeGlobs": s.includeGlobs, "excludeGlobs": s.excludeGlobs} {
		if v != nil {
			out[k] = v
		}
	}
	if s.worldID != "" {
		out["worldId"] = s.worldID
	}
	return out
}

// readSources reads a list of ScriptSource, or reports ok false when one has both or neither of
// code and file.
func readSources(o goja.Value, vm *goja.Runtime) ([]scriptSource, bool) {
	list, isObj := o.(*goja.Object)
	if !isObj {
		return nil, true
	}
	var out []scriptSource
	for i := range int(list.Get("length").ToInteger()) {
		src := list.Get(strconv.Itoa(i)).ToObject(vm)
		code, file := src.Get("code"), src.Get("file")
		if isNullish(code) == isNullish(file) {
			return nil, false
		}
		if !isNullish(file) {
			out = append(out, scriptSource{file: file.String()})
		} else {
			out = append(out, scriptSource{code: code.String()})
		}
	}
	return out, true
}

// readUserScript reads one RegisteredUserScript over base (nil for a new one) and checks it as
// Chrome does, returning its error text.
func (e *Extension) readUserScript(c *Context, o *goja.Object, base *userScript) (*userScript, string) {
	vm := c.realm.VM
	s := &userScript{runAt: "document_idle", world: "USER_SCRIPT"}
	if base != nil {
		cp := *base
		s = &cp
	}
	s.id = o.Get("id").String()
	strs := func(k string, into *[]string) bool {
		v := o.Get(k)
		if isNullish(v) {
			return false
		}
		*into = []string{}
		_ = vm.ExportTo(v, into)
		return true
	}
	if strs("matches", &s.matches) {
		s.hasMatches = true
	}
	strs("excludeMatches", &s.excludeMatches)
	strs("includeGlobs", &s.includeGlobs)
	strs("excludeGlobs", &s.excludeGlobs)
	if v := o.Get("js"); !isNullish(v) {
		js, ok := readSources(v, vm)
		if !ok {
			return nil, chromefacts.UserScriptCodeOrFile(s.id)
		}
		s.js = js
	}
	s.allFrames = optBool(o, "allFrames", s.allFrames)
	if v := optString(o, "runAt"); v != "" {
		s.runAt = v
	}
	if v := optString(o, "world"); v != "" {
		s.world = v
	}
	if v := o.Get("worldId"); !isNullish(v) {
		s.worldID = v.String()
	}
	switch {
	case s.worldID != "" && s.world == "MAIN":
		return nil, chromefacts.ErrUserScriptWorldIDNotUserScript
	case s.worldID != "" && s.worldID[0] == '_':
		return nil, chromefacts.ErrUserScriptWorldIDReserved
	case !s.hasMatches:
		return nil, chromefacts.UserScriptNoMatches(s.id)
	case len(s.matches) == 0:
		return nil, chromefacts.UserScriptNoMatch(s.id)
	case len(s.js) == 0:
		return nil, chromefacts.UserScriptNoJS(s.id)
	}
	s.matchParsed, s.excludeParsed = nil, nil
	for i, m := range s.matches {
		pat, err := matchpattern.Parse(m, matchpattern.SchemesExtension)
		if err != nil {
			return nil, apiargs.ScriptingBadMatch(s.id, i, err.Error())
		}
		s.matchParsed = append(s.matchParsed, pat)
	}
	for i, m := range s.excludeMatches {
		pat, err := matchpattern.Parse(m, matchpattern.SchemesExtension)
		if err != nil {
			return nil, chromefacts.UserScriptBadExcludeMatch(s.id, i, err.Error())
		}
		s.excludeParsed = append(s.excludeParsed, pat)
	}
	for _, src := range s.js {
		if src.file == "" {
			continue
		}
		if _, err := e.readFile(src.file); err != nil {
			return nil, apiargs.ScriptingCouldNotLoadRegistered("javascript", src.file)
		}
	}
	return s, ""
}

// registerUserScripts is userScripts.register: all the scripts are added, or none.
func (e *Extension) registerUserScripts(c *Context, list *goja.Object) string {
	out, errText := registerAll(c, list, e.users.scripts, func(o *goja.Object, base *userScript) (*userScript, string) {
		return e.readUserScript(c, o, base)
	})
	if errText == "" {
		e.users.scripts = out
	}
	return errText
}

// updateUserScripts is userScripts.update: the scripts' given fields change, all or none.
func (e *Extension) updateUserScripts(c *Context, list *goja.Object) string {
	out, errText := updateAll(c, list, e.users.scripts, func(o *goja.Object, base *userScript) (*userScript, string) {
		return e.readUserScript(c, o, base)
	})
	if errText == "" {
		e.users.scripts = out
	}
	return errText
}

// matchesURL reports whether the script runs in a document at raw. Measured in Chromium 156 (scenario
// userscripts-frames): unlike a content script's, a user script's includeGlobs widen its matches
// instead of narrowing them (a page either one matches is in), and then excludeMatches and
// excludeGlobs take pages out.
func (s *userScript) matchesURL(raw string) bool {
	hit := func(p *matchpattern.Pattern) bool { return p.MatchString(raw) }
	glob := func(g string) bool { return globMatch(g, raw) }
	if !slices.ContainsFunc(s.matchParsed, hit) && !slices.ContainsFunc(s.includeGlobs, glob) {
		return false
	}
	return !slices.ContainsFunc(s.excludeParsed, hit) && !slices.ContainsFunc(s.excludeGlobs, glob)
}

// globMatch is a content script glob: * is any run of characters, ? any one character. Not
// path.Match, which treats "/" specially and has character classes, which globs do not. It
// backtracks only to the last *, so it takes time linear in len(glob)·len(s) at worst.
func globMatch(glob, s string) bool {
	g, i, star, mark := 0, 0, -1, 0
	for i < len(s) {
		switch {
		case g < len(glob) && (glob[g] == '?' || glob[g] == s[i]):
			g++
			i++
		case g < len(glob) && glob[g] == '*':
			star, mark = g, i
			g++
		case star >= 0:
			g, mark = star+1, mark+1
			i = mark
		default:
			return false
		}
	}
	for g < len(glob) && glob[g] == '*' {
		g++
	}
	return g == len(glob)
}

// userScriptStandIns are the stand-ins of a USER_SCRIPT world: chrome.runtime's constants and enums
// (measured in Chromium 156: its runtime has them beside id and dynamicId).
var userScriptStandIns = sync.OnceValue(func() string {
	loadShapes()
	runtime := &shape{Kind: "object", Members: map[string]*shape{}}
	if r := shapes["runtime"]; r != nil {
		for name, m := range r.Members {
			if m.Kind == "value" {
				runtime.Members[name] = m
			}
		}
	}
	data, _ := json.Marshal(map[string]*shape{"runtime": runtime})
	return string(data)
})

// userWorld is e's USER_SCRIPT world id ("" for the default one) in f, made on first use with
// the world's messaging configuration of that moment.
func (b *Browser) userWorld(f *Frame, e *Extension, id string) (*Context, error) {
	key := userWorldKey(e.id, id)
	if c := f.isolated[key]; c != nil {
		return c, nil
	}
	c, err := b.newContextWith(UserScript, e, f, f.url, func(c *Context) {
		c.userWorldID = id
		c.userMessaging = e.users.messaging(id)
	})
	if err != nil {
		return nil, err
	}
	if b.opts.DOM != nil && f.doc != nil {
		if err := b.opts.DOM.Bind(c.realm, f.doc); err != nil {
			c.realm.ReportError(err)
		}
	}
	f.isolated[key] = c
	b.Transcript.add(Entry{Kind: "inject", From: "browser", To: c.name, Outcome: f.url})
	return c, nil
}

// userWorldKey keys a USER_SCRIPT world among a frame's isolated worlds; an extension id has no
// "/", so it cannot meet a content script's key.
func userWorldKey(extID, worldID string) string { return extID + "/" + worldID }

// userWorlds are e's USER_SCRIPT worlds in f.
func (f *Frame) userWorlds(e *Extension) []*Context {
	var out []*Context
	for _, k := range sortedKeys(f.isolated) {
		if len(k) > len(e.id) && k[:len(e.id)+1] == e.id+"/" {
			out = append(out, f.isolated[k])
		}
	}
	return out
}

// injectUserScripts runs e's registered user scripts for runAt in f's new document: those whose
// patterns and globs match it, in the top frame or, with allFrames, any frame, when e may access
// the page.
func (b *Browser) injectUserScripts(f *Frame, e *Extension, runAt string) {
	if !e.UserScriptsAllowed() {
		return
	}
	for _, s := range e.users.scripts {
		if s.runAt != runAt || (f.parent != nil && !s.allFrames) || !canAccess(e, f.url) || !s.matchesURL(f.url) {
			continue
		}
		world := f.main
		if s.world != "MAIN" {
			var err error
			if world, err = b.userWorld(f, e, s.worldID); err != nil {
				f.main.realm.ReportError(err)
				continue
			}
		}
		for _, src := range s.js {
			name, code := "", src.code
			if src.file != "" {
				data, err := e.readFile(src.file)
				if err != nil {
					continue
				}
				name, code = e.URL(src.file), string(data)
			}
			_ = world.runScript(name, code)
		}
	}
}

// executeUserScript is userScripts.execute(injection, [callback]): the sources run in the target
// frames' USER_SCRIPT world (or main world), each as a task of that world, and the call resolves
// with [{documentId, frameId, result}] in frame order once every frame's result (awaited when it
// is a promise; null when the script throws, measured) is in.
func (c *Context) executeUserScript(call goja.FunctionCall) goja.Value {
	p, fail := c.parseCall(apiargs.UserScriptsExecuteMethod, call)
	if fail != nil {
		return fail
	}
	vm := c.realm.VM
	inj := p[0].(*goja.Object)
	req := c.b.newRequest()
	failWith := func(text string) goja.Value {
		c.b.settleLater(c, req, nil, text)
		return c.request(req, p[1])
	}
	js, ok := readSources(inj.Get("js"), vm)
	main := optString(inj, "world") == "MAIN"
	worldID := optString(inj, "worldId")
	switch {
	case !ok:
		return failWith(chromefacts.ErrUserScriptExecuteNoJS)
	case len(js) == 0:
		return failWith(chromefacts.ErrUserScriptExecuteNoJS)
	case main && worldID != "":
		return failWith(chromefacts.ErrUserScriptWorldIDNotUserScript)
	}
	frames, errText := c.injectionFrames(inj.Get("target").ToObject(vm))
	if errText != "" {
		return failWith(errText)
	}
	names, codes := make([]string, len(js)), make([]string, len(js))
	for i, src := range js {
		codes[i] = src.code
		if src.file != "" {
			data, err := c.ext.readFile(src.file)
			if err != nil {
				return failWith(apiargs.ScriptingCouldNotLoad(src.file))
			}
			names[i], codes[i] = c.ext.URL(src.file), string(data)
		}
	}
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
		world := f.main
		if !main {
			w, err := c.b.userWorld(f, c.ext, worldID)
			if err != nil {
				f.main.realm.ReportError(err)
			}
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
			var v goja.Value
			for j, code := range codes {
				var err error
				if v, err = world.realm.RunScript(names[j], code); err != nil {
					world.realm.ReportError(err)
					done(i, nil)
					return
				}
			}
			world.awaitResult(v, func(v any) { done(i, v) })
		})
	}
	return c.request(req, p[1])
}
