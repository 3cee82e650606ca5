package apiargs

// The schemas of offscreen.idl as Chromium 156 uses them, and chrome.offscreen's error texts
// (measured in the scenario offscreen).
var (
	// OffscreenReasons are offscreen.Reason's values, in the order Chrome lists them.
	OffscreenReasons = []string{"AUDIO_PLAYBACK", "BATTERY_STATUS", "BLOBS", "CLIPBOARD", "DISPLAY_MEDIA", "DOM_PARSER",
		"DOM_SCRAPING", "GEOLOCATION", "IFRAME_SCRIPTING", "LOCAL_STORAGE", "MATCH_MEDIA", "TESTING", "USER_MEDIA",
		"WEB_RTC", "WORKERS"}

	OffscreenCreateDocumentMethod = register(&Method{Name: "offscreen.createDocument", hasCallback: true, params: []param{
		{name: "parameters", kind: kindObject, ref: "offscreen.CreateParameters", props: map[string]param{
			"reasons":       {name: "reasons", kind: kindArray, items: &param{kind: kindString, enum: OffscreenReasons}},
			"url":           {name: "url", kind: kindString},
			"justification": {name: "justification", kind: kindString},
		}},
		optionalCallback,
	}})
	OffscreenCloseDocumentMethod = register(&Method{Name: "offscreen.closeDocument", hasCallback: true, params: []param{optionalCallback}})
	OffscreenHasDocumentMethod   = register(&Method{Name: "offscreen.hasDocument", hasCallback: true, params: []param{optionalCallback}})
)

// chrome.offscreen's errors in Chromium 156.
const (
	// ErrOffscreenOnlyOne: createDocument while the extension has one (or one is being created).
	ErrOffscreenOnlyOne = "Only a single offscreen document may be created."
	// ErrOffscreenNone: closeDocument with no offscreen document.
	ErrOffscreenNone = "No current offscreen document."
	// ErrOffscreenNoReason: createDocument with an empty reasons list.
	ErrOffscreenNoReason = "A `reason` must be provided."
	// ErrOffscreenInvalidURL: a url outside the extension.
	ErrOffscreenInvalidURL = "Invalid URL."
	// ErrOffscreenLoadFailed: a url of a file the extension does not have.
	ErrOffscreenLoadFailed = "Page failed to load."
)

// OffscreenRuntimeMembers are the chrome.runtime members an offscreen document has, which has no
// other chrome.* namespace (measured: Object.keys(chrome.runtime) there).
var OffscreenRuntimeMembers = []string{"ContextType", "OnInstalledReason", "OnRestartRequiredReason", "PlatformArch",
	"PlatformNaclArch", "PlatformOs", "RequestUpdateCheckStatus", "connect", "dynamicId", "getURL", "id", "onConnect",
	"onConnectExternal", "onMessage", "onMessageExternal", "sendMessage"}
