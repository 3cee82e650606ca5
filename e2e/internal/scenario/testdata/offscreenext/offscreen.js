// The offscreen document: says hello to the worker as it loads and answers {describe: true} with
// what it sees of chrome.* and the sender.
'use strict';
chrome.runtime.onMessage.addListener((msg, sender, reply) => {
	if (!msg || !msg.describe) return;
	// Chromium also has the legacy chrome.csi and chrome.loadTimes in a document; hostsim has not.
	const keys = Object.keys(chrome).filter((k) => k !== "csi" && k !== "loadTimes").sort();
	reply({keys, runtime: Object.keys(chrome.runtime).sort(), path: location.pathname + location.search, sender});
});
chrome.runtime.sendMessage({hello: location.pathname + location.search});
