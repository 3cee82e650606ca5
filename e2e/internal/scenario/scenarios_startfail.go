package scenario

import (
	"fmt"

	"github.com/extwasm/extwasm/extwasmtest"
)

// The start-failure fixtures: a worker script (sw.js, in testdata/sf<case>) over the files of
// testdata/startfail, whose Go module cannot start, or whose script lists events it cannot register.
func init() {
	base := []string{"startfail/manifest.json", "goext/content.js"}
	for name, c := range map[string]struct {
		pkg   string
		files []string
	}{
		"sfevent":   {"./e2e/internal/scenario/testdata/wasm/worker", []string{"startfail/errors.js"}},
		"sfmissing": {"./e2e/internal/scenario/testdata/wasm/sfexit", nil},
		"sfcorrupt": {"./e2e/internal/scenario/testdata/wasm/sfexit", []string{"startfail/corrupt.wasm"}},
		"sfnotgo":   {"./e2e/internal/scenario/testdata/wasm/sfexit", []string{"startfail/notgo.wasm"}},
		"sfexit":    {"./e2e/internal/scenario/testdata/wasm/sfexit", nil},
		"sfpanic":   {"./e2e/internal/scenario/testdata/wasm/sfpanic", nil},
	} {
		goFixtures[name] = c.pkg
		fixtureCopies[name] = append(append([]string{}, base...), c.files...)
	}

	All = append(All, Scenario{
		Name: "start-unregistrable-event",
		Doc: "A worker script whose start lists events the extension cannot register (contextMenus.onClicked without the " +
			"permission: chrome.contextMenus is undefined in Chromium 156; a misspelt runtime.onMesage: undefined too) gets one " +
			"console error per event, naming it and why, and Go starts anyway: the worker serves its routes, also when a message wakes it.",
		Fixture: "sfevent",
		Tabs:    []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/cs", pingEnvelope), Want: pingReply},
			{Do: extwasmtest.Eval("worker", `[extwasm.status(), self.consoleErrors]`), Want: `{"value":["ready",[` +
				`"extwasm: cannot listen to contextMenus.onClicked: chrome.contextMenus.onClicked does not exist here (a missing permission or a typo?)",` +
				`"extwasm: cannot listen to runtime.onMesage: chrome.runtime.onMesage does not exist here (a missing permission or a typo?)"]]}`},
			{Do: extwasmtest.StopWorker()},
			{Do: extwasmtest.Eval("main/cs", pingEnvelope), Want: pingReply},
		},
	},
		// Chromium 156 rejects the fetch of a file the extension lacks ("Failed to fetch"), no 404.
		startFailure("start-missing-wasm", "sfmissing", "the module file is not in the extension",
			"extwasm: could not run missing.wasm: fetch chrome-extension://{{ext}}/missing.wasm: Failed to fetch"),
		// Chromium 156: "WebAssembly.instantiateStreaming(): expected magic word 00 61 73 6d, found 74 68 69 73 @+0";
		// hostsim names WebAssembly.Module() instead.
		startFailure("start-corrupt-wasm", "sfcorrupt", "the module is not WebAssembly (a CompileError)",
			"extwasm: could not run corrupt.wasm: "),
		// wasm_exec.js's run reads the module's memory export: V8 says "Cannot read properties of
		// undefined (reading 'buffer')", goja "Cannot read property 'buffer' of undefined".
		startFailure("start-wasm-not-go", "sfnotgo", "the module is valid WebAssembly but not a Go program",
			"extwasm: could not run notgo.wasm: "),
		startFailure("start-go-exits", "sfexit", "Go returns from main before bridge.Ready",
			"extwasm: the Go program exited"),
		startFailure("start-go-panics", "sfpanic", "Go panics before bridge.Ready",
			"extwasm: the Go program exited with code 2 (a panic or fatal error; see the console)"),
	)
}

// answerBound bounds how long a start-failure step waits for an answer: far below a sender's usual
// deadline, so an answer that only a timeout would bring shows as "no answer".
const answerBound = 5000

// startFailure is the scenario of a worker whose module cannot start for the reason why: once the
// worker settles, every message and port gets an "unavailable" error at once, carrying the reason
// (whose text starts with reason; what follows it is the browser's own); so does a message that
// wakes the stopped worker and waits while the module fails again.
func startFailure(name, fixture, why, reason string) Scenario {
	send := fmt.Sprintf(`Promise.race([chrome.runtime.sendMessage({extwasm: 1, route: "scenario.ping", body: {}}),
		new Promise((resolve) => setTimeout(() => resolve("no answer within %d ms"), %d))])
		.then((r) => r && r.error ? [r.ok, r.error.code, r.error.message.startsWith(%q) || r.error.message] : r)`,
		answerBound, answerBound, reason)
	answer := `{"value":[false,"unavailable",true]}`
	return Scenario{
		Name: name,
		Doc: "A worker whose module cannot start (" + why + ") answers every message and port with an unavailable error " +
			"carrying the reason, at once rather than at the sender's deadline; a message that wakes it waits for the failure " +
			"and gets the same answer.",
		Fixture: fixture,
		Tabs:    []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", fmt.Sprintf(`new Promise((resolve) => { const end = Date.now() + %d;
				const check = () => extwasm.status() !== "starting" || Date.now() > end ? resolve(extwasm.status().startsWith(%q) || extwasm.status()) : setTimeout(check, 10);
				check(); })`, answerBound, reason)), Want: `{"value":true}`},
			{Do: extwasmtest.Eval("main/cs", send), Want: answer},
			{Do: extwasmtest.Eval("main/cs", fmt.Sprintf(`new Promise((resolve) => { const p = chrome.runtime.connect({name: "echo"}); const got = [];
				p.onMessage.addListener((m) => got.push(m && m.error ? [m.ok, m.error.code, m.error.message.startsWith(%q)] : m));
				p.onDisconnect.addListener(() => resolve(got));
				setTimeout(() => resolve(["no disconnect within %d ms", got]), %d); })`, reason, answerBound, answerBound)),
				Want: `{"value":[[false,"unavailable",true]]}`},
			{Do: extwasmtest.StopWorker()},
			{Do: extwasmtest.Eval("main/cs", send), Want: answer},
		},
	}
}
