// Node 20's events module: EventEmitter with its listener order, once/prepend, "newListener"
// and "removeListener", the "error" event rule and the max-listeners warning.
"use strict";

const kCapture = Symbol("kCapture");
const errorMonitor = Symbol("events.errorMonitor");
let defaultMaxListeners = 10;

function checkListener(listener) {
	if (typeof listener !== "function") {
		const err = new TypeError('The "listener" argument must be of type function. Received ' + (listener === null ? "null" : listener === undefined ? "undefined" : "type " + typeof listener));
		err.code = "ERR_INVALID_ARG_TYPE";
		throw err;
	}
}

function EventEmitter(opts) {
	EventEmitter.init.call(this, opts);
}

EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

EventEmitter.init = function (opts) {
	if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
		this._events = Object.create(null);
		this._eventsCount = 0;
	}
	this._maxListeners = this._maxListeners || undefined;
	this[kCapture] = Boolean(opts && opts.captureRejections);
};

Object.defineProperty(EventEmitter, "defaultMaxListeners", {
	enumerable: true,
	get() {
		return defaultMaxListeners;
	},
	set(n) {
		if (typeof n !== "number" || n < 0 || Number.isNaN(n)) {
			const err = new RangeError('The value of "defaultMaxListeners" is out of range. It must be a non-negative number. Received ' + String(n));
			err.code = "ERR_OUT_OF_RANGE";
			throw err;
		}
		defaultMaxListeners = n;
	},
});

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
	if (typeof n !== "number" || n < 0 || Number.isNaN(n)) {
		const err = new RangeError('The value of "n" is out of range. It must be a non-negative number. Received ' + String(n));
		err.code = "ERR_OUT_OF_RANGE";
		throw err;
	}
	this._maxListeners = n;
	return this;
};

function maxListeners(that) {
	return that._maxListeners === undefined ? defaultMaxListeners : that._maxListeners;
}

EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
	return maxListeners(this);
};

EventEmitter.prototype.emit = function emit(type, ...args) {
	const events = this._events;
	if (type === "error" && events !== undefined && events[errorMonitor] !== undefined) {
		this.emit(errorMonitor, ...args);
	}
	const handler = events === undefined ? undefined : events[type];
	if (handler === undefined) {
		if (type === "error") {
			const er = args[0];
			if (er instanceof Error) {
				throw er;
			}
			const util = require("util");
			const err = new Error("Unhandled error. (" + util.inspect(er) + ")");
			err.code = "ERR_UNHANDLED_ERROR";
			err.context = er;
			throw err;
		}
		return false;
	}
	if (typeof handler === "function") {
		Reflect.apply(handler, this, args);
	} else {
		for (const l of handler.slice()) {
			Reflect.apply(l, this, args);
		}
	}
	return true;
};

function addListener(target, type, listener, prepend) {
	checkListener(listener);
	let events = target._events;
	if (events === undefined) {
		events = target._events = Object.create(null);
		target._eventsCount = 0;
	} else if (events.newListener !== undefined) {
		target.emit("newListener", type, listener.listener ? listener.listener : listener);
		events = target._events;
	}
	let existing = events[type];
	if (existing === undefined) {
		events[type] = listener;
		++target._eventsCount;
		return target;
	}
	if (typeof existing === "function") {
		existing = events[type] = prepend ? [listener, existing] : [existing, listener];
	} else if (prepend) {
		existing.unshift(listener);
	} else {
		existing.push(listener);
	}
	const m = maxListeners(target);
	if (m > 0 && existing.length > m && !existing.warned) {
		existing.warned = true;
		const name = (target.constructor && target.constructor.name) || "EventEmitter";
		const w = new Error("Possible EventEmitter memory leak detected. " + existing.length + " " + String(type) + " listeners added to [" + name + "]. Use emitter.setMaxListeners() to increase limit");
		w.name = "MaxListenersExceededWarning";
		w.emitter = target;
		w.type = type;
		w.count = existing.length;
		console.error("(node:" + process.pid + ") MaxListenersExceededWarning: " + w.message + "\n(Use `node --trace-warnings ...` to show where the warning was created)");
	}
	return target;
}

EventEmitter.prototype.addListener = function (type, listener) {
	return addListener(this, type, listener, false);
};
EventEmitter.prototype.on = EventEmitter.prototype.addListener;
EventEmitter.prototype.prependListener = function (type, listener) {
	return addListener(this, type, listener, true);
};

function onceWrapper(...args) {
	if (!this.fired) {
		this.target.removeListener(this.type, this.wrapFn);
		this.fired = true;
		return Reflect.apply(this.listener, this.target, args);
	}
}

