// A stand-in for domino with only what the runner's bootstrap calls: a window whose document lists
// the page's scripts, and events.
exports.createWindow = function (html, url) {
	const listeners = {};
	const target = {
		addEventListener(type, fn) { (listeners[type] = listeners[type] || []).push(fn); },
		dispatchEvent(ev) { for (const fn of listeners[ev.type] || []) fn(ev); return true; },
	};
	const scripts = [];
	const re = /<script(?: src="([^"]*)")?>([\s\S]*?)<\/script>/g;
	for (let m; (m = re.exec(html)) !== null;) {
		scripts.push({getAttribute: (n) => (n === "src" && m[1] !== undefined ? m[1] : null), textContent: m[2]});
	}
	const document = {
		querySelectorAll: () => scripts,
		createEvent: () => ({initEvent(type) { this.type = type; }}),
		addEventListener() {},
		dispatchEvent() { return true; },
	};
	return Object.assign(Object.create(target), {document, location: {href: url}});
};
