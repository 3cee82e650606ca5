package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// surfaceKeys lists, per chrome.* namespace of the worker, its members (Object.keys, sorted), and
// a few enums. Left out are the members Chrome exposes beyond its published schema, which hostsim
// does not have: chrome.csi and chrome.loadTimes (legacy page timing),
// omnibox.sendSuggestions and onActionExecuted, tts.onEvent and
// declarativeNetRequest.MAX_NUMBER_OF_DYNAMIC_AND_SESSION_RULES; and runtime.lastError, which
// hostsim keeps as a property.
const surfaceKeys = `(() => {
	const skip = new Set(["csi", "loadTimes", "runtime.lastError", "omnibox.sendSuggestions",
		"omnibox.onActionExecuted", "tts.onEvent", "declarativeNetRequest.MAX_NUMBER_OF_DYNAMIC_AND_SESSION_RULES"]);
	const out = {};
	for (const ns of Object.keys(chrome).sort()) {
		if (skip.has(ns)) continue;
		const v = chrome[ns];
		out[ns] = v !== null && typeof v === "object" ? Object.keys(v).filter((k) => !skip.has(ns + "." + k)).sort() : typeof v;
	}
	return out;
})()`

func init() {
	All = append(All, Scenario{
		Name: "api-surface",
		Doc: "The chrome.* namespaces a worker gets for its permissions and manifest keys, and their members, as Chrome's " +
			"schema has them (userScripts only once the user allows user scripts, which the harness does for a manifest asking for the permission), enums as objects " +
			"(measured in Chromium 156).",
		Fixture: "surfaceext",
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", surfaceKeys), Want: `{"value": {
				"action": ["disable","enable","getBadgeBackgroundColor","getBadgeText","getBadgeTextColor","getPopup","getTitle","getUserSettings","isEnabled","onClicked","onUserSettingsChanged","openPopup","setBadgeBackgroundColor","setBadgeText","setBadgeTextColor","setIcon","setPopup","setTitle"],
				"alarms": ["clear","clearAll","create","get","getAll","onAlarm"],
				"bookmarks": ["BookmarkTreeNodeUnmodifiable","FolderType","MAX_SUSTAINED_WRITE_OPERATIONS_PER_MINUTE","MAX_WRITE_OPERATIONS_PER_HOUR","ROOT_NODE_ID","create","get","getChildren","getRecent","getSubTree","getTree","move","onChanged","onChildrenReordered","onCreated","onImportBegan","onImportEnded","onMoved","onRemoved","remove","removeTree","search","update"],
				"commands": ["getAll","onCommand"],
				"contextMenus": ["ACTION_MENU_TOP_LEVEL_LIMIT","ContextType","ItemType","create","onClicked","remove","removeAll","update"],
				"cookies": ["OnChangedCause","SameSiteStatus","get","getAll","getAllCookieStores","getPartitionKey","onChanged","remove","set"],
				"declarativeNetRequest": ["DYNAMIC_RULESET_ID","DomainType","GETMATCHEDRULES_QUOTA_INTERVAL","GUARANTEED_MINIMUM_STATIC_RULES","HeaderOperation","MAX_GETMATCHEDRULES_CALLS_PER_INTERVAL","MAX_NUMBER_OF_DYNAMIC_RULES","MAX_NUMBER_OF_ENABLED_STATIC_RULESETS","MAX_NUMBER_OF_REGEX_RULES","MAX_NUMBER_OF_SESSION_RULES","MAX_NUMBER_OF_STATIC_RULESETS","MAX_NUMBER_OF_UNSAFE_DYNAMIC_RULES","MAX_NUMBER_OF_UNSAFE_SESSION_RULES","RequestMethod","ResourceType","RuleActionType","RuleConditionKeys","SESSION_RULESET_ID","UnsupportedRegexReason","getAvailableStaticRuleCount","getDisabledRuleIds","getDynamicRules","getEnabledRulesets","getMatchedRules","getSessionRules","isRegexSupported","setExtensionActionOptions","testMatchOutcome","updateDynamicRules","updateEnabledRulesets","updateSessionRules","updateStaticRules"],
				"dom": ["openOrClosedShadowRoot"],
				"downloads": ["DangerType","FilenameConflictAction","HttpMethod","InterruptReason","State","acceptDanger","cancel","download","erase","getFileIcon","onChanged","onCreated","onDeterminingFilename","onErased","open","pause","removeFile","resume","search","setShelfEnabled","setUiOptions","show","showDefaultFolder"],
				"extension": ["ViewType","inIncognitoContext","isAllowedFileSchemeAccess","isAllowedIncognitoAccess","setUpdateUrlData"],
				"fontSettings": ["GenericFamily","LevelOfControl","ScriptCode","clearDefaultFixedFontSize","clearDefaultFontSize","clearFont","clearMinimumFontSize","getDefaultFixedFontSize","getDefaultFontSize","getFont","getFontList","getMinimumFontSize","onDefaultFixedFontSizeChanged","onDefaultFontSizeChanged","onFontChanged","onMinimumFontSizeChanged","setDefaultFixedFontSize","setDefaultFontSize","setFont","setMinimumFontSize"],
				"gcm": ["MAX_MESSAGE_SIZE","onMessage","onMessagesDeleted","onSendError","register","send","unregister"],
				"history": ["TransitionType","addUrl","deleteAll","deleteRange","deleteUrl","getVisits","onVisitRemoved","onVisited","search"],
				"i18n": ["detectLanguage","getAcceptLanguages","getMessage","getUILanguage"],
				"identity": ["AccountStatus","clearAllCachedAuthTokens","getAccounts","getAuthToken","getProfileUserInfo","getRedirectURL","launchWebAuthFlow","onSignInChanged","removeCachedAuthToken"],
				"idle": ["IdleState","onStateChanged","queryState","setDetectionInterval"],
				"instanceID": ["deleteID","deleteToken","getCreationTime","getID","getToken","onTokenRefresh"],
				"management": ["ExtensionDisabledReason","ExtensionInstallType","ExtensionType","LaunchType","createAppShortcut","generateAppForLink","get","getAll","getPermissionWarningsById","getPermissionWarningsByManifest","getSelf","launchApp","onDisabled","onEnabled","onInstalled","onUninstalled","setEnabled","setLaunchType","uninstall","uninstallSelf"],
				"notifications": ["PermissionLevel","TemplateType","clear","create","getAll","getPermissionLevel","onButtonClicked","onClicked","onClosed","onPermissionLevelChanged","onShowSettings","update"],
				"offscreen": ["Reason","closeDocument","createDocument","hasDocument"],
				"omnibox": ["DescriptionStyleType","OnInputEnteredDisposition","onDeleteSuggestion","onInputCancelled","onInputChanged","onInputEntered","onInputStarted","setDefaultSuggestion"],
				"permissions": ["addHostAccessRequest","contains","getAll","onAdded","onRemoved","remove","removeHostAccessRequest","request"],
				"power": ["Level","releaseKeepAwake","requestKeepAwake"],
				"privacy": ["AutofillBlockedType","IPHandlingPolicy","network","services","websites"],
				"proxy": ["Mode","Scheme","onProxyError","settings"],
				"readingList": ["addEntry","onEntryAdded","onEntryRemoved","onEntryUpdated","query","removeEntry","updateEntry"],
				"runtime": ["ContextType","OnInstalledReason","OnRestartRequiredReason","PlatformArch","PlatformNaclArch","PlatformOs","RequestUpdateCheckStatus","connect","dynamicId","getContexts","getManifest","getPlatformInfo","getURL","getVersion","id","onBrowserUpdateAvailable","onConnect","onConnectExternal","onEnabled","onInstalled","onMessage","onMessageExternal","onRestartRequired","onStartup","onSuspend","onSuspendCanceled","onUpdateAvailable","onUserScriptConnect","onUserScriptMessage","openOptionsPage","reload","requestUpdateCheck","restart","restartAfterDelay","sendMessage","setUninstallURL"],
				"scripting": ["ExecutionWorld","StyleOrigin","executeScript","getRegisteredContentScripts","insertCSS","registerContentScripts","removeCSS","unregisterContentScripts","updateContentScripts"],
				"search": ["Disposition","query"],
				"sessions": ["MAX_SESSION_RESULTS","getDevices","getRecentlyClosed","onChanged","restore"],
				"sidePanel": ["Side","close","getLayout","getOptions","getPanelBehavior","onClosed","onOpened","open","setOptions","setPanelBehavior"],
				"storage": ["AccessLevel","local","managed","onChanged","session","sync"],
				"tabGroups": ["Color","TAB_GROUP_ID_NONE","get","move","onCreated","onMoved","onRemoved","onUpdated","query","update"],
				"tabs": ["MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND","MutedInfoReason","SPLIT_VIEW_ID_NONE","TAB_ID_NONE","TAB_INDEX_NONE","TabStatus","WindowType","ZoomSettingsMode","ZoomSettingsScope","captureVisibleTab","connect","create","createSplit","detectLanguage","discard","duplicate","get","getCurrent","getZoom","getZoomSettings","goBack","goForward","group","highlight","move","onActivated","onAttached","onCreated","onDetached","onHighlighted","onMoved","onRemoved","onReplaced","onUpdated","onZoomChange","query","reload","remove","sendMessage","setZoom","setZoomSettings","ungroup","unsplit","update"],
				"topSites": ["get"],
				"tts": ["EventType","VoiceGender","getVoices","isSpeaking","onVoicesChanged","pause","resume","speak","stop"],
				"userScripts": ["ExecutionWorld","configureWorld","execute","getScripts","getWorldConfigurations","register","resetWorldConfiguration","unregister","update"],
				"webNavigation": ["TransitionQualifier","TransitionType","getAllFrames","getFrame","onBeforeNavigate","onCommitted","onCompleted","onCreatedNavigationTarget","onDOMContentLoaded","onErrorOccurred","onHistoryStateUpdated","onReferenceFragmentUpdated","onTabReplaced"],
				"windows": ["CreateType","WINDOW_ID_CURRENT","WINDOW_ID_NONE","WindowState","WindowType","create","get","getAll","getCurrent","getLastFocused","onBoundsChanged","onCreated","onFocusChanged","onRemoved","remove","update"]}}`},
			{Do: extwasmtest.Eval("worker", `[chrome.contextMenus.ItemType, chrome.runtime.OnInstalledReason, chrome.bookmarks.BookmarkTreeNodeUnmodifiable,
				chrome.cookies.SameSiteStatus, chrome.declarativeNetRequest.MAX_NUMBER_OF_DYNAMIC_RULES, chrome.declarativeNetRequest.ResourceType.MAIN_FRAME,
				typeof chrome.privacy.network.networkPredictionEnabled.get, typeof chrome.privacy.network.networkPredictionEnabled.onChange.addListener]`),
				Want: `{"value":[{"CHECKBOX":"checkbox","NORMAL":"normal","RADIO":"radio","SEPARATOR":"separator"},{"CHROME_UPDATE":"chrome_update","INSTALL":"install","SHARED_MODULE_UPDATE":"shared_module_update","UPDATE":"update"},{"MANAGED":"managed"},{"LAX":"lax","NO_RESTRICTION":"no_restriction","STRICT":"strict","UNSPECIFIED":"unspecified"},30000,"main_frame","function","function"]}`},
		},
	})
}
