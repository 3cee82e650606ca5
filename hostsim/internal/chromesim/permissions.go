package chromesim

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
	"github.com/extwasm/extwasm/hostsim/internal/matchpattern"
)

//go:embed permissions.js
var permissionsSrc string

// chrome.permissions' error texts, measured in Chromium 156 (scenario permissions).
const (
	errNeedsGesture          = "This function must be called during a user gesture"
	errNotInManifest         = "Only permissions specified in the manifest may be requested."
	errRemoveRequired        = "You cannot remove required permissions."
	errUnknownPermissionText = "'%s' is not a recognized permission."
	errBadOriginText         = "Invalid value for origin pattern %s: %s"
)

// PermissionRequest is what a chrome.permissions.request call asks the user for: the optional
// permissions and host patterns it names that are not granted yet (the patterns in Chrome's
// spelling for a host permission, path "/*"), each sorted.
type PermissionRequest struct {
	Permissions []string
	Origins     []string
}

// permissionState is what chrome.permissions changes at run time: the optional permissions and
// host patterns granted (by request), and how the test answers the next prompts.
type permissionState struct {
	granted map[string]bool
	origins map[string]*matchpattern.Pattern // by canonical host permission spelling
	answer  func(PermissionRequest) bool
}

var (
	knownPermissionsOnce sync.Once
	knownPermissions     map[string]bool
)

// isKnownPermission reports whether Chrome recognizes name as a permission (an API permission of
// its schema, or one of the permissions that name no namespace).
func isKnownPermission(name string) bool {
	knownPermissionsOnce.Do(func() {
		loadShapes()
		knownPermissions = map[string]bool{}
		for _, p := range schema.KnownPermissions() {
			knownPermissions[p] = true
		}
	})
	return knownPermissions[name]
}

func init() {
	registerAPI("permissions", permissionsSrc,
		func(c *Context) bool { return c.inExtensionProcess() },
		func(c *Context, set func(string, any)) {
			set("getAll", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.PermissionsGetAllMethod, call)
				if fail != nil {
					return fail
				}
				return c.settle(p[0], c.ext.allPermissions(), "")
			})
			for _, m := range []struct {
				name   string
				method *apiargs.Method
				do     func(e *Extension, u *unpacked) (any, string)
			}{
				{"contains", apiargs.PermissionsContainsMethod, (*Extension).containsPermissions},
				{"remove", apiargs.PermissionsRemoveMethod, (*Extension).removePermissions},
				{"request", apiargs.PermissionsRequestMethod, (*Extension).requestPermissions},
			} {
				set(m.name, func(call goja.FunctionCall) goja.Value {
					p, fail := c.parseCall(m.method, call)
					if fail != nil {
						return fail
					}
					req := c.b.newRequest()
					if m.name == "request" && c.ext.perms.answer == nil {
						// Chrome asks for a user gesture first (measured: even of a malformed
						// request); hostsim has none without the test's answer.
						c.b.settleLater(c, req, nil, errNeedsGesture)
						return c.request(req, p[1])
					}
					u, errText := c.ext.unpackPermissions(p[0].(*goja.Object))
					var result any
					if errText == "" {
						result, errText = m.do(c.ext, u)
					}
					c.b.settleLater(c, req, result, errText)
					return c.request(req, p[1])
				})
			}
		})
}

// unpacked is a permissions.Permissions argument sorted as Chrome's UnpackPermissionSet does:
// into the manifest's required permissions, its optional ones and those it does not list.
type unpacked struct {
	requiredAPIs, optionalAPIs, unlistedAPIs []string
	// The origins, as host permission patterns (path "/*").
	requiredHosts, optionalHosts, unlistedHosts []*matchpattern.Pattern
}

// unlisted reports whether the argument names a permission or origin the manifest does not list.
func (u *unpacked) unlisted() bool { return len(u.unlistedAPIs) > 0 || len(u.unlistedHosts) > 0 }

// stringList reads the array of strings under key of obj (apiargs checked its type).
func stringList(obj *goja.Object, key string) []string {
	v := obj.Get(key)
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	a := v.ToObject(nil)
	n := int(a.Get("length").ToInteger())
	out := make([]string, 0, n)
	for i := range n {
		out = append(out, a.Get(fmt.Sprint(i)).String())
	}
	return out
}

