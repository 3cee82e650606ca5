package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Item numbers (S1…S34) are conformance-apis.md §1.

// storageEnv is the storage fixture (testdata/storage) with a web tab (content script at cs) and
// an extension page; every context logs storage.onChanged into self.changes.
type storageEnv struct {
	*env
	extPage *Context
}

func newStorageEnv(t *testing.T) *storageEnv {
	t.Helper()
	b, err := New(Options{Seed: 1})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	ext, err := b.Install("testdata/storage")
	require.NoError(t, err)
	tab, err := b.OpenTab(pageURL)
	require.NoError(t, err)
	cs := tab.Top().ContentScript(ext)
	require.NotNil(t, cs, "content script injected")
	ptab, err := b.OpenTab(ext.URL("page.html"))
	require.NoError(t, err)
	e := &env{b: b, ext: ext, tab: tab, cs: cs, page: tab.Top().Page(), wk: ext.Worker(), ctx: t.Context(), t: t}
	return &storageEnv{env: e, extPage: ptab.Top().Page()}
}

// contexts are the fixture's extension contexts by name.
func (e *storageEnv) contexts() map[string]*Context {
	return map[string]*Context{"worker": e.wk, "page": e.extPage, "content": e.cs}
}

func TestStorageSurface(t *testing.T) {
	e := newStorageEnv(t)
	// S1: the same namespace in the worker, an extension page and a content script.
	for name, c := range e.contexts() {
		assert.JSONEq(t, `["sync","session","managed","local","onChanged","AccessLevel"]`, e.eval(c, `Object.keys(chrome.storage)`), name)
	}
	methods := `"get","getKeys","set","remove","clear","getBytesInUse","setAccessLevel","onChanged"`
	// S2, S3: the methods, then the area's constants.
	cases := []struct{ area, keys, constants string }{
		{"local", methods + `,"QUOTA_BYTES"`, `{"QUOTA_BYTES":10485760}`},
		{"session", methods + `,"QUOTA_BYTES"`, `{"QUOTA_BYTES":10485760}`},
		{"sync", methods + `,"QUOTA_BYTES","QUOTA_BYTES_PER_ITEM","MAX_ITEMS","MAX_WRITE_OPERATIONS_PER_HOUR","MAX_WRITE_OPERATIONS_PER_MINUTE","MAX_SUSTAINED_WRITE_OPERATIONS_PER_MINUTE"`,
			`{"QUOTA_BYTES":102400,"QUOTA_BYTES_PER_ITEM":8192,"MAX_ITEMS":512,"MAX_WRITE_OPERATIONS_PER_HOUR":1800,"MAX_WRITE_OPERATIONS_PER_MINUTE":120,"MAX_SUSTAINED_WRITE_OPERATIONS_PER_MINUTE":1000000}`},
		{"managed", methods, `{}`},
	}
	for _, c := range cases {
		t.Run(c.area, func(t *testing.T) {
			e.assertJSON(e.wk, `Object.keys(chrome.storage.`+c.area+`)`, `[`+c.keys+`]`)
			e.assertJSON(e.wk, `Object.fromEntries(Object.entries(chrome.storage.`+c.area+`).filter(([k, v]) => typeof v === "number"))`, c.constants)
		})
	}
	// S4
	e.assertJSON(e.wk, `chrome.storage.AccessLevel`, `{"TRUSTED_AND_UNTRUSTED_CONTEXTS":"TRUSTED_AND_UNTRUSTED_CONTEXTS","TRUSTED_CONTEXTS":"TRUSTED_CONTEXTS"}`)
}

func TestStorageNeedsThePermission(t *testing.T) {
	e := newEnv(t, Options{}) // the probe extension has no storage permission
	e.assertJSON(e.wk, `typeof chrome.storage`, `"undefined"`)
	e.assertJSON(e.cs, `typeof chrome.storage`, `"undefined"`)
}

func TestStorageManagedIsReadOnly(t *testing.T) {
	e := newStorageEnv(t)
	// S6, and the rest of managed as measured: reads answer, writes reject.
	e.assertJSON(e.wk, `chrome.storage.managed.get()`, `{}`)
	e.assertJSON(e.wk, `chrome.storage.managed.getBytesInUse()`, `0`)
	e.assertJSON(e.wk, `chrome.storage.managed.getKeys()`, `[]`)
	for _, call := range []string{`set({a: 1})`, `remove("a")`, `clear()`} {
		e.assertJSON(e.wk, `chrome.storage.managed.`+call+`.catch((e) => e.message)`, `"This is a read-only store."`)
	}
	e.assertJSON(e.wk, `new Promise((r) => chrome.storage.managed.set({a: 1}, (...a) => r([a.length, chrome.runtime.lastError.message])))`,
		`[0,"This is a read-only store."]`)
	e.assertJSON(e.wk, `chrome.storage.managed.setAccessLevel({accessLevel: "TRUSTED_AND_UNTRUSTED_CONTEXTS"}).then((v) => v === undefined)`, `true`)
	// A policy written from Go is what the extension reads.
	require.NoError(t, e.ext.Storage(StorageManaged).Set(map[string]any{"policy": map[string]any{"on": true}}))
	e.assertJSON(e.wk, `chrome.storage.managed.get("policy")`, `{"policy":{"on":true}}`)
	// Content scripts may read it, until the extension closes it to them.
	e.assertJSON(e.cs, `chrome.storage.managed.get()`, `{"policy":{"on":true}}`)
	e.run(e.wk, `chrome.storage.managed.setAccessLevel({accessLevel: "TRUSTED_CONTEXTS"})`)
	e.assertJSON(e.cs, `chrome.storage.managed.get().catch((e) => e.message)`, `"Access to storage is not allowed from this context."`)
}

