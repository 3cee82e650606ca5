// Node's timers module: the global timers (hostsim's virtual clock) plus setImmediate, which
// runs its callback as the next macrotask.
"use strict";

const { post } = require("hostsim:internal");

class Immediate {
	constructor(callback, args) {
		this._onImmediate = callback;
		this._args = args;
		this._cleared = false;
	}
	ref() {
		return this;
	}
	unref() {
		return this;
	}
	hasRef() {
		return true;
	}
}

function setImmediate(callback, ...args) {
	if (typeof callback !== "function") {
		const err = new TypeError('The "callback" argument must be of type function. Received ' + (callback === undefined ? "undefined" : typeof callback));
		err.code = "ERR_INVALID_ARG_TYPE";
		throw err;
	}
	const im = new Immediate(callback, args);
	post(() => {
		if (!im._cleared) {
			im._cleared = true;
			callback(...args);
		}
	});
	return im;
}

function clearImmediate(im) {
	if (im instanceof Immediate) {
		im._cleared = true;
	}
}

const promises = {
	setTimeout(delay, value) {
		return new Promise((resolve) => globalThis.setTimeout(() => resolve(value), delay));
	},
	setImmediate(value) {
		return new Promise((resolve) => setImmediate(() => resolve(value)));
	},
	scheduler: {
		wait: (delay) => promises.setTimeout(delay),
		yield: () => promises.setImmediate(),
	},
};

module.exports = {
	setTimeout: globalThis.setTimeout,
	clearTimeout: globalThis.clearTimeout,
	setInterval: globalThis.setInterval,
	clearInterval: globalThis.clearInterval,
	setImmediate,
	clearImmediate,
	promises,
};
