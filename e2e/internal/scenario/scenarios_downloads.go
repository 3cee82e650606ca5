package scenario

import (
	"fmt"
	"net/http"
	"sync"

	"github.com/extwasm/extwasm/extwasmtest"
)

// downloadWeb serves the files the downloads scenario saves.
func downloadWeb() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<!doctype html><title>downloads</title><p>x</p>")
			return
		case "/report":
			w.Header().Set("Content-Disposition", `attachment; filename="report.csv"`)
			w.Header().Set("Content-Type", "text/csv")
		case "/oct":
			w.Header().Set("Content-Type", "application/octet-stream")
		case "/html":
			w.Header().Set("Content-Type", "text/html")
		case "/json":
			w.Header().Set("Content-Type", "application/json")
		case "/star":
			w.Header().Set("Content-Disposition", `attachment; filename*=UTF-8''%C3%A9t%C3%A9.txt; filename="fallback.txt"`)
			w.Header().Set("Content-Type", "text/plain")
		case "/moved":
			http.Redirect(w, r, "/target.txt", http.StatusFound)
			return
		case "/missing":
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, "no")
			return
		case "/echo":
			w.Header().Set("Content-Type", "text/plain")
			b := make([]byte, 16)
			n, _ := r.Body.Read(b)
			fmt.Fprintf(w, "%s %s %s %s", r.Method, r.Header.Get("X-A"), r.URL.RawQuery, b[:n])
			return
		default:
			w.Header().Set("Content-Type", "text/plain")
		}
		fmt.Fprintf(w, "body of %s", r.URL.Path)
	})
}

