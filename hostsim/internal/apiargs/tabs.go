package apiargs

import (
	"fmt"
	"slices"
	"strings"
)

// Errors of chrome.tabs, chrome.windows and chrome.webNavigation, verbatim from Chromium 156
// (conformance-apis T9–T11, N4).
const (
	// ErrNoCurrentWindow: tabs.create or windows.getCurrent with no window open.
	ErrNoCurrentWindow = "No current window"
	// ErrInvalidDocumentID: webNavigation.getFrame with a documentId that is not 32 hex digits.
	ErrInvalidDocumentID = "Invalid documentId."
	// ErrFrameTarget: webNavigation.getFrame without a documentId or a tabId/frameId pair.
	ErrFrameTarget = "Either documentId or both tabId and frameId must be specified."
)

// NoTab is the rejection for a tab id no tab has.
func NoTab(id int) string { return fmt.Sprintf("No tab with id: %d.", id) }

// NoWindow is the rejection for a window id no window has.
func NoWindow(id int) string { return fmt.Sprintf("No window with id: %d.", id) }

// InvalidURLPattern is tabs.query's rejection for a url it cannot parse as a match pattern.
func InvalidURLPattern(p string) string { return fmt.Sprintf("Invalid url pattern '%s'", p) }

// props builds an object schema whose properties are all optional.
func props(ps ...param) map[string]param {
	out := make(map[string]param, len(ps))
	for _, p := range ps {
		p.optional = true
		out[p.name] = p
	}
	return out
}

func integer(name string, min int) param {
	return param{name: name, kind: kindInteger, minimum: intp(min)}
}
func boolean(name string) param { return param{name: name, kind: kindBoolean} }
func str(name string) param     { return param{name: name, kind: kindString} }
func enum(name string, values ...string) param {
	return param{name: name, kind: kindString, enum: values}
}

// The enums of tabs.json, windows.json and web_navigation.json. Chromium 156 exposes each as an
// object (chrome.tabs.TabStatus …, see EnumObject); the scenario "tabs: removing a window's last
// tab closes the window" compares them with Chromium's.
var (
	TabStatus   = []string{"complete", "loading", "unloaded"}
	WindowType  = []string{"normal", "popup", "panel", "app", "devtools", "custom-tab"}
	WindowState = []string{"normal", "minimized", "maximized", "fullscreen", "locked-fullscreen"}
	CreateType  = []string{"normal", "popup", "panel"}

	ZoomSettingsMode  = []string{"automatic", "manual", "disabled"}
	ZoomSettingsScope = []string{"per-origin", "per-tab"}
	MutedInfoReason   = []string{"user", "capture", "extension"}

	TransitionType = []string{"link", "typed", "auto_bookmark", "auto_subframe", "manual_subframe", "generated",
		"start_page", "form_submit", "reload", "keyword", "keyword_generated"}
	TransitionQualifier = []string{"client_redirect", "server_redirect", "forward_back", "from_address_bar"}
)