function onceWrap(target, type, listener) {
	const state = { fired: false, wrapFn: undefined, target, type, listener };
	const wrapped = onceWrapper.bind(state);
	wrapped.listener = listener;
	state.wrapFn = wrapped;
	return wrapped;
}

EventEmitter.prototype.once = function once(type, listener) {
	checkListener(listener);
	this.on(type, onceWrap(this, type, listener));
	return this;
};
EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
	checkListener(listener);
	this.prependListener(type, onceWrap(this, type, listener));
	return this;
};

EventEmitter.prototype.removeListener = function removeListener(type, listener) {
	checkListener(listener);
	const events = this._events;
	if (events === undefined) {
		return this;
	}
	const list = events[type];
	if (list === undefined) {
		return this;
	}
	if (list === listener || list.listener === listener) {
		if (--this._eventsCount === 0) {
			this._events = Object.create(null);
		} else {
			delete events[type];
		}
		if (events.removeListener) {
			this.emit("removeListener", type, list.listener || listener);
		}
	} else if (typeof list !== "function") {
		let position = -1;
		for (let i = list.length - 1; i >= 0; i--) {
			if (list[i] === listener || list[i].listener === listener) {
				position = i;
				break;
			}
		}
		if (position < 0) {
			return this;
		}
		const [removed] = list.splice(position, 1);
		if (list.length === 1) {
			events[type] = list[0];
		}
		if (events.removeListener !== undefined) {
			this.emit("removeListener", type, removed.listener || listener);
		}
	}
	return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
	const events = this._events;
	if (events === undefined) {
		return this;
	}
	if (events.removeListener === undefined) {
		if (arguments.length === 0) {
			this._events = Object.create(null);
			this._eventsCount = 0;
		} else if (events[type] !== undefined) {
			if (--this._eventsCount === 0) {
				this._events = Object.create(null);
			} else {
				delete events[type];
			}
		}
		return this;
	}
	if (arguments.length === 0) {
		for (const key of Reflect.ownKeys(events)) {
			if (key !== "removeListener") {
				this.removeAllListeners(key);
			}
		}
		this.removeAllListeners("removeListener");
		this._events = Object.create(null);
		this._eventsCount = 0;
		return this;
	}
	const listeners = events[type];
	if (typeof listeners === "function") {
		this.removeListener(type, listeners);
	} else if (listeners !== undefined) {
		for (let i = listeners.length - 1; i >= 0; i--) {
			this.removeListener(type, listeners[i]);
		}
	}
	return this;
};

function listeners(target, type, unwrap) {
	const events = target._events;
	if (events === undefined || events[type] === undefined) {
		return [];
	}
	const l = events[type];
	if (typeof l === "function") {
		return unwrap ? [l.listener || l] : [l];
	}
	return unwrap ? l.map((f) => f.listener || f) : l.slice();
}

EventEmitter.prototype.listeners = function (type) {
	return listeners(this, type, true);
};
EventEmitter.prototype.rawListeners = function (type) {
	return listeners(this, type, false);
};

function listenerCount(type) {
	const events = this._events;
	if (events !== undefined) {
		const l = events[type];
		if (typeof l === "function") {
			return 1;
		}
		if (l !== undefined) {
			return l.length;
		}
	}
	return 0;
}
EventEmitter.prototype.listenerCount = listenerCount;
EventEmitter.listenerCount = (emitter, type) => (typeof emitter.listenerCount === "function" ? emitter.listenerCount(type) : listenerCount.call(emitter, type));

EventEmitter.prototype.eventNames = function eventNames() {
	return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
};

EventEmitter.once = function once(emitter, name) {
	return new Promise((resolve, reject) => {
		const errorListener = (err) => {
			emitter.removeListener(name, resolver);
			reject(err);
		};
		const resolver = (...args) => {
			if (name !== "error") {
				emitter.removeListener("error", errorListener);
			}
			resolve(args);
		};
		emitter.once(name, resolver);
		if (name !== "error") {
			emitter.once("error", errorListener);
		}
	});
};

EventEmitter.getEventListeners = (emitter, type) => emitter.listeners(type);
EventEmitter.EventEmitter = EventEmitter;
EventEmitter.usingDomains = false;
EventEmitter.captureRejectionSymbol = Symbol.for("nodejs.rejection");
EventEmitter.errorMonitor = errorMonitor;
Object.defineProperty(EventEmitter, "captureRejections", { value: false, writable: true, enumerable: true });

module.exports = EventEmitter;
