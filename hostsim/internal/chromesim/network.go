package chromesim

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/internal/chromefacts"
)

// The simulated web's network is in process: a test serves URLs with Go http.Handlers (Handle),
// and pages set with SetPage are served too. fetch and XMLHttpRequest reach them with Chrome's
// rules, measured in Chromium 156 (e2e scenario "network-fetch"):
//
//   - the worker and extension pages send requests as chrome-extension://<id>; to a host their
//     extension may access (host_permissions or a content script's matches, as scripting's
//     canAccess) the request is exempt from CORS: the response is "basic", every header visible;
//     to any other cross-origin host it is a CORS request;
//   - content scripts send requests as their page's origin, whatever the extension's host
//     permissions: cross-origin requests need the server's CORS headers, as a web page's do;
//   - a CORS request that is not simple (a method other than GET, HEAD, POST, or a header that is
//     not CORS-safelisted) is preceded by an OPTIONS preflight; the response needs
//     Access-Control-Allow-Origin "*" or the origin, or the fetch fails (TypeError "Failed to
//     fetch"); its headers are then filtered to the safelisted ones and those in
//     Access-Control-Expose-Headers (type "cors");
//   - mode "no-cors" gives an opaque response (status 0, no headers, empty body, url "");
//   - redirects are followed (up to 20; 303, and 301/302 of a POST, become GET), redirect "manual"
//     gives an opaqueredirect response, redirect "error" fails;
//   - an unknown host fails with "Failed to fetch".
//
// The handler runs synchronously on the Go side, in the task after the one that called fetch; it
// must not drive the browser (Eval, OpenTab, Advance) itself.

//go:embed network.js
var networkSrc string

var networkProgram = goja.MustCompile("chrome-network.js", networkSrc, true)

// maxRedirects is Chrome's redirect limit (the fetch standard's 20).
const maxRedirects = 20

// route is one Handle registration: a scheme, host (with port, the default one elided) and path
// prefix ("/api/") or exact path ("/api").
type route struct {
	scheme, host, path string
	h                  http.Handler
}

// Handle makes h serve every URL under pattern, an absolute URL with scheme http or https, host,
// optional port and path: a path ending in "/" is a prefix, any other an exact path. The longest
// matching pattern wins; a pattern registered again replaces the earlier one.
func (b *Browser) Handle(pattern string, h http.Handler) error {
	if h == nil {
		return fmt.Errorf("chrome: Handle(%q): nil handler", pattern)
	}
	u, err := url.Parse(pattern)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("chrome: Handle(%q): want an http or https URL with a host and a path, such as \"https://api.example.com/\"", pattern)
	}
	p := u.Path
	if p == "" {
		p = "/"
	}
	r := route{scheme: u.Scheme, host: hostKey(u), path: p, h: h}
	for i, old := range b.routes {
		if old.scheme == r.scheme && old.host == r.host && old.path == r.path {
			b.routes[i] = r
			return nil
		}
	}
	b.routes = append(b.routes, r)
	return nil
}

// hostKey is u's lowercased host with the scheme's default port elided.
func hostKey(u *url.URL) string {
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		return host + ":" + port
	}
	return host
}

// handlerFor finds what serves u: the longest matching route, else the page set for the URL, else
// a 404 on a host that has routes or pages. ok is false for an unknown host.
func (b *Browser) handlerFor(u *url.URL) (http.Handler, bool) {
	host := hostKey(u)
	var best *route
	for i := range b.routes {
		r := &b.routes[i]
		if r.scheme != u.Scheme || r.host != host {
			continue
		}
		if r.path == u.Path || (strings.HasSuffix(r.path, "/") && strings.HasPrefix(u.Path, r.path)) {
			if best == nil || len(r.path) > len(best.path) {
				best = r
			}
		}
	}
	if best != nil {
		return best.h, true
	}
	page := *u
	page.Fragment, page.RawFragment = "", ""
	if p, ok := b.pages[page.String()]; ok {
		return pageHandler(p), true
	}
	if b.knownHost(u.Scheme, host) {
		return http.NotFoundHandler(), true
	}
	return nil, false
}

// knownHost reports whether a route or a page is on scheme://host.
func (b *Browser) knownHost(scheme, host string) bool {
	for _, r := range b.routes {
		if r.scheme == scheme && r.host == host {
			return true
		}
	}
	for raw := range b.pages {
		if u, err := url.Parse(raw); err == nil && u.Scheme == scheme && hostKey(u) == host {
			return true
		}
	}
	return false
}