func TestStorageReturnValues(t *testing.T) {
	e := newStorageEnv(t)
	// S7: set, remove and clear resolve undefined, callbacks get no arguments and the call
	// returns undefined.
	for _, call := range []string{`set({a: 1}`, `remove("a"`, `clear(`, `setAccessLevel({accessLevel: "TRUSTED_CONTEXTS"}`} {
		e.assertJSON(e.wk, `chrome.storage.local.`+call+`).then((v) => v === undefined)`, `true`)
		sep := ", "
		if strings.HasSuffix(call, "(") {
			sep = ""
		}
		e.assertJSON(e.wk, `new Promise((r) => { const cb = (...a) => r([a.length, ret === undefined]);
			const ret = chrome.storage.local.`+call+sep+`cb); })`, `[0,true]`)
	}
	// S8: getKeys and get(null) in sorted order.
	e.run(e.wk, `chrome.storage.local.set({b: 1}); chrome.storage.local.set({a: 2}); chrome.storage.local.set({c: 3})`)
	e.assertJSON(e.wk, `chrome.storage.local.getKeys()`, `["a","b","c"]`)
	e.assertJSON(e.wk, `chrome.storage.local.get(null).then(Object.keys)`, `["a","b","c"]`)
	for _, call := range []string{`get("a", `, `getKeys(`, `getBytesInUse(`} {
		e.assertJSON(e.wk, `new Promise((r) => chrome.storage.local.`+call+`(...a) => r(a)))`, map[string]string{
			`get("a", `: `[{"a":2}]`, `getKeys(`: `[["a","b","c"]]`, `getBytesInUse(`: `[6]`}[call])
	}
}

func TestStorageGetForms(t *testing.T) {
	e := newStorageEnv(t)
	e.run(e.wk, `chrome.storage.local.set({a: "A", b: "B", "": 5})`)
	// §1.3
	cases := []struct{ call, want string }{
		{`get()`, `{"":5,"a":"A","b":"B"}`},
		{`get(null)`, `{"":5,"a":"A","b":"B"}`},
		{`get(undefined)`, `{"":5,"a":"A","b":"B"}`},
		{`get("a")`, `{"a":"A"}`},
		{`get("missing")`, `{}`},
		{`get("")`, `{"":5}`},
		{`get(["a", "b", "missing"])`, `{"a":"A","b":"B"}`},
		{`get([])`, `{}`},
		{`get({a: "defA", missing: "defM", m2: undefined, m3: null, m4: () => 1})`, `{"a":"A","missing":"defM","m3":null}`},
		{`get({a: undefined})`, `{"a":"A"}`},
		{`get({})`, `{}`},
		{`get(new Date(0))`, `{}`},
	}
	for _, c := range cases {
		t.Run(c.call, func(t *testing.T) { e.assertJSON(e.wk, `chrome.storage.local.`+c.call, c.want) })
	}
}

