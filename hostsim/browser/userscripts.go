package browser

// SetUserScriptsAllowed turns the extension's "Allow User Scripts" switch on or off. Chrome 138+
// defines chrome.userScripts only while it is on; hostsim starts with it on for an extension whose
// manifest asks for the "userScripts" permission, as the project's Chromium harness does. The
// change reaches contexts started afterwards (stop the worker to see it there); user scripts
// already registered stay registered, and hostsim does not inject them while it is off (not
// measured in Chromium).
func (e *Extension) SetUserScriptsAllowed(on bool) { e.e.SetUserScriptsAllowed(on) }