// pageHandler serves a page set with SetPage as extwasmtest's Chromium page server does.
func pageHandler(p Page) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if p.CSP != "" {
			w.Header().Set("Content-Security-Policy", p.CSP)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, p.HTML)
	})
}

// handledPage is the document a Handle route serves at rawURL to a navigation: the body of a
// GET's response with its Content-Security-Policy (redirects are not followed; a URL no route
// serves is an empty document).
func (b *Browser) handledPage(rawURL string) Page {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return Page{}
	}
	rules := b.dnrNavigationHeaders(rawURL) // declarativeNetRequest's header rules (dnr.go)
	u.Fragment, u.RawFragment = "", ""
	h := http.Header{}
	h.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	h.Set("User-Agent", userAgent)
	// A navigation carries the site's cookies and takes the ones it sets: hostsim's navigations
	// are the user's or same-site, where SameSite lets every cookie through.
	if cookies := cookieHeader(b.cookieJar().forURL(u, b.sched.Wall(), false, false)); cookies != "" {
		h.Set("Cookie", cookies)
	}
	rules.modifyRequest(h)
	res, ok := b.serveHTTP("GET", u, h, nil)
	if !ok {
		return Page{}
	}
	rules.modifyResponse(res.Header)
	for _, line := range res.Header.Values("Set-Cookie") {
		b.setCookie(line, u, fromHTTP)
	}
	return Page{HTML: string(res.Body), CSP: res.Header.Get("Content-Security-Policy")}
}

// netRequest is a request as fetch or XMLHttpRequest made it.
type netRequest struct {
	URL         string      `json:"url"`
	Method      string      `json:"method"`
	Headers     [][2]string `json:"headers"`
	Mode        string      `json:"mode"`
	Credentials string      `json:"credentials"`
	Redirect    string      `json:"redirect"`
	body        []byte
}

// netResponse is what the request's promise resolves with.
type netResponse struct {
	Type       string
	URL        string
	Redirected bool
	Status     int
	StatusText string
	Headers    [][2]string
	Body       []byte
}

var errNetwork = errors.New(chromefacts.ErrFailedToFetch)

// requestOrigin is the origin c's requests are made as: a content script's is its page's.
func (c *Context) requestOrigin() string {
	switch c.kind {
	case Worker:
		return "chrome-extension://" + c.ext.id
	case ContentScript, UserScript:
		return c.frame.origin
	}
	if c.frame != nil {
		return c.frame.origin
	}
	return c.origin
}

// baseURL is what relative request URLs resolve against: the page's URL for a content script.
func (c *Context) baseURL() string {
	if c.kind == ContentScript || c.kind == UserScript {
		return c.frame.url
	}
	return c.url
}

// corsExempt reports whether c's requests to rawURL skip CORS: extension contexts' requests to
// hosts their extension may access.
func (c *Context) corsExempt(rawURL string) bool {
	return (c.kind == Worker || c.kind == ExtensionPage) && c.ext != nil && canAccess(c.ext, rawURL)
}

