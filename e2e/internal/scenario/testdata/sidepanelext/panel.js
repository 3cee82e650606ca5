// The side panel: says hello to the worker as it loads and answers {describe: true} with what it
// sees of chrome.* and the sender.
'use strict';
chrome.runtime.onMessage.addListener((msg, sender, reply) => {
	if (!msg || !msg.describe) return;
	const keys = Object.keys(chrome).filter((k) => k !== "csi" && k !== "loadTimes").sort();
	reply({keys, sidePanel: chrome.sidePanel ? Object.keys(chrome.sidePanel).sort() : null, path: location.pathname + location.search, sender});
});
chrome.runtime.sendMessage({hello: location.pathname + location.search});
