package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// chrome.storage scenarios; item numbers (S1…S34) are conformance-apis.md §1.

// storageDenied is a content script's rejection for an area it may not use (S28).
const storageDenied = `"Access to storage is not allowed from this context."`

// csChangeRecorder makes a content script record storage.onChanged in self.changes.
const csChangeRecorder = `(self.changes = [], chrome.storage.onChanged.addListener((c, a) => self.changes.push([a, c])), true)`

// csChangesSettled is the content script's record once changes in flight have arrived.
const csChangesSettled = `new Promise((r) => setTimeout(() => r(self.changes), 100))`

// storageTry evaluates to a promise's value or its rejection's message.
const storageTry = `const t = (p) => p.then((v) => (v === undefined ? "ok" : v), (e) => e.message);`

func init() {
	All = append(All, storageScenarios...)
}

var storageScenarios = []Scenario{
	{
		Name: "storage-onchanged-and-worker-stop",
		Doc: "A set in the worker fires onChanged there (area event, then storage's, then the promise) and in a content script; " +
			"no-op sets fire nothing; session changes skip the content script; local and session survive a worker stop (S23–S28, S33).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", `Promise.all([chrome.storage.local.clear(), chrome.storage.session.clear()]).then(() => true)`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/cs", csChangeRecorder), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", `(async () => { self.log = [];
				chrome.storage.local.onChanged.addListener((...a) => self.log.push(["local.onChanged", a.length, a[0]]));
				chrome.storage.onChanged.addListener((c, area) => self.log.push(["storage.onChanged", area, c]));
				await chrome.storage.local.set({a: 1, b: {x: [1, 2]}}).then((v) => self.log.push(["resolved", v === undefined]));
				await chrome.storage.local.set({a: 2, b: {x: [1, 2]}});
				await chrome.storage.local.set({a: 2});
				await chrome.storage.local.remove(["b", "missing"]);
				await chrome.storage.session.set({s: 1});
				return self.log; })()`),
				Want: `{"value":[["local.onChanged",1,{"a":{"newValue":1},"b":{"newValue":{"x":[1,2]}}}],` +
					`["storage.onChanged","local",{"a":{"newValue":1},"b":{"newValue":{"x":[1,2]}}}],["resolved",true],` +
					`["local.onChanged",1,{"a":{"newValue":2,"oldValue":1}}],["storage.onChanged","local",{"a":{"newValue":2,"oldValue":1}}],` +
					`["local.onChanged",1,{"b":{"oldValue":{"x":[1,2]}}}],["storage.onChanged","local",{"b":{"oldValue":{"x":[1,2]}}}],` +
					`["storage.onChanged","session",{"s":{"newValue":1}}]]}`},
			{Do: extwasmtest.Eval("main/cs", csChangesSettled),
				Want: `{"value":[["local",{"a":{"newValue":1},"b":{"newValue":{"x":[1,2]}}}],["local",{"a":{"newValue":2,"oldValue":1}}],` +
					`["local",{"b":{"oldValue":{"x":[1,2]}}}]]}`},
			{Do: extwasmtest.Eval("main/cs", `(self.changes = [], chrome.storage.local.set({fromCS: true}).then(() => self.changes))`),
				Want: `{"value":[["local",{"fromCS":{"newValue":true}}]]}`},
			{Do: extwasmtest.StopWorker()},
			{Do: extwasmtest.Eval("worker", `Promise.all([chrome.storage.local.get(), chrome.storage.session.get(), typeof self.log])`),
				Want: `{"value":[{"a":2,"fromCS":true},{"s":1},"undefined"]}`},
		},
	},
	{
		Name: "storage-change-wakes-worker",
		Doc:  "A storage change wakes a stopped worker whose top level listens for storage.onChanged, and that listener gets it (S27, S33; A9 for waking).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", `chrome.storage.local.set({before: 1}).then(() => self.storageChanges)`), Want: `{"value":[["local",{"before":{"newValue":1}}]]}`},
			{Do: extwasmtest.StopWorker()},
			{Do: extwasmtest.Eval("main/cs", `chrome.storage.local.set({woke: 1}).then(() => true)`), Want: `{"value":true}`},
			// The woken worker gets the change once it has started; a loaded machine starts it later.
			{Do: extwasmtest.Eval("worker", `(async () => { for (let i = 0; i < 200 && self.storageChanges.length === 0; i++) {
				await new Promise((r) => setTimeout(r, 50)); } return self.storageChanges; })()`), Want: `{"value":[["local",{"woke":{"newValue":1}}]]}`},
		},
	},
	{
		Name: "storage-value-semantics",
		Doc: "Stored values are converted as base::Value, not JSON.stringify: dropped keys, Date and Map as {}, toJSON ignored, holes and cycles as null; " +
			"binary data refused by local and kept as ArrayBuffer by session; JSONWriter byte counts and session's memory estimate; 100 levels of nesting; " +
			"throwing getters; get's argument forms (§1.3, §1.5, S7, S8, S15, S16).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", `(async () => { const L = chrome.storage.local; await L.clear();
				const cyc = {}; cyc.o = cyc; const sparse = []; sparse[3] = 1;
				await L.set({u: undefined, f: () => 1, sym: Symbol(), nan: NaN, inf: Infinity, big: 1n, date: new Date(0), map: new Map([[1, 2]]),
					str: new String("x"), tj: {toJSON() { return 5 }, a: 1}, nested: {a: undefined, b: 1, n: NaN, g() {}},
					arr: [1, undefined, NaN, () => 1, , 5], sparse, cyc, negz: -0, dbl: 3000000000, nul: null, empty: "", obj: {z: 1, a: 2}});
				return [await L.get(), await L.getKeys()]; })()`),
				Want: `{"value":[{"arr":[1,null,null,null,null,5],"cyc":{"o":null},"date":{},"dbl":3000000000,"empty":"","map":{},"negz":0,` +
					`"nested":{"b":1},"nul":null,"obj":{"a":2,"z":1},"sparse":[null,null,null,1],"str":{"0":"x"},"tj":{"a":1}},` +
					`["arr","cyc","date","dbl","empty","map","negz","nested","nul","obj","sparse","str","tj"]]}`},
			{Do: extwasmtest.Eval("worker", `(async () => { const L = chrome.storage.local, r = [];
				for (const [k, v] of [["a", 1], ["abc", "hello"], ["lt", "<"], ["big", 3000000000], ["k", "😀"], ["n", {b: 1, a: [true, null]}], ["c", "\u0001"]]) {
					await L.clear(); await L.set({[k]: v}); r.push(await L.getBytesInUse()); }
				await L.set({z: 1}); r.push(await L.getBytesInUse(), await L.getBytesInUse("z"), await L.getBytesInUse(["z", "nokey"]), await L.getBytesInUse([]));
				await L.clear(); return r; })()`),
				Want: `{"value":[2,10,10,15,7,24,9,11,2,2,0]}`},
			{Do: extwasmtest.Eval("worker", `(async () => { `+storageTry+`
				return [await t(chrome.storage.local.set({ok: 1, b: {x: new Uint8Array([1])}})), await chrome.storage.local.get(),
					await t(chrome.storage.sync.set({ab: new ArrayBuffer(1)})), await chrome.storage.sync.get()]; })()`),
				Want: `{"value":["Cannot serialize value to JSON",{},"Cannot serialize value to JSON",{}]}`},
			{Do: extwasmtest.Eval("worker", `chrome.storage.session.set({b: new Uint8Array([1, 2, 3]), n: {v: new DataView(new Uint8Array([9, 8, 7]).buffer, 1)}})
				.then(() => chrome.storage.session.get())
				.then((g) => [Object.prototype.toString.call(g.b), Array.from(new Uint8Array(g.b)), Object.prototype.toString.call(g.n.v), Array.from(new Uint8Array(g.n.v))])`),
				Want: `{"value":["[object ArrayBuffer]",[1,2,3],"[object ArrayBuffer]",[8,7]]}`},
			{Do: extwasmtest.Eval("worker", `(async () => { const L = chrome.storage.local; await L.set({a: "A", "": 5});
				return [await L.get("a"), await L.get(""), await L.get("missing"), await L.get(["a", "missing"]), await L.get([]),
					await L.get({a: "d", m: "dm", m2: undefined, m3: null, m4: () => 1}), await L.get({}), await L.get(new Date(0)), await L.get(null)]; })()`),
				Want: `{"value":[{"a":"A"},{"":5},{},{"a":"A"},{},{"a":"A","m":"dm","m3":null},{},{},{"":5,"a":"A"}]}`},
			{Do: extwasmtest.Eval("worker", `(async () => { const L = chrome.storage.local, r = [];
				for (const [k, v] of [["del", "\x7f"], ["p", "\u2029"], ["gt", ">"], ["lone", "\ud800"], ["c80", "\u0080"], ["a", [-0, 1.0, 2 ** 31, -(2 ** 31), 2 ** 31 - 1]]]) {
					await L.clear(); await L.set({[k]: v}); r.push(await L.getBytesInUse()); }
				const S = chrome.storage.session;
				for (const v of [0, "x".repeat(1000), "x".repeat(30), {a: 1}, {a: 1, b: 2, c: 3}, [1, 2, 3, 4, 5], new Uint8Array(100)]) {
					await S.clear(); await S.set({k: v}); r.push(await S.getBytesInUse()); }
				await L.clear(); await S.clear(); return r; })()`),
				Want: `{"value":[6,9,5,9,7,42,0,1008,32,64,192,160,100]}`},
			{Do: extwasmtest.Eval("worker", `(async () => { const L = chrome.storage.local, r = [];
				let d = []; const root = d; for (let i = 0; i < 300; i++) { const n = []; d.push(n); d = n; }
				let o = {}; const oroot = o; for (let i = 0; i < 300; i++) { o.x = {}; o = o.x; }
				await L.set({deep: root, deepo: oroot}); const g = await L.get();
				let depth = 0, x = g.deep; while (Array.isArray(x) && x.length) { depth++; x = x[0]; }
				let odepth = 0, y = g.deepo; while (y && typeof y === "object" && "x" in y) { odepth++; y = y.x; }
				r.push(depth, x, odepth, y);
				for (const f of [() => L.set({a: 1, get b() { throw new Error("boom") }}), () => L.get({get a() { throw new Error("boom") }})]) {
					try { f(); r.push("no throw"); } catch (e) { r.push(e.message); } }
				await L.clear();
				r.push(await L.set({n: {get b() { throw new Error("boom") }, c: 1}, l: [1, {get z() { throw 1 }}]}).then(() => L.get(), (e) => e.message));
				await L.clear(); return r; })()`),
				Want: `{"value":[100,null,99,{},` +
					`"Error in invocation of storage.set(object items, optional function callback): Error at parameter 'items': Script threw an error.",` +
					`"Error in invocation of storage.get(optional [string|array|object] keys, optional function callback): Error at parameter 'keys': Value did not match any choice.",` +
					`{"l":[1,{"z":null}],"n":{"b":null,"c":1}}]}`},
			{Do: extwasmtest.Eval("worker", `(async () => { const L = chrome.storage.local, cb = (f) => new Promise((r) => f((...a) => r(a)));
				return [await cb((k) => L.set({c: 1}, k)), await cb((k) => L.get("c", k)), await cb((k) => L.getKeys(k)), await cb((k) => L.getBytesInUse("c", k)),
					await cb((k) => L.remove("c", k)), await cb((k) => L.clear(k)), L.get(() => {}) === undefined,
					await L.set({d: 1}), await L.remove([]), await L.remove("nokey")]; })()`),
				Want: `{"value":[[],[{"c":1}],[["c"]],[2],[],[],true,null,null,null]}`},
		},
	},
	{
		Name: "storage-quota-local",
		Doc:  "Local storage accepts a total of exactly QUOTA_BYTES and refuses one byte more, judging the resulting total; a refused set stores nothing (S17, S20).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", `(async () => { const L = chrome.storage.local; `+storageTry+` await L.clear(); const r = [];
				r.push(await t(L.set({k: "x".repeat(L.QUOTA_BYTES - 3)})), await L.getBytesInUse());
				r.push(await t(L.set({k: "x".repeat(L.QUOTA_BYTES - 2)})));
				await L.set({k: "x".repeat(L.QUOTA_BYTES - 3 - 10)});
				r.push(await t(L.set({kk: "1234567"})), await t(L.set({k2: "123456"})), await L.getBytesInUse());
				await L.clear(); await L.set({pre: 1});
				r.push(await t(L.set({a: 1, big: "x".repeat(L.QUOTA_BYTES)})), await L.get());
				await L.clear(); return r; })()`),
				Want: `{"value":["ok",10485760,"Resource::kQuotaBytes quota exceeded","Resource::kQuotaBytes quota exceeded","ok",10485760,` +
					`"Resource::kQuotaBytes quota exceeded",{"pre":1}]}`},
		},
	},
	{
		Name: "storage-quota-session",
		Doc:  "Session storage refuses, with its own text, a set that would bring its estimate to the quota, and stores nothing (S18, S20).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", `(async () => { `+storageTry+` const S = chrome.storage.session;
				const r = [await t(S.set({k: "x".repeat(10485770)})), await S.get(), await t(S.set({k: "x".repeat(10485660)}))];
				for (const n of [10485751, 10485752]) { await S.clear(); r.push(await t(S.set({k: "x".repeat(n)})), await S.getBytesInUse()); }
				await S.clear(); await S.set({a: "x".repeat(5242872)}); r.push(await t(S.set({b: "x".repeat(5242872)})));
				await S.clear(); return r; })()`),
				Want: `{"value":["Session storage quota bytes exceeded. Values were not stored.",{},"ok","ok",10485752,` +
					`"Session storage quota bytes exceeded. Values were not stored.",0,"Session storage quota bytes exceeded. Values were not stored."]}`},
		},
	},
	{
		Name: "storage-quota-sync",
		Doc:  "Sync's per-item, total and item-count quotas, all or nothing, and its writes-per-minute limit, counted per method (S19–S21).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", `(async () => { `+storageTry+` const S = chrome.storage.sync, r = []; await S.clear();
				r.push(await t(S.set({k: "x".repeat(S.QUOTA_BYTES_PER_ITEM - 3)})), await S.getBytesInUse());
				r.push(await t(S.set({pre2: 1, k2: "x".repeat(S.QUOTA_BYTES_PER_ITEM - 3)})), await S.get("pre2"));
				await S.clear();
				const fill = {}; for (let i = 0; i < 12; i++) fill["f" + String(i).padStart(2, "0")] = "x".repeat(8192 - 5);
				fill.f12 = "x".repeat(S.QUOTA_BYTES - 12 * 8192 - 5);
				r.push(await t(S.set(fill)), await S.getBytesInUse(), await t(S.set({z: 1})), (await S.getKeys()).length);
				await S.clear();
				const many = {}; for (let i = 0; i < S.MAX_ITEMS; i++) many["i" + i] = 1;
				r.push(await t(S.set(many)), await t(S.set({one: 1})), await t(S.set({i0: 2})), (await S.getKeys()).length);
				await S.clear(); return r; })()`),
				Want: `{"value":["ok",8192,"Resource::kQuotaBytesPerItem quota exceeded",{},"ok",102400,"Resource::kQuotaBytes quota exceeded",13,` +
					`"ok","Resource::kMaxItems quota exceeded","ok",512]}`},
			{Do: extwasmtest.Eval("worker", `(async () => { `+storageTry+` const S = chrome.storage.sync;
				for (let i = 0; i < 113; i++) { const v = await t(S.set({n: 1})); if (v !== "ok") return ["set " + i, v]; }
				return [await t(S.set({n: 1})), await t(S.remove("n")), await t(S.clear()), await t(chrome.storage.local.set({n: 1})), await S.get()]; })()`),
				Want: `{"value":["This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.","ok","ok","ok",{}]}`},
		},
	},
	{
		Name: "storage-argument-errors",
		Doc:  "Bad arguments throw Chrome's exact 'Error in invocation of storage.…' TypeErrors before any promise exists (§1.3, S9–S14).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", `(() => { const L = chrome.storage.local, r = [];
				for (const f of [() => L.get(123), () => L.get("a", "b"), () => L.get(["a", 1]), () => L.set(), () => L.set([1, 2]), () => L.set({a: 1}, 5),
					() => L.remove(), () => L.remove(["a", 1]), () => L.clear(1), () => L.getBytesInUse({}), () => L.getKeys(1),
					() => L.setAccessLevel("TRUSTED_CONTEXTS"), () => L.setAccessLevel({accessLevel: "BOGUS"}), () => L.setAccessLevel({}),
					() => chrome.storage.session.setAccessLevel({accessLevel: "TRUSTED_CONTEXTS", x: 1})]) {
					try { f(); r.push("no throw"); } catch (e) { r.push(e.constructor.name + ": " + e.message); } }
				return r; })()`),
				Want: `{"value":[` +
					`"TypeError: Error in invocation of storage.get(optional [string|array|object] keys, optional function callback): No matching signature.",` +
					`"TypeError: Error in invocation of storage.get(optional [string|array|object] keys, optional function callback): No matching signature.",` +
					`"TypeError: Error in invocation of storage.get(optional [string|array|object] keys, optional function callback): Error at parameter 'keys': Value did not match any choice.",` +
					`"TypeError: Error in invocation of storage.set(object items, optional function callback): No matching signature.",` +
					`"TypeError: Error in invocation of storage.set(object items, optional function callback): No matching signature.",` +
					`"TypeError: Error in invocation of storage.set(object items, optional function callback): No matching signature.",` +
					`"TypeError: Error in invocation of storage.remove([string|array] keys, optional function callback): No matching signature.",` +
					`"TypeError: Error in invocation of storage.remove([string|array] keys, optional function callback): Error at parameter 'keys': Value did not match any choice.",` +
					`"TypeError: Error in invocation of storage.clear(optional function callback): No matching signature.",` +
					`"TypeError: Error in invocation of storage.getBytesInUse(optional [string|array] keys, optional function callback): No matching signature.",` +
					`"TypeError: Error in invocation of storage.getKeys(optional function callback): No matching signature.",` +
					`"TypeError: Error in invocation of storage.setAccessLevel(object accessOptions, optional function callback): No matching signature.",` +
					`"TypeError: Error in invocation of storage.setAccessLevel(object accessOptions, optional function callback): Error at parameter 'accessOptions': Error at property 'accessLevel': Value must be one of TRUSTED_AND_UNTRUSTED_CONTEXTS, TRUSTED_CONTEXTS.",` +
					`"TypeError: Error in invocation of storage.setAccessLevel(object accessOptions, optional function callback): Error at parameter 'accessOptions': Missing required property 'accessLevel'.",` +
					`"TypeError: Error in invocation of storage.setAccessLevel(object accessOptions, optional function callback): Error at parameter 'accessOptions': Unexpected property: 'x'."]}`},
			{Do: extwasmtest.Eval("worker", `[Object.keys(chrome.storage), Object.keys(chrome.storage.sync), Object.keys(chrome.storage.managed), chrome.storage.AccessLevel]`),
				Want: `{"value":[["sync","session","managed","local","onChanged","AccessLevel"],` +
					`["get","getKeys","set","remove","clear","getBytesInUse","setAccessLevel","onChanged","QUOTA_BYTES","QUOTA_BYTES_PER_ITEM","MAX_ITEMS","MAX_WRITE_OPERATIONS_PER_HOUR","MAX_WRITE_OPERATIONS_PER_MINUTE","MAX_SUSTAINED_WRITE_OPERATIONS_PER_MINUTE"],` +
					`["get","getKeys","set","remove","clear","getBytesInUse","setAccessLevel","onChanged"],` +
					`{"TRUSTED_AND_UNTRUSTED_CONTEXTS":"TRUSTED_AND_UNTRUSTED_CONTEXTS","TRUSTED_CONTEXTS":"TRUSTED_CONTEXTS"}]}`},
		},
	},
	{
		Name: "storage-access-levels",
		Doc: "Content scripts may not use session storage until the worker opens it, and may read managed storage; the level changes live, " +
			"both ways, for local too; managed is read-only (S6, S28–S31).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", `chrome.storage.session.set({s: 1}).then(() => true)`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/cs", `(async () => { `+storageTry+` const S = chrome.storage.session;
				return [typeof S, await t(S.get()), await t(S.set({a: 1})), await t(S.getKeys()), await t(S.setAccessLevel({accessLevel: "TRUSTED_AND_UNTRUSTED_CONTEXTS"})),
					await t(chrome.storage.managed.get()), await t(chrome.storage.local.setAccessLevel({accessLevel: "TRUSTED_CONTEXTS"})),
					await new Promise((r) => S.get(null, (...a) => r([a.length, chrome.runtime.lastError.message])))]; })()`),
				Want: `{"value":["object",` + storageDenied + `,` + storageDenied + `,` + storageDenied + `,` + storageDenied +
					`,{},"Context cannot set the storage access level",[0,` + storageDenied + `]]}`},
			{Do: extwasmtest.Eval("main/cs", csChangeRecorder), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("worker", `chrome.storage.session.setAccessLevel({accessLevel: chrome.storage.AccessLevel.TRUSTED_AND_UNTRUSTED_CONTEXTS}).then(() => chrome.storage.session.set({s: 2})).then(() => true)`),
				Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/cs", `chrome.storage.session.get().then(async (g) => [g, await new Promise((r) => setTimeout(() => r(self.changes), 100))])`),
				Want: `{"value":[{"s":2},[["session",{"s":{"newValue":2,"oldValue":1}}]]]}`},
			{Do: extwasmtest.Eval("worker", `chrome.storage.session.setAccessLevel({accessLevel: "TRUSTED_CONTEXTS"}).then(() => chrome.storage.session.set({s: 3})).then(() => true)`),
				Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/cs", `chrome.storage.session.get().catch((e) => e.message).then(async (g) => [g, await new Promise((r) => setTimeout(() => r(self.changes.length), 100))])`),
				Want: `{"value":[` + storageDenied + `,1]}`},
			{Do: extwasmtest.Eval("worker", `chrome.storage.local.setAccessLevel({accessLevel: "TRUSTED_CONTEXTS"}).then(() => true)`), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/cs", `chrome.storage.local.get().catch((e) => e.message)`), Want: `{"value":` + storageDenied + `}`},
			{Do: extwasmtest.Eval("worker", `(async () => { `+storageTry+` const M = chrome.storage.managed;
				return [await M.get(), await M.getBytesInUse(), await M.getKeys(), await t(M.set({a: 1})), await t(M.remove("a")), await t(M.clear())]; })()`),
				Want: `{"value":[{},0,[],"This is a read-only store.","This is a read-only store.","This is a read-only store."]}`},
		},
	},
}
