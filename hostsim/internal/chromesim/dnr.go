package chromesim

import (
	_ "embed"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

// chrome.declarativeNetRequest: an extension's rules (its manifest's static rulesets, dynamic
// rules that outlive the worker, session rules) applied to the simulated web's requests — fetch
// and XMLHttpRequest from every context (type xmlhttprequest), tabs' navigations (main_frame,
// sub_frame) and pages' src scripts (script) — as Chromium 156 applies them (e2e scenarios "dnr",
// "dnr-host-access", "dnr-navigation", "dnr-api"):
//
//   - the rule of highest priority wins; at equal priority allow > allowAllRequests > block >
//     upgradeScheme > redirect; modifyHeaders rules apply when nothing blocks or redirects and
//     their priority is above the winning allow's;
//   - block and allow need no host permission; redirect, upgradeScheme and modifyHeaders need one
//     for the request's URL and, but for navigations, its initiator, and with
//     declarativeNetRequestWithHostAccess every action does (measured: such a rule does not
//     match and is not reported; content scripts' matches do not count);
//   - an extension's own requests are subject to its rules; other extensions' are not;
//   - every rule that acts is reported to getMatchedRules and onRuleMatchedDebug (allow too,
//     unless header rules of higher priority act); the action count on the badge counts all but
//     allow rules, per tab; a tab's navigation moves its matched rules to tabId -1 and clears its
//     count (measured: none is dropped, and the badge text is "" after the tab navigates);
//   - an allowAllRequests rule that wins a navigation allows, at its priority, every request of
//     the document it loads and of the frames inside it;
//   - a blocked navigation commits an error page: the tab keeps the URL, its title is the host,
//     no content script runs, and webNavigation reports onErrorOccurred instead of its load
//     events.

//go:embed dnr.js
var dnrSrc string

// dnrState is one extension's rules and what they matched.
type dnrState struct {
	rulesets []string              // the manifest's static rulesets, in order
	static   map[string][]*dnrRule // their rules, by ruleset id
	enabled  map[string]bool
	dynamic  []*dnrRule
	session  []*dnrRule
	matched  []dnrMatch
	badge    bool           // setExtensionActionOptions' displayActionCountAsBadgeText
	counts   map[int]int    // actions taken per tab
	shown    map[int]string // the badge text the count last put on each tab
	// disabled are the static rules updateStaticRules turned off, by ruleset, sorted.
	disabled map[string][]int
	// allowAll are the frames whose navigation an allowAllRequests rule matched, with the URL
	// it loaded: the rule allows the requests of that document and of the frames inside it.
	allowAll map[*Frame]dnrAllowAll
}

// dnrAllowAll is an allowAllRequests rule in force in a frame's document.
type dnrAllowAll struct {
	url  string
	rule *dnrRule
}

// dnrMatch is one rule's match, as getMatchedRules reports it.
type dnrMatch struct {
	rule  *dnrRule
	tab   int
	stamp float64
}

// dnrOf is e's rules, the manifest's read on first use.
func (b *Browser) dnrOf(e *Extension) *dnrState {
	if b.dnr == nil {
		b.dnr = map[*Extension]*dnrState{}
	}
	if s := b.dnr[e]; s != nil {
		return s
	}
	s := &dnrState{static: map[string][]*dnrRule{}, enabled: map[string]bool{}, counts: map[int]int{}, shown: map[int]string{},
		allowAll: map[*Frame]dnrAllowAll{}, disabled: map[string][]int{}}
	var m struct {
		DNR struct {
			Resources []struct {
				ID      string `json:"id"`
				Enabled bool   `json:"enabled"`
				Path    string `json:"path"`
			} `json:"rule_resources"`
		} `json:"declarative_net_request"`
	}
	_ = json.Unmarshal(e.raw, &m)
	for _, r := range m.DNR.Resources {
		s.rulesets = append(s.rulesets, r.ID)
		s.enabled[r.ID] = r.Enabled
		// A ruleset file or a static rule that does not parse is skipped, the rest kept (Chrome
		// reports these at load, which hostsim does not model).
		data, err := e.readFile(strings.TrimPrefix(r.Path, "/"))
		if err != nil {
			continue
		}
		var raws []json.RawMessage
		if json.Unmarshal(data, &raws) != nil {
			continue
		}
		for _, raw := range raws {
			if rule, err := parseDNRRule(raw, r.ID, false); err == nil {
				s.static[r.ID] = append(s.static[r.ID], rule)
			}
		}
	}
	b.dnr[e] = s
	return s
}

// usesDNR reports whether e has the API: either of its permissions.
func (e *Extension) usesDNR() bool {
	return e.hasPermission("declarativeNetRequest") || e.hasPermission("declarativeNetRequestWithHostAccess")
}

// active lists the rules in force: the enabled static rulesets', the dynamic and the session ones.
func (s *dnrState) active() []*dnrRule {
	var out []*dnrRule
	for _, id := range s.rulesets {
		if s.enabled[id] {
			for _, r := range s.static[id] {
				if !slices.Contains(s.disabled[id], r.id) {
					out = append(out, r)
				}
			}
		}
	}
	return slices.Concat(out, s.dynamic, s.session)
}

// dnrOutcome is what the rules decided for one request.
type dnrOutcome struct {
	block    bool
	redirect string
	headers  []*dnrRule // modifyHeaders rules in the order they apply
	// allowAll is the allowAllRequests rule that won a navigation, and allowAllExt its extension.
	allowAll    *dnrRule
	allowAllExt *Extension
	// acted are the rules that act, in order: the winner, then the header rules.
	acted []*dnrRule
}

// dnrApply runs every extension's rules on req and records the matches. Among extensions the
// first that blocks or redirects decides.
func (b *Browser) dnrApply(req *dnrRequest) dnrOutcome {
	var out dnrOutcome
	for _, e := range b.exts {
		if !e.enabled || !e.usesDNR() {
			continue
		}
		if strings.HasPrefix(req.initiator, "chrome-extension://") && req.initiator != e.Origin() {
			continue
		}
		o := b.dnrDecide(e, req)
		for _, r := range o.acted {
			b.dnrMatched(e, b.dnrOf(e), r, req)
		}
		if out.block || out.redirect != "" {
			continue
		}
		out.block, out.redirect = o.block, o.redirect
		out.headers = append(out.headers, o.headers...)
		if o.allowAll != nil && out.allowAll == nil {
			out.allowAll, out.allowAllExt = o.allowAll, e
		}
	}
	return out
}

// dnrMayModify reports whether e holds the host access a redirect, upgradeScheme or
// modifyHeaders rule needs for req: its URL and, but for a navigation, its initiator.
func dnrMayModify(e *Extension, req *dnrRequest) bool {
	has := func(raw string) bool {
		for _, p := range e.hostPermissions() {
			if p.MatchString(raw) {
				return true
			}
		}
		return false
	}
	if !has(req.url.String()) {
		return false
	}
	// A navigation needs no access to its initiator (measured: a frame of a page the extension
	// has no permission for is redirected).
	nav := req.typ == "main_frame" || req.typ == "sub_frame"
	return nav || req.initiator == "" || req.initiator == e.Origin() || has(req.initiator+"/")
}

// dnrDecide is e's decision for req; the rules that act are in its acted list, not yet recorded.
func (b *Browser) dnrDecide(e *Extension, req *dnrRequest) dnrOutcome {
	s := b.dnrOf(e)
	withHost := !e.hasPermission("declarativeNetRequest")
	may := dnrMayModify(e, req)
	var top *dnrRule
	var mods []*dnrRule
	for _, r := range s.active() {
		needsHost := withHost || r.action.Type == "redirect" || r.action.Type == "upgradeScheme" || r.action.Type == "modifyHeaders"
		if needsHost && !may || !r.matches(req) {
			continue
		}
		if r.action.Type == "modifyHeaders" {
			mods = append(mods, r)
			continue
		}
		if (r.action.Type == "redirect" || r.action.Type == "upgradeScheme") && !r.redirects(req, e) {
			continue
		}
		if top == nil || r.priority > top.priority || r.priority == top.priority && dnrActionRank[r.action.Type] > dnrActionRank[top.action.Type] {
			top = r
		}
	}
	for f := req.frame; f != nil; f = f.parent {
		if a, ok := s.allowAll[f]; ok && a.url == f.url && (top == nil || a.rule.priority >= top.priority) {
			top = a.rule
		}
	}
	var out dnrOutcome
	if top != nil {
		out.acted = append(out.acted, top)
		switch top.action.Type {
		case "block":
			out.block = true
			return out
		case "redirect", "upgradeScheme":
			out.redirect, _ = top.redirectTarget(req, e.Origin())
			return out
		case "allowAllRequests":
			if req.typ == "main_frame" || req.typ == "sub_frame" {
				out.allowAll = top
			}
		}
	}
	sort.SliceStable(mods, func(i, j int) bool { return mods[i].priority > mods[j].priority })
	for _, r := range mods {
		if top != nil && r.priority <= top.priority {
			break
		}
		out.acted = append(out.acted, r)
		out.headers = append(out.headers, r)
	}
	if len(out.headers) > 0 && len(out.acted) > len(out.headers) {
		// An allow that header rules of higher priority override is not reported (measured with
		// testMatchOutcome: only the header rules are).
		out.acted = out.acted[1:]
	}
	return out
}

// redirects reports whether a redirect or upgradeScheme rule has somewhere to send req.
func (r *dnrRule) redirects(req *dnrRequest, e *Extension) bool {
	_, ok := r.redirectTarget(req, e.Origin())
	return ok
}

// dnrMatched records that r acted on req: for getMatchedRules, onRuleMatchedDebug (unpacked
// extensions with declarativeNetRequestFeedback: hostsim's are all unpacked) and the badge count.
func (b *Browser) dnrMatched(e *Extension, s *dnrState, r *dnrRule, req *dnrRequest) {
	s.matched = append(s.matched, dnrMatch{rule: r, tab: req.tabID, stamp: b.wallMillis()})
	if e.hasPermission("declarativeNetRequestFeedback") {
		b.dnrRequestID++
		info := map[string]any{"documentLifecycle": "active", "frameId": req.frameID, "frameType": req.frameType,
			"method": strings.ToUpper(req.method), "parentFrameId": req.parentID, "requestId": strconv.Itoa(b.dnrRequestID),
			"tabId": req.tabID, "type": req.typ, "url": req.url.String()}
		if req.initiator != "" {
			info["initiator"] = req.initiator
		}
		if req.docID != "" {
			info["documentId"] = req.docID
		}
		e.fireEvent("declarativeNetRequest.onRuleMatchedDebug", []any{map[string]any{"request": info, "rule": r.ref()}}, nil, true)
	}
	if r.action.Type != "allow" && r.action.Type != "allowAllRequests" && req.tabID >= 0 {
		s.counts[req.tabID]++
		b.dnrBadge(e, s, req.tabID)
	}
}

// dnrBadge shows tab's action count as its badge text when the extension asked for it, unless the
// extension set its own text for the tab.
func (b *Browser) dnrBadge(e *Extension, s *dnrState, tab int) {
	if !s.badge {
		return
	}
	a := e.action()
	if p := a.tabs[tab]; p != nil && p.text != nil && *p.text != s.shown[tab] {
		return
	}
	text := ""
	if n := s.counts[tab]; n > 0 {
		text = strconv.Itoa(n)
	}
	a.set(tab, func(p *actionProps) {
		p.text = nil
		if text != "" {
			p.text = &text
		}
	})
	s.shown[tab] = text
}

// dnrNavigation runs the rules on a navigation of f to rawURL, first moving the tab's matched
// rules to tabId -1 for a top-level one. It returns the URL to load and whether the navigation is
// blocked.
func (b *Browser) dnrNavigation(f *Frame, rawURL string) (string, bool) {
	if f.parent == nil {
		for e, s := range b.dnr {
			for i := range s.matched {
				if s.matched[i].tab == f.tab.id {
					s.matched[i].tab = -1
				}
			}
			delete(s.counts, f.tab.id)
			b.dnrBadge(e, s, f.tab.id)
		}
	}
	for hops := 0; hops <= maxRedirects; hops++ {
		u, err := url.Parse(rawURL)
		if err != nil || u.Scheme != "http" && u.Scheme != "https" {
			return rawURL, false
		}
		req := &dnrRequest{url: u, method: "get", typ: "main_frame", tabID: f.tab.id, frameID: 0, parentID: -1, frameType: "outermost_frame"}
		if f.parent != nil {
			req.typ, req.frameID, req.parentID, req.frameType = "sub_frame", f.id, f.parentID(), "sub_frame"
			req.initiator = f.parent.origin
		}
		if f.parent != nil {
			req.frame = f.parent
		}
		out := b.dnrApply(req)
		for _, s := range b.dnr {
			delete(s.allowAll, f)
		}
		if out.allowAll != nil {
			b.dnrOf(out.allowAllExt).allowAll[f] = dnrAllowAll{url: rawURL, rule: out.allowAll}
		}
		switch {
		case out.block:
			if b.dnrBlocked == nil {
				b.dnrBlocked = map[*Frame]string{}
			}
			b.dnrBlocked[f] = rawURL
			return rawURL, true
		case out.redirect != "":
			rawURL = out.redirect
		default:
			delete(b.dnrBlocked, f)
			if len(out.headers) > 0 {
				if b.dnrNavHeaders == nil {
					b.dnrNavHeaders = map[string]dnrOutcome{}
				}
				b.dnrNavHeaders[rawURL] = out
			}
			return rawURL, false
		}
	}
	return rawURL, false
}

// dnrNavigationHeaders takes the header rules a navigation to rawURL matched, for the request
// that loads it.
func (b *Browser) dnrNavigationHeaders(rawURL string) dnrOutcome {
	out := b.dnrNavHeaders[rawURL]
	delete(b.dnrNavHeaders, rawURL)
	return out
}

// dnrErrorPage reports whether f shows the error page of a navigation the rules blocked.
func (b *Browser) dnrErrorPage(f *Frame) bool {
	u, ok := b.dnrBlocked[f]
	return ok && u == f.url
}

// dnrBlockedByClient is the net error of a request the rules blocked, as webNavigation reports it
// (measured); a blocked script's console line uses it as Chrome's other load failures do (that
// line was not measured).
const dnrBlockedByClient = "net::ERR_BLOCKED_BY_CLIENT"

// dnrWebNavEvent is the webNavigation event to fire instead of name for f, or "" for none: a
// blocked navigation's error page reports onErrorOccurred where it would commit, and nothing
// after (measured: onBeforeNavigate, then onErrorOccurred with net::ERR_BLOCKED_BY_CLIENT).
func (b *Browser) dnrWebNavEvent(name string, f *Frame, extra map[string]any) (string, map[string]any) {
	if !b.dnrErrorPage(f) {
		return name, extra
	}
	if name != "webNavigation.onCommitted" {
		return "", nil
	}
	return "webNavigation.onErrorOccurred", map[string]any{"error": dnrBlockedByClient}
}

// dnrErrorDocument is the error page Chrome shows for a blocked navigation to rawURL: titled with
// the host.
func dnrErrorDocument(rawURL string) Page {
	u, _ := url.Parse(rawURL)
	return Page{HTML: "<!doctype html><html><body></body></html>", Title: u.Hostname()}
}

// dnrScript runs the rules on a page's src script request from f: the URL to load (a redirect's
// target) and whether it is blocked.
func (b *Browser) dnrScript(f *Frame, rawURL string) (string, bool) {
	for hops := 0; hops <= maxRedirects; hops++ {
		u, err := url.Parse(rawURL)
		if err != nil || u.Scheme != "http" && u.Scheme != "https" {
			return rawURL, false
		}
		req := &dnrRequest{url: u, method: "get", typ: "script", initiator: f.origin, tabID: -1, frameID: -1, parentID: -1,
			frameType: "outermost_frame", frame: f}
		if f.tab != nil && f.tab.inStrip() {
			req.tabID, req.frameID, req.parentID, req.frameType, req.docID = f.tab.id, f.id, f.parentID(), f.frameType(), f.docID
		}
		out := b.dnrApply(req)
		switch {
		case out.block:
			return rawURL, true
		case out.redirect != "":
			rawURL = out.redirect
		default:
			return rawURL, false
		}
	}
	return rawURL, false
}

// dnrFetch runs the rules on one hop of a fetch or XMLHttpRequest from c.
func (c *Context) dnrFetch(u *url.URL, method string) dnrOutcome {
	req := &dnrRequest{url: u, method: strings.ToLower(method), typ: "xmlhttprequest", initiator: c.requestOrigin(),
		tabID: -1, frameID: -1, parentID: -1, frameType: "outermost_frame"}
	if c.frame != nil && c.frame.tab != nil && c.frame.tab.inStrip() {
		f := c.frame
		req.tabID, req.frameID, req.parentID, req.frameType, req.docID = f.tab.id, f.id, f.parentID(), f.frameType(), f.docID
		req.frame = f
	}
	return c.b.dnrApply(req)
}

// modifyRequest applies the outcome's request header operations to h.
func (o dnrOutcome) modifyRequest(h http.Header) { o.modify(h, true) }

// modifyResponse applies the outcome's response header operations to h.
func (o dnrOutcome) modifyResponse(h http.Header) { o.modify(h, false) }

// modify applies header operations in rule order: the first rule to set or remove a header
// decides it; later rules may only append to a header earlier ones appended to.
func (o dnrOutcome) modify(h http.Header, request bool) {
	done := map[string]string{}
	for _, r := range o.headers {
		list := r.action.ResponseHeaders
		if request {
			list = r.action.RequestHeaders
		}
		for _, op := range list {
			name := http.CanonicalHeaderKey(op.Header)
			if prev, ok := done[name]; ok && (prev != "append" || op.Operation != "append") {
				continue
			}
			switch op.Operation {
			case "set":
				h.Set(name, *op.Value)
			case "append":
				// A response gets one more header line; a request's header one more list item
				// (Cookie's separator is "; ").
				sep := ", "
				if name == "Cookie" {
					sep = "; "
				}
				if v := h.Get(name); v != "" && request {
					h.Set(name, v+sep+*op.Value)
				} else {
					h.Add(name, *op.Value)
				}
			case "remove":
				h.Del(name)
			}
			done[name] = op.Operation
		}
	}
}

// dnrRuleFilter is a get*Rules filter: the ids wanted, or every rule.
func dnrRuleFilter(v goja.Value) func(*dnrRule) bool {
	var f struct {
		RuleIDs []int `json:"ruleIds"`
	}
	if !isNullish(v) {
		if raw, err := json.Marshal(v.Export()); err == nil {
			_ = json.Unmarshal(raw, &f)
		}
	}
	return func(r *dnrRule) bool { return f.RuleIDs == nil || slices.Contains(f.RuleIDs, r.id) }
}

// dnrUpdate is updateDynamicRules and updateSessionRules: removals, then additions, all or nothing.
func dnrUpdate(rules []*dnrRule, opts goja.Value, ruleset string) ([]*dnrRule, string) {
	var o struct {
		RemoveRuleIDs []int             `json:"removeRuleIds"`
		AddRules      []json.RawMessage `json:"addRules"`
	}
	raw, err := json.Marshal(opts.Export())
	if err != nil || json.Unmarshal(raw, &o) != nil {
		return nil, "Invalid rule."
	}
	next := slices.DeleteFunc(slices.Clone(rules), func(r *dnrRule) bool { return slices.Contains(o.RemoveRuleIDs, r.id) })
	ids := map[int]bool{}
	for _, r := range next {
		ids[r.id] = true
	}
	for _, raw := range o.AddRules {
		var id struct {
			ID int `json:"id"`
		}
		_ = json.Unmarshal(raw, &id)
		if ids[id.ID] {
			return nil, apiargs.DNRNonUniqueID(id.ID)
		}
		ids[id.ID] = true
		r, err := parseDNRRule(raw, ruleset, ruleset == "_session")
		if err != nil {
			return nil, err.Error()
		}
		next = append(next, r)
	}
	return next, dnrLimits(next, ruleset)
}

// dnrLimits is the error for a dynamic or session ruleset over Chrome's limits, checked in
// Chrome's order: all rules, then unsafe ones, then regex ones.
func dnrLimits(rules []*dnrRule, ruleset string) string {
	scope, max, maxUnsafe := "Dynamic", chromefacts.DNRMaxDynamicRules, chromefacts.DNRMaxUnsafeDynamicRules
	if ruleset == "_session" {
		scope, max, maxUnsafe = "Session", chromefacts.DNRMaxSessionRules, chromefacts.DNRMaxUnsafeSessionRules
	}
	unsafe, regex := 0, 0
	for _, r := range rules {
		if r.action.Type == "redirect" || r.action.Type == "modifyHeaders" {
			unsafe++
		}
		if r.cond.RegexFilter != nil {
			regex++
		}
	}
	switch {
	case len(rules) > max:
		return apiargs.DNRCountExceeded(scope, false, false)
	case unsafe > maxUnsafe:
		return apiargs.DNRCountExceeded(scope, true, false)
	case regex > chromefacts.DNRMaxRegexRules:
		return apiargs.DNRCountExceeded(scope, false, true)
	}
	return ""
}

// json is the rule as get*Rules returns it: as the extension gave it, keys in order.
func (r *dnrRule) json() any {
	var v any
	_ = json.Unmarshal(r.raw, &v)
	return v
}

func init() {
	registerAPI("declarativeNetRequest", dnrSrc,
		func(c *Context) bool { return c.inExtensionProcess() && c.ext.usesDNR() },
		func(c *Context, set func(string, any)) {
			s := func() *dnrState { return c.b.dnrOf(c.ext) }
			op := func(name string, do func(p []goja.Value) (any, string)) {
				m := schemaMethod("declarativeNetRequest." + name)
				set(name, func(call goja.FunctionCall) goja.Value {
					p, fail := c.parseCall(m, call)
					if fail != nil {
						return fail
					}
					result, errText := do(p)
					return c.settle(p[len(p)-1], result, errText)
				})
			}
			list := func(rules []*dnrRule, filter goja.Value) any {
				keep := dnrRuleFilter(filter)
				out := []any{}
				for _, r := range rules {
					if keep(r) {
						out = append(out, r.json())
					}
				}
				return out
			}
			set("feedback", func() bool { return c.ext.hasPermission("declarativeNetRequestFeedback") })
			op("getDynamicRules", func(p []goja.Value) (any, string) { return list(s().dynamic, p[0]), "" })
			op("getSessionRules", func(p []goja.Value) (any, string) { return list(s().session, p[0]), "" })
			op("updateDynamicRules", func(p []goja.Value) (any, string) {
				next, errText := dnrUpdate(s().dynamic, p[0], "_dynamic")
				if errText == "" {
					s().dynamic = next
				}
				return nil, errText
			})
			op("updateSessionRules", func(p []goja.Value) (any, string) {
				next, errText := dnrUpdate(s().session, p[0], "_session")
				if errText == "" {
					s().session = next
				}
				return nil, errText
			})
			op("getEnabledRulesets", func(p []goja.Value) (any, string) {
				out := []string{}
				for _, id := range s().rulesets {
					if s().enabled[id] {
						out = append(out, id)
					}
				}
				return out, ""
			})
			op("updateEnabledRulesets", func(p []goja.Value) (any, string) {
				var o struct {
					Enable  []string `json:"enableRulesetIds"`
					Disable []string `json:"disableRulesetIds"`
				}
				raw, _ := json.Marshal(p[0].Export())
				_ = json.Unmarshal(raw, &o)
				st := s()
				for _, id := range slices.Concat(o.Disable, o.Enable) {
					if !slices.Contains(st.rulesets, id) {
						return nil, apiargs.DNRInvalidRulesetID(id)
					}
				}
				for _, id := range o.Disable {
					st.enabled[id] = false
				}
				for _, id := range o.Enable {
					st.enabled[id] = true
				}
				return nil, ""
			})
			op("getAvailableStaticRuleCount", func(p []goja.Value) (any, string) {
				n := 0
				for _, id := range s().rulesets {
					if s().enabled[id] {
						n += len(s().static[id])
					}
				}
				// Disabled static rules still count (measured).
				return chromefacts.DNRStaticRulePool - n, ""
			})
			op("updateStaticRules", func(p []goja.Value) (any, string) {
				var o struct {
					RulesetID string `json:"rulesetId"`
					Disable   []int  `json:"disableRuleIds"`
					Enable    []int  `json:"enableRuleIds"`
				}
				raw, _ := json.Marshal(p[0].Export())
				_ = json.Unmarshal(raw, &o)
				st := s()
				if !slices.Contains(st.rulesets, o.RulesetID) {
					return nil, apiargs.DNRInvalidRulesetID(o.RulesetID)
				}
				// Any id may be disabled, a rule of the ruleset or not (measured).
				ids := slices.DeleteFunc(slices.Concat(st.disabled[o.RulesetID], o.Disable), func(id int) bool { return slices.Contains(o.Enable, id) })
				slices.Sort(ids)
				st.disabled[o.RulesetID] = slices.Compact(ids)
				return nil, ""
			})
			op("getDisabledRuleIds", func(p []goja.Value) (any, string) {
				id := p[0].(*goja.Object).Get("rulesetId").String()
				if !slices.Contains(s().rulesets, id) {
					return nil, apiargs.DNRInvalidRulesetID(id)
				}
				return append([]int{}, s().disabled[id]...), ""
			})
			op("testMatchOutcome", func(p []goja.Value) (any, string) {
				var o struct {
					URL       string `json:"url"`
					Initiator string `json:"initiator"`
					Method    string `json:"method"`
					Type      string `json:"type"`
					TabID     *int   `json:"tabId"`
				}
				raw, _ := json.Marshal(p[0].Export())
				_ = json.Unmarshal(raw, &o)
				u, err := url.Parse(o.URL)
				if err != nil || !u.IsAbs() || u.Host == "" {
					return nil, apiargs.DNRInvalidTestURL
				}
				req := &dnrRequest{url: u, method: strings.ToLower(o.Method), typ: o.Type, initiator: o.Initiator, tabID: -1, frameID: -1, parentID: -1}
				if req.method == "" {
					req.method = "get"
				}
				if o.TabID != nil {
					req.tabID = *o.TabID
				}
				out := []any{}
				for _, r := range c.b.dnrDecide(c.ext, req).acted {
					out = append(out, r.ref())
				}
				return map[string]any{"matchedRules": out}, ""
			})
			op("isRegexSupported", func(p []goja.Value) (any, string) {
				o := p[0].(*goja.Object)
				expr := o.Get("regex").String()
				if v := o.Get("isCaseSensitive"); isNullish(v) || !v.ToBoolean() {
					expr = "(?i)" + expr
				}
				if _, err := regexp.Compile(expr); err != nil {
					return map[string]any{"isSupported": false, "reason": "syntaxError"}, ""
				}
				return map[string]any{"isSupported": true}, ""
			})
			op("setExtensionActionOptions", func(p []goja.Value) (any, string) {
				o := p[0].(*goja.Object)
				st := s()
				if v := o.Get("displayActionCountAsBadgeText"); !isNullish(v) {
					st.badge = v.ToBoolean()
					for tab := range st.counts {
						c.b.dnrBadge(c.ext, st, tab)
					}
				}
				if u, ok := o.Get("tabUpdate").(*goja.Object); ok {
					if !st.badge {
						return nil, apiargs.DNRIncrementWithoutBadge
					}
					tab := int(u.Get("tabId").ToInteger())
					if c.b.Tab(tab) == nil {
						return nil, apiargs.DNRNoTab(tab)
					}
					st.counts[tab] = max(0, st.counts[tab]+int(u.Get("increment").ToInteger()))
					c.b.dnrBadge(c.ext, st, tab)
				}
				return nil, ""
			})
			op("getMatchedRules", func(p []goja.Value) (any, string) {
				if !c.ext.hasPermission("declarativeNetRequestFeedback") {
					return nil, apiargs.DNRNoFeedback
				}
				tab, since := -2, 0.0
				if o, ok := p[0].(*goja.Object); ok {
					if v := o.Get("tabId"); !isNullish(v) {
						tab = int(v.ToInteger())
					}
					if v := o.Get("minTimeStamp"); !isNullish(v) {
						since = v.ToFloat()
					}
				}
				out := []any{}
				for _, m := range s().matched {
					if (tab == -2 || m.tab == tab) && m.stamp >= since {
						out = append(out, map[string]any{"rule": m.rule.ref(), "tabId": m.tab, "timeStamp": m.stamp})
					}
				}
				return map[string]any{"rulesMatchedInfo": out}, ""
			})
		})
}
