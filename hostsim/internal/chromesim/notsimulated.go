package chromesim

import (
	_ "embed"
	"sort"
)

//go:embed notsimulated.js
var notSimulatedSrc string

// permissionNamespaces maps a manifest permission onto the chrome.* namespace it unlocks, for the
// namespaces an extension's logic commonly uses. Those hostsim models replace the stand-in.
var permissionNamespaces = map[string]string{
	"alarms": "alarms", "bookmarks": "bookmarks", "browsingData": "browsingData", "contentSettings": "contentSettings",
	"contextMenus": "contextMenus", "cookies": "cookies", "debugger": "debugger", "declarativeContent": "declarativeContent",
	"declarativeNetRequest": "declarativeNetRequest", "declarativeNetRequestWithHostAccess": "declarativeNetRequest",
	"desktopCapture": "desktopCapture", "downloads": "downloads", "fontSettings": "fontSettings", "gcm": "gcm",
	"history": "history", "identity": "identity", "idle": "idle", "notifications": "notifications",
	"offscreen": "offscreen", "pageCapture": "pageCapture", "power": "power", "privacy": "privacy", "proxy": "proxy",
	"readingList": "readingList", "scripting": "scripting", "search": "search", "sessions": "sessions",
	"sidePanel": "sidePanel", "storage": "storage", "tabCapture": "tabCapture", "tabGroups": "tabGroups",
	"topSites": "topSites", "tts": "tts", "ttsEngine": "ttsEngine", "userScripts": "userScripts",
	"webNavigation": "webNavigation", "webRequest": "webRequest",
}

// alwaysNamespaces are the namespaces Chrome 156 gives every extension page and worker with no
// permission (measured: Object.keys(chrome) in a worker).
var alwaysNamespaces = []string{"dom", "extension", "i18n", "management", "permissions", "tabs", "windows"}

// unmodelledRuntime are the chrome.runtime members of Chrome 156 (measured: Object.keys) that
// hostsim does not model.
var unmodelledRuntime = []string{
	"PlatformNaclArch", "OnRestartRequiredReason", "RequestUpdateCheckStatus",
	"dynamicId", "getVersion", "onBrowserUpdateAvailable", "onEnabled", "onRestartRequired",
	"onSuspend", "onSuspendCanceled", "onUpdateAvailable", "onUserScriptConnect", "onUserScriptMessage",
	"reload", "requestUpdateCheck", "restart", "restartAfterDelay", "setUninstallURL",
}

// frameGlobals and workerGlobals are web platform globals Chrome 156 has in a document and in a
// service worker that hostsim's realms do not provide.
var (
	frameGlobals  = []string{"XMLHttpRequest", "WebSocket", "indexedDB"}
	workerGlobals = []string{"WebSocket", "indexedDB", "caches"}
)

func init() {
	registerAPI("not-simulated", notSimulatedSrc,
		func(*Context) bool { return true },
		func(c *Context, set func(string, any)) {
			extensionContext := c.kind == Worker || c.kind == ExtensionPage
			set("namespaces", func() []string {
				if !extensionContext {
					return nil
				}
				return c.ext.grantedNamespaces()
			})
			set("runtimeMembers", func() []string {
				if !extensionContext {
					return nil
				}
				return unmodelledRuntime
			})
			set("webGlobals", func() []string {
				if c.kind == Worker {
					return workerGlobals
				}
				return frameGlobals
			})
		})
}

// grantedNamespaces lists the chrome.* namespaces Chrome gives e's worker and pages, sorted.
func (e *Extension) grantedNamespaces() []string {
	seen := map[string]bool{}
	for _, ns := range alwaysNamespaces {
		seen[ns] = true
	}
	if e.popupPage() != "" || e.hasManifestKey("action") {
		seen["action"] = true
	}
	// Manifest keys that grant a namespace without a permission (measured: chrome.commands and
	// chrome.omnibox are undefined without them).
	for _, key := range []string{"commands", "omnibox"} {
		if e.hasManifestKey(key) {
			seen[key] = true
		}
	}
	for _, p := range e.man.Permissions {
		if ns, ok := permissionNamespaces[p]; ok {
			seen[ns] = true
		}
	}
	out := make([]string, 0, len(seen))
	for ns := range seen {
		out = append(out, ns)
	}
	sort.Strings(out)
	return out
}