// downloadCalls drives chrome.downloads; paths lose the download folder, times become "t" and
// the extension's id "<id>". Each download is waited for before the next starts, a few
// milliseconds later, so start times order them.
const downloadCalls = `(async () => {
	const id = chrome.runtime.id;
	// Keys are sorted, as Chromium's order of a delta's keys varies.
	const norm = (v) => JSON.parse(JSON.stringify(v === undefined ? "undefined" : v, (k, x) => {
		if (x !== null && typeof x === "object" && !Array.isArray(x)) return Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)));
		if (typeof x !== "string") return x;
		if (/^\d{4}-\d\d-\d\dT/.test(x)) return "t";
		return x.replace(/^.*\/Downloads\//, "<dir>/").replace(id, "<id>");
	}));
	const out = [];
	const t = async (name, fn) => { try { out.push([name, norm(await fn())]); } catch (e) { out.push([name, e.name, e.message]); } };
	const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
	const ended = async (n) => { for (let i = 0; i < 500; i++) { const [it] = await chrome.downloads.search({id: n}); if (it && it.state !== "in_progress") return it; await sleep(10); } throw new Error("download " + n + " never ended"); };
	const save = async (o) => { await sleep(5); return ended(await chrome.downloads.download(o)); };
	const brief = async (o) => { const it = await save(o); return [it.id, it.filename, it.state, it.error || null, it.mime, it.fileSize]; };
	await t("plain", () => save({url: "http://dl.example/a.txt"}));
	await t("again", () => brief({url: "http://dl.example/a.txt"}));
	await t("overwrite", () => brief({url: "http://dl.example/a.txt", conflictAction: "overwrite"}));
	await t("named", () => brief({url: "http://dl.example/a.txt", filename: "sub/x.bin"}));
	await t("report", () => save({url: "http://dl.example/report"}));
	await t("data", () => brief({url: "data:text/plain,hello"}));
	await t("post", () => brief({url: "http://dl.example/echo?q=1", method: "POST", headers: [{name: "X-A", value: "b"}], body: "zz"}));
	await t("missing", () => save({url: "http://dl.example/missing"}));
	await t("unreachable", () => save({url: "http://nohost.invalid/x"}));
	await t("bad url", () => chrome.downloads.download({url: "notaurl"}));
	await t("relative url", () => chrome.downloads.download({url: "/a.txt"}));
	await t("dotdot", () => chrome.downloads.download({url: "http://dl.example/a.txt", filename: "../x.txt"}));
	await t("absolute", () => chrome.downloads.download({url: "http://dl.example/a.txt", filename: "/tmp/x.txt"}));
	await t("backslash", () => chrome.downloads.download({url: "http://dl.example/a.txt", filename: "a\\b.txt"}));
	await t("empty name", () => chrome.downloads.download({url: "http://dl.example/a.txt", filename: ""}));
	const ids = async (q) => (await chrome.downloads.search(q)).map((i) => i.id);
	const sorted = async (q) => (await ids(q)).sort((a, b) => a - b);
	await t("search all", () => sorted({}));
	await t("search query", () => sorted({query: ["REPORT"]}));
	await t("search two terms", () => sorted({query: ["a", "sub/"]}));
	await t("search regex", () => sorted({filenameRegex: "a \\(\\d\\)"}));
	await t("search url", () => sorted({url: "http://dl.example/missing"}));
	await t("search urlRegex", () => sorted({urlRegex: "echo"}));
	await t("search state", () => sorted({state: "complete"}));
	await t("search mime", () => sorted({mime: "text/csv"}));
	await t("search bytes", () => sorted({totalBytesGreater: 14}));
	await t("search newest", () => ids({orderBy: ["-startTime"], limit: 3}));
	await t("search by url", () => ids({orderBy: ["url", "-startTime"]}));
	await t("search bad regex", () => ids({filenameRegex: "("}));
	await t("search bad order", () => ids({orderBy: ["fileSize"]}));
	await t("search bad limit", () => ids({limit: -1}));
	await t("removeFile", () => chrome.downloads.removeFile(2));
	await t("removeFile again", () => chrome.downloads.removeFile(2));
	await t("removeFile none", () => chrome.downloads.removeFile(999));
	await t("removed", async () => (await chrome.downloads.search({id: 2})).map((i) => [i.exists, i.state]));
	await t("open", () => chrome.downloads.open(4));
	await t("show", () => chrome.downloads.show(4));
	await t("show none", () => chrome.downloads.show(999));
	await t("showDefaultFolder", () => chrome.downloads.showDefaultFolder());
	await t("getFileIcon", () => chrome.downloads.getFileIcon(4));
	await t("getFileIcon none", () => chrome.downloads.getFileIcon(999));
	await t("setUiOptions", () => chrome.downloads.setUiOptions({enabled: false}));
	await t("cancel ended", () => chrome.downloads.cancel(4));
	await t("cancel none", () => chrome.downloads.cancel(999));
	await t("pause ended", () => chrome.downloads.pause(4));
	await t("pause none", () => chrome.downloads.pause(999));
	await t("resume ended", () => chrome.downloads.resume(4));
	await t("erase", () => chrome.downloads.erase({id: 5}));
	await t("erase none", () => chrome.downloads.erase({id: 999}));
	await t("after erase", () => sorted({}));
	// onDeterminingFilename: a listener suggests at once, later after returning true, or not at
	// all, which leaves Chrome's name and drops download()'s.
	const listen = async (name, fn, o) => {
		chrome.downloads.onDeterminingFilename.addListener(fn);
		await t(name, () => brief(o));
		chrome.downloads.onDeterminingFilename.removeListener(fn);
	};
	await listen("suggest", (item, suggest) => { suggest({filename: "renamed.txt"}); }, {url: "http://dl.example/a.txt", filename: "ignored.txt"});
	await listen("suggest again", (item, suggest) => { suggest({filename: "renamed.txt"}); }, {url: "http://dl.example/a.txt"});
	await listen("suggest overwrite", (item, suggest) => { suggest({filename: "renamed.txt", conflictAction: "overwrite"}); }, {url: "http://dl.example/a.txt"});
	await listen("suggest later", (item, suggest) => { setTimeout(() => suggest({filename: "later/" + item.filename}), 20); return true; }, {url: "http://dl.example/a.txt", filename: "given.txt"});
	await listen("late without true", (item, suggest) => { setTimeout(() => suggest({filename: "late.txt"}), 20); }, {url: "http://dl.example/report", filename: "given.txt"});
	await listen("no suggestion", (item, suggest) => { self.proposed = item; }, {url: "http://dl.example/a.txt", filename: "given.txt", conflictAction: "overwrite"});
	await listen("bad suggestion", (item, suggest) => { suggest({filename: "../evil.txt"}); }, {url: "http://dl.example/a.txt"});
	await listen("two suggestions", (item, suggest) => { suggest({filename: "first.txt"}); suggest({filename: "second.txt"}); }, {url: "http://dl.example/a.txt"});
	out.push(["proposed", norm(self.proposed)]);
	for (let i = 0; i < 500 && self.events.filter(([k]) => k === "erased").length < 1; i++) await sleep(10);
	// Chromium reports a data: URL's size (fileSize and totalBytes from 0) in its own onChanged,
	// with the file's name or with the completion, by timing: that news is left out.
	const events = [];
	for (const [k, v] of self.events) {
		if (k !== "changed" || !v.totalBytes || v.totalBytes.previous !== 0) {
			events.push([k, v]);
			continue;
		}
		const {fileSize, totalBytes, ...rest} = v;
		if (Object.keys(rest).length > 1) events.push([k, rest]);
	}
	out.push(["events", norm(events)]);
	return out;
})()`

