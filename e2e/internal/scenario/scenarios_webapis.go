package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// webAPIsProbe uses the web platform's small utilities every context has: base64, structured
// clone, digests, Blob, File and FormData.
const webAPIsProbe = `(async () => {
	const out = [];
	const err = (f) => { try { const v = f(); return v; } catch (e) { return [e.name, e.message]; } };
	out.push(["btoa", btoa("hello"), btoa(""), err(() => btoa("\u0100")), err(() => btoa())]);
	out.push(["atob", atob("aGVsbG8="), atob(" aGVs bG8 "), atob("aGVsbG8"), err(() => atob("a")), err(() => atob("*")), atob("/w==").charCodeAt(0)]);
	const src = {n: 1, s: "x", d: new Date(5), r: /a+/gi, m: new Map([[1, {deep: true}]]), set: new Set([1, 2]), u8: new Uint8Array([1, 2]), nested: [1, [2]], u: undefined, nul: null, big: 10n};
	src.self = src;
	const c = structuredClone(src);
	out.push(["structuredClone", c !== src, c.self === c, c.d instanceof Date, c.d.getTime(), String(c.r), c.r.lastIndex, c.m.get(1).deep, [...c.set], Array.from(c.u8), c.nested[1][0], "u" in c, c.nul, typeof c.big,
		err(() => structuredClone(() => 1)), err(() => structuredClone({f() {}})), err(() => structuredClone(Symbol("s"))), structuredClone(undefined), err(() => structuredClone())]);
	const hex = (b) => Array.from(new Uint8Array(b)).map((x) => x.toString(16).padStart(2, "0")).join("");
	const data = new TextEncoder().encode("abc");
	out.push(["digest", hex(await crypto.subtle.digest("SHA-256", data)), hex(await crypto.subtle.digest({name: "sha-1"}, data.buffer)), (await crypto.subtle.digest("SHA-512", new Uint8Array(0))).byteLength,
		await crypto.subtle.digest("MD5", data).then(() => "resolved", (e) => [e.name, e.message])]);
	const b = new Blob(["ab", new Uint8Array([99]), new Blob(["d"])], {type: "Text/Plain"});
	out.push(["blob", b.size, b.type, await b.text(), hex(await b.arrayBuffer()), await b.slice(1, 3).text(), b.slice(-2).size, b.slice(1, 3, "x/y").type, Object.prototype.toString.call(b), new Blob().size, new Blob([], {type: "é"}).type]);
	const f = new File(["xyz"], "n.txt", {type: "text/plain", lastModified: 42});
	out.push(["file", f instanceof Blob, f.name, f.size, f.type, f.lastModified, await f.text()]);
	const fd = new FormData();
	fd.append("a", "1");
	fd.append("a", "2");
	fd.set("b", "3");
	fd.append("f", new Blob(["q"]), "q.bin");
	out.push(["formdata", fd.get("a"), fd.getAll("a"), fd.has("b"), fd.get("nope"), [...fd.keys()], fd.get("f") instanceof File, fd.get("f").name, fd.get("f").size]);
	fd.delete("a");
	out.push(["formdata deleted", [...fd.entries()].map(([k, v]) => [k, typeof v === "string" ? v : v.name])]);
	return out;
})()`

