package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

const contentSettingsProbe = settleJS + `(async () => {
	const out = {};
	for (const name of Object.keys(chrome.contentSettings).sort()) {
		const cs = chrome.contentSettings[name];
		if (!cs || typeof cs.get !== "function") { out[name] = typeof cs === "object" ? Object.keys(cs).sort() : typeof cs; continue; }
		out[name] = await settle(() => new Promise((r) => cs.get({primaryUrl: "https://example.com/a"}, (d) => r(chrome.runtime.lastError ? "lastError: " + chrome.runtime.lastError.message : d))));
		out[name + " returns"] = typeof cs.get({primaryUrl: "https://example.com/a"});
	}
	return out;
})()`

const contentSettingsSetClear = settleJS + `(async () => {
	const c = chrome.contentSettings.cookies, out = [];
	const get = (url) => settle(() => new Promise((r) => c.get({primaryUrl: url}, (d) => r(chrome.runtime.lastError ? "lastError: " + chrome.runtime.lastError.message : d))));
	out.push(await settle(() => c.set({primaryPattern: "https://example.com/*", setting: "block"})));
	out.push(await get("https://example.com/x"));
	out.push(await get("https://other.test/x"));
	out.push(await get("http://example.com/x"));
	out.push(await settle(() => c.set({primaryPattern: "https://example.com/*", setting: "maybe"})));
	out.push(await settle(() => c.set({primaryPattern: "not a pattern", setting: "block"})));
	out.push(await get("not a url"));
	out.push(await settle(() => c.clear({})));
	out.push(await get("https://example.com/x"));
	out.push(await settle(() => chrome.contentSettings.javascript.getResourceIdentifiers()));
	return out;
})()`

// What Chromium 156 gives: the deprecated types' functions return no promise without a callback.
const (
	contentSettingsProbeWant    = `{"value":{"AutoVerifyContentSetting":["ALLOW","BLOCK"],"CameraContentSetting":["ALLOW","ASK","BLOCK"],"ClipboardContentSetting":["ALLOW","ASK","BLOCK"],"CookiesContentSetting":["ALLOW","BLOCK","SESSION_ONLY"],"FullscreenContentSetting":["ALLOW"],"ImagesContentSetting":["ALLOW","BLOCK"],"JavascriptContentSetting":["ALLOW","BLOCK"],"LocationContentSetting":["ALLOW","ASK","BLOCK"],"MicrophoneContentSetting":["ALLOW","ASK","BLOCK"],"MouselockContentSetting":["ALLOW"],"MultipleAutomaticDownloadsContentSetting":["ALLOW","ASK","BLOCK"],"NotificationsContentSetting":["ALLOW","ASK","BLOCK"],"PluginsContentSetting":["BLOCK"],"PopupsContentSetting":["ALLOW","BLOCK"],"PpapiBrokerContentSetting":["BLOCK"],"Scope":["INCOGNITO_SESSION_ONLY","REGULAR"],"SoundContentSetting":["ALLOW","BLOCK"],"autoVerify":{"setting":"allow"},"autoVerify returns":"object","automaticDownloads":{"setting":"ask"},"automaticDownloads returns":"object","camera":{"setting":"ask"},"camera returns":"object","clipboard":{"setting":"ask"},"clipboard returns":"object","cookies":{"setting":"allow"},"cookies returns":"object","fullscreen":{"setting":"allow"},"fullscreen returns":"undefined","images":{"setting":"allow"},"images returns":"object","javascript":{"setting":"allow"},"javascript returns":"object","location":{"setting":"ask"},"location returns":"object","microphone":{"setting":"ask"},"microphone returns":"object","mouselock":{"setting":"allow"},"mouselock returns":"undefined","notifications":{"setting":"ask"},"notifications returns":"object","plugins":{"setting":"block"},"plugins returns":"undefined","popups":{"setting":"block"},"popups returns":"object","sound":{"setting":"allow"},"sound returns":"object","unsandboxedPlugins":{"setting":"block"},"unsandboxedPlugins returns":"undefined"}}`
	contentSettingsSetClearWant = `{"value":["undefined",{"setting":"block"},{"setting":"allow"},{"setting":"allow"},"TypeError: Invalid invocation: Error at property 'setting': Value must be one of allow, block, session_only.","Error: Missing scheme separator.","lastError: The URL \"not a url\" is invalid.","undefined",{"setting":"allow"},"undefined"]}`
)

func init() {
	All = append(All, Scenario{
		Name: "content-settings",
		Doc: "chrome.contentSettings: every type's default for a URL no rule matches, set with a pattern, clear, and the " +
			"errors of a setting the type does not take, a pattern without a scheme and a primaryUrl that is not a URL " +
			"(measured in Chromium 156).",
		Fixture: "settingsext",
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", contentSettingsProbe), Want: contentSettingsProbeWant},
			{Do: extwasmtest.Eval("worker", contentSettingsSetClear), Want: contentSettingsSetClearWant},
		},
	})
}
