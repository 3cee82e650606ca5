package nodejs_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRequireErrors(t *testing.T) {
	tests := []struct {
		name, call, want string
	}{
		{"unsupported built-in", `require("child_process")`,
			`{"code":"ERR_HOSTSIM_UNSUPPORTED_BUILTIN","message":"hostsim: Node built-in module 'child_process' is not supported"}`},
		{"unsupported with prefix", `require("node:vm")`,
			`{"code":"ERR_HOSTSIM_UNSUPPORTED_BUILTIN","message":"hostsim: Node built-in module 'vm' is not supported"}`},
		{"unknown node: module", `require("node:nope")`,
			`{"code":"ERR_UNKNOWN_BUILTIN_MODULE","message":"No such built-in module: node:nope"}`},
		{"prefix-only built-in without prefix is a package", `require("test")`,
			`{"code":"MODULE_NOT_FOUND","message":"Cannot find module 'test'\nRequire stack:\n- MAIN"}`},
		{"id not a string", `require(42)`,
			`{"code":"ERR_INVALID_ARG_TYPE","message":"The \"id\" argument must be of type string. Received type number (42)"}`},
		{"empty id", `require("")`,
			`{"code":"ERR_INVALID_ARG_VALUE","message":"The argument 'id' must be a non-empty string. Received ''"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			got := e.eval(t, `try { `+tt.call+`; globalThis.result = "no error"; } catch (e) { globalThis.result = {code: e.code, message: e.message}; }`)
			main := filepath.Join(e.dir, "wasm_exec_node.js")
			assert.JSONEq(t, strings.ReplaceAll(tt.want, "MAIN", main), got)
		})
	}
}

func TestModuleObjects(t *testing.T) {
	e := newEnv(t)
	writeTree(t, e.dir, map[string]string{
		"node_modules/a/index.js":      `exports.self = module; exports.req = require; exports.b = require("./b.json"); exports.filename = __filename;`,
		"node_modules/a/b.json":        `{"x": 1}`,
		"node_modules/bad/index.js":    `require("./missing");`,
		"node_modules/syntax/index.js": `this is not javascript`,
	})
	got := e.eval(t, `
		const a = require("a");
		const m = a.self;
		const out = {
			loaded: m.loaded, idIsFilename: m.id === m.filename, filename: a.filename === m.filename,
			parentIsMain: m.parent === require.main, json: a.b.x, children: m.children.length,
			cached: require.cache[m.filename] === m, same: require("a") === a,
			resolveBuiltin: require.resolve("node:fs"), pathsBuiltin: require.resolve.paths("fs"),
			timersSame: require("timers").setTimeout === setTimeout, fsSame: require("fs") === fs,
			pathSame: require("path") === path, global: global === globalThis,
		};
		try { require("bad"); } catch (e) { out.nested = e.requireStack.length; out.badUncached = !Object.keys(require.cache).some((k) => k.includes("/bad/")); }
		try { require("syntax"); } catch (e) { out.syntax = e.name; }
		delete require.cache[m.filename];
		out.reloaded = require("a") !== a;
		globalThis.result = out;`)
	assert.JSONEq(t, `{"loaded":true,"idIsFilename":true,"filename":true,"parentIsMain":true,"json":1,"children":1,
		"cached":true,"same":true,"resolveBuiltin":"node:fs","pathsBuiltin":null,"timersSame":true,"fsSame":true,
		"pathSame":true,"global":true,"nested":2,"badUncached":true,"syntax":"SyntaxError","reloaded":true}`, got)
}

func TestSetImmediateIsAMacrotask(t *testing.T) {
	e := newEnv(t)
	got := e.eval(t, `
		const order = [];
		const cancelled = setImmediate(() => order.push("cancelled"));
		clearImmediate(cancelled);
		setImmediate((x) => { order.push("immediate " + x); globalThis.result = order; }, 7);
		Promise.resolve().then(() => order.push("microtask"));
		order.push("sync");`)
	assert.Equal(t, `["sync","microtask","immediate 7"]`, got)
}

func TestFileURLHelpers(t *testing.T) {
	e := newEnv(t)
	got := e.eval(t, `
		const url = require("url");
		const out = [url.pathToFileURL("/tmp/a b/50%.txt").href, url.fileURLToPath("file:///tmp/a%20b/x"),
			url.pathToFileURL("/tmp/q?#").href, typeof url.URL, url.URL === URL];
		try { url.fileURLToPath("https://x/y"); } catch (e) { out.push(e.code); }
		try { url.fileURLToPath("file:///a%2Fb"); } catch (e) { out.push(e.code); }
		globalThis.result = out;`)
	// The values Node 20 gives.
	assert.Equal(t, `["file:///tmp/a%20b/50%25.txt","/tmp/a b/x","file:///tmp/q%3F%23","function",true,"ERR_INVALID_URL_SCHEME","ERR_INVALID_FILE_URL_PATH"]`, got)
}

// TestWorkerThreadsAnswersAsTheMainThread checks worker_threads against what Node 20's main thread
// answers (node -e, on this machine): the same keys and the same values for the questions code asks
// before deciding to start a thread, and an error that names the limit for what would start one.
func TestWorkerThreadsAnswersAsTheMainThread(t *testing.T) {
	e := newEnv(t)
	got := e.eval(t, `
		const w = require("worker_threads");
		const out = {
			same: require("node:worker_threads") === w,
			keys: Object.keys(w).sort().join(","),
			isMainThread: w.isMainThread, parentPort: w.parentPort, workerData: w.workerData,
			threadId: w.threadId, resourceLimits: w.resourceLimits,
			shareEnv: w.SHARE_ENV === Symbol.for("nodejs.worker_threads.SHARE_ENV"),
		};
		w.setEnvironmentData("k", 1);
		out.env = w.getEnvironmentData("k");
		w.setEnvironmentData("k", undefined);
		out.envCleared = w.getEnvironmentData("k") === undefined;
		try { new w.Worker("./x.js"); } catch (e) { out.worker = {code: e.code, message: e.message}; }
		try { w.receiveMessageOnPort({}); } catch (e) { out.receive = e.code; }
		globalThis.result = out;`)
	assert.JSONEq(t, `{"same":true,
		"keys":"BroadcastChannel,MessageChannel,MessagePort,SHARE_ENV,Worker,getEnvironmentData,isMainThread,markAsUntransferable,moveMessagePortToContext,parentPort,postMessageToThread,receiveMessageOnPort,resourceLimits,setEnvironmentData,threadId,workerData",
		"isMainThread":true,"parentPort":null,"workerData":null,"threadId":0,"resourceLimits":{},"shareEnv":true,
		"env":1,"envCleared":true,
		"worker":{"code":"ERR_HOSTSIM_UNSUPPORTED","message":"hostsim: worker_threads.Worker is not supported: hostsim runs one thread"},
		"receive":"ERR_HOSTSIM_UNSUPPORTED"}`, got)
}

// TestJSDOMFromHostsimsDOM checks the JSDOM API hostsim serves when jsdom cannot load (here it is
// not installed): the window and document, inline scripts under runScripts "dangerously" (one that
// throws is reported and the next still runs), the order of readyState against DOMContentLoaded
// and load, serialize, and the one-window limit.
func TestJSDOMFromHostsimsDOM(t *testing.T) {
	e := newEnv(t)
	got := e.eval(t, `
		const errors = [];
		console.error = (m) => errors.push(String(m).split("\n")[0]);
		const { JSDOM } = require("jsdom");
		const dom = new JSDOM('<!DOCTYPE html><title>t</title><p id="p">hi</p><script>window.ran = (window.ran || 0) + 1; document.getElementById("p").textContent = "changed";</script><script>throw new Error("boom")</script><script>window.ran++</script><script type="module">window.module = true</script>', {runScripts: "dangerously", url: "https://example.com/a?b#c"});
		const w = dom.window;
		const out = {title: w.document.title, ran: w.ran, module: w.module === undefined, href: w.location.href,
			same: w === globalThis, readyState: [w.document.readyState], text: w.document.querySelector("p").textContent};
		w.document.addEventListener("readystatechange", () => out.readyState.push(w.document.readyState));
		w.document.addEventListener("DOMContentLoaded", () => out.readyState.push("DOMContentLoaded"));
		w.addEventListener("load", () => {
			out.readyState.push("load");
			out.serialized = dom.serialize().slice(0, 40);
			out.errors = errors;
			try { new JSDOM(""); } catch (e) { out.second = e.message; }
			globalThis.result = out;
		});`)
	assert.JSONEq(t, `{"title":"t","ran":2,"module":true,"href":"https://example.com/a?b#c","same":true,
		"readyState":["loading","interactive","DOMContentLoaded","complete","load"],"text":"changed",
		"serialized":"<!DOCTYPE html><html><head><title>t</tit",
		"second":"hostsim: jsdom: one JSDOM per program: its window is the program's global object",
		"errors":["Error: Uncaught [Error: boom"]}`, got)
}