func init() {
	All = append(All, Scenario{
		Name: "web-apis",
		Doc: "The web platform's small utilities in a page, a content script and the worker: atob and btoa (forgiving " +
			"base64, Latin-1), structuredClone (cycles, Date, RegExp, Map, Set, typed arrays, BigInt; DataCloneError " +
			"naming the culprit), crypto.subtle.digest (SHA-1/256/384/512), Blob, File and FormData, with Chromium's " +
			"errors for each kind of global scope (measured in Chromium 156).",
		Fixture: "ext",
		Tabs:    []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/page", webAPIsProbe), Want: `{"value":[["btoa","aGVsbG8=","",["InvalidCharacterError","Failed to execute 'btoa' on 'Window': The string to be encoded contains characters outside of the Latin1 range."],["TypeError","Failed to execute 'btoa' on 'Window': 1 argument required, but only 0 present."]],["atob","hello","hello","hello",["InvalidCharacterError","Failed to execute 'atob' on 'Window': The string to be decoded is not correctly encoded."],["InvalidCharacterError","Failed to execute 'atob' on 'Window': The string to be decoded is not correctly encoded."],255],["structuredClone",true,true,true,5,"/a+/gi",0,true,[1,2],[1,2],2,true,null,"bigint",["DataCloneError","Failed to execute 'structuredClone' on 'Window': () =\u003e 1 could not be cloned."],["DataCloneError","Failed to execute 'structuredClone' on 'Window': f() {} could not be cloned."],["DataCloneError","Failed to execute 'structuredClone' on 'Window': Symbol(s) could not be cloned."],null,["TypeError","Failed to execute 'structuredClone' on 'Window': 1 argument required, but only 0 present."]],["digest","ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad","a9993e364706816aba3e25717850c26c9cd0d89d",64,["NotSupportedError","Failed to execute 'digest' on 'SubtleCrypto': Algorithm: Unrecognized name"]],["blob",4,"text/plain","abcd","61626364","bc",2,"x/y","[object Blob]",0,""],["file",true,"n.txt",3,"text/plain",42,"xyz"],["formdata","1",["1","2"],true,null,["a","a","b","f"],true,"q.bin",1],["formdata deleted",[["b","3"],["f","q.bin"]]]]}`},
			{Do: extwasmtest.Eval("main/cs", webAPIsProbe), Want: `{"value":[["btoa","aGVsbG8=","",["InvalidCharacterError","Failed to execute 'btoa' on 'Window': The string to be encoded contains characters outside of the Latin1 range."],["TypeError","Failed to execute 'btoa' on 'Window': 1 argument required, but only 0 present."]],["atob","hello","hello","hello",["InvalidCharacterError","Failed to execute 'atob' on 'Window': The string to be decoded is not correctly encoded."],["InvalidCharacterError","Failed to execute 'atob' on 'Window': The string to be decoded is not correctly encoded."],255],["structuredClone",true,true,true,5,"/a+/gi",0,true,[1,2],[1,2],2,true,null,"bigint",["DataCloneError","Failed to execute 'structuredClone' on 'Window': () =\u003e 1 could not be cloned."],["DataCloneError","Failed to execute 'structuredClone' on 'Window': f() {} could not be cloned."],["DataCloneError","Failed to execute 'structuredClone' on 'Window': Symbol(s) could not be cloned."],null,["TypeError","Failed to execute 'structuredClone' on 'Window': 1 argument required, but only 0 present."]],["digest","ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad","a9993e364706816aba3e25717850c26c9cd0d89d",64,["NotSupportedError","Failed to execute 'digest' on 'SubtleCrypto': Algorithm: Unrecognized name"]],["blob",4,"text/plain","abcd","61626364","bc",2,"x/y","[object Blob]",0,""],["file",true,"n.txt",3,"text/plain",42,"xyz"],["formdata","1",["1","2"],true,null,["a","a","b","f"],true,"q.bin",1],["formdata deleted",[["b","3"],["f","q.bin"]]]]}`},
			{Do: extwasmtest.Eval("worker", webAPIsProbe), Want: `{"value":[["btoa","aGVsbG8=","",["InvalidCharacterError","Failed to execute 'btoa' on 'WorkerGlobalScope': The string to be encoded contains characters outside of the Latin1 range."],["TypeError","Failed to execute 'btoa' on 'WorkerGlobalScope': 1 argument required, but only 0 present."]],["atob","hello","hello","hello",["InvalidCharacterError","Failed to execute 'atob' on 'WorkerGlobalScope': The string to be decoded is not correctly encoded."],["InvalidCharacterError","Failed to execute 'atob' on 'WorkerGlobalScope': The string to be decoded is not correctly encoded."],255],["structuredClone",true,true,true,5,"/a+/gi",0,true,[1,2],[1,2],2,true,null,"bigint",["DataCloneError","Failed to execute 'structuredClone' on 'WorkerGlobalScope': () =\u003e 1 could not be cloned."],["DataCloneError","Failed to execute 'structuredClone' on 'WorkerGlobalScope': f() {} could not be cloned."],["DataCloneError","Failed to execute 'structuredClone' on 'WorkerGlobalScope': Symbol(s) could not be cloned."],null,["TypeError","Failed to execute 'structuredClone' on 'WorkerGlobalScope': 1 argument required, but only 0 present."]],["digest","ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad","a9993e364706816aba3e25717850c26c9cd0d89d",64,["NotSupportedError","Failed to execute 'digest' on 'SubtleCrypto': Algorithm: Unrecognized name"]],["blob",4,"text/plain","abcd","61626364","bc",2,"x/y","[object Blob]",0,""],["file",true,"n.txt",3,"text/plain",42,"xyz"],["formdata","1",["1","2"],true,null,["a","a","b","f"],true,"q.bin",1],["formdata deleted",[["b","3"],["f","q.bin"]]]]}`},
		},
	})
}
