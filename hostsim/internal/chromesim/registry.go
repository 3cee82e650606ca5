package chromesim

import (
	"slices"
	"strconv"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

// scriptByID is a script a registry keeps by id: scripting's registered content scripts and
// userScripts' user scripts, which Chrome registers and updates by the same rules.
type scriptByID interface {
	comparable
	scriptID() string
	info() map[string]any
}

func (s *registeredScript) scriptID() string { return s.id }
func (s *userScript) scriptID() string       { return s.id }

// findScript is the script of list with id, if any.
func findScript[S scriptByID](list []S, id string) (S, bool) {
	i := slices.IndexFunc(list, func(s S) bool { return s.scriptID() == id })
	if i < 0 {
		var none S
		return none, false
	}
	return list[i], true
}

// registerAll reads every script of list (read gets a zero base) and returns registered with them
// added, or Chrome's error for the first refused one (an empty id, one starting with "_", one
// registered already or listed twice, or read's): all or none.
func registerAll[S scriptByID](c *Context, list *goja.Object, registered []S, read func(o *goja.Object, base S) (S, string)) ([]S, string) {
	var add []S
	var none S
	for i := range int(list.Get("length").ToInteger()) {
		o := list.Get(strconv.Itoa(i)).ToObject(c.realm.VM)
		id := o.Get("id").String()
		_, already := findScript(registered, id)
		_, twice := findScript(add, id)
		switch {
		case id == "":
			return nil, apiargs.ErrScriptingEmptyID
		case id[0] == '_':
			return nil, apiargs.ScriptingIDUnderscore(id)
		case already || twice:
			return nil, apiargs.ScriptingDuplicateID(id)
		}
		s, errText := read(o, none)
		if errText != "" {
			return nil, errText
		}
		add = append(add, s)
	}
	return append(registered, add...), ""
}

// updateAll reads every script of list over the registered one of its id and returns registered
// with them in place, or Chrome's error for the first refused one (an id not registered, or
// read's): all or none.
func updateAll[S scriptByID](c *Context, list *goja.Object, registered []S, read func(o *goja.Object, base S) (S, string)) ([]S, string) {
	changed := map[string]S{}
	for i := range int(list.Get("length").ToInteger()) {
		o := list.Get(strconv.Itoa(i)).ToObject(c.realm.VM)
		id := o.Get("id").String()
		base, ok := findScript(registered, id)
		if !ok {
			return nil, apiargs.ScriptingNotRegistered(id)
		}
		s, errText := read(o, base)
		if errText != "" {
			return nil, errText
		}
		changed[id] = s
	}
	out := slices.Clone(registered)
	for i, s := range out {
		if n, ok := changed[s.scriptID()]; ok {
			out[i] = n
		}
	}
	return out, ""
}

// scriptInfos lists the scripts ids names (all of them when all), as the registry's get reports
// them, in registration order.
func scriptInfos[S scriptByID](list []S, ids []string, all bool) []map[string]any {
	out := []map[string]any{}
	for _, s := range list {
		if all || slices.Contains(ids, s.scriptID()) {
			out = append(out, s.info())
		}
	}
	return out
}

// unregisterAll returns list without the scripts ids names (without any when all), or Chrome's
// error for the first id not registered: all or none.
func unregisterAll[S scriptByID](list []S, ids []string, all bool) ([]S, string) {
	if all {
		return nil, ""
	}
	for _, id := range ids {
		if _, ok := findScript(list, id); !ok {
			return nil, apiargs.ScriptingNonexistentID(id)
		}
	}
	return slices.DeleteFunc(slices.Clone(list), func(s S) bool { return slices.Contains(ids, s.scriptID()) }), ""
}
