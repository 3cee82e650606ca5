package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

// The 64 MiB limit under structured clone holds on the clone's own size, not on a JSON text: a
// Uint8Array of 64 MiB - 64 bytes crosses (it would be ~85 MiB of JSON), one of 64 MiB + 64 bytes is
// refused with JSON's texts (conformance 98, 99).
func init() {
	size := func(n string) string {
		return `(async () => { try { const v = await chrome.runtime.sendMessage(new Uint8Array(` + n + `)); return v.byteLength; } catch (e) { return [e.constructor.name, e.message]; } })()`
	}
	portSize := func(n string) string {
		return `new Promise((resolve) => { const p = chrome.runtime.connect({name: "size"}); p.onMessage.addListener((m) => { resolve(m.byteLength); p.disconnect(); }); try { p.postMessage(new Uint8Array(` + n + `)); } catch (e) { resolve([e.constructor.name, e.message]); } })`
	}
	All = append(All, Scenario{Name: "clone-size-limit", Fixture: "scext", Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Doc: "Under structured clone the 64 MiB limit applies to the clone: bytes just under it cross both ways, just over it are refused (98, 99).",
		Steps: []Step{
			{Do: extwasmtest.Eval("main/cs", size(`64 * 1024 * 1024 - 64`)), Want: `{"value":67108800}`},
			{Do: extwasmtest.Eval("main/cs", size(`64 * 1024 * 1024 + 64`)),
				Want: `{"value":["TypeError","Error in invocation of runtime.sendMessage(optional string extensionId, any message, optional object options, optional function callback): ` + chromefacts.ErrMessageTooLarge + `"]}`},
			{Do: extwasmtest.Eval("main/cs", portSize(`64 * 1024 * 1024 + 64`)), Want: `{"value":["Error","` + chromefacts.ErrMessageTooLarge + `"]}`},
		}})
}