// downloadHeldCalls holds a download in progress with an onDeterminingFilename listener that
// returns true and does not suggest yet, and pauses, resumes and cancels it.
const downloadHeldCalls = `(async () => {
	const out = [];
	const t = async (name, fn) => { try { out.push([name, await fn()]); } catch (e) { out.push([name, e.name, e.message]); } };
	const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
	const get = async (n) => { const [it] = await chrome.downloads.search({id: n}); return it; };
	const until = async (n, ok) => { for (let i = 0; i < 500; i++) { const it = await get(n); if (it && ok(it)) return [it.state, it.error || null, it.paused, it.canResume, it.filename.replace(/^.*\/Downloads\//, ""), it.bytesReceived]; await sleep(10); } throw new Error("download " + n + " never got there"); };
	const saved = async (o) => { const n = await chrome.downloads.download(o); await until(n, (it) => it.state !== "in_progress"); return n; };
	await t("complete", () => saved({url: "http://dl.example/a.txt"}));
	await t("missing", () => saved({url: "http://dl.example/missing"}));
	await t("removeFile interrupted", () => chrome.downloads.removeFile(2));
	await t("resume interrupted", () => chrome.downloads.resume(2));
	let later;
	const hold = (item, suggest) => { later = suggest; return true; };
	chrome.downloads.onDeterminingFilename.addListener(hold);
	const held = await chrome.downloads.download({url: "http://dl.example/b.txt"});
	await t("held", () => until(held, (it) => it.bytesReceived === 14));
	await t("search in_progress", async () => (await chrome.downloads.search({state: "in_progress"})).map((i) => i.id));
	await t("pause", () => chrome.downloads.pause(held));
	await t("paused", () => until(held, (it) => it.paused));
	await t("pause again", () => chrome.downloads.pause(held));
	await t("resume", () => chrome.downloads.resume(held));
	await t("resumed", () => until(held, (it) => !it.paused));
	await t("cancel", () => chrome.downloads.cancel(held));
	await t("cancelled", () => until(held, (it) => it.state === "interrupted"));
	chrome.downloads.onDeterminingFilename.removeListener(hold);
	later({filename: "late.txt"});
	// The next download ends after the late suggestion was handled.
	await t("next", () => saved({url: "http://dl.example/c.txt"}));
	await t("suggested late", () => until(held, () => true));
	await t("resume cancelled", () => chrome.downloads.resume(held));
	await t("pause cancelled", () => chrome.downloads.pause(held));
	await t("removeFile cancelled", () => chrome.downloads.removeFile(held));
	await t("search complete", async () => (await chrome.downloads.search({state: "complete"})).map((i) => i.id).sort());
	// Measured: "interrupted" finds the cancelled download, not the 404.
	await t("search interrupted", async () => (await chrome.downloads.search({state: "interrupted"})).map((i) => i.id));
	await t("order by state", async () => (await chrome.downloads.search({orderBy: ["state", "-startTime"]})).map((i) => i.id));
	await t("events", () => self.events.filter(([k, v]) => v.id === held || v === held).map(([k, v]) => k === "created" ? [k, v.id] : [k, v]));
	return out;
})()`

// downloadFromPage downloads from an extension page and waits for the download to end.
const downloadFromPage = `(async () => {
	const id = await chrome.downloads.download({url: "http://dl.example/a.txt"});
	for (let i = 0; i < 500; i++) {
		const [it] = await chrome.downloads.search({id});
		if (it.state !== "in_progress") return [it.state, it.filename.replace(/^.*\/Downloads\//, "")];
		await new Promise((r) => setTimeout(r, 10));
	}
	throw new Error("the download never ended");
})()`

// downloadCookieWeb sets cookies from its page and from /setcookie, and answers /lastcookie with
// the Cookie header the last request for /save carried.
func downloadCookieWeb() http.Handler {
	var (
		mu   sync.Mutex
		last string
	)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page":
			w.Header().Add("Set-Cookie", "a=1; Path=/")
			w.Header().Add("Set-Cookie", "s=2; Path=/; SameSite=Strict")
			w.Header().Add("Set-Cookie", "l=3; Path=/; SameSite=Lax")
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<!doctype html><title>cookies</title><p>x</p>")
			return
		case "/setcookie":
			w.Header().Add("Set-Cookie", "d=4; Path=/")
		case "/save":
			mu.Lock()
			last = r.Header.Get("Cookie")
			mu.Unlock()
		case "/lastcookie":
			mu.Lock()
			defer mu.Unlock()
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, last)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "x")
	})
}

// downloadCookieCalls downloads and asks the server which cookies the download carried.
const downloadCookieCalls = `(async () => {
	const ended = async (id) => { for (let i = 0; i < 500; i++) { const [it] = await chrome.downloads.search({id}); if (it.state !== "in_progress") return it.state; await new Promise((r) => setTimeout(r, 10)); } throw new Error("never ended"); };
	const out = [];
	out.push(await ended(await chrome.downloads.download({url: "http://dl.example/save"})));
	out.push(await (await fetch("http://dl.example/lastcookie")).text());
	out.push(await ended(await chrome.downloads.download({url: "http://dl.example/setcookie"})));
	out.push(await ended(await chrome.downloads.download({url: "http://dl.example/save"})));
	out.push(await (await fetch("http://dl.example/lastcookie")).text());
	return out;
})()`

