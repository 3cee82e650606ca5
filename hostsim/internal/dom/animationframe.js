// requestAnimationFrame and cancelAnimationFrame. A frame comes every 1000/60 ms of the realm's
// clock while the document is visible (Chromium runs none for a hidden one); every callback of a
// frame gets the same timestamp, and one requested during a frame waits for the next.
(function (global, document) {
	"use strict";
	const period = 1000 / 60;
	let nextID = 0;
	let pending = new Map(); // id -> callback, in request order
	let scheduled = false;
	const now = () => (typeof performance === "object" && performance !== null ? performance.now() : Date.now());
	const report = (e) => {
		if (typeof reportError === "function") reportError(e);
		else queueMicrotask(() => { throw e; });
	};

	function schedule() {
		if (scheduled) return;
		scheduled = true;
		// The next frame boundary strictly after now (a frame's own time, give or take rounding,
		// counts as now: a callback requested during a frame waits a whole period).
		const t = now();
		setTimeout(frame, (Math.floor(t / period + 1e-6) + 1) * period - t);
	}

	function frame() {
		scheduled = false;
		if (document.hidden) {
			document.addEventListener("visibilitychange", schedule, {once: true});
			return;
		}
		const run = pending;
		pending = new Map();
		const t = now();
		for (const cb of run.values()) {
			try {
				cb.call(global, t);
			} catch (e) {
				report(e);
			}
		}
	}

	Object.defineProperty(global, "requestAnimationFrame", {writable: true, configurable: true, enumerable: true,
		value: function requestAnimationFrame(callback) {
			if (typeof callback !== "function") {
				throw new TypeError("Failed to execute 'requestAnimationFrame' on 'Window': The callback provided as parameter 1 is not a function.");
			}
			pending.set(++nextID, callback);
			schedule();
			return nextID;
		}});
	Object.defineProperty(global, "cancelAnimationFrame", {writable: true, configurable: true, enumerable: true,
		value: function cancelAnimationFrame(id) {
			pending.delete(Number(id));
		}});
})
