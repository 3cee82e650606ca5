package chromesim

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// inlineScriptBlocked is the console error of a page's CSP refusing an inline script, or "" when
// the policy lets it run: a policy whose script-src (else default-src) lists 'unsafe-inline' with
// no nonce or hash, the script's nonce, or the script's sha256 hash.
func inlineScriptBlocked(policy string, s InlineScript) string {
	directive, _ := scriptDirective(policy)
	if directive == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(s.Text))
	hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	unsafeInline, keyed := false, false
	for _, src := range strings.Fields(directive)[1:] {
		l := strings.ToLower(src)
		switch {
		case l == "'unsafe-inline'":
			unsafeInline = true
		case strings.HasPrefix(l, "'nonce-"):
			keyed = true
			if s.Nonce != "" && src == "'nonce-"+s.Nonce+"'" {
				return ""
			}
		case strings.HasPrefix(l, "'sha"):
			keyed = true
			if src == hash {
				return ""
			}
		}
	}
	if unsafeInline && !keyed {
		return ""
	}
	return fmt.Sprintf("Refused to execute inline script because it violates the following Content Security Policy directive: %q. "+
		"Either the 'unsafe-inline' keyword, a hash (%s), or a nonce ('nonce-...') is required to enable inline execution.", directive, hash)
}

// inlineHandlerBlocked is the console error of a page's CSP refusing a content-attribute event
// handler (onclick="…"), or "" when the policy lets it run: no script-src-attr, script-src or
// default-src; 'unsafe-inline' with no nonce or hash; or its sha256 hash with 'unsafe-hashes'.
func inlineHandlerBlocked(policy, code string) string {
	directive := ""
	for _, d := range strings.Split(policy, ";") {
		if f := strings.Fields(d); len(f) > 0 && strings.EqualFold(f[0], "script-src-attr") {
			directive = strings.Join(f, " ")
		}
	}
	if directive == "" {
		directive, _ = scriptDirective(policy)
	}
	if directive == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(code))
	hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	unsafeInline, unsafeHashes, keyed, hashed := false, false, false, false
	for _, src := range strings.Fields(directive)[1:] {
		l := strings.ToLower(src)
		switch {
		case l == "'unsafe-inline'":
			unsafeInline = true
		case l == "'unsafe-hashes'":
			unsafeHashes = true
		case strings.HasPrefix(l, "'nonce-"):
			keyed = true
		case strings.HasPrefix(l, "'sha"):
			keyed = true
			hashed = hashed || src == hash
		}
	}
	if (unsafeInline && !keyed) || (unsafeHashes && hashed) {
		return ""
	}
	return fmt.Sprintf("Refused to execute inline event handler because it violates the following Content Security Policy directive: %q. "+
		"Either the 'unsafe-inline' keyword, a hash (%s), or a nonce ('nonce-...') is required to enable inline execution. "+
		"Note that hashes do not apply to event handlers, style attributes and javascript: navigations unless the 'unsafe-hashes' keyword is present.", directive, hash)
}

// frameScripts is the script state of a frame's document: the scripts that wait for the end of
// parsing, the ones that delay the load event, and the elements already started (a script element
// runs once).
type frameScripts struct {
	deferred []PageScript
	async    []PageScript
	pending  int
	started  map[any]bool
	inline   int // inline module scripts run so far, to name them in the module map
}

// runParserScripts runs the document's scripts as the parser meets them: an inline classic script
// or a src one without async or defer runs now, blocking the rest (a src script is fetched in
// process, synchronously), and sees only the nodes before it; defer scripts and modules wait for domContentLoaded; async scripts wait
// for postAsyncScripts. Scripts connected later by script load asynchronously (watchScripts).
func (b *Browser) runParserScripts(f *Frame) {
	fs := &frameScripts{started: map[any]bool{}}
	f.scripts = fs
	scripts := b.opts.DOM.Scripts(f.doc)
	for _, s := range scripts {
		fs.started[s.Element] = true
	}
	b.watchScripts(f)
	for _, s := range scripts {
		switch {
		case s.Module && s.Async, !s.Module && s.HasSrc && s.Async:
			fs.async = append(fs.async, s)
		case s.Module, s.HasSrc && s.Defer:
			fs.deferred = append(fs.deferred, s)
		default:
			// A parser-blocking script sees the document only as far as the parser has got.
			release := func() {}
			if sd, ok := b.opts.DOM.(ScriptDOM); ok {
				release = sd.HoldAfter(f.doc, s.Element)
			}
			b.execScript(f, s)
			release()
		}
	}
}