func TestStorageArgumentErrors(t *testing.T) {
	e := newStorageEnv(t)
	const (
		get    = "Error in invocation of storage.get(optional [string|array|object] keys, optional function callback): "
		set    = "Error in invocation of storage.set(object items, optional function callback): No matching signature."
		remove = "Error in invocation of storage.remove([string|array] keys, optional function callback): "
		level  = "Error in invocation of storage.setAccessLevel(object accessOptions, optional function callback): "
	)
	// §1.3 and S9–S14: synchronous TypeErrors, in every area.
	cases := []struct{ call, want string }{
		{`get(123)`, get + "No matching signature."},
		{`get(true)`, get + "No matching signature."},
		{`get(Symbol())`, get + "No matching signature."},
		{`get("a", "b")`, get + "No matching signature."},
		{`get(() => {}, 1)`, get + "No matching signature."},
		{`get(["a", 1])`, get + "Error at parameter 'keys': Value did not match any choice."},
		{`set()`, set}, {`set(null)`, set}, {`set(undefined)`, set}, {`set("x")`, set}, {`set(1)`, set},
		{`set([1, 2])`, set}, {`set({a: 1}, 5)`, set}, {`set({a: 1}, () => {}, 3)`, set},
		{`remove()`, remove + "No matching signature."},
		{`remove(1)`, remove + "No matching signature."},
		{`remove(null)`, remove + "No matching signature."},
		{`remove(["a", 1])`, remove + "Error at parameter 'keys': Value did not match any choice."},
		{`clear(1)`, "Error in invocation of storage.clear(optional function callback): No matching signature."},
		{`getBytesInUse(1)`, "Error in invocation of storage.getBytesInUse(optional [string|array] keys, optional function callback): No matching signature."},
		{`getBytesInUse({})`, "Error in invocation of storage.getBytesInUse(optional [string|array] keys, optional function callback): No matching signature."},
		{`getKeys(1)`, "Error in invocation of storage.getKeys(optional function callback): No matching signature."},
		{`setAccessLevel()`, level + "No matching signature."},
		{`setAccessLevel("TRUSTED_CONTEXTS")`, level + "No matching signature."},
		{`setAccessLevel({accessLevel: "BOGUS"})`, level + "Error at parameter 'accessOptions': Error at property 'accessLevel': Value must be one of TRUSTED_AND_UNTRUSTED_CONTEXTS, TRUSTED_CONTEXTS."},
	}
	for _, area := range []string{"local", "sync", "session", "managed"} {
		for _, c := range cases {
			t.Run(area+"."+c.call, func(t *testing.T) {
				je := e.evalErr(e.wk, `chrome.storage.`+area+`.`+c.call)
				assert.Equal(t, "TypeError", je.Name)
				assert.Equal(t, c.want, je.Message)
			})
		}
	}
	// Accepted forms of S9–S11.
	e.assertJSON(e.wk, `chrome.storage.local.set(new Map([[1, 2]])).then(() => chrome.storage.local.get())`, `{}`)
	e.assertJSON(e.wk, `Promise.all([chrome.storage.local.remove([]), chrome.storage.local.remove("nokey"), chrome.storage.local.clear(null)])`, `[null,null,null]`)
}

func TestStorageValueSemantics(t *testing.T) {
	e := newStorageEnv(t)
	// Table 1.5, the same in every area that stores it.
	cases := []struct{ value, want string }{
		{`undefined`, `absent`}, {`() => 1`, `absent`}, {`Symbol()`, `absent`}, {`NaN`, `absent`},
		{`Infinity`, `absent`}, {`-Infinity`, `absent`}, {`1n`, `absent`},
		{`new Date(0)`, `{}`}, {`new Map([[1, 2]])`, `{}`}, {`new Set([1])`, `{}`}, {`/x/g`, `{}`},
		{`new Error("e")`, `{}`}, {`new Boolean(false)`, `{}`}, {`new Number(3)`, `{}`},
		{`new String("x")`, `{"0":"x"}`},
		{`{toJSON() { return 5 }, a: 1}`, `{"a":1}`},
		{`new (class { constructor() { this.a = 1 } m() {} })()`, `{"a":1}`},
		{`{a: undefined, b: 1}`, `{"b":1}`}, {`{f() {}, g: 2}`, `{"g":2}`},
		{`{n: NaN, i: Infinity, s: Symbol()}`, `{}`}, {`{b: 1n}`, `{}`},
		{`[1, undefined, NaN, () => 1, , 5]`, `[1,null,null,null,null,5]`},
		{`(() => { const a = []; a[3] = 1; return a })()`, `[null,null,null,1]`},
		{`(() => { const o = {}; o.o = o; return o })()`, `{"o":null}`},
		{`-0`, `0`}, {`null`, `null`}, {`""`, `""`}, {`false`, `false`}, {`1.5`, `1.5`},
		{`{x: [1, {y: "z"}], e: {}}`, `{"e":{},"x":[1,{"y":"z"}]}`},
	}
	for _, area := range []string{"local", "sync", "session"} {
		for _, c := range cases {
			t.Run(area+" "+c.value, func(t *testing.T) {
				got := e.eval(e.wk, `(async () => { const s = chrome.storage.`+area+`; await s.clear(); await s.set({pre: 1});
					await s.set({pre: undefined, k: `+c.value+`, after: 2}); const g = await s.get();
					return [g.pre, g.after, "k" in g ? g.k : "absent"]; })()`)
				var want string
				if c.want == "absent" {
					want = `[1,2,"absent"]`
				} else {
					want = `[1,2,` + c.want + `]`
				}
				assert.JSONEq(t, want, got)
			})
		}
	}
	// ArrayBuffers and views: refused whole by local and sync, kept as ArrayBuffers by session.
	for _, area := range []string{"local", "sync"} {
		e.assertJSON(e.wk, `chrome.storage.`+area+`.set({ok: 1, b: {x: new Uint8Array([1])}}).catch((e) => e.message)`, `"Cannot serialize value to JSON"`)
		e.assertJSON(e.wk, `chrome.storage.`+area+`.get("ok")`, `{}`)
	}
	e.assertJSON(e.wk, `(async () => { const s = chrome.storage.session;
		await s.set({u8: new Uint8Array([1, 2, 3]), dv: new DataView(new Uint8Array([9, 8, 7]).buffer, 1), ab: new ArrayBuffer(2)});
		const g = await s.get();
		return ["u8", "dv", "ab"].map((k) => [Object.prototype.toString.call(g[k]), Array.from(new Uint8Array(g[k]))]); })()`,
		`[["[object ArrayBuffer]",[1,2,3]],["[object ArrayBuffer]",[8,7]],["[object ArrayBuffer]",[0,0]]]`)
	var bytes []byte
	found, err := e.ext.Storage(StorageSession).GetInto("u8", &bytes)
	require.NoError(t, err)
	require.True(t, found)
	assert.Equal(t, []byte{1, 2, 3}, bytes)
}