// unpackPermissions sorts the argument's permissions and origins, or returns Chrome's error for
// an unknown permission or a malformed origin pattern.
func (e *Extension) unpackPermissions(arg *goja.Object) (*unpacked, string) {
	u := &unpacked{}
	for _, name := range stringList(arg, "permissions") {
		switch {
		case !isKnownPermission(name):
			return nil, fmt.Sprintf(errUnknownPermissionText, name)
		case e.man.HasPermission(name):
			u.requiredAPIs = append(u.requiredAPIs, name)
		case slices.Contains(e.man.OptionalPermissions, name):
			u.optionalAPIs = append(u.optionalAPIs, name)
		default:
			u.unlistedAPIs = append(u.unlistedAPIs, name)
		}
	}
	for _, origin := range stringList(arg, "origins") {
		p, err := matchpattern.Parse(origin, matchpattern.SchemesExtension)
		if err != nil {
			return nil, fmt.Sprintf(errBadOriginText, origin, err.Error())
		}
		p = hostPermission(p)
		switch {
		case anyCovers(e.requiredHosts(), p):
			u.requiredHosts = append(u.requiredHosts, p)
		case anyCovers(e.man.OptionalHostPermissions, p):
			u.optionalHosts = append(u.optionalHosts, p)
		default:
			u.unlistedHosts = append(u.unlistedHosts, p)
		}
	}
	return u, ""
}

// hostPermission is p as Chrome keeps a host permission: with the path "/*" (measured: getAll
// lists "https://a.example.com/path*" as "https://a.example.com/*").
func hostPermission(p *matchpattern.Pattern) *matchpattern.Pattern {
	if p.MatchesAllURLs() || p.Path() == "/*" {
		return p
	}
	s := strings.TrimSuffix(p.String(), p.Path()) + "/*"
	if q, err := matchpattern.Parse(s, matchpattern.SchemesExtension); err == nil {
		return q
	}
	return p
}

// covers reports whether host permission g grants everything host permission r does, paths aside
// (as Chrome's URLPattern::Contains on host permissions).
func covers(g, r *matchpattern.Pattern) bool {
	if g.MatchesAllURLs() {
		return true
	}
	if r.MatchesAllURLs() {
		return false
	}
	switch {
	case g.Scheme() == r.Scheme():
	case g.Scheme() == "*" && (r.Scheme() == "http" || r.Scheme() == "https"):
	default:
		return false
	}
	if g.Port() != "*" && g.Port() != r.Port() {
		return false
	}
	if !g.MatchesSubdomains() {
		return !r.MatchesSubdomains() && g.Host() == r.Host()
	}
	return g.Host() == "" || r.Host() == g.Host() || strings.HasSuffix(r.Host(), "."+g.Host())
}

// anyCovers reports whether one of gs covers r as a host permission.
func anyCovers(gs []*matchpattern.Pattern, r *matchpattern.Pattern) bool {
	return slices.ContainsFunc(gs, func(g *matchpattern.Pattern) bool { return covers(hostPermission(g), r) })
}

// requiredHosts are the host permissions the manifest grants: host_permissions and the matches
// of content_scripts (measured: getAll lists those too, and contains finds them).
func (e *Extension) requiredHosts() []*matchpattern.Pattern {
	out := slices.Clone(e.man.HostPermissions)
	for _, cs := range e.man.ContentScripts {
		out = append(out, cs.Matches...)
	}
	return out
}

// grantedHosts is every host permission e has now: the manifest's and the granted optional ones.
func (e *Extension) grantedHosts() []*matchpattern.Pattern {
	out := e.requiredHosts()
	for _, p := range e.perms.origins {
		out = append(out, p)
	}
	return out
}

// permissionSet is a permissions.Permissions value: both lists sorted, never null.
func permissionSet(perms []string, origins []*matchpattern.Pattern) map[string][]string {
	ps := slices.Clone(perms)
	slices.Sort(ps)
	os := make([]string, 0, len(origins))
	for _, o := range origins {
		os = append(os, hostPermission(o).String())
	}
	slices.Sort(os)
	return map[string][]string{"permissions": slices.Compact(append([]string{}, ps...)), "origins": slices.Compact(os)}
}

// allPermissions is getAll's answer: the manifest's known permissions and the granted optional
// ones, sorted (measured: not in the manifest's order, unknown ones left out), and the host
// permissions (content scripts' matches included) as Chrome keeps them, sorted.
func (e *Extension) allPermissions() map[string][]string {
	var perms []string
	for _, p := range e.man.Permissions {
		if isKnownPermission(p) {
			perms = append(perms, p)
		}
	}
	for p := range e.perms.granted {
		perms = append(perms, p)
	}
	return permissionSet(perms, e.grantedHosts())
}

// containsPermissions answers contains: whether every permission and origin named is granted; one
// the manifest does not list never is.
func (e *Extension) containsPermissions(u *unpacked) (any, string) {
	if u.unlisted() {
		return false, ""
	}
	for _, p := range u.optionalAPIs {
		if !e.perms.granted[p] {
			return false, ""
		}
	}
	hosts := e.grantedHosts()
	for _, o := range u.optionalHosts {
		if !anyCovers(hosts, o) {
			return false, ""
		}
	}
	return true, ""
}

