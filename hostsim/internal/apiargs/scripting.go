package apiargs

import "fmt"

// The schemas of scripting.idl as Chromium 156 uses them, and chrome.scripting's error texts
// (measured in the scenario scripting).
var (
	// ScriptingWorlds are scripting.ExecutionWorld's values; ScriptingStyleOrigins StyleOrigin's.
	ScriptingWorlds       = []string{"ISOLATED", "MAIN"}
	ScriptingStyleOrigins = []string{"AUTHOR", "USER"}
	// scriptingRunAt is extensionTypes.RunAt.
	scriptingRunAt = []string{"document_end", "document_idle", "document_start"}

	scriptingTarget = param{name: "target", kind: kindObject, ref: "scripting.InjectionTarget", props: map[string]param{
		"tabId":       {name: "tabId", kind: kindInteger},
		"frameIds":    {name: "frameIds", kind: kindArray, optional: true, items: &param{kind: kindInteger}},
		"documentIds": {name: "documentIds", kind: kindArray, optional: true, items: &param{kind: kindString}},
		"allFrames":   {name: "allFrames", kind: kindBoolean, optional: true},
	}}
	scriptingFiles = param{name: "files", kind: kindArray, optional: true, items: &param{kind: kindString}}

	ScriptingExecuteScriptMethod = register(&Method{Name: "scripting.executeScript", hasCallback: true, params: []param{
		{name: "injection", kind: kindObject, ref: "scripting.ScriptInjection", props: map[string]param{
			"target":            scriptingTarget,
			"files":             scriptingFiles,
			"func":              {name: "func", kind: kindFunction, optional: true},
			"args":              {name: "args", kind: kindArray, optional: true, items: &param{kind: kindAny}},
			"world":             {name: "world", kind: kindString, optional: true, enum: ScriptingWorlds},
			"injectImmediately": {name: "injectImmediately", kind: kindBoolean, optional: true},
		}},
		optionalCallback,
	}})
	scriptingCSSInjection = param{name: "injection", kind: kindObject, ref: "scripting.CSSInjection", props: map[string]param{
		"target": scriptingTarget,
		"css":    {name: "css", kind: kindString, optional: true},
		"files":  scriptingFiles,
		"origin": {name: "origin", kind: kindString, optional: true, enum: ScriptingStyleOrigins},
	}}
	ScriptingInsertCSSMethod = register(&Method{Name: "scripting.insertCSS", hasCallback: true, params: []param{scriptingCSSInjection, optionalCallback}})
	ScriptingRemoveCSSMethod = register(&Method{Name: "scripting.removeCSS", hasCallback: true, params: []param{scriptingCSSInjection, optionalCallback}})

	scriptingContentScript = func() param {
		opt := func(name string, k kind) param { return param{name: name, kind: k, optional: true} }
		strs := func(name string) param {
			return param{name: name, kind: kindArray, optional: true, items: &param{kind: kindString}}
		}
		return param{kind: kindObject, ref: "scripting.RegisteredContentScript", props: map[string]param{
			"id":                    {name: "id", kind: kindString},
			"matches":               strs("matches"),
			"excludeMatches":        strs("excludeMatches"),
			"css":                   strs("css"),
			"js":                    strs("js"),
			"allFrames":             opt("allFrames", kindBoolean),
			"matchOriginAsFallback": opt("matchOriginAsFallback", kindBoolean),
			"runAt":                 {name: "runAt", kind: kindString, optional: true, enum: scriptingRunAt},
			"persistAcrossSessions": opt("persistAcrossSessions", kindBoolean),
			"world":                 {name: "world", kind: kindString, optional: true, enum: ScriptingWorlds},
		}}
	}
	scriptingScripts = param{name: "scripts", kind: kindArray, items: ptr(scriptingContentScript())}
	scriptingFilter  = func(ref string) param {
		return param{name: "filter", kind: kindObject, optional: true, ref: ref, props: map[string]param{
			"ids": {name: "ids", kind: kindArray, optional: true, items: &param{kind: kindString}},
		}}
	}

	ScriptingRegisterContentScriptsMethod = register(&Method{Name: "scripting.registerContentScripts", hasCallback: true, params: []param{
		scriptingScripts, optionalCallback,
	}})
	ScriptingUpdateContentScriptsMethod = register(&Method{Name: "scripting.updateContentScripts", hasCallback: true, params: []param{
		scriptingScripts, optionalCallback,
	}})
	ScriptingGetRegisteredContentScriptsMethod = register(&Method{Name: "scripting.getRegisteredContentScripts", hasCallback: true, params: []param{
		scriptingFilter("scripting.ContentScriptFilter"), optionalCallback,
	}})
	ScriptingUnregisterContentScriptsMethod = register(&Method{Name: "scripting.unregisterContentScripts", hasCallback: true, params: []param{
		scriptingFilter("scripting.ContentScriptFilter"), optionalCallback,
	}})
)