func TestStorageBytesInUse(t *testing.T) {
	e := newStorageEnv(t)
	// S15, and base::JSONWriter's text as measured in Chromium 156: '<' and U+2028 are \u
	// escapes, an integral number outside int32 keeps ".0".
	cases := []struct {
		items string
		bytes int
	}{
		{`{a: 1}`, 2}, {`{abc: "hello"}`, 10}, {`{k: {x: [1, 2, 3]}}`, 14}, {`{k: true}`, 5}, {`{k: null}`, 5},
		{`{k: "é"}`, 5}, {`{k: "😀"}`, 7}, {`{k: {}}`, 3}, {`{k: []}`, 3}, {`{a: 1, bb: "xy"}`, 8},
		{`{lt: "<"}`, 10}, {`{u2028: "\u2028"}`, 13}, {`{ctl: "\u0001"}`, 11}, {`{big: 3000000000}`, 15},
		{`{f: 1.5}`, 4}, {`{neg: -1}`, 5}, {`{dbl: 1e21}`, 8}, {`{small: 1e-7}`, 9},
		{`{nest: {b: 1, a: {d: 1, c: 2}}}`, 29}, {`{intkeys: {"10": 1, "2": 2, b: 3}}`, 27},
		{`{a: 3000000000, b: 0.5, c: -0}`, 19},
		{`{del: "\x7f"}`, 6}, {`{p: "\u2029"}`, 9}, {`{gt: ">"}`, 5}, {`{amp: "&"}`, 6}, {`{lone: "\ud800"}`, 9}, {`{c80: "\u0080"}`, 7},
		{`{a: [-0, 1.0, 2 ** 31, -(2 ** 31), 2 ** 31 - 1]}`, 42},
	}
	for _, area := range []string{"local", "sync"} {
		for _, c := range cases {
			t.Run(area+" "+c.items, func(t *testing.T) {
				got := e.eval(e.wk, `(async () => { const s = chrome.storage.`+area+`; await s.clear(); await s.set(`+c.items+`); return s.getBytesInUse(); })()`)
				assert.Equal(t, fmt.Sprint(c.bytes), got)
			})
		}
	}
	e.run(e.wk, `chrome.storage.local.clear(); chrome.storage.local.set({k: 12, other: 1})`)
	for call, want := range map[string]string{`()`: "9", `(null)`: "9", `("k")`: "3", `(["k", "nokey"])`: "3", `("nokey")`: "0", `([])`: "0"} {
		e.assertJSON(e.wk, `chrome.storage.local.getBytesInUse`+call, want)
	}
	n, err := e.ext.Storage(StorageLocal).BytesInUse("k")
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	// S16: session counts memory, not JSON; small values are free. The figures are Chromium 156's.
	e.assertJSON(e.wk, `chrome.storage.session.set({n: 1, b: true, z: null, s: "short", o: {}, a: []}).then(() => chrome.storage.session.getBytesInUse())`, `0`)
	session := []struct {
		value string
		bytes int
	}{
		{`"x".repeat(1000)`, 1008}, {`"x".repeat(30)`, 32}, {`"x".repeat(22)`, 0}, {`{a: 1}`, 64}, {`{a: 1, b: 2, c: 3}`, 192},
		{`[1, 2, 3, 4, 5]`, 160}, {`{x: [1, 2, 3]}`, 160}, {`new Uint8Array(100)`, 100},
	}
	for _, c := range session {
		e.assertJSON(e.wk, `(async () => { const S = chrome.storage.session; await S.clear(); await S.set({k: `+c.value+`}); return S.getBytesInUse(); })()`, fmt.Sprint(c.bytes))
	}
	e.assertJSON(e.wk, `chrome.storage.session.set({["longkey".repeat(5)]: 1}).then(() => chrome.storage.session.getBytesInUse("longkey".repeat(5)))`, `40`)
}

