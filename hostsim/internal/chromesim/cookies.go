package chromesim

import (
	_ "embed"
	"errors"
	"net/url"
	"strings"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

//go:embed cookies.js
var cookiesSrc string

// cookieJar is the profile's jar, made on first use.
func (b *Browser) cookieJar() *cookieJar {
	if b.cookies == nil {
		b.cookies = &cookieJar{}
	}
	return b.cookies
}

// setCookie stores a cookie set from u (a response's Set-Cookie, a document.cookie assignment) and
// fires cookies.onChanged for what changed; it reports whether the cookie was taken.
func (b *Browser) setCookie(line string, u *url.URL, src cookieSource) bool {
	k := parseSetCookie(line, u, b.sched.Wall())
	if k == nil {
		return false
	}
	changes, ok := b.cookieJar().set(k, src)
	b.fireCookieChanges(changes)
	return ok
}

// fireCookieChanges fires cookies.onChanged in every extension that may read the cookie: the
// permission and host access to its domain (Chrome filters the event by host permissions).
func (b *Browser) fireCookieChanges(changes []cookieChange) {
	for _, ch := range changes {
		for _, e := range b.exts {
			if e.hasPermission("cookies") && cookieAccess(e, ch.cookie) {
				e.fireEvent("cookies.onChanged", []any{map[string]any{
					"cookie": ch.cookie.json(), "removed": ch.removed, "cause": ch.cause}}, nil, true)
			}
		}
	}
}

// hostAccess reports whether e holds a host permission (required or granted) for rawURL.
func hostAccess(e *Extension, rawURL string) bool {
	for _, p := range e.grantedHosts() {
		if p.MatchString(rawURL) {
			return true
		}
	}
	return false
}

// cookieAccess reports whether e may read k: a host permission for its domain, by either scheme.
func cookieAccess(e *Extension, k *cookie) bool {
	return hostAccess(e, "http://"+k.domain+k.path) || hostAccess(e, "https://"+k.domain+k.path)
}

// cookieURL checks a details object's url as chrome.cookies does: it must parse and the extension
// must hold a host permission for it.
func (c *Context) cookieURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, errors.New(apiargs.CookieInvalidURL(raw))
	}
	if !hostAccess(c.ext, raw) {
		return nil, errors.New(apiargs.CookieNoHostPermission(raw))
	}
	return u, nil
}