func ptr(p param) *param { return &p }

// chrome.scripting's errors in Chromium 156. Trailing periods matter: some have one, some not.
const (
	// ErrScriptingNoHostAccess: a frame whose URL the extension has no host permission for.
	ErrScriptingNoHostAccess = "Cannot access contents of the page. Extension manifest must request permission to access the respective host."
	// ErrScriptingFuncOrFiles: executeScript with both or neither of func and files. No period.
	ErrScriptingFuncOrFiles = "Exactly one of 'func' and 'files' must be specified"
	// ErrScriptingCSSOrFiles: insertCSS or removeCSS with both or neither of css and files.
	ErrScriptingCSSOrFiles = "Exactly one of 'css' and 'files' must be specified."
	// ErrScriptingNoFiles: an empty files list.
	ErrScriptingNoFiles = "At least one file must be specified."
	// ErrScriptingArgsWithFiles: args given with files.
	ErrScriptingArgsWithFiles = "'args' may not be used with file injections."
	// ErrScriptingAllFrames: allFrames with frameIds or documentIds.
	ErrScriptingAllFrames = "Cannot specify 'allFrames' if either 'frameIds' or 'documentIds' is specified."
	// ErrScriptingUnserializable is the schema error for an args element that cannot cross.
	ErrScriptingUnserializable = "Value is unserializable."
	// ErrScriptingOriginFallbackPath: matchOriginAsFallback with a pattern whose path is not /*.
	ErrScriptingOriginFallbackPath = "The path component for scripts with 'match_origin_as_fallback' must be '*'."
	// ErrScriptingEmptyID: a registered script with the id "".
	ErrScriptingEmptyID = "Script's ID must not be empty"
)

// ScriptingNoTab is chrome.scripting's error for a tab that does not exist: unlike tabs' NoTab it
// has no trailing period.
func ScriptingNoTab(id int) string { return fmt.Sprintf("No tab with id: %d", id) }

// ScriptingNoFrame is the error for a frameIds entry the tab does not have.
func ScriptingNoFrame(frame, tab int) string {
	return fmt.Sprintf("No frame with id %d in tab with id %d", frame, tab)
}

// ScriptingNoDocument is the error for a documentIds entry the tab does not have.
func ScriptingNoDocument(doc string, tab int) string {
	return fmt.Sprintf("No document with id %s in tab with id %d", doc, tab)
}

// ScriptingCouldNotLoad is the error for an injected file the extension does not have.
func ScriptingCouldNotLoad(file string) string {
	return fmt.Sprintf("Could not load file: '%s'.", file)
}

// ScriptingCouldNotLoadRegistered is registerContentScripts' error for a missing file; kind is
// "javascript" or "css".
func ScriptingCouldNotLoadRegistered(kind, file string) string {
	return fmt.Sprintf("Could not load %s '%s' for script.", kind, file)
}

// ScriptingIDUnderscore: a registered script id starting with "_".
func ScriptingIDUnderscore(id string) string {
	return fmt.Sprintf("Script's ID '%s' must not start with '_'", id)
}

// ScriptingDuplicateID: registering an id already registered (or twice in one call).
func ScriptingDuplicateID(id string) string { return fmt.Sprintf("Duplicate script ID '%s'", id) }

// ScriptingNoMatches: a registered script without matches.
func ScriptingNoMatches(id string) string {
	return fmt.Sprintf("Script with ID '%s' must specify 'matches'.", id)
}

// ScriptingNoFilesRegistered: a registered script with neither js nor css.
func ScriptingNoFilesRegistered(id string) string {
	return fmt.Sprintf("Script with ID '%s' must specify at least one js or css file.", id)
}

// ScriptingBadMatch: a registered script's matches[i] that does not parse (why: matchpattern's text).
func ScriptingBadMatch(id string, i int, why string) string {
	return fmt.Sprintf("Script with ID '%s' has invalid value for matches[%d]: %s", id, i, why)
}

// ScriptingNotRegistered: updateContentScripts of an id not registered.
func ScriptingNotRegistered(id string) string {
	return fmt.Sprintf("Script with ID '%s' does not exist or is not fully registered", id)
}

// ScriptingNonexistentID: unregisterContentScripts of an id not registered.
func ScriptingNonexistentID(id string) string { return fmt.Sprintf("Nonexistent script ID '%s'", id) }

// ScriptingNoURLAccess is executeScript's error for a target frame showing an extension page,
// which no host permission grants (measured in Chromium 156 with <all_urls>; scenario
// content-scripts-not-in-extension-pages), with allFrames or without.
func ScriptingNoURLAccess(rawURL string) string {
	return fmt.Sprintf("Cannot access contents of url %q. Extension manifest must request permission to access this host.", rawURL)
}