// downloadRefusalCalls covers what download refuses or the headless browser cancels: headers,
// Save As dialogs and "prompt" for a name already taken.
const downloadRefusalCalls = `(async () => {
	const out = [];
	const t = async (name, fn) => { try { out.push([name, await fn()]); } catch (e) { out.push([name, e.name, e.message]); } };
	const ended = async (id) => { for (let i = 0; i < 500; i++) { const [it] = await chrome.downloads.search({id}); if (it.state !== "in_progress") return [it.id, it.state, it.error || null, it.filename.replace(/^.*\/Downloads\//, ""), it.bytesReceived, it.finalUrl]; await new Promise((r) => setTimeout(r, 10)); } throw new Error("never ended"); };
	const save = async (o) => ended(await chrome.downloads.download(o));
	const header = (name, value) => chrome.downloads.download({url: "http://dl.example/a.txt", headers: [{name, value}]});
	for (const n of ["Cookie", "Referer", "Host", "User-Agent", "DNT", "Sec-Fetch-Mode", "Proxy-Authorization", "Origin"]) await t("header " + n, () => header(n, "v"));
	await t("header name", () => header("a b", "v"));
	await t("header value", () => header("X-A", "a\nb"));
	await t("header allowed", () => save({url: "http://dl.example/a.txt", headers: [{name: "Authorization", value: "x"}, {name: "X-A", value: "a\tb"}]}));
	await t("method", () => chrome.downloads.download({url: "http://dl.example/a.txt", method: "PUT"}));
	await t("saveAs", () => save({url: "http://dl.example/a.txt", saveAs: true}));
	await t("prompt, name free", () => save({url: "http://dl.example/b.txt", conflictAction: "prompt"}));
	await t("prompt, name taken", () => save({url: "http://dl.example/a.txt", conflictAction: "prompt"}));
	const prompt = (item, suggest) => { suggest({filename: "a.txt", conflictAction: "prompt"}); };
	chrome.downloads.onDeterminingFilename.addListener(prompt);
	await t("suggested prompt", () => save({url: "http://dl.example/a.txt"}));
	chrome.downloads.onDeterminingFilename.removeListener(prompt);
	await t("redirected", () => save({url: "http://dl.example/moved"}));
	await t("events", () => self.events.filter(([k, v]) => k === "changed" && v.error).map(([k, v]) => v));
	return out;
})()`

// downloadTypeCalls saves files of several content types and names.
const downloadTypeCalls = `(async () => {
	const out = [];
	const t = async (name, fn) => { try { out.push([name, await fn()]); } catch (e) { out.push([name, e.name, e.message]); } };
	const ended = async (id) => { for (let i = 0; i < 500; i++) { const [it] = await chrome.downloads.search({id}); if (it.state !== "in_progress") return [it.state, it.filename.replace(/^.*\/Downloads\//, ""), it.mime]; await new Promise((r) => setTimeout(r, 10)); } throw new Error("never ended"); };
	const save = async (o) => ended(await chrome.downloads.download(o));
	await t("octet-stream", () => save({url: "http://dl.example/oct"}));
	await t("octet-stream as zip", () => save({url: "http://dl.example/oct", filename: "x.zip"}));
	await t("octet-stream as sh", () => save({url: "http://dl.example/oct", filename: "x.sh"}));
	await t("html", () => save({url: "http://dl.example/html"}));
	await t("json", () => save({url: "http://dl.example/json"}));
	await t("plain named csv", () => save({url: "http://dl.example/a.txt", filename: "x.csv"}));
	await t("plain named TXT", () => save({url: "http://dl.example/a.txt", filename: "y.TXT"}));
	await t("plain without extension", () => save({url: "http://dl.example/noext"}));
	await t("URL ending in a slash", () => save({url: "http://dl.example/dir/"}));
	await t("encoded URL", () => save({url: "http://dl.example/a%20b.txt"}));
	await t("filename*", () => save({url: "http://dl.example/star"}));
	await t("mime changes", () => self.events.filter(([k, v]) => k === "changed" && v.mime).map(([k, v]) => [v.id, v.mime]));
	return out;
})()`

// downloadOwnFile downloads the extension's manifest.
const downloadOwnFile = `(async () => {
	const id = await chrome.downloads.download({url: chrome.runtime.getURL("manifest.json")});
	for (let i = 0; i < 500; i++) {
		const [it] = await chrome.downloads.search({id});
		if (it.state !== "in_progress") return [it.state, it.error, it.mime, it.filename.replace(/^.*\/Downloads\//, ""), self.events.filter(([k, v]) => k === "changed" && v.id === id && v.mime).map(([k, v]) => v.mime.current)];
		await new Promise((r) => setTimeout(r, 10));
	}
	throw new Error("never ended");
})()`