func init() {
	registerAPI("cookies", cookiesSrc,
		func(c *Context) bool { return c.inExtensionProcess() && c.ext.hasPermission("cookies") },
		func(c *Context, set func(string, any)) {
			op := c.schemaOps("cookies", set)
			str := func(o *goja.Object, k string) (string, bool) {
				v := o.Get(k)
				if isNullish(v) {
					return "", false
				}
				return v.String(), true
			}
			// details reads the details object of get, set and remove and checks its url.
			details := func(p []goja.Value) (*goja.Object, *url.URL, error) {
				d := p[0].(*goja.Object)
				raw, _ := str(d, "url")
				u, err := c.cookieURL(raw)
				return d, u, err
			}
			op("get", func(p []goja.Value) (any, error) {
				d, u, err := details(p)
				if err != nil {
					return nil, err
				}
				name, _ := str(d, "name")
				for _, k := range c.b.cookieJar().forURL(u, c.b.sched.Wall(), false, false) {
					if k.name == name {
						return k.json(), nil
					}
				}
				return nil, nil
			})
			op("getAll", func(p []goja.Value) (any, error) {
				d := p[0].(*goja.Object)
				var u *url.URL
				if raw, ok := str(d, "url"); ok {
					var err error
					if u, err = c.cookieURL(raw); err != nil {
						return nil, err
					}
				}
				out := []any{}
				for _, k := range c.b.cookieJar().sorted(c.b.sched.Wall()) {
					if !cookieAccess(c.ext, k) || u != nil && !k.matchesURL(u) {
						continue
					}
					if v, ok := str(d, "name"); ok && k.name != v {
						continue
					}
					if v, ok := str(d, "domain"); ok && !domainMatch(k.domain, strings.TrimPrefix(strings.ToLower(v), ".")) {
						continue
					}
					if v, ok := str(d, "path"); ok && k.path != v {
						continue
					}
					if v := d.Get("secure"); !isNullish(v) && k.secure != v.ToBoolean() {
						continue
					}
					if v := d.Get("session"); !isNullish(v) && (k.expires == 0) != v.ToBoolean() {
						continue
					}
					out = append(out, k.json())
				}
				return out, nil
			})
			op("set", func(p []goja.Value) (any, error) {
				d, u, err := details(p)
				if err != nil {
					return nil, err
				}
				// The details become the Set-Cookie line a response from url would carry; the path
				// defaults to the url's path.
				name, _ := str(d, "name")
				value, _ := str(d, "value")
				line := name + "=" + value
				path, ok := str(d, "path")
				if !ok {
					path = u.EscapedPath()
					if path == "" {
						path = "/"
					}
				}
				line += "; Path=" + path
				if v, ok := str(d, "domain"); ok {
					line += "; Domain=" + v
				}
				if v := d.Get("secure"); !isNullish(v) && v.ToBoolean() {
					line += "; Secure"
				}
				if v := d.Get("httpOnly"); !isNullish(v) && v.ToBoolean() {
					line += "; HttpOnly"
				}
				if v, ok := str(d, "sameSite"); ok && v != "unspecified" {
					line += "; SameSite=" + map[string]string{"lax": "Lax", "strict": "Strict", "no_restriction": "None"}[v]
				}
				k := parseSetCookie(line, u, c.b.sched.Wall())
				if k == nil {
					return nil, errors.New(apiargs.CookieNotSet(name))
				}
				if v := d.Get("expirationDate"); !isNullish(v) {
					k.expires = v.ToFloat()
					if k.expired(c.b.sched.Wall()) {
						k.expires = -1
					}
				}
				changes, _ := c.b.cookieJar().set(k, fromHTTP)
				c.b.fireCookieChanges(changes)
				if k.expires < 0 {
					return nil, nil
				}
				return k.json(), nil
			})
			op("remove", func(p []goja.Value) (any, error) {
				d, u, err := details(p)
				if err != nil {
					return nil, err
				}
				name, _ := str(d, "name")
				jar := c.b.cookieJar()
				for _, k := range jar.forURL(u, c.b.sched.Wall(), false, false) {
					if k.name == name {
						jar.remove(k)
						c.b.fireCookieChanges([]cookieChange{{cookie: k, removed: true, cause: "explicit"}})
						break
					}
				}
				return map[string]any{"name": name, "url": d.Get("url").String(), "storeId": "0"}, nil
			})
			op("getAllCookieStores", func(p []goja.Value) (any, error) {
				ids := []int{}
				for _, t := range c.b.Tabs() {
					ids = append(ids, t.id)
				}
				return []any{map[string]any{"id": "0", "tabIds": ids}}, nil
			})
		})
}

// documentCookie is document.cookie read in frame f: the cookies of its URL a script may see.
func (b *Browser) documentCookie(f *Frame) string {
	u, err := url.Parse(f.url)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return cookieHeader(b.cookieJar().forURL(u, b.sched.Wall(), true, false))
}

// setDocumentCookie is a document.cookie assignment in frame f.
func (b *Browser) setDocumentCookie(f *Frame, line string) {
	u, err := url.Parse(f.url)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" {
		return
	}
	b.setCookie(line, u, fromScript)
}

// bindDocumentCookie defines document.cookie in a world of frame f, over the profile's jar: on
// Document.prototype, where Chrome has it.
func (b *Browser) bindDocumentCookie(vm *goja.Runtime, f *Frame) {
	target, _ := vm.GlobalObject().Get("document").(*goja.Object)
	if d, ok := vm.GlobalObject().Get("Document").(*goja.Object); ok {
		if p, ok := d.Get("prototype").(*goja.Object); ok {
			target = p
		}
	}
	if target == nil {
		return
	}
	get := vm.ToValue(func(goja.FunctionCall) goja.Value { return vm.ToValue(b.documentCookie(f)) })
	set := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		b.setDocumentCookie(f, call.Argument(0).String())
		return goja.Undefined()
	})
	_ = target.DefineAccessorProperty("cookie", get, set, goja.FLAG_TRUE, goja.FLAG_TRUE)
}
