package browser

// SetUserScriptsAllowed turns the extension's "Allow User Scripts" switch on or off. Chrome 138+
// defines chrome.userScripts only while it is on; hostsim starts with it on for an extension whose
// manifest asks for the "userScripts" permission, as the project's Chromium harness does. The
// change reaches contexts started afterwards (stop the worker to see it there); user scripts
// already registered stay registered and are not injected while it is off (as measured in
// Chromium 156, where a running worker also keeps chrome.userScripts).
func (e *Extension) SetUserScriptsAllowed(on bool) { e.e.SetUserScriptsAllowed(on) }