func init() {
	All = append(All, Scenario{
		Name: "downloads",
		Doc: "chrome.downloads through Go handlers: DownloadItem's fields, Chrome's file names (URL, Content-Disposition, " +
			"the content type's extension, uniquify and overwrite), data: URLs, POST with headers and body, a 404 and a host " +
			"that does not answer; download's errors; search's filters, order and errors; removeFile, erase, open without a " +
			"gesture, show, getFileIcon, setUiOptions without downloads.ui, cancel, pause and resume of ended downloads; " +
			"onDeterminingFilename suggestions (at once, later, none, invalid, twice); onCreated, onChanged and onErased " +
			"(measured in Chromium 156).",
		Fixture: "downloadext",
		Handle:  map[string]http.Handler{"http://dl.example/": downloadWeb()},
		Tabs:    []Tab{{Name: "a", Path: "http://dl.example/page"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", downloadCalls), Want: `{"value":[["plain",{"byExtensionId":"\u003cid\u003e","byExtensionName":"extwasm download scenarios","bytesReceived":14,"canResume":false,"danger":"safe","endTime":"t","exists":true,"fileSize":14,"filename":"\u003cdir\u003e/a.txt","finalUrl":"http://dl.example/a.txt","id":1,"incognito":false,"mime":"text/plain","paused":false,"referrer":"","startTime":"t","state":"complete","totalBytes":14,"url":"http://dl.example/a.txt"}],["again",[2,"\u003cdir\u003e/a (1).txt","complete",null,"text/plain",14]],["overwrite",[3,"\u003cdir\u003e/a.txt","complete",null,"text/plain",14]],["named",[4,"\u003cdir\u003e/sub/x.txt","complete",null,"text/plain",14]],["report",{"byExtensionId":"\u003cid\u003e","byExtensionName":"extwasm download scenarios","bytesReceived":15,"canResume":false,"danger":"safe","endTime":"t","exists":true,"fileSize":15,"filename":"\u003cdir\u003e/report.csv","finalUrl":"http://dl.example/report","id":5,"incognito":false,"mime":"text/csv","paused":false,"referrer":"","startTime":"t","state":"complete","totalBytes":15,"url":"http://dl.example/report"}],["data",[6,"\u003cdir\u003e/download.txt","complete",null,"text/plain",5]],["post",[7,"\u003cdir\u003e/echo.txt","complete",null,"text/plain",13]],["missing",{"byExtensionId":"\u003cid\u003e","byExtensionName":"extwasm download scenarios","bytesReceived":0,"canResume":false,"danger":"safe","error":"SERVER_BAD_CONTENT","exists":true,"fileSize":2,"filename":"\u003cdir\u003e/missing.txt","finalUrl":"http://dl.example/missing","id":8,"incognito":false,"mime":"text/plain","paused":false,"referrer":"","startTime":"t","state":"interrupted","totalBytes":2,"url":"http://dl.example/missing"}],["unreachable",{"byExtensionId":"\u003cid\u003e","byExtensionName":"extwasm download scenarios","bytesReceived":0,"canResume":true,"danger":"safe","error":"NETWORK_FAILED","exists":true,"fileSize":0,"filename":"\u003cdir\u003e/x","finalUrl":"http://nohost.invalid/x","id":9,"incognito":false,"mime":"","paused":false,"referrer":"","startTime":"t","state":"interrupted","totalBytes":0,"url":"http://nohost.invalid/x"}],["bad url","Error","Invalid URL"],["relative url","Error","Invalid URL"],["dotdot","Error","Invalid filename"],["absolute","Error","Invalid filename"],["backslash","Error","Invalid filename"],["empty name","Error","Invalid filename"],["search all",[1,2,3,4,5,6,7,8,9]],["search query",[5]],["search two terms",[4]],["search regex",[2]],["search url",[8]],["search urlRegex",[7]],["search state",[1,2,3,4,5,6,7]],["search mime",[5]],["search bytes",[5]],["search newest",[9,8,7]],["search by url",[6,4,3,2,1,7,8,5,9]],["search bad regex","Error","Invalid query filter"],["search bad order","Error","Invalid orderBy field"],["search bad limit","Error","Invalid query limit"],["removeFile","undefined"],["removeFile again","Error","Download file already deleted"],["removeFile none","Error","Invalid downloadId"],["removed",[[false,"complete"]]],["open","Error","User gesture required"],["show","undefined"],["show none","undefined"],["showDefaultFolder","undefined"],["getFileIcon","Error","Icon not found"],["getFileIcon none","Error","Invalid downloadId"],["setUiOptions","Error","downloads.setUiOptions requires the \"downloads.ui\" permission"],["cancel ended","undefined"],["cancel none","undefined"],["pause ended","Error","Download must be in progress"],["pause none","Error","Invalid downloadId"],["resume ended","undefined"],["erase",[5]],["erase none",[]],["after erase",[1,2,3,4,6,7,8,9]],["suggest",[10,"\u003cdir\u003e/renamed.txt","complete",null,"text/plain",14]],["suggest again",[11,"\u003cdir\u003e/renamed (1).txt","complete",null,"text/plain",14]],["suggest overwrite",[12,"\u003cdir\u003e/renamed.txt","complete",null,"text/plain",14]],["suggest later",[13,"\u003cdir\u003e/later/a.txt","complete",null,"text/plain",14]],["late without true",[14,"\u003cdir\u003e/report (1).csv","complete",null,"text/csv",15]],["no suggestion",[15,"\u003cdir\u003e/a (1).txt","complete",null,"text/plain",14]],["bad suggestion",[16,"\u003cdir\u003e/a (2).txt","complete",null,"text/plain",14]],["two suggestions",[17,"\u003cdir\u003e/first.txt","complete",null,"text/plain",14]],["proposed",{"byExtensionId":"\u003cid\u003e","byExtensionName":"extwasm download scenarios","bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":14,"filename":"a.txt","finalUrl":"http://dl.example/a.txt","id":15,"incognito":false,"mime":"text/plain","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":14,"url":"http://dl.example/a.txt"}],["events",[["created",{"bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":14,"filename":"","finalUrl":"http://dl.example/a.txt","id":1,"incognito":false,"mime":"text/plain","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":14,"url":"http://dl.example/a.txt"}],["changed",{"filename":{"current":"\u003cdir\u003e/a.txt","previous":""},"id":1}],["changed",{"endTime":{"current":"t"},"id":1,"state":{"current":"complete","previous":"in_progress"}}],["created",{"bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":14,"filename":"","finalUrl":"http://dl.example/a.txt","id":2,"incognito":false,"mime":"text/plain","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":14,"url":"http://dl.example/a.txt"}],["changed",{"filename":{"current":"\u003cdir\u003e/a (1).txt","previous":""},"id":2}],["changed",{"endTime":{"current":"t"},"id":2,"state":{"current":"complete","previous":"in_progress"}}],["created",{"bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":14,"filename":"","finalUrl":"http://dl.example/a.txt","id":3,"incognito":false,"mime":"text/plain","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":14,"url":"http://dl.example/a.txt"}],["changed",{"filename":{"current":"\u003cdir\u003e/a.txt","previous":""},"id":3}],["changed",{"endTime":{"current":"t"},"id":3,"state":{"current":"complete","previous":"in_progress"}}],["created",{"bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":14,"filename":"","finalUrl":"http://dl.example/a.txt","id":4,"incognito":false,"mime":"text/plain","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":14,"url":"http://dl.example/a.txt"}],["changed",{"filename":{"current":"\u003cdir\u003e/sub/x.txt","previous":""},"id":4}],["changed",{"endTime":{"current":"t"},"id":4,"state":{"current":"complete","previous":"in_progress"}}],["created",{"bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":15,"filename":"","finalUrl":"http://dl.example/report","id":5,"incognito":false,"mime":"text/csv","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":15,"url":"http://dl.example/report"}],["changed",{"filename":{"current":"\u003cdir\u003e/report.csv","previous":""},"id":5}],["changed",{"endTime":{"current":"t"},"id":5,"state":{"current":"complete","previous":"in_progress"}}],["created",{"bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":0,"filename":"","finalUrl":"data:text/plain,hello","id":6,"incognito":false,"mime":"text/plain","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":0,"url":"data:text/plain,hello"}],["changed",{"filename":{"current":"\u003cdir\u003e/download.txt","previous":""},"id":6}],["changed",{"endTime":{"current":"t"},"id":6,"state":{"current":"complete","previous":"in_progress"}}],["created",{"bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":13,"filename":"","finalUrl":"http://dl.example/echo?q=1","id":7,"incognito":false,"mime":"text/plain","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":13,"url":"http://dl.example/echo?q=1"}],["changed",{"filename":{"current":"\u003cdir\u003e/echo.txt","previous":""},"id":7}],["changed",{"endTime":{"current":"t"},"id":7,"state":{"current":"complete","previous":"in_progress"}}],["created",{"bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":2,"filename":"","finalUrl":"http://dl.example/missing","id":8,"incognito":false,"mime":"text/plain","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":2,"url":"http://dl.example/missing"}],["changed",{"error":{"current":"SERVER_BAD_CONTENT"},"filename":{"current":"\u003cdir\u003e/missing.txt","previous":""},"id":8,"state":{"current":"interrupted","previous":"in_progress"}}],["created",{"bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":0,"filename":"","finalUrl":"http://nohost.invalid/x","id":9,"incognito":false,"mime":"","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":0,"url":"http://nohost.invalid/x"}],["changed",{"canResume":{"current":true,"previous":false},"error":{"current":"NETWORK_FAILED"},"filename":{"current":"\u003cdir\u003e/x","previous":""},"id":9,"state":{"current":"interrupted","previous":"in_progress"}}],["changed",{"exists":{"current":false,"previous":true},"id":2}],["erased",5],["created",{"bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":14,"filename":"","finalUrl":"http://dl.example/a.txt","id":10,"incognito":false,"mime":"text/plain","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":14,"url":"http://dl.example/a.txt"}],["changed",{"filename":{"current":"\u003cdir\u003e/renamed.txt","previous":""},"id":10}],["changed",{"endTime":{"current":"t"},"id":10,"state":{"current":"complete","previous":"in_progress"}}],["created",{"bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":14,"filename":"","finalUrl":"http://dl.example/a.txt","id":11,"incognito":false,"mime":"text/plain","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":14,"url":"http://dl.example/a.txt"}],["changed",{"filename":{"current":"\u003cdir\u003e/renamed (1).txt","previous":""},"id":11}],["changed",{"endTime":{"current":"t"},"id":11,"state":{"current":"complete","previous":"in_progress"}}],["created",{"bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":14,"filename":"","finalUrl":"http://dl.example/a.txt","id":12,"incognito":false,"mime":"text/plain","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":14,"url":"http://dl.example/a.txt"}],["changed",{"filename":{"current":"\u003cdir\u003e/renamed.txt","previous":""},"id":12}],["changed",{"endTime":{"current":"t"},"id":12,"state":{"current":"complete","previous":"in_progress"}}],["created",{"bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":14,"filename":"","finalUrl":"http://dl.example/a.txt","id":13,"incognito":false,"mime":"text/plain","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":14,"url":"http://dl.example/a.txt"}],["changed",{"filename":{"current":"\u003cdir\u003e/later/a.txt","previous":""},"id":13}],["changed",{"endTime":{"current":"t"},"id":13,"state":{"current":"complete","previous":"in_progress"}}],["created",{"bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":15,"filename":"","finalUrl":"http://dl.example/report","id":14,"incognito":false,"mime":"text/csv","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":15,"url":"http://dl.example/report"}],["changed",{"filename":{"current":"\u003cdir\u003e/report (1).csv","previous":""},"id":14}],["changed",{"endTime":{"current":"t"},"id":14,"state":{"current":"complete","previous":"in_progress"}}],["created",{"bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":14,"filename":"","finalUrl":"http://dl.example/a.txt","id":15,"incognito":false,"mime":"text/plain","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":14,"url":"http://dl.example/a.txt"}],["changed",{"filename":{"current":"\u003cdir\u003e/a (1).txt","previous":""},"id":15}],["changed",{"endTime":{"current":"t"},"id":15,"state":{"current":"complete","previous":"in_progress"}}],["created",{"bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":14,"filename":"","finalUrl":"http://dl.example/a.txt","id":16,"incognito":false,"mime":"text/plain","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":14,"url":"http://dl.example/a.txt"}],["changed",{"filename":{"current":"\u003cdir\u003e/a (2).txt","previous":""},"id":16}],["changed",{"endTime":{"current":"t"},"id":16,"state":{"current":"complete","previous":"in_progress"}}],["created",{"bytesReceived":0,"canResume":false,"danger":"safe","exists":true,"fileSize":14,"filename":"","finalUrl":"http://dl.example/a.txt","id":17,"incognito":false,"mime":"text/plain","paused":false,"referrer":"","startTime":"t","state":"in_progress","totalBytes":14,"url":"http://dl.example/a.txt"}],["changed",{"filename":{"current":"\u003cdir\u003e/first.txt","previous":""},"id":17}],["changed",{"endTime":{"current":"t"},"id":17,"state":{"current":"complete","previous":"in_progress"}}]]]]}`},
		},
	}, Scenario{
		Name: "downloads-held",
		Doc: "A download held in progress by an onDeterminingFilename listener that returns true: pause and resume " +
			"flip paused and canResume, cancel interrupts it with USER_CANCELED and a later suggestion changes nothing; " +
			"removeFile and resume of interrupted downloads fail; search's state filter \"interrupted\" finds the " +
			"cancelled download only, and orderBy state puts in progress, complete, cancelled, interrupted (measured in " +
			"Chromium 156).",
		Fixture: "downloadext",
		Handle:  map[string]http.Handler{"http://dl.example/": downloadWeb()},
		Tabs:    []Tab{{Name: "a", Path: "http://dl.example/page"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", downloadHeldCalls), Want: `{"value":[["complete",1],["missing",2],["removeFile interrupted","Error","Download must be complete"],["resume interrupted","Error","DownloadItem.canResume must be true"],["held",["in_progress",null,false,false,"",14]],["search in_progress",[3]],["pause",null],["paused",["in_progress",null,true,true,"",14]],["pause again",null],["resume",null],["resumed",["in_progress",null,false,false,"",14]],["cancel",null],["cancelled",["interrupted","USER_CANCELED",false,false,"",0]],["next",4],["suggested late",["interrupted","USER_CANCELED",false,false,"",0]],["resume cancelled","Error","DownloadItem.canResume must be true"],["pause cancelled","Error","Download must be in progress"],["removeFile cancelled","Error","Download must be complete"],["search complete",[1,4]],["search interrupted",[3]],["order by state",[4,1,3,2]],["events",[["created",3],["changed",{"canResume":{"current":true,"previous":false},"id":3,"paused":{"current":true,"previous":false}}],["changed",{"canResume":{"current":false,"previous":true},"id":3,"paused":{"current":false,"previous":true}}],["changed",{"error":{"current":"USER_CANCELED"},"id":3,"state":{"current":"interrupted","previous":"in_progress"}}]]]]}`},
		},
	}, Scenario{
		Name: "downloads-wake",
		Doc: "A download started from an extension page while the worker is stopped wakes it for " +
			"onDeterminingFilename, whose top-level listener names the file (measured in Chromium 156).",
		Fixture: "downloadwake",
		Handle:  map[string]http.Handler{"http://dl.example/": downloadWeb()},
		Tabs:    []Tab{{Name: "p", Path: "page.html", Extension: true}},
		Steps: []Step{
			{Do: extwasmtest.StopWorker()},
			{Do: extwasmtest.Eval("p/page", downloadFromPage), Want: `{"value":["complete","woken/a.txt"]}`},
			{Do: extwasmtest.Eval("worker", "self.seen"), Want: `{"value":[["created",1],["determining",1,"a.txt"]]}`},
		},
	}, Scenario{
		Name: "downloads-cookies",
		Doc: "A download's request carries the profile's cookies for its URL, SameSite=Strict ones too, and the cookies " +
			"its response sets are kept (measured in Chromium 156).",
		Fixture: "downloadext",
		Handle:  map[string]http.Handler{"http://dl.example/": downloadCookieWeb()},
		Tabs:    []Tab{{Name: "a", Path: "http://dl.example/page"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", downloadCookieCalls), Want: `{"value":["complete","a=1; s=2; l=3","complete","complete","a=1; s=2; l=3; d=4"]}`},
		},
	}, Scenario{
		Name: "downloads-refusals",
		Doc: "download's header checks (Chromium's unsafe names, token names, values without CR, LF or NUL), the " +
			"method enum, Save As and \"prompt\" for a name taken (headless Chromium cancels the dialog: USER_CANCELED, " +
			"no file name), and a redirect's finalUrl (measured in Chromium 156).",
		Fixture: "downloadext",
		Handle:  map[string]http.Handler{"http://dl.example/": downloadWeb()},
		Tabs:    []Tab{{Name: "a", Path: "http://dl.example/page"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", downloadRefusalCalls), Want: `{"value":[["header Cookie","Error","Unsafe request header name"],["header Referer","Error","Unsafe request header name"],["header Host","Error","Unsafe request header name"],["header User-Agent","Error","Unsafe request header name"],["header DNT","Error","Unsafe request header name"],["header Sec-Fetch-Mode","Error","Unsafe request header name"],["header Proxy-Authorization","Error","Unsafe request header name"],["header Origin","Error","Unsafe request header name"],["header name","Error","Invalid request header name"],["header value","Error","Invalid request header value"],["header allowed",[1,"complete",null,"a.txt",14,"http://dl.example/a.txt"]],["method","TypeError","Error in invocation of downloads.download(downloads.DownloadOptions options, optional function callback): Error at parameter 'options': Error at property 'method': Value must be one of GET, POST."],["saveAs",[2,"interrupted","USER_CANCELED","",0,"http://dl.example/a.txt"]],["prompt, name free",[3,"complete",null,"b.txt",14,"http://dl.example/b.txt"]],["prompt, name taken",[4,"interrupted","USER_CANCELED","",0,"http://dl.example/a.txt"]],["suggested prompt",[5,"interrupted","USER_CANCELED","",0,"http://dl.example/a.txt"]],["redirected",[6,"complete",null,"target.txt",19,"http://dl.example/target.txt"]],["events",[{"error":{"current":"USER_CANCELED"},"id":2,"state":{"current":"interrupted","previous":"in_progress"}},{"error":{"current":"USER_CANCELED"},"id":4,"state":{"current":"interrupted","previous":"in_progress"}},{"error":{"current":"USER_CANCELED"},"id":5,"state":{"current":"interrupted","previous":"in_progress"}}]]]}`},
			// Measured: setShelfEnabled returns nothing, at once, without the downloads.shelf
			// permission.
			{Do: extwasmtest.Eval("worker", `chrome.downloads.setShelfEnabled(false) === undefined`), Want: `{"value":true}`},
			// Measured: an extension's own file is not downloaded, but its type is reported.
			{Do: extwasmtest.Eval("worker", downloadOwnFile), Want: `{"value":["interrupted","NETWORK_FAILED","application/json","manifest.json",["application/json"]]}`},
		},
	}, Scenario{
		Name: "downloads-types",
		Doc: "The names and types of saved files: application/octet-stream keeps the name and takes the type of its " +
			"extension once named, text/plain, text/html, application/json get their extension, a URL's last segment " +
			"is unescaped, filename* wins over filename (measured in Chromium 156).",
		Fixture: "downloadext",
		Handle:  map[string]http.Handler{"http://dl.example/": downloadWeb()},
		Tabs:    []Tab{{Name: "a", Path: "http://dl.example/page"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", downloadTypeCalls), Want: `{"value":[["octet-stream",["complete","oct","application/octet-stream"]],["octet-stream as zip",["complete","x.zip","application/zip"]],["octet-stream as sh",["complete","x.sh","application/x-shellscript"]],["html",["complete","html.html","text/html"]],["json",["complete","json.json","application/json"]],["plain named csv",["complete","x.txt","text/plain"]],["plain named TXT",["complete","y.txt","text/plain"]],["plain without extension",["complete","noext.txt","text/plain"]],["URL ending in a slash",["complete","download.txt","text/plain"]],["encoded URL",["complete","a b.txt","text/plain"]],["filename*",["complete","été.txt","text/plain"]],["mime changes",[[2,{"current":"application/zip","previous":"application/octet-stream"}],[3,{"current":"application/x-shellscript","previous":"application/octet-stream"}]]]]}`},
		},
	}, Scenario{
		Name:    "go-downloads",
		Doc:     "A Go worker saves a file with chrome/downloads (Download, then Search until it ends) in both browsers.",
		Fixture: "goapi",
		Handle:  map[string]http.Handler{"http://dl.example/": downloadWeb()},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", `(async () => {
	for (let i = 0; i < 1500 && !(typeof goapi === "object" && extwasm.status() === "ready"); i++) await new Promise((r) => setTimeout(r, 20));
	return goapi.download("http://dl.example/a.txt");
})()`), Want: `{"value":{"bytes":14,"mime":"text/plain","name":"go/saved.txt","state":"complete"}}`},
		},
	})
}