// removePermissions answers remove: the manifest's required permissions cannot be removed, nor
// what it does not list; the granted optional ones named are revoked, and permissions.onRemoved
// fires with them when there were any. Naming one not granted is no error (measured: true).
func (e *Extension) removePermissions(u *unpacked) (any, string) {
	if u.unlisted() {
		return nil, errNotInManifest
	}
	if len(u.requiredAPIs) > 0 || len(u.requiredHosts) > 0 {
		return nil, errRemoveRequired
	}
	var perms []string
	for _, p := range u.optionalAPIs {
		if e.perms.granted[p] {
			delete(e.perms.granted, p)
			perms = append(perms, p)
		}
	}
	var origins []*matchpattern.Pattern
	for _, o := range u.optionalHosts {
		if g, ok := e.perms.origins[o.String()]; ok {
			delete(e.perms.origins, o.String())
			origins = append(origins, g)
		}
	}
	if len(perms) > 0 || len(origins) > 0 {
		e.permissionsChanged()
		e.fireEvent("permissions.onRemoved", []any{permissionSet(perms, origins)}, nil, true)
	}
	return true, ""
}

// requestPermissions answers request when the test answers prompts (without, Chrome's user
// gesture error comes first): what the manifest does not list is an error; what is granted
// already needs no prompt (true); otherwise the test's answer decides, and a grant fires
// permissions.onAdded with what was added.
func (e *Extension) requestPermissions(u *unpacked) (any, string) {
	if u.unlisted() {
		return nil, errNotInManifest
	}
	var ask PermissionRequest
	var origins []*matchpattern.Pattern
	for _, p := range u.optionalAPIs {
		if !e.perms.granted[p] && !slices.Contains(ask.Permissions, p) {
			ask.Permissions = append(ask.Permissions, p)
		}
	}
	hosts := e.grantedHosts()
	for _, o := range u.optionalHosts {
		if !anyCovers(hosts, o) && !anyCovers(origins, o) {
			origins = append(origins, o)
		}
	}
	if len(ask.Permissions) == 0 && len(origins) == 0 {
		return true, ""
	}
	set := permissionSet(ask.Permissions, origins)
	ask = PermissionRequest{Permissions: set["permissions"], Origins: set["origins"]}
	granted := e.perms.answer(ask)
	outcome := "denied"
	if granted {
		outcome = "granted"
	}
	e.b.Transcript.add(Entry{Kind: "permissions.request", From: e.name, To: "user",
		Outcome: fmt.Sprintf("request %s %s: %s", strings.Join(ask.Permissions, ","), strings.Join(ask.Origins, ","), outcome)})
	if !granted {
		return false, ""
	}
	if e.perms.granted == nil {
		e.perms.granted = map[string]bool{}
	}
	if e.perms.origins == nil {
		e.perms.origins = map[string]*matchpattern.Pattern{}
	}
	for _, p := range ask.Permissions {
		e.perms.granted[p] = true
	}
	for _, o := range origins {
		e.perms.origins[o.String()] = o
	}
	e.permissionsChanged()
	e.fireEvent("permissions.onAdded", []any{set}, nil, true)
	return true, ""
}

// hasPermission reports whether e holds the API permission perm now: from its manifest, or an
// optional one granted at run time.
func (e *Extension) hasPermission(perm string) bool {
	return e.man.HasPermission(perm) || e.perms.granted[perm]
}

// hostPermissions are e's host permissions proper (not content scripts' matches): the manifest's
// and the optional ones granted.
func (e *Extension) hostPermissions() []*matchpattern.Pattern {
	out := slices.Clone(e.man.HostPermissions)
	for _, p := range e.perms.origins {
		out = append(out, p)
	}
	return out
}

// permissionsChanged updates every live context of e, each in a task of its own before the
// change's events and the call's answer reach it.
func (e *Extension) permissionsChanged() {
	e.standIns = [2]string{}
	for _, c := range e.contexts() {
		e.b.hop(nil, c.realm, c.updateAPIs)
	}
}

// AnswerPermissionRequests makes answer decide every later chrome.permissions.request of the
// extension as the user answering Chrome's prompt would: a call then behaves as if made during a
// user gesture, and answer gets what the call asks for that is not granted yet (a request for
// what is granted already resolves true without asking). answer runs on the browser's goroutine
// and must not call into the browser. nil (the default) brings back what a call without a user
// gesture does in Chrome: it fails with "This function must be called during a user gesture".
func (e *Extension) AnswerPermissionRequests(answer func(PermissionRequest) bool) {
	e.perms.answer = answer
}
