// The worker of the user-scripts scenarios: it records what arrives from user-script worlds,
// with the sender reduced to what does not vary between runs, and answers with an echo.
self.usLog = [];
const senderShape = (s) => {
	const u = new URL(s.url);
	return {keys: Object.keys(s).sort(), ownId: s.id === chrome.runtime.id, path: u.pathname, origin: s.origin === u.origin,
		frameId: s.frameId, documentId: /^[0-9A-F]{32}$/.test(s.documentId), documentLifecycle: s.documentLifecycle,
		tab: typeof (s.tab && s.tab.id), tabUrl: s.tab ? new URL(s.tab.url).pathname : null};
};
chrome.runtime.onUserScriptMessage.addListener((msg, sender, reply) => {
	self.usLog.push(["onUserScriptMessage", msg, senderShape(sender)]);
	reply({echo: msg});
});
chrome.runtime.onUserScriptConnect.addListener((port) => {
	self.usLog.push(["onUserScriptConnect", port.name, senderShape(port.sender)]);
	port.onMessage.addListener((m) => port.postMessage({echo: m}));
});
chrome.runtime.onMessage.addListener((msg) => {
	self.usLog.push(["onMessage", msg]);
});
chrome.runtime.onConnect.addListener((port) => {
	self.usLog.push(["onConnect", port.name]);
});