func TestStorageValueLimits(t *testing.T) {
	e := newStorageEnv(t)
	// Measured in Chromium 156: values nest 100 deep, the next level is dropped (null in an array).
	e.assertJSON(e.wk, `(async () => { const L = chrome.storage.local; let d = []; const root = d; for (let i = 0; i < 300; i++) { const n = []; d.push(n); d = n; }
		let o = {}; const oroot = o; for (let i = 0; i < 300; i++) { o.x = {}; o = o.x; }
		await L.set({deep: root, deepo: oroot}); const g = await L.get();
		let depth = 0, x = g.deep; while (Array.isArray(x) && x.length) { depth++; x = x[0]; }
		let odepth = 0, y = g.deepo; while (y && typeof y === "object" && "x" in y) { odepth++; y = y.x; }
		return [depth, x, odepth, y]; })()`, `[100,null,99,{}]`)
	// A getter that throws: at the top level of set()'s items it fails the call, deeper it reads null.
	je := e.evalErr(e.wk, `chrome.storage.local.set({a: 1, get b() { throw new Error("boom") }})`)
	assert.Equal(t, "TypeError", je.Name)
	assert.Equal(t, "Error in invocation of storage.set(object items, optional function callback): Error at parameter 'items': Script threw an error.", je.Message)
	je = e.evalErr(e.wk, `chrome.storage.local.get({get a() { throw new Error("boom") }})`)
	assert.Equal(t, "Error in invocation of storage.get(optional [string|array|object] keys, optional function callback): Error at parameter 'keys': Value did not match any choice.", je.Message)
	e.assertJSON(e.wk, `chrome.storage.local.set({n: {get b() { throw new Error("boom") }, c: 1}, l: [1, {get z() { throw 1 }}]}).then(() => chrome.storage.local.get(["n", "l"]))`,
		`{"l":[1,{"z":null}],"n":{"b":null,"c":1}}`)
}