// EnumObject is how an enum appears on its namespace: each value under its name in upper case
// with '-' as '_' ("per-origin" is PER_ORIGIN), keys in sorted order, as Chromium 156 builds it.
func EnumObject(values []string) (keys []string, byKey map[string]string) {
	byKey = make(map[string]string, len(values))
	for _, v := range values {
		k := strings.ToUpper(strings.ReplaceAll(v, "-", "_"))
		byKey[k] = v
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys, byKey
}

var callback = param{name: "callback", kind: kindFunction, optional: true}

// urlOrURLs is a url that is a string or an array of strings.
func urlOrURLs(name string) param {
	return param{name: name, kind: kindChoice, choices: []param{str(name), {name: name, kind: kindArray, items: &param{kind: kindString}}}}
}

// The schemas of tabs.json, windows.json and web_navigation.json as Chromium 156 uses them.
var (
	TabsGetMethod = register(&Method{Name: "tabs.get", hasCallback: true, params: []param{integer("tabId", 0), callback}})

	TabsGetCurrentMethod = register(&Method{Name: "tabs.getCurrent", hasCallback: true, params: []param{callback}})

	TabsQueryMethod = register(&Method{Name: "tabs.query", hasCallback: true, params: []param{
		{name: "queryInfo", kind: kindObject, props: props(
			boolean("active"), boolean("pinned"), boolean("audible"), boolean("autoDiscardable"),
			boolean("muted"), boolean("highlighted"), boolean("discarded"), boolean("frozen"),
			boolean("currentWindow"), boolean("lastFocusedWindow"), enum("status", TabStatus...),
			str("title"), urlOrURLs("url"), integer("groupId", -1), integer("splitViewId", -1),
			integer("windowId", -2), enum("windowType", WindowType...), integer("index", 0),
		)},
		callback,
	}})

	TabsCreateMethod = register(&Method{Name: "tabs.create", hasCallback: true, params: []param{
		{name: "createProperties", kind: kindObject, props: props(
			integer("windowId", -2), integer("index", 0), str("url"), boolean("active"),
			boolean("selected"), boolean("pinned"), integer("openerTabId", 0),
			// splitWithTabId is Chrome 155's (in its schema, found by TestMethodsAgreeWithChromesSchema);
			// no minimum is measured for it.
			param{name: "splitWithTabId", kind: kindInteger},
		)},
		callback,
	}})

	TabsUpdateMethod = register(&Method{Name: "tabs.update", hasCallback: true, params: []param{
		{name: "tabId", kind: kindInteger, minimum: intp(0), optional: true},
		{name: "updateProperties", kind: kindObject, props: props(
			str("url"), boolean("active"), boolean("highlighted"), boolean("selected"), boolean("pinned"),
			boolean("muted"), integer("openerTabId", 0), boolean("autoDiscardable"),
		)},
		callback,
	}})

	TabsReloadMethod = register(&Method{Name: "tabs.reload", hasCallback: true, params: []param{
		{name: "tabId", kind: kindInteger, minimum: intp(0), optional: true},
		{name: "reloadProperties", kind: kindObject, optional: true, props: props(boolean("bypassCache"))},
		callback,
	}})

	TabsRemoveMethod = register(&Method{Name: "tabs.remove", hasCallback: true, params: []param{
		{name: "tabIds", kind: kindChoice, choices: []param{
			integer("tabIds", 0),
			{name: "tabIds", kind: kindArray, items: &param{kind: kindInteger, minimum: intp(0)}},
		}},
		callback,
	}})

	windowQueryOptions = param{name: "queryOptions", kind: kindObject, optional: true, props: props(
		boolean("populate"),
		param{name: "windowTypes", kind: kindArray, items: &param{kind: kindString, enum: WindowType}},
	)}

	WindowsGetMethod = register(&Method{Name: "windows.get", hasCallback: true, params: []param{
		integer("windowId", -2), windowQueryOptions, callback,
	}})
	WindowsGetCurrentMethod     = register(&Method{Name: "windows.getCurrent", hasCallback: true, params: []param{windowQueryOptions, callback}})
	WindowsGetLastFocusedMethod = register(&Method{Name: "windows.getLastFocused", hasCallback: true, params: []param{windowQueryOptions, callback}})
	WindowsGetAllMethod         = register(&Method{Name: "windows.getAll", hasCallback: true, params: []param{windowQueryOptions, callback}})

	WindowsRemoveMethod = register(&Method{Name: "windows.remove", hasCallback: true, params: []param{integer("windowId", -2), callback}})

	WindowsCreateMethod = register(&Method{Name: "windows.create", hasCallback: true, params: []param{
		{name: "createData", kind: kindObject, optional: true, props: props(
			urlOrURLs("url"), integer("tabId", 0), param{name: "left", kind: kindInteger},
			param{name: "top", kind: kindInteger}, param{name: "width", kind: kindInteger},
			param{name: "height", kind: kindInteger}, boolean("focused"), boolean("incognito"),
			enum("type", CreateType...), enum("state", WindowState...), boolean("setSelfAsOpener"),
		)},
		callback,
	}})

	WebNavigationGetFrameMethod = register(&Method{Name: "webNavigation.getFrame", hasCallback: true, params: []param{
		{name: "details", kind: kindObject, props: props(
			integer("tabId", 0), param{name: "processId", kind: kindInteger}, integer("frameId", 0), str("documentId"),
		)},
		callback,
	}})

	WebNavigationGetAllFramesMethod = register(&Method{Name: "webNavigation.getAllFrames", hasCallback: true, params: []param{
		{name: "details", kind: kindObject, props: map[string]param{"tabId": integer("tabId", 0)}},
		callback,
	}})
)
