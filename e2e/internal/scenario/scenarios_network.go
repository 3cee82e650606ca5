package scenario

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/extwasm/extwasm/extwasmtest"
	"github.com/extwasm/extwasm/internal/testweb"
)

// netDescribe reports a fetch's outcome: the response's status line, type, url, headers (but the
// server's Date) and body, or the exception.
const netDescribe = `const describe = async (p) => { try { const r = await p; const hs = []; r.headers.forEach((v, k) => { if (k !== "date") hs.push(k + ": " + v); });
		return {status: r.status, statusText: r.statusText, ok: r.ok, url: r.url, type: r.type, redirected: r.redirected, headers: hs, body: await r.text()}; }
		catch (e) { return {error: e.name + ": " + e.message}; } };`

// netFetches are the requests each context makes, in order.
var netFetches = []string{
	`fetch("http://granted.example/plain")`,
	`fetch("http://denied.example/plain")`,
	`fetch("http://denied.example/cors")`,
	`fetch("http://csmatch.example/plain")`,
	`fetch("https://api.example.com/plain")`,
	`fetch("http://denied.example/plain", {mode: "no-cors"})`,
	`fetch("http://granted.example/redirect")`,
	`fetch("http://granted.example/redirect", {redirect: "manual"})`,
	`fetch("http://granted.example/redirect", {redirect: "error"})`,
	`fetch("http://granted.example/missing")`,
	`fetch("http://nowhere.invalid/")`,
	`(() => { const ac = new AbortController(); const p = fetch("http://granted.example/plain", {signal: ac.signal}); ac.abort(); return p; })()`,
}

func netFetchAll() string {
	return `(async () => { ` + netDescribe + ` const out = []; for (const f of [` +
		strings.Join(wrapThunks(netFetches), ", ") + `]) out.push(await describe(f())); return out; })()`
}

func wrapThunks(exprs []string) []string {
	out := make([]string, len(exprs))
	for i, e := range exprs {
		out[i] = "() => " + e
	}
	return out
}

const (
	netFailed  = `{"error":"TypeError: Failed to fetch"}`
	netAborted = `{"error":"AbortError: signal is aborted without reason"}`
	netOpaque  = `{"status":0,"statusText":"","ok":false,"url":"","type":"opaque","redirected":false,"headers":[],"body":""}`
	netCORS    = `{"status":200,"statusText":"OK","ok":true,"url":"http://denied.example/cors","type":"cors","redirected":false,` +
		`"headers":["content-length: 10","content-type: text/plain; charset=utf-8"],"body":"hello cors"}`
)

func netPlain(url string, redirected bool) string {
	return fmt.Sprintf(`{"status":200,"statusText":"OK","ok":true,"url":%q,"type":"basic","redirected":%v,`+
		`"headers":["content-length: 5","content-type: text/plain; charset=utf-8","x-test: yes"],"body":"hello"}`, url, redirected)
}

// netExtensionWant is what the worker and extension pages get for netFetches; netDocumentWant what
// content scripts and web pages get.
var (
	netExtensionWant = `{"value":[` + strings.Join([]string{
		netPlain("http://granted.example/plain", false),
		netFailed,
		netCORS,
		netPlain("http://csmatch.example/plain", false),
		netPlain("https://api.example.com/plain", false),
		netOpaque,
		netPlain("http://granted.example/plain", true),
		`{"status":0,"statusText":"","ok":false,"url":"http://granted.example/redirect","type":"opaqueredirect","redirected":false,"headers":[],"body":""}`,
		netFailed,
		`{"status":404,"statusText":"Not Found","ok":false,"url":"http://granted.example/missing","type":"basic","redirected":false,` +
			`"headers":["content-length: 5","content-type: text/plain; charset=utf-8","x-content-type-options: nosniff"],"body":"nope\n"}`,
		netFailed,
		netAborted,
	}, ",") + `]}`
	netDocumentWant = `{"value":[` + strings.Join([]string{
		netFailed, netFailed, netCORS, netFailed, netFailed, netOpaque, netFailed, netFailed, netFailed, netFailed, netFailed, netAborted,
	}, ",") + `]}`
)