// runDeferred runs the defer and module scripts in document order: after parsing, with readyState
// "interactive", before DOMContentLoaded.
func (b *Browser) runDeferred(f *Frame) {
	if f.scripts == nil {
		return
	}
	list := f.scripts.deferred
	f.scripts.deferred = nil
	for _, s := range list {
		b.execScript(f, s)
	}
}

// postAsyncScripts queues the async scripts, one task each in document order, after the task of
// DOMContentLoaded and before load, which they delay. Chromium runs an async script whenever its
// fetch completes, before load but at no fixed place against DOMContentLoaded or the other async
// scripts; hostsim picks this order.
func (b *Browser) postAsyncScripts(f *Frame, docID string) {
	if f.scripts == nil {
		return
	}
	for _, s := range f.scripts.async {
		b.postScript(f, docID, s)
	}
	f.scripts.async = nil
}

// postScript runs s in a task of its own, delaying the document's load event until then.
func (b *Browser) postScript(f *Frame, docID string, s PageScript) {
	fs := f.scripts
	if !f.loaded {
		fs.pending++
	}
	delays := !f.loaded
	f.main.realm.Post(func() {
		if f.docID != docID || f.tab.closed {
			return
		}
		b.execScript(f, s)
		if delays {
			fs.pending--
			b.maybeLoaded(f)
		}
	})
}

// watchScripts loads the src scripts that script connects to the document: each in a later task,
// firing load or error, and delaying the load event when connected before it. A script-inserted
// inline script does not run (Chrome runs it at once; not simulated).
func (b *Browser) watchScripts(f *Frame) {
	sd, ok := b.opts.DOM.(ScriptDOM)
	if !ok {
		return
	}
	docID := f.docID
	sd.WatchScripts(f.doc, func(s PageScript) {
		if f.docID != docID || f.tab.closed || f.scripts.started[s.Element] || !s.HasSrc {
			return
		}
		f.scripts.started[s.Element] = true
		b.postScript(f, docID, s)
	})
}

// execScript runs one script element in the frame's main world: the CSP check, the fetch of a src
// script, document.currentScript (null for a module), then the element's load or error event for
// a src script. A module script runs as an ES module (modules.go), sharing the realm's module map.
func (b *Browser) execScript(f *Frame, s PageScript) {
	main := f.main
	sd, _ := b.opts.DOM.(ScriptDOM)
	fire := func(typ string) {
		if sd != nil && s.HasSrc {
			sd.FireElement(s.Element, typ)
			f.drainFrame()
		}
	}
	name, text := f.url, s.Text
	if s.HasSrc {
		name = s.Src
		if why := srcScriptBlocked(f.page.CSP, f.url, s); why != "" {
			main.realm.ReportError(errors.New(why))
			fire("error")
			return
		}
		src, blocked := b.dnrScript(f, s.Src) // declarativeNetRequest (dnr.go)
		if blocked {
			main.realm.ReportError(errors.New("Failed to load resource: " + dnrBlockedByClient + " " + s.Src))
			fire("error")
			return
		}
		body, why := b.fetchScript(src)
		if why != "" {
			main.realm.ReportError(errors.New(why))
			fire("error")
			return
		}
		text = body
	} else if why := inlineScriptBlocked(f.page.CSP, s.InlineScript); why != "" {
		main.realm.ReportError(errors.New(why))
		return
	}
	if s.Module {
		// An inline module has the document's URL for its imports and import.meta, and no place
		// in the module map that an import could reach.
		key, base := name, name
		if !s.HasSrc {
			f.scripts.inline++
			key, base = fmt.Sprintf("%s#inline-module-%d", f.url, f.scripts.inline), f.url
		}
		_ = main.runModule(key, base, text)
		f.drainFrame()
		fire("load")
		return
	}
	if sd != nil && !s.Module {
		sd.SetCurrentScript(f.doc, s.Element)
	}
	_ = main.runScript(name, text)
	if sd != nil {
		sd.SetCurrentScript(f.doc, nil)
	}
	f.drainFrame()
	fire("load")
}

