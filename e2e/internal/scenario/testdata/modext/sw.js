// A module worker: static imports, a live binding, import.meta, and what a module worker refuses.
import {count, bump, name as libName} from "./lib/counter.js";
import greet, * as all from "./lib/greet.js";
import "./lib/side.js";

bump();
self.report = () => ({
	count, libName, greeting: greet("worker"), keys: Object.keys(all).sort(),
	meta: import.meta.url.replace(chrome.runtime.id, "<id>"), thisType: typeof this,
	side: self.sideEffects, strict: (function () { return this === undefined; })(),
});
self.tryImportScripts = () => { try { importScripts("lib/classic.js"); return "ok"; } catch (e) { return [e.name, e.message]; } };
self.tryDynamic = () => import("./lib/greet.js").then(() => "ok", (e) => [e.name, e.message]);
chrome.runtime.onMessage.addListener((m, s, r) => { if (m.bump) { bump(); r(count); } });