// netEcho sends a request that needs a CORS preflight and reports what the server saw.
func netEcho(query string) string {
	return `fetch("http://denied.example/echo` + query + `", {method: "PUT", body: JSON.stringify({a: 1}), headers: {"Content-Type": "application/json", "X-Custom": "v"}})
		.then((r) => r.json()).then((j) => ({...j, origin: j.origin === "chrome-extension://" + chrome.runtime.id ? "extension" : j.origin === location.origin ? "page" : j.origin}))
		.catch((e) => e.name + ": " + e.message)`
}

const netXHR = `new Promise((res) => { const x = new XMLHttpRequest(); const ev = []; x.onreadystatechange = () => ev.push(x.readyState);
	x.onload = () => res({ev, status: x.status, text: x.responseText, url: x.responseURL, h: x.getResponseHeader("x-test")});
	x.onerror = (e) => res({ev, error: e.type, status: x.status}); x.open("GET", "http://granted.example/redirect"); x.send(); })`

func init() {
	h := testweb.Handler()
	All = append(All, Scenario{
		Name: "network-fetch",
		Doc: "fetch from every context to Go handlers (extwasmtest Handle, in process in hostsim, behind --host-resolver-rules in " +
			"Chromium): the worker and extension pages are exempt from CORS for hosts in host_permissions or a content script's " +
			"matches, and make CORS requests as chrome-extension://<id> elsewhere; content scripts and pages request as the page's " +
			"origin; preflights; no-cors, redirects, 404, unknown hosts, abort; XMLHttpRequest in documents (measured in Chromium 156).",
		Fixture: "netext",
		Handle: map[string]http.Handler{
			"http://granted.example/": h, "http://denied.example/": h, "http://csmatch.example/": h, "https://api.example.com/": h,
		},
		Tabs: []Tab{{Name: "main", Path: "/net.html"}, {Name: "ext", Path: "page.html", Extension: true}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", netFetchAll()), Want: netExtensionWant},
			{Do: extwasmtest.Eval("ext/page", netFetchAll()), Want: netExtensionWant},
			{Do: extwasmtest.Eval("main/cs", netFetchAll()), Want: netDocumentWant},
			{Do: extwasmtest.Eval("main/page", netFetchAll()), Want: netDocumentWant},
			{Do: extwasmtest.Eval("worker", netEcho("?cors=1")),
				Want: `{"value":{"method":"PUT","host":"denied.example","origin":"extension","custom":"v","type":"application/json","body":"{\"a\":1}"}}`},
			{Do: extwasmtest.Eval("main/cs", netEcho("?cors=1")),
				Want: `{"value":{"method":"PUT","host":"denied.example","origin":"page","custom":"v","type":"application/json","body":"{\"a\":1}"}}`},
			{Do: extwasmtest.Eval("worker", netEcho("")), Want: `{"value":"TypeError: Failed to fetch"}`},
			{Do: extwasmtest.Eval("worker", `fetch("http://granted.example/echo", {method: "POST", body: "x"}).then((r) => r.json()).then((j) => [j.origin === "chrome-extension://" + chrome.runtime.id, j.type, j.body])`),
				Want: `{"value":[true,"text/plain;charset=UTF-8","x"]}`},
			{Do: extwasmtest.Eval("worker", `typeof XMLHttpRequest`), Want: `{"value":"undefined"}`},
			{Do: extwasmtest.Eval("worker", `new Promise((r) => { const s = AbortSignal.timeout(1); s.onabort = () => r([s.aborted, s.reason.name, s.reason.message,
				AbortSignal.abort().reason.name, AbortSignal.abort("why").reason, [...new Headers([["b", "2"], ["a", "1"], ["A", "3"]])],
				String(new Headers({"X-A": "1"}).get("x-a")), Object.prototype.toString.call(new Headers())]); })`),
				Want: `{"value":[true,"TimeoutError","signal timed out","AbortError","why",[["a","1, 3"],["b","2"]],"1","[object Headers]"]}`},
			{Do: extwasmtest.Eval("ext/page", netXHR),
				Want: `{"value":{"ev":[1,2,3,4],"status":200,"text":"hello","url":"http://granted.example/plain","h":"yes"}}`},
			{Do: extwasmtest.Eval("main/cs", netXHR), Want: `{"value":{"ev":[1,4],"error":"error","status":0}}`},
		},
	})
}
