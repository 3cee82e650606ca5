"use strict";
// worker_threads as Node's main thread sees it. hostsim runs a Go program on one thread, so code
// that only asks where it runs (a Web Locks polyfill asks isMainThread) works as under Node, and
// what would start or reach another thread fails with an error that says so.
const unsupported = (what) => {
	const e = new Error("hostsim: worker_threads." + what + " is not supported: hostsim runs one thread");
	e.code = "ERR_HOSTSIM_UNSUPPORTED";
	return e;
};
const refuse = (what) => ({[what]: function () { throw unsupported(what); }})[what];
const refusedClass = (what) => ({[what]: class { constructor() { throw unsupported(what); } }})[what];

const environmentData = new Map();

module.exports = {
	isMainThread: true,
	parentPort: null,
	workerData: null,
	threadId: 0,
	resourceLimits: {},
	SHARE_ENV: Symbol.for("nodejs.worker_threads.SHARE_ENV"),
	getEnvironmentData: (key) => environmentData.get(key),
	setEnvironmentData: (key, value) => { if (value === undefined) environmentData.delete(key); else environmentData.set(key, value); },
	// Nothing is ever transferred to another thread here, so marking an object changes nothing.
	markAsUntransferable: () => {},
	Worker: refusedClass("Worker"),
	MessageChannel: globalThis.MessageChannel || refusedClass("MessageChannel"),
	MessagePort: globalThis.MessagePort || refusedClass("MessagePort"),
	BroadcastChannel: globalThis.BroadcastChannel || refusedClass("BroadcastChannel"),
	receiveMessageOnPort: refuse("receiveMessageOnPort"),
	moveMessagePortToContext: refuse("moveMessagePortToContext"),
	postMessageToThread: refuse("postMessageToThread"),
};