// fetchScript GETs a script from the in-process network: its body, or the console error of a
// failure (an unknown host, a status other than 2xx, a non-JavaScript type under nosniff).
func (b *Browser) fetchScript(rawURL string) (body, failure string) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return "", "Failed to load resource: net::ERR_FAILED " + rawURL
	}
	u.Fragment, u.RawFragment = "", ""
	h := http.Header{}
	h.Set("Accept", "*/*")
	h.Set("User-Agent", userAgent)
	res, ok := b.serveHTTP("GET", u, h, nil)
	if !ok {
		return "", "Failed to load resource: net::ERR_NAME_NOT_RESOLVED " + rawURL
	}
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return "", fmt.Sprintf("Failed to load resource: the server responded with a status of %d (%s) %s", res.StatusCode, http.StatusText(res.StatusCode), rawURL)
	}
	mime := strings.ToLower(strings.TrimSpace(strings.SplitN(res.Header.Get("Content-Type"), ";", 2)[0]))
	if strings.EqualFold(strings.TrimSpace(res.Header.Get("X-Content-Type-Options")), "nosniff") && !strings.Contains(mime, "javascript") && !strings.Contains(mime, "ecmascript") {
		return "", fmt.Sprintf("Refused to execute script from '%s' because its MIME type ('%s') is not executable, and strict MIME type checking is enabled.", rawURL, mime)
	}
	return string(res.Body), ""
}

// scriptDirective is the policy's script-src directive, else its default-src, as "name source…",
// and the directive's name; "" when neither is there.
func scriptDirective(policy string) (directive, name string) {
	for _, n := range []string{"script-src", "default-src"} {
		for _, d := range strings.Split(policy, ";") {
			fields := strings.Fields(d)
			if len(fields) > 0 && strings.EqualFold(fields[0], n) {
				return strings.Join(fields, " "), n
			}
		}
	}
	return "", ""
}

// srcScriptBlocked is the console error of a page's CSP refusing the src script s of the document
// at docURL, or "" when the policy allows it: by '*', 'self', a scheme source ("https:"), a host
// source ("https://cdn.example", "*.example.com", with port and path) or the script's nonce.
func srcScriptBlocked(policy, docURL string, s PageScript) string {
	directive, name := scriptDirective(policy)
	if directive == "" {
		return ""
	}
	u, err := url.Parse(s.Src)
	if err != nil {
		return ""
	}
	doc, _ := url.Parse(docURL)
	for _, src := range strings.Fields(directive)[1:] {
		if cspSourceMatches(src, u, doc, s.Nonce) {
			return ""
		}
	}
	return fmt.Sprintf("Refused to load the script '%s' because it violates the following Content Security Policy directive: %q. "+
		"Note that 'script-src-elem' was not explicitly set, so '%s' is used as a fallback.", s.Src, directive, name)
}

// cspSourceMatches reports whether one source expression of a script directive allows u.
func cspSourceMatches(src string, u, doc *url.URL, nonce string) bool {
	l := strings.ToLower(src)
	switch {
	case l == "*":
		return u.Scheme == "http" || u.Scheme == "https" || (doc != nil && u.Scheme == doc.Scheme)
	case l == "'self'":
		return doc != nil && u.Scheme == doc.Scheme && strings.EqualFold(u.Host, doc.Host)
	case strings.HasPrefix(l, "'nonce-"):
		return nonce != "" && src == "'nonce-"+nonce+"'"
	case strings.HasPrefix(l, "'"):
		return false // 'none', 'unsafe-inline', hashes and the rest allow no URL
	case strings.HasSuffix(l, ":") && !strings.Contains(l, "/"):
		scheme := strings.TrimSuffix(l, ":")
		return u.Scheme == scheme || (scheme == "http" && u.Scheme == "https")
	}
	scheme, rest, hasScheme := strings.Cut(l, "://")
	if !hasScheme {
		scheme, rest = "", l
		if doc != nil {
			scheme = doc.Scheme
		}
	}
	if u.Scheme != scheme && !(scheme == "http" && u.Scheme == "https") {
		return false
	}
	hostPort, path := rest, ""
	if i := strings.Index(rest, "/"); i >= 0 {
		hostPort, path = rest[:i], rest[i:]
	}
	host, port, hasPort := strings.Cut(hostPort, ":")
	uh := strings.ToLower(u.Hostname())
	switch {
	case host == "*":
	case strings.HasPrefix(host, "*."):
		if !strings.HasSuffix(uh, host[1:]) {
			return false
		}
	case uh != host:
		return false
	}
	uport := u.Port()
	if uport == "" {
		uport = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	if hasPort && port != "*" && port != uport {
		return false
	}
	if !hasPort && uport != map[string]string{"http": "80", "https": "443"}[u.Scheme] {
		return false
	}
	if path != "" {
		if strings.HasSuffix(path, "/") {
			return strings.HasPrefix(u.Path, path)
		}
		return u.Path == path
	}
	return true
}
