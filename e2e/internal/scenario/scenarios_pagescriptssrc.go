package scenario

import (
	"fmt"
	"net/http"

	"github.com/extwasm/extwasm/extwasmtest"
)

// srcScripts are the external scripts the page-scripts-src pages load, by path; each logs its run
// with the id of document.currentScript.
var srcScripts = map[string]string{
	"/js/a.js":     `log("a cs=" + document.currentScript.id + " " + document.readyState); window.fromA = 1;`,
	"/js/d1.js":    `log("d1 cs=" + document.currentScript.id + " " + document.readyState);`,
	"/js/d2.js":    `log("d2 cs=" + document.currentScript.id + " " + document.readyState);`,
	"/js/mod.js":   `log("module src cs=" + document.currentScript + " this=" + typeof this + " " + document.readyState);`,
	"/js/async.js": `window.asyncRan = {cs: document.currentScript.id, loadBefore: !!window.__load};`,
	"/js/dyn.js":   `window.dynRan = {cs: document.currentScript.id, loadBefore: !!window.__load};`,
	"/js/late.js":  `window.lateRan = document.currentScript.id;`,
	"/x.js":        `log("cross cs=" + document.currentScript.id);`,
}

// srcHandler serves srcScripts as JavaScript; anything else is a 404.
func srcHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		js, ok := srcScripts[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, js)
	})
}

// srcLogger starts a page's log: script runs, readyState changes, DOMContentLoaded, load, and the
// load and error events of script elements (seen capturing at the document; the async and
// script-inserted ones, whose place is not deterministic in Chromium, are left out).
const srcLogger = `<script>window.order = []; window.log = (s) => order.push(s); log("inline1 " + document.readyState);
document.addEventListener("readystatechange", () => log("readystate " + document.readyState));
document.addEventListener("DOMContentLoaded", () => { window.__dcl = true; log("DOMContentLoaded"); });
window.addEventListener("load", () => { log("load"); window.__load = true; });
for (const t of ["load", "error"]) document.addEventListener(t, (e) => { if (e.target.tagName === "SCRIPT" && !["as", "dyn"].includes(e.target.id)) log(t + " " + e.target.id); }, true);
</script>`

// srcPage loads scripts of every kind.
const srcPage = `<!doctype html><html><head><title>S</title>` + srcLogger + `
<script defer>log("inline defer is ignored");</script>
<script id="d1" defer src="/js/d1.js"></script>
<script id="a" src="/js/a.js"></script>
<script id="i2">log("inline2 fromA=" + window.fromA + " cs=" + document.currentScript.id);</script>
<script type="module" id="m" src="/js/mod.js"></script>
<script type="module">log("module inline cs=" + document.currentScript + " this=" + typeof this);</script>
<script id="miss" src="/js/missing.js"></script>
<script>log("after missing");</script>
<script id="x" src="http://cdn.example/x.js"></script>
<script id="as" async src="/js/async.js"></script>
</head><body><p>b</p>
<script id="d2" defer src="/js/d2.js"></script>
<script>const s = document.createElement("script"); s.src = "/js/dyn.js"; s.id = "dyn"; document.body.appendChild(s); log("dyn appended ran=" + !!window.dynRan);</script>
</body></html>`

// srcCSPPage loads scripts its policy allows and one it does not.
const srcCSPPage = `<!doctype html><html><head><title>C</title>` + srcLogger + `
<script id="a" src="/js/a.js"></script>
<script id="x" src="http://cdn.example/x.js"></script>
<script id="other" src="http://other.example/x.js"></script>
<script>log("end");</script>
</head><body></body></html>`

// srcLate inserts a script after load: it runs in a later task, then its load event fires.
const srcLate = `new Promise((res) => { const s = document.createElement("script"); s.id = "late"; s.src = "/js/late.js";
	const ev = []; s.onload = (e) => { ev.push("onload " + window.lateRan + " " + e.type); res(ev); };
	s.onerror = () => { ev.push("onerror"); res(ev); };
	document.head.appendChild(s); ev.push("appended " + String(window.lateRan)); })`

// srcLateMissing inserts a script whose src is a 404: its error event fires, its onerror runs.
const srcLateMissing = `new Promise((res) => { const s = document.createElement("script"); s.src = "/js/nope.js";
	s.onload = () => res("load"); s.addEventListener("error", (e) => res("error " + e.type + " " + e.bubbles)); document.head.appendChild(s); })`

func init() {
	h := srcHandler()
	All = append(All, Scenario{
		Name: "page-scripts-src",
		Doc: "A page's external scripts: parser-blocking src scripts run in document order with inline ones, same-origin and " +
			"cross-origin, with document.currentScript; defer and module scripts run after parsing in document order, before " +
			"DOMContentLoaded; async and script-inserted scripts run before load; a 404 fires the element's error event and the " +
			"page goes on; a script inserted after load runs in a later task and fires load; CSP host sources (measured in Chromium 156).",
		Handle: map[string]http.Handler{"/js/": h, "http://cdn.example/": h, "http://other.example/": h},
		Tabs: []Tab{{Name: "main", Path: "/src.html", HTML: srcPage},
			{Name: "csp", Path: "/srccsp.html", HTML: srcCSPPage, CSP: "script-src 'self' 'unsafe-inline' http://cdn.example"}},
		Steps: []Step{
			{Do: extwasmtest.EvalStep{Realm: "main/page", Until: `window.__load === true`, Expr: `[order, window.asyncRan, window.dynRan]`},

				Want: `{"value":[["inline1 loading","inline defer is ignored","a cs=a loading","load a","inline2 fromA=1 cs=i2","error miss","after missing",` +
					`"cross cs=x","load x","dyn appended ran=false","readystate interactive","d1 cs=d1 interactive","load d1",` +
					`"module src cs=null this=undefined interactive","load m","module inline cs=null this=undefined","d2 cs=d2 interactive","load d2",` +
					`"DOMContentLoaded","readystate complete","load"],{"cs":"as","loadBefore":false},{"cs":"dyn","loadBefore":false}]}`},
			{Do: extwasmtest.Eval("main/page", srcLate), Want: `{"value":["appended undefined","onload late load"]}`},
			{Do: extwasmtest.Eval("main/page", srcLateMissing), Want: `{"value":"error error false"}`},
			{Do: extwasmtest.EvalStep{Realm: "csp/page", Until: `window.__load === true`, Expr: `order`},
				Want: `{"value":["inline1 loading","a cs=a loading","load a","cross cs=x","load x","error other","end","readystate interactive",` +
					`"DOMContentLoaded","readystate complete","load"]}`},
		},
	})
}
