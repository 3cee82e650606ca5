package chromesim

import (
	"encoding/json"
	"errors"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

// A declarativeNetRequest rule as the extension wrote it (manifest rulesets, updateDynamicRules,
// updateSessionRules): untrusted input, parsed and checked by parseDNRRule.
type dnrRuleJSON struct {
	ID        *int           `json:"id"`
	Priority  *int           `json:"priority"`
	Condition *dnrCondJSON   `json:"condition"`
	Action    *dnrActionJSON `json:"action"`
}

type dnrCondJSON struct {
	URLFilter                *string  `json:"urlFilter"`
	RegexFilter              *string  `json:"regexFilter"`
	IsURLFilterCaseSensitive *bool    `json:"isUrlFilterCaseSensitive"`
	InitiatorDomains         []string `json:"initiatorDomains"`
	ExcludedInitiatorDomains []string `json:"excludedInitiatorDomains"`
	RequestDomains           []string `json:"requestDomains"`
	ExcludedRequestDomains   []string `json:"excludedRequestDomains"`
	Domains                  []string `json:"domains"`
	ExcludedDomains          []string `json:"excludedDomains"`
	ResourceTypes            []string `json:"resourceTypes"`
	ExcludedResourceTypes    []string `json:"excludedResourceTypes"`
	RequestMethods           []string `json:"requestMethods"`
	ExcludedRequestMethods   []string `json:"excludedRequestMethods"`
	TabIDs                   []int    `json:"tabIds"`
	ExcludedTabIDs           []int    `json:"excludedTabIds"`
	DomainType               string   `json:"domainType"`
}

type dnrActionJSON struct {
	Type            string          `json:"type"`
	Redirect        *dnrRedirect    `json:"redirect"`
	RequestHeaders  []dnrHeaderJSON `json:"requestHeaders"`
	ResponseHeaders []dnrHeaderJSON `json:"responseHeaders"`
}

type dnrRedirect struct {
	URL               *string       `json:"url"`
	ExtensionPath     *string       `json:"extensionPath"`
	RegexSubstitution *string       `json:"regexSubstitution"`
	Transform         *dnrTransform `json:"transform"`
}

type dnrTransform struct {
	Scheme         *string `json:"scheme"`
	Host           *string `json:"host"`
	Port           *string `json:"port"`
	Path           *string `json:"path"`
	Query          *string `json:"query"`
	Fragment       *string `json:"fragment"`
	Username       *string `json:"username"`
	Password       *string `json:"password"`
	QueryTransform *struct {
		RemoveParams       []string `json:"removeParams"`
		AddOrReplaceParams []struct {
			Key         string `json:"key"`
			Value       string `json:"value"`
			ReplaceOnly bool   `json:"replaceOnly"`
		} `json:"addOrReplaceParams"`
	} `json:"queryTransform"`
}

type dnrHeaderJSON struct {
	Header    string  `json:"header"`
	Operation string  `json:"operation"`
	Value     *string `json:"value"`
}

// dnrRule is a checked rule, ready to match requests.
type dnrRule struct {
	id, priority int
	ruleset      string // "_dynamic", "_session" or a static ruleset's id
	raw          json.RawMessage
	cond         dnrCondJSON
	action       dnrActionJSON
	url          *regexp.Regexp // regexFilter, or urlFilter once matched (urlRegexp); nil matches every URL
}

// urlRegexp is r's URL condition, compiling a urlFilter on first use; nil matches every URL.
func (r *dnrRule) urlRegexp() *regexp.Regexp {
	if r.url == nil && r.cond.URLFilter != nil {
		r.url = urlFilterRegexp(*r.cond.URLFilter, r.cond.IsURLFilterCaseSensitive != nil && *r.cond.IsURLFilterCaseSensitive)
	}
	return r.url
}

// dnrActionRank orders the actions of rules of equal priority: Chrome's allow > allowAllRequests >
// block > upgradeScheme > redirect. modifyHeaders is ranked apart.
var dnrActionRank = map[string]int{"allow": 5, "allowAllRequests": 4, "block": 3, "upgradeScheme": 2, "redirect": 1}

// dnrResourceTypes are Chrome's ResourceType values.
var dnrResourceTypes = []string{"main_frame", "sub_frame", "stylesheet", "script", "image", "font", "object",
	"xmlhttprequest", "ping", "csp_report", "media", "websocket", "webtransport", "webbundle", "other"}

var errDNRRule = errors.New("invalid rule")

// dnrAppendableRequestHeaders are the request headers Chrome lets a rule append to: standard ones
// that take a list of values.
var dnrAppendableRequestHeaders = []string{"accept", "accept-encoding", "accept-language", "access-control-request-headers",
	"cache-control", "connection", "content-language", "cookie", "forwarded", "if-match", "if-none-match", "keep-alive",
	"range", "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "via", "want-digest", "x-forwarded-for"}

// parseDNRRule parses and checks one rule of ruleset; the error text is Chrome's. session says
// whether tabIds are allowed.
func parseDNRRule(raw []byte, ruleset string, session bool) (*dnrRule, error) {
	var j dnrRuleJSON
	if err := json.Unmarshal(raw, &j); err != nil {
		return nil, errDNRRule
	}
	if j.ID == nil || j.Condition == nil || j.Action == nil {
		return nil, errDNRRule
	}
	id := *j.ID
	r := &dnrRule{id: id, priority: 1, ruleset: ruleset, raw: append(json.RawMessage(nil), raw...), cond: *j.Condition, action: *j.Action}
	fail := func(s string) (*dnrRule, error) { return nil, errors.New(s) }
	if id < 1 {
		return fail(apiargs.DNRInvalidKeyMin(id, "id"))
	}
	if j.Priority != nil {
		if *j.Priority < 1 {
			return fail(apiargs.DNRInvalidKeyMin(id, "priority"))
		}
		r.priority = *j.Priority
	}
	if _, ok := dnrActionRank[r.action.Type]; !ok && r.action.Type != "modifyHeaders" {
		return nil, errDNRRule
	}
	c := &r.cond
	for _, l := range []struct {
		key  string
		list []string
	}{{"resourceTypes", c.ResourceTypes}, {"requestMethods", c.RequestMethods}, {"initiatorDomains", c.InitiatorDomains},
		{"requestDomains", c.RequestDomains}, {"domains", c.Domains}} {
		if l.list != nil && len(l.list) == 0 {
			return fail(apiargs.DNREmptyList(id, l.key))
		}
	}
	if (c.TabIDs != nil || c.ExcludedTabIDs != nil) && !session {
		return fail(apiargs.DNRTabIDsNotSession(id))
	}
	if c.URLFilter != nil && c.RegexFilter != nil {
		return fail(apiargs.DNRBothFilters(id))
	}
	caseSensitive := c.IsURLFilterCaseSensitive != nil && *c.IsURLFilterCaseSensitive
	switch {
	case c.URLFilter != nil:
		if *c.URLFilter == "" {
			return fail(apiargs.DNREmptyURLFilter(id))
		}
		// Compiled when first matched (urlRegexp): a urlFilter always compiles, and a dynamic
		// ruleset of 30,000 rules would otherwise compile them all on every update.
	case c.RegexFilter != nil:
		expr := *c.RegexFilter
		if !caseSensitive {
			expr = "(?i)" + expr
		}
		re, err := regexp.Compile(expr)
		if err != nil || *c.RegexFilter == "" {
			return fail(apiargs.DNRIncorrectValue(id, "regexFilter"))
		}
		r.url = re
	}
	switch r.action.Type {
	case "redirect":
		rd := r.action.Redirect
		if rd == nil || rd.URL == nil && rd.ExtensionPath == nil && rd.RegexSubstitution == nil && rd.Transform == nil {
			return fail(apiargs.DNRIncorrectValue(id, "action.redirect"))
		}
		if rd.URL != nil {
			if u, err := url.Parse(*rd.URL); err != nil || !u.IsAbs() {
				return fail(apiargs.DNRInvalidRedirectURL(id))
			}
		}
		if rd.RegexSubstitution != nil && c.RegexFilter == nil {
			return fail(apiargs.DNRSubstitutionWithoutRegex(id))
		}
	case "modifyHeaders":
		if len(r.action.RequestHeaders) == 0 && len(r.action.ResponseHeaders) == 0 {
			return fail(apiargs.DNRNoHeaders(id))
		}
		for _, h := range slices.Concat(r.action.RequestHeaders, r.action.ResponseHeaders) {
			if h.Operation != "remove" && h.Value == nil {
				return fail(apiargs.DNRHeaderNoValue(id))
			}
		}
		for _, h := range r.action.RequestHeaders {
			if h.Operation == "append" && !slices.Contains(dnrAppendableRequestHeaders, strings.ToLower(h.Header)) {
				return fail(apiargs.DNRInvalidAppendHeader(id))
			}
		}
	}
	return r, nil
}

// urlFilterRegexp compiles a urlFilter: "*" is any run of characters, "^" a separator (a
// character other than a letter, a digit or one of _-.%, or the end of the URL), a leading "||"
// anchors at the start of the host or of one of its labels, a leading "|" at the start of the URL
// and a trailing "|" at its end; anything else is literal. Matching ignores case unless
// isUrlFilterCaseSensitive is true.
func urlFilterRegexp(filter string, caseSensitive bool) *regexp.Regexp {
	var b strings.Builder
	if !caseSensitive {
		b.WriteString("(?i)")
	}
	switch {
	case strings.HasPrefix(filter, "||"):
		b.WriteString(`^[a-zA-Z][a-zA-Z0-9+.\-]*://(?:[^/?#@]*@)?(?:[^/?#:]*\.)?`)
		filter = filter[2:]
	case strings.HasPrefix(filter, "|"):
		b.WriteString("^")
		filter = filter[1:]
	}
	end := strings.HasSuffix(filter, "|")
	if end {
		filter = filter[:len(filter)-1]
	}
	for _, r := range filter {
		switch r {
		case '*':
			b.WriteString(".*")
		case '^':
			b.WriteString(`(?:[^a-zA-Z0-9_.%\-]|$)`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	if end {
		b.WriteString("$")
	}
	return regexp.MustCompile(b.String())
}

// dnrRequest is a request as rules see it.
type dnrRequest struct {
	url       *url.URL
	method    string // lowercase
	typ       string // a ResourceType
	initiator string // the origin that made it; "" for a navigation the browser started
	tabID     int    // -1 outside tabs
	frameID   int
	parentID  int
	frameType string
	docID     string
	frame     *Frame // the document that made it, for allowAllRequests
}

// domainIn reports whether host is one of domains or a subdomain of one.
func domainIn(host string, domains []string) bool {
	host = strings.ToLower(host)
	for _, d := range domains {
		d = strings.ToLower(d)
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// matches reports whether r's condition holds for req.
func (r *dnrRule) matches(req *dnrRequest) bool {
	c := &r.cond
	if re := r.urlRegexp(); re != nil && !re.MatchString(req.url.String()) {
		return false
	}
	if c.ResourceTypes != nil {
		if !slices.Contains(c.ResourceTypes, req.typ) {
			return false
		}
	} else if req.typ == "main_frame" {
		// With no resourceTypes a rule matches every type but main_frame.
		return false
	}
	if slices.Contains(c.ExcludedResourceTypes, req.typ) {
		return false
	}
	if c.RequestMethods != nil && !slices.Contains(c.RequestMethods, req.method) || slices.Contains(c.ExcludedRequestMethods, req.method) {
		return false
	}
	if c.TabIDs != nil && !slices.Contains(c.TabIDs, req.tabID) || slices.Contains(c.ExcludedTabIDs, req.tabID) {
		return false
	}
	host := req.url.Hostname()
	if c.RequestDomains != nil && !domainIn(host, c.RequestDomains) || domainIn(host, c.ExcludedRequestDomains) {
		return false
	}
	initiator := ""
	if u, err := url.Parse(req.initiator); err == nil {
		initiator = u.Hostname()
	}
	for _, inc := range [][]string{c.InitiatorDomains, c.Domains} {
		if inc != nil && !domainIn(initiator, inc) {
			return false
		}
	}
	if domainIn(initiator, c.ExcludedInitiatorDomains) || domainIn(initiator, c.ExcludedDomains) {
		return false
	}
	if c.DomainType != "" && req.initiator != "" {
		third := site(req.url) != siteOfOrigin(req.initiator)
		if third != (c.DomainType == "thirdParty") {
			return false
		}
	}
	return true
}

// redirectTarget is where a redirect or upgradeScheme rule sends req; ok is false when the rule
// gives no usable URL (a substitution that does not match, say).
func (r *dnrRule) redirectTarget(req *dnrRequest, extOrigin string) (string, bool) {
	if r.action.Type == "upgradeScheme" {
		if req.url.Scheme != "http" {
			return "", false
		}
		u := *req.url
		u.Scheme = "https"
		return u.String(), true
	}
	rd := r.action.Redirect
	switch {
	case rd.URL != nil:
		return *rd.URL, true
	case rd.ExtensionPath != nil:
		return extOrigin + *rd.ExtensionPath, true
	case rd.RegexSubstitution != nil:
		s := req.url.String()
		m := r.url.FindStringSubmatchIndex(s)
		if m == nil {
			return "", false
		}
		// Chrome's \0–\9 are RE2's; Go's template wants ${n}.
		tmpl := regexp.MustCompile(`\\([0-9])`).ReplaceAllString(strings.ReplaceAll(*rd.RegexSubstitution, "$", "$$"), "$${$1}")
		out := string(r.url.ExpandString(nil, tmpl, s, m))
		if u, err := url.Parse(out); err != nil || !u.IsAbs() {
			return "", false
		}
		return out, true
	case rd.Transform != nil:
		return rd.Transform.apply(*req.url), true
	}
	return "", false
}

// apply is the URL u transformed: each component given replaces u's.
func (t *dnrTransform) apply(u url.URL) string {
	if t.Scheme != nil {
		u.Scheme = *t.Scheme
	}
	if t.Host != nil || t.Port != nil {
		host, port := u.Hostname(), u.Port()
		if t.Host != nil {
			host = *t.Host
		}
		if t.Port != nil {
			port = *t.Port
		}
		u.Host = host
		if port != "" {
			u.Host += ":" + port
		}
	}
	if t.Path != nil {
		u.Path, u.RawPath = *t.Path, ""
	}
	if t.Query != nil {
		u.RawQuery = strings.TrimPrefix(*t.Query, "?")
	}
	if qt := t.QueryTransform; qt != nil {
		var kept []string
		for _, kv := range strings.Split(u.RawQuery, "&") {
			if kv == "" || slices.Contains(qt.RemoveParams, strings.SplitN(kv, "=", 2)[0]) {
				continue
			}
			kept = append(kept, kv)
		}
		for _, p := range qt.AddOrReplaceParams {
			i := slices.IndexFunc(kept, func(kv string) bool { return strings.SplitN(kv, "=", 2)[0] == p.Key })
			switch {
			case i >= 0:
				kept[i] = p.Key + "=" + p.Value
			case !p.ReplaceOnly:
				kept = append(kept, p.Key+"="+p.Value)
			}
		}
		u.RawQuery = strings.Join(kept, "&")
	}
	if t.Fragment != nil {
		u.Fragment, u.RawFragment = strings.TrimPrefix(*t.Fragment, "#"), ""
	}
	if t.Username != nil || t.Password != nil {
		name, pass := "", ""
		if u.User != nil {
			name = u.User.Username()
			pass, _ = u.User.Password()
		}
		if t.Username != nil {
			name = *t.Username
		}
		if t.Password != nil {
			pass = *t.Password
		}
		u.User = url.UserPassword(name, pass)
	}
	return u.String()
}

// ref is a rule's place as getMatchedRules and onRuleMatchedDebug name it.
func (r *dnrRule) ref() map[string]any {
	return map[string]any{"ruleId": r.id, "rulesetId": r.ruleset}
}