// netFetch runs a request through the simulated network with Chrome's rules.
func (c *Context) netFetch(req netRequest) (*netResponse, error) {
	abs := resolveRef(c.baseURL(), req.URL)
	u, err := url.Parse(abs)
	if err != nil {
		return nil, errNetwork
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Scheme == "chrome-extension" {
		body, ct, err := c.fetch(abs)
		if err != nil {
			return nil, errNetwork
		}
		h := [][2]string{{"content-length", strconv.Itoa(len(body))}}
		if ct != "" {
			h = append([][2]string{{"content-type", ct}}, h...)
		}
		return &netResponse{Type: "basic", URL: u.String(), Status: 200, StatusText: "OK", Headers: h, Body: body}, nil
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, errNetwork
	}
	origin := c.requestOrigin()
	method, body := req.Method, req.body
	headers := slices.Clone(req.Headers)
	redirected := false
	for hops := 0; ; hops++ {
		// declarativeNetRequest's rules act on every hop (dnr.go): a block fails the request, a
		// redirect is one more hop (as the request's redirect mode allows), header rules apply to
		// the request and its response.
		rules := c.dnrFetch(u, method)
		if rules.block {
			return nil, errNetwork
		}
		if rules.redirect != "" {
			switch req.Redirect {
			case "error":
				return nil, errNetwork
			case "manual":
				return &netResponse{Type: "opaqueredirect", URL: u.String()}, nil
			}
			next, err := url.Parse(rules.redirect)
			if err != nil || (next.Scheme != "http" && next.Scheme != "https") || hops+1 > maxRedirects {
				return nil, errNetwork
			}
			u, redirected = next, true
			continue
		}
		target := u.String()
		sameOrigin := originOf(target) == origin
		exempt := c.corsExempt(target)
		cors := !sameOrigin && !exempt && req.Mode != "no-cors"
		if req.Mode == "same-origin" && !sameOrigin && !exempt {
			return nil, errNetwork
		}
		h := c.requestHeader(headers, u, origin, method, sameOrigin, cors)
		rules.modifyRequest(h)
		// Cookies go with the request by its credentials mode (fetch's default "same-origin";
		// extension contexts' requests to hosts they may access count as same-origin and
		// same-site, measured: the worker's fetch carries even SameSite=Strict cookies); a
		// cross-site request carries only SameSite=None ones.
		withCookies := req.Credentials == "include" || req.Credentials != "omit" && (sameOrigin || exempt)
		crossSite := !exempt && site(u) != siteOfOrigin(origin)
		if withCookies {
			if cookies := cookieHeader(c.b.cookieJar().forURL(u, c.b.sched.Wall(), false, crossSite)); cookies != "" {
				h.Set("Cookie", cookies)
			}
		}
		if cors && !corsSimple(method, headers) {
			if !c.preflight(u, origin, method, headers) {
				return nil, errNetwork
			}
		}
		resp, ok := c.b.serveHTTP(method, u, h, body)
		if !ok {
			return nil, errNetwork
		}
		rules.modifyResponse(resp.Header)
		if cors && !corsAllows(resp.Header, origin, req.Credentials == "include") {
			return nil, errNetwork
		}
		if withCookies {
			for _, line := range resp.Header.Values("Set-Cookie") {
				if k := parseSetCookie(line, u, c.b.sched.Wall()); k != nil && (!crossSite || k.sameSite == "no_restriction") {
					c.b.setCookie(line, u, fromHTTP)
				}
			}
		}
		if loc := resp.Header.Get("Location"); isRedirect(resp.StatusCode) && loc != "" {
			switch req.Redirect {
			case "error":
				return nil, errNetwork
			case "manual":
				return &netResponse{Type: "opaqueredirect", URL: target}, nil
			}
			if hops+1 > maxRedirects {
				return nil, errNetwork
			}
			next, err := u.Parse(loc)
			if err != nil || (next.Scheme != "http" && next.Scheme != "https") {
				return nil, errNetwork
			}
			next.Fragment, next.RawFragment = "", ""
			if resp.StatusCode == http.StatusSeeOther && method != "HEAD" ||
				(resp.StatusCode == http.StatusMovedPermanently || resp.StatusCode == http.StatusFound) && method == "POST" {
				method, body = "GET", nil
				headers = slices.DeleteFunc(headers, func(kv [2]string) bool {
					switch strings.ToLower(kv[0]) {
					case "content-type", "content-length", "content-encoding", "content-language", "content-location":
						return true
					}
					return false
				})
			}
			u, redirected = next, true
			continue
		}
		if req.Mode == "no-cors" && !sameOrigin && !exempt {
			return &netResponse{Type: "opaque"}, nil
		}
		out := &netResponse{Type: "basic", URL: target, Redirected: redirected, Status: resp.StatusCode,
			StatusText: http.StatusText(resp.StatusCode), Body: resp.Body}
		if cors {
			out.Type = "cors"
		}
		out.Headers = responseHeaders(resp.Header, cors)
		if method == "HEAD" {
			out.Body = nil
		}
		return out, nil
	}
}

func isRedirect(status int) bool {
	switch status {
	case 301, 302, 303, 307, 308:
		return true
	}
	return false
}

// requestHeader is the header a request carries on the wire: the script's, and Chrome's own
// (Accept, Accept-Language, User-Agent, Origin when CORS or not a GET/HEAD, Referer from documents).
func (c *Context) requestHeader(list [][2]string, u *url.URL, origin, method string, sameOrigin, cors bool) http.Header {
	h := http.Header{}
	for _, kv := range list {
		h.Add(kv[0], kv[1])
	}
	if h.Get("Accept") == "" {
		h.Set("Accept", "*/*")
	}
	if h.Get("Accept-Language") == "" {
		h.Set("Accept-Language", "en-US,en;q=0.9")
	}
	h.Set("User-Agent", userAgent)
	if cors || (method != "GET" && method != "HEAD" && !sameOrigin) {
		h.Set("Origin", origin)
	}
	if (c.kind == ContentScript || c.kind == UserScript || c.kind == WebPage) && c.frame != nil {
		// strict-origin-when-cross-origin: the whole URL to the same origin, the origin otherwise,
		// nothing from https to http.
		page, err := url.Parse(c.frame.url)
		if err == nil && (page.Scheme == "http" || page.Scheme == "https") && !(page.Scheme == "https" && u.Scheme == "http") {
			if sameOrigin {
				page.Fragment, page.RawFragment = "", ""
				h.Set("Referer", page.String())
			} else {
				h.Set("Referer", origin+"/")
			}
		}
	}
	return h
}

// userAgent is headless Chromium 156's, as navigator.userAgent reports it (webglobals.js).
const userAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36"

// corsSimple reports whether a CORS request needs no preflight: a GET, HEAD or POST with only
// CORS-safelisted request headers.
func corsSimple(method string, headers [][2]string) bool {
	if method != "GET" && method != "HEAD" && method != "POST" {
		return false
	}
	return len(unsafeHeaders(headers)) == 0
}

// unsafeHeaders lists the request's header names that are not CORS-safelisted, lowercased, sorted.
func unsafeHeaders(headers [][2]string) []string {
	var out []string
	for _, kv := range headers {
		name := strings.ToLower(kv[0])
		switch name {
		case "accept", "accept-language", "content-language":
			continue
		case "content-type":
			mt := strings.ToLower(strings.TrimSpace(strings.Split(kv[1], ";")[0]))
			if mt == "application/x-www-form-urlencoded" || mt == "multipart/form-data" || mt == "text/plain" {
				continue
			}
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// preflight sends the OPTIONS request of a non-simple CORS request and reports whether the
// server allows it.
func (c *Context) preflight(u *url.URL, origin, method string, headers [][2]string) bool {
	h := http.Header{}
	h.Set("Accept", "*/*")
	h.Set("Origin", origin)
	h.Set("Access-Control-Request-Method", method)
	names := unsafeHeaders(headers)
	if len(names) > 0 {
		h.Set("Access-Control-Request-Headers", strings.Join(names, ","))
	}
	h.Set("User-Agent", userAgent)
	resp, ok := c.b.serveHTTP("OPTIONS", u, h, nil)
	if !ok || resp.StatusCode < 200 || resp.StatusCode > 299 || !corsAllows(resp.Header, origin, false) {
		return false
	}
	allowed := func(list string, v string) bool {
		for _, s := range strings.Split(list, ",") {
			s = strings.TrimSpace(s)
			if s == "*" || strings.EqualFold(s, v) {
				return true
			}
		}
		return false
	}
	if method != "GET" && method != "HEAD" && method != "POST" && !allowed(resp.Header.Get("Access-Control-Allow-Methods"), method) {
		return false
	}
	for _, n := range names {
		if !allowed(resp.Header.Get("Access-Control-Allow-Headers"), n) {
			return false
		}
	}
	return true
}

// corsAllows is the CORS check of a response to a request from origin.
func corsAllows(h http.Header, origin string, credentials bool) bool {
	acao := h.Values("Access-Control-Allow-Origin")
	if len(acao) != 1 {
		return false
	}
	if acao[0] == "*" {
		return !credentials
	}
	if acao[0] != origin {
		return false
	}
	return !credentials || h.Get("Access-Control-Allow-Credentials") == "true"
}

// responseHeaders lists the headers script sees, lowercased and sorted: never Set-Cookie, and for
// a CORS response only the safelisted ones and those the server exposes.
func responseHeaders(h http.Header, cors bool) [][2]string {
	exposed := map[string]bool{}
	all := false
	for _, v := range h.Values("Access-Control-Expose-Headers") {
		for _, s := range strings.Split(v, ",") {
			s = strings.ToLower(strings.TrimSpace(s))
			exposed[s] = true
			all = all || s == "*"
		}
	}
	var out [][2]string
	for name, vs := range h {
		n := strings.ToLower(name)
		if n == "set-cookie" || n == "set-cookie2" {
			continue
		}
		if cors {
			switch n {
			case "cache-control", "content-language", "content-length", "content-type", "expires", "last-modified", "pragma":
			default:
				if !all && !exposed[n] {
					continue
				}
			}
		}
		for _, v := range vs {
			out = append(out, [2]string{n, v})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// httpResult is a handler's response as the wire carries it.
type httpResult struct {
	StatusCode int
	Header     http.Header
	Body       []byte
}

// serveHTTP runs the handler for u on one request, as net/http's server would: Date and
// Content-Length are added, and a panicking handler is a dropped connection (ok false).
func (b *Browser) serveHTTP(method string, u *url.URL, h http.Header, body []byte) (res *httpResult, ok bool) {
	handler, found := b.handlerFor(u)
	if !found {
		return nil, false
	}
	defer func() {
		if x := recover(); x != nil {
			res, ok = nil, false
		}
	}()
	r := httptest.NewRequest(method, u.String(), bytes.NewReader(body))
	r.Header = h
	r.Host = u.Host
	r.RemoteAddr = "127.0.0.1:40000"
	r.ContentLength = int64(len(body))
	if len(body) == 0 {
		r.Body = http.NoBody
	}
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, r)
	out := rec.Result()
	data := rec.Body.Bytes()
	if out.Header.Get("Date") == "" {
		out.Header.Set("Date", b.sched.Wall().UTC().Format(http.TimeFormat))
	}
	if out.StatusCode == http.StatusNoContent || out.StatusCode == http.StatusNotModified || (out.StatusCode >= 100 && out.StatusCode < 200) {
		data = nil
	} else {
		// net/http's server sniffs the type of a body written after WriteHeader too, which the
		// recorder does only for a body written first.
		if _, typed := out.Header["Content-Type"]; !typed && len(data) > 0 && out.Header.Get("Content-Encoding") == "" && out.Header.Get("Transfer-Encoding") == "" {
			out.Header.Set("Content-Type", http.DetectContentType(data))
		}
		if out.Header.Get("Content-Length") == "" && out.Header.Get("Transfer-Encoding") == "" {
			out.Header.Set("Content-Length", strconv.Itoa(len(data)))
		}
	}
	return &httpResult{StatusCode: out.StatusCode, Header: out.Header, Body: data}, true
}

// installNetwork defines fetch, Headers, Request, Response, AbortController and AbortSignal in
// every context, and XMLHttpRequest in documents, over netFetch.
func (c *Context) installNetwork() error {
	vm := c.realm.VM
	native := vm.NewObject()
	_ = native.Set("fetch", func(call goja.FunctionCall) goja.Value {
		var req netRequest
		if err := json.Unmarshal([]byte(call.Argument(0).String()), &req); err != nil {
			panic(vm.NewTypeError(err.Error()))
		}
		if ab, ok := call.Argument(1).Export().(goja.ArrayBuffer); ok {
			req.body = append([]byte(nil), ab.Bytes()...)
		}
		resp, err := c.netFetch(req)
		out := vm.NewObject()
		if err != nil {
			_ = out.Set("error", err.Error())
			return out
		}
		hs := make([]any, len(resp.Headers))
		for i, kv := range resp.Headers {
			hs[i] = vm.NewArray(kv[0], kv[1])
		}
		_ = out.Set("type", resp.Type)
		_ = out.Set("url", resp.URL)
		_ = out.Set("redirected", resp.Redirected)
		_ = out.Set("status", resp.Status)
		_ = out.Set("statusText", resp.StatusText)
		_ = out.Set("headers", vm.NewArray(hs...))
		_ = out.Set("body", vm.NewArrayBuffer(resp.Body))
		return out
	})
	install, err := vm.RunProgram(networkProgram)
	if err != nil {
		return err
	}
	fn, _ := goja.AssertFunction(install)
	cfg := map[string]any{
		"document": c.frame != nil,
		"errors": map[string]any{
			"failed":  chromefacts.ErrFailedToFetch,
			"aborted": chromefacts.ErrSignalAbortedWithoutReason,
			"timeout": chromefacts.ErrSignalTimedOut,
		},
	}
	_, err = fn(goja.Undefined(), vm.GlobalObject(), native, vm.ToValue(cfg))
	return err
}