func TestStorageQuotas(t *testing.T) {
	e := newStorageEnv(t)
	// S17: the local quota is on the resulting total; exactly the quota is accepted.
	e.assertJSON(e.wk, `(async () => { const L = chrome.storage.local, r = [];
		r.push(await L.set({k: "x".repeat(L.QUOTA_BYTES - 3)}).then(() => "ok", (e) => e.message));
		r.push(await L.set({k: "x".repeat(L.QUOTA_BYTES - 2)}).then(() => "ok", (e) => e.message));
		await L.set({k: "x".repeat(L.QUOTA_BYTES - 3 - 10)});
		r.push(await L.set({kk: "1234567"}).then(() => "ok", (e) => e.message));
		r.push(await L.set({k2: "123456"}).then(() => "ok", (e) => e.message));
		r.push(await L.getBytesInUse());
		await L.clear(); return r; })()`,
		`["ok","Resource::kQuotaBytes quota exceeded","Resource::kQuotaBytes quota exceeded","ok",10485760]`)
	// S18
	e.assertJSON(e.wk, `chrome.storage.session.set({k: "x".repeat(10485770)}).catch((e) => e.message)`, `"Session storage quota bytes exceeded. Values were not stored."`)
	e.assertJSON(e.wk, `chrome.storage.session.set({k: "x".repeat(10485660)}).then(() => "ok")`, `"ok"`)
	// Measured in Chromium 156: session must stay below its quota; exactly QUOTA_BYTES is refused.
	e.assertJSON(e.wk, `(async () => { const S = chrome.storage.session, t = (p) => p.then(() => "ok", (e) => e.message), r = [];
		for (const n of [10485751, 10485752]) { await S.clear(); r.push(await t(S.set({k: "x".repeat(n)})), await S.getBytesInUse()); }
		await S.clear(); await S.set({a: "x".repeat(5242872)}); r.push(await t(S.set({b: "x".repeat(5242872)})));
		await S.clear(); return r; })()`,
		`["ok",10485752,"Session storage quota bytes exceeded. Values were not stored.",0,"Session storage quota bytes exceeded. Values were not stored."]`)
	// S19, S20: sync's per-item, total and item-count quotas; a refused set stores nothing.
	e.assertJSON(e.wk, `(async () => { const S = chrome.storage.sync, r = [], t = (p) => p.then(() => "ok", (e) => e.message);
		r.push(await t(S.set({k: "x".repeat(8192 - 3)})));
		r.push(await t(S.set({pre2: 1, k2: "x".repeat(8192 - 2 - 2 + 1)})));
		r.push(await S.get("pre2"));
		await S.clear();
		const big = {}; for (let i = 0; i < 13; i++) big["k" + String(i).padStart(2, "0")] = "x".repeat(8192 - 5);
		r.push(await t(S.set(big)), (await S.getKeys()).length);
		const fill = {}; for (let i = 0; i < 12; i++) fill["f" + String(i).padStart(2, "0")] = "x".repeat(8192 - 5);
		fill.f12 = "x".repeat(102400 - 12 * 8192 - 5);
		r.push(await t(S.set(fill)), await S.getBytesInUse(), await t(S.set({z: 1})));
		await S.clear();
		const many = {}; for (let i = 0; i < 512; i++) many["i" + i] = 1;
		r.push(await t(S.set(many)), await t(S.set({one: 1})), await t(S.set({i0: 2})));
		await S.clear();
		many.extra = 1; r.push(await t(S.set(many)), (await S.getKeys()).length);
		return r; })()`,
		`["ok","Resource::kQuotaBytesPerItem quota exceeded",{},"Resource::kQuotaBytes quota exceeded",0,"ok",102400,"Resource::kQuotaBytes quota exceeded","ok","Resource::kMaxItems quota exceeded","ok","Resource::kMaxItems quota exceeded",0]`)
	// A quota error from Go has Chrome's text and stores nothing.
	err := e.ext.Storage(StorageSync).Set(map[string]any{"a": 1, "big": strings.Repeat("x", 9000)})
	require.EqualError(t, err, "Resource::kQuotaBytesPerItem quota exceeded")
	got, err := e.ext.Storage(StorageSync).Get()
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestStorageUnlimitedStorage(t *testing.T) {
	// S22: with unlimitedStorage the local quota does not apply; session and sync keep theirs.
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`{"manifest_version": 3, "name": "Unlimited", "version": "1",
		"background": {"service_worker": "sw.js"}, "permissions": ["storage", "unlimitedStorage"]}`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sw.js"), nil, 0o644))
	b, err := New(Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	ext, err := b.Install(dir)
	require.NoError(t, err)
	big := `"x".repeat(chrome.storage.local.QUOTA_BYTES)`
	e := &env{t: t, ctx: t.Context()}
	e.assertJSON(ext.Worker(), `chrome.storage.local.set({big: `+big+`}).then(() => chrome.storage.local.getBytesInUse())`, `10485765`)
	e.assertJSON(ext.Worker(), `chrome.storage.session.set({big: `+big+`}).catch((e) => e.message)`, `"Session storage quota bytes exceeded. Values were not stored."`)
}

func TestStorageSyncWriteRate(t *testing.T) {
	e := newStorageEnv(t)
	// S21: 120 writes of a kind per minute, counted per method; an unchanged value counts too.
	attempt := `(async () => { const S = chrome.storage.sync, t = (p) => p.then(() => "ok", (e) => e.message), r = [];
		for (let i = 0; i < 120; i++) { const v = await t(S.set({n: 1})); if (v !== "ok") return ["set " + i, v]; }
		r.push(await t(S.set({n: 2})), await t(S.remove("n")), await t(S.clear()), await t(chrome.storage.local.set({n: 1})), await S.get());
		return r; })()`
	e.assertJSON(e.wk, attempt, `["This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.","ok","ok","ok",{}]`)
	// The minute is virtual: once it has passed, writes go through again.
	require.NoError(t, e.b.Advance(time.Minute))
	e.assertJSON(e.wk, `chrome.storage.sync.set({n: 3}).then(() => chrome.storage.sync.get())`, `{"n":3}`)
	// 1800 per hour: 121 writes so far, 1679 more within the hour, then the hour is used up.
	for i := 0; i < 14; i++ {
		require.NoError(t, e.b.Advance(time.Minute))
		n := 120
		if i == 13 {
			n = 119
		}
		e.assertJSON(e.wk, fmt.Sprintf(`(async () => { for (let i = 0; i < %d; i++) await chrome.storage.sync.set({n: i}); return true; })()`, n), `true`)
	}
	e.assertJSON(e.wk, `chrome.storage.sync.set({n: 1}).catch((e) => e.message)`, `"This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota."`)
	// Writes from Go are not rate limited.
	require.NoError(t, e.ext.Storage(StorageSync).Set(map[string]any{"fromGo": true}))
}

func TestStorageOnChanged(t *testing.T) {
	e := newStorageEnv(t)
	e.run(e.wk, `self.local = []; self.order = []; chrome.storage.local.onChanged.addListener((...a) => self.local.push(a));
		chrome.storage.local.onChanged.addListener(() => self.order.push("local"));
		chrome.storage.onChanged.addListener(() => self.order.push("storage"))`)
	steps := []struct{ call, want string }{
		// S23: new keys have newValue only, overwrites both, remove and clear oldValue only.
		{`set({x: 1})`, `[["local",{"x":{"newValue":1}}]]`},
		{`set({x: 2, y: 3})`, `[["local",{"x":{"newValue":2,"oldValue":1},"y":{"newValue":3}}]]`},
		// S24: unchanged keys are left out; nothing changed, no event.
		{`set({x: 2, y: 4})`, `[["local",{"y":{"newValue":4,"oldValue":3}}]]`},
		{`set({x: 2})`, `[]`},
		{`set({o: {a: [1]}})`, `[["local",{"o":{"newValue":{"a":[1]}}}]]`},
		{`set({o: {a: [1]}})`, `[]`},
		{`remove(["y", "missing"])`, `[["local",{"y":{"oldValue":4}}]]`},
		{`remove("missing")`, `[]`},
		{`clear()`, `[["local",{"o":{"oldValue":{"a":[1]}},"x":{"oldValue":2}}]]`},
		{`clear()`, `[]`},
	}
	for _, s := range steps {
		e.run(e.wk, `self.changes = []`)
		e.assertJSON(e.wk, `chrome.storage.local.`+s.call+`.then(() => self.changes)`, s.want)
	}
	// The area's event gets the changes alone.
	e.assertJSON(e.wk, `self.local.map((a) => a.length)`, `[1,1,1,1,1,1]`)
	// S25: the area listener, then storage's, then the promise; calls' events in call order.
	// Chromium interleaves the second call's events with the first call's resolution; only
	// "a call's events before its promise" and "calls in order" are promised.
	e.assertJSON(e.wk, `(async () => { self.order = []; const p1 = chrome.storage.local.set({q: 1}).then(() => self.order.push("r1"));
		const p2 = chrome.storage.local.set({q: 2}).then(() => self.order.push("r2")); await Promise.all([p1, p2]);
		return [self.order.filter((x) => x !== "r1"), self.order.indexOf("r1") >= 2]; })()`,
		`[["local","storage","local","storage","r2"],true]`)
	// S23: areaName names the area.
	for _, area := range []string{"sync", "session"} {
		e.assertJSON(e.wk, `(self.changes = [], chrome.storage.`+area+`.set({a: 1}).then(() => self.changes.map((c) => c[0])))`, `["`+area+`"]`)
	}
}

func TestStorageOnChangedReachesEveryContext(t *testing.T) {
	e := newStorageEnv(t)
	other, err := e.b.Install("testdata/storage-other")
	require.NoError(t, err)
	e.assertJSON(other.Worker(), `self.changes.length`, `0`)
	// S26, S27: the setting context hears its own change, and so do the others of its extension.
	for setter, sc := range e.contexts() {
		t.Run(setter, func(t *testing.T) {
			for _, c := range e.contexts() {
				e.run(c, `self.changes = []`)
			}
			e.assertJSON(sc, `chrome.storage.local.set({by: "`+setter+`"}).then(() => true)`, `true`)
			for name, c := range e.contexts() {
				e.assertJSON(c, `self.changes.map((c) => c[1].by.newValue)`, `["`+setter+`"]`)
				_ = name
			}
		})
	}
	// Session changes skip content scripts until the access level admits them (S27, S29).
	for _, c := range e.contexts() {
		e.run(c, `self.changes = []`)
	}
	e.run(e.wk, `chrome.storage.session.set({s: 1})`)
	e.assertJSON(e.extPage, `self.changes.length`, `1`)
	e.assertJSON(e.cs, `self.changes.length`, `0`)
	// Another extension never hears it.
	e.assertJSON(other.Worker(), `self.changes.length`, `0`)
	e.assertJSON(other.Worker(), `chrome.storage.local.get()`, `{}`)
}

func TestStorageAccessLevels(t *testing.T) {
	e := newStorageEnv(t)
	const denied = `"Access to storage is not allowed from this context."`
	e.run(e.wk, `chrome.storage.session.set({s: 1})`)
	// S28: session exists in a content script, every method rejects; local and sync work.
	e.assertJSON(e.cs, `typeof chrome.storage.session`, `"object"`)
	for _, call := range []string{`get()`, `set({a: 1})`, `remove("a")`, `clear()`, `getKeys()`, `getBytesInUse()`, `setAccessLevel({accessLevel: "TRUSTED_AND_UNTRUSTED_CONTEXTS"})`} {
		e.assertJSON(e.cs, `chrome.storage.session.`+call+`.catch((e) => e.message)`, denied)
	}
	e.assertJSON(e.cs, `new Promise((r) => chrome.storage.session.get(null, (...a) => r([a.length, chrome.runtime.lastError.message])))`, `[0,`+denied+`]`)
	e.assertJSON(e.cs, `chrome.storage.local.set({l: 1}).then(() => chrome.storage.sync.set({y: 1})).then(() => "ok")`, `"ok"`)
	// A content script may not change a level even where it has access.
	e.assertJSON(e.cs, `chrome.storage.local.setAccessLevel({accessLevel: "TRUSTED_CONTEXTS"}).catch((e) => e.message)`, `"Context cannot set the storage access level"`)
	// S29: the worker opens session to content scripts, live, and closes it again.
	e.run(e.wk, `chrome.storage.session.setAccessLevel({accessLevel: chrome.storage.AccessLevel.TRUSTED_AND_UNTRUSTED_CONTEXTS})`)
	e.assertJSON(e.cs, `chrome.storage.session.get()`, `{"s":1}`)
	e.run(e.cs, `self.changes = []`)
	e.run(e.wk, `chrome.storage.session.set({s: 2})`)
	e.assertJSON(e.cs, `self.changes`, `[["session",{"s":{"newValue":2,"oldValue":1}}]]`)
	// S30: an extension page may set the level.
	e.run(e.extPage, `chrome.storage.session.setAccessLevel({accessLevel: "TRUSTED_CONTEXTS"})`)
	e.assertJSON(e.cs, `chrome.storage.session.get().catch((e) => e.message)`, denied)
	// S31: local can be closed to content scripts too.
	e.run(e.wk, `chrome.storage.local.setAccessLevel({accessLevel: "TRUSTED_CONTEXTS"})`)
	e.assertJSON(e.cs, `chrome.storage.local.get().catch((e) => e.message)`, denied)
}

func TestStoragePersistence(t *testing.T) {
	e := newStorageEnv(t)
	e.run(e.wk, `chrome.storage.local.set({l: 1}); chrome.storage.session.set({s: 2}); chrome.storage.sync.set({y: 3})`)
	// S33: values survive the worker; its top-level state does not.
	require.NoError(t, e.ext.StopWorker())
	assert.False(t, e.ext.WorkerRunning())
	e.assertJSON(e.wk, `Promise.all([chrome.storage.local.get(), chrome.storage.session.get(), chrome.storage.sync.get(), self.changes.length])`,
		`[{"l":1},{"s":2},{"y":3},0]`)
	// A change wakes a stopped worker whose top level listens for it.
	require.NoError(t, e.ext.StopWorker())
	e.assertJSON(e.extPage, `chrome.storage.local.set({l: 5}).then(() => true)`, `true`)
	require.NoError(t, e.b.Settle())
	assert.True(t, e.ext.WorkerRunning())
	e.assertJSON(e.wk, `self.changes`, `[["local",{"l":{"newValue":5,"oldValue":1}}]]`)
	// S22: a reload empties session storage and keeps local and sync.
	require.NoError(t, e.ext.Reload())
	e.assertJSON(e.wk, `Promise.all([chrome.storage.local.get(), chrome.storage.session.get(), chrome.storage.sync.get()])`,
		`[{"l":5},{},{"y":3}]`)
}

func TestStorageFromGo(t *testing.T) {
	e := newStorageEnv(t)
	local := e.ext.Storage(StorageLocal)
	require.NoError(t, local.Set(map[string]any{"n": 3000000000, "f": 1.5, "list": []string{"a", "b"}, "obj": map[string]any{"b": 1, "a": nil}}))
	// Seeded values read in JavaScript as if set there, and fired onChanged in every context.
	e.assertJSON(e.wk, `chrome.storage.local.get()`, `{"f":1.5,"list":["a","b"],"n":3000000000,"obj":{"a":null,"b":1}}`)
	e.assertJSON(e.cs, `self.changes.map((c) => Object.keys(c[1]))`, `[["f","list","n","obj"]]`)
	n, err := local.BytesInUse("n")
	require.NoError(t, err)
	assert.Equal(t, 13, n, "3000000000 is a double: counted as 3000000000.0")
	// What JavaScript stores reads back from Go.
	e.run(e.wk, `chrome.storage.local.set({cfg: {name: "x", when: new Date(0), tags: ["t"]}})`)
	var cfg struct {
		Name string   `json:"name"`
		Tags []string `json:"tags"`
	}
	found, err := local.GetInto("cfg", &cfg)
	require.NoError(t, err)
	require.True(t, found)
	assert.Equal(t, "x", cfg.Name)
	assert.Equal(t, []string{"t"}, cfg.Tags)
	got, err := local.Get("cfg", "missing")
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"x","tags":["t"],"when":{}}`, string(got["cfg"]))
	assert.NotContains(t, got, "missing")
	found, err = local.GetInto("missing", &cfg)
	require.NoError(t, err)
	assert.False(t, found)
	require.NoError(t, local.Remove("cfg"))
	e.assertJSON(e.wk, `chrome.storage.local.getKeys()`, `["f","list","n","obj"]`)
	require.NoError(t, local.Clear())
	e.assertJSON(e.wk, `chrome.storage.local.getKeys()`, `[]`)
	assert.Error(t, e.ext.Storage("bogus").Set(map[string]any{"a": 1}))
	_, err = e.ext.Storage("bogus").Get()
	assert.Error(t, err)
}
