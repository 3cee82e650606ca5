package chromesim

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestURLFilterMatching(t *testing.T) {
	tests := []struct {
		filter        string
		caseSensitive bool
		url           string
		want          bool
	}{
		{"abc", false, "http://x.example/abc", true},
		{"abc", false, "http://x.example/ABC", true},
		{"abc", true, "http://x.example/ABC", false},
		{"abc", true, "http://x.example/xabcx", true},
		{"|http://x.example", false, "http://x.example/", true},
		{"|http://x.example", false, "https://x.example/", false},
		{"|x.example", false, "http://x.example/", false},
		{"/end|", false, "http://x.example/end", true},
		{"/end|", false, "http://x.example/end?q", false},
		{"||x.example", false, "http://x.example/", true},
		{"||x.example", false, "https://a.b.x.example/p", true},
		{"||x.example", false, "http://notx.example/", false},
		{"||x.example", false, "http://other.example/x.example", false},
		{"||x.example", false, "http://user@x.example/", true},
		{"||example/", false, "http://x.example/", true},
		{"a*c", false, "http://x.example/abbbc", true},
		{"a*c", false, "http://x.example/ab", false},
		{"*", false, "http://x.example/", true},
		{"x.example^", false, "http://x.example/", true},
		{"x.example^", false, "http://x.example:8080/", true},
		{"x.example^", false, "http://x.example", true},
		{"x.example^", false, "http://x.examplez/", false},
		{"x.example^", false, "http://x.example.com/", false},
		{"^q=1^", false, "http://x.example/?q=1&r=2", true},
		{"^q=1^", false, "http://x.example/?q=12", false},
		{"a.b", false, "http://x.example/axb", false},
		{"(x)", false, "http://x.example/(x)", true},
		{"||x.example^*/ads/", false, "https://x.example/path/ads/1", true},
		{"|https://*.example/|", false, "https://x.example/", true},
	}
	for _, tt := range tests {
		t.Run(tt.filter+" "+tt.url, func(t *testing.T) {
			u, err := url.Parse(tt.url)
			require.NoError(t, err)
			re := urlFilterRegexp(tt.filter, tt.caseSensitive)
			assert.Equal(t, tt.want, re.MatchString(u.String()), "regexp %s", re)
		})
	}
}

func TestDNRRuleConditions(t *testing.T) {
	req := func(raw, typ, method, initiator string, tab int) *dnrRequest {
		u, err := url.Parse(raw)
		require.NoError(t, err)
		return &dnrRequest{url: u, typ: typ, method: method, initiator: initiator, tabID: tab}
	}
	tests := []struct {
		name string
		rule string
		req  *dnrRequest
		want bool
	}{
		{"no condition matches a subresource", `{}`, req("http://a.example/", "xmlhttprequest", "get", "", -1), true},
		{"no resourceTypes skips main_frame", `{}`, req("http://a.example/", "main_frame", "get", "", 1), false},
		{"resourceTypes main_frame", `{"resourceTypes":["main_frame"]}`, req("http://a.example/", "main_frame", "get", "", 1), true},
		{"excludedResourceTypes", `{"excludedResourceTypes":["xmlhttprequest"]}`, req("http://a.example/", "xmlhttprequest", "get", "", -1), false},
		{"requestMethods", `{"requestMethods":["post"]}`, req("http://a.example/", "xmlhttprequest", "get", "", -1), false},
		{"excludedRequestMethods", `{"excludedRequestMethods":["get"]}`, req("http://a.example/", "xmlhttprequest", "get", "", -1), false},
		{"requestDomains subdomain", `{"requestDomains":["example"]}`, req("http://a.example/", "xmlhttprequest", "get", "", -1), true},
		{"excludedRequestDomains", `{"excludedRequestDomains":["a.example"]}`, req("http://a.example/", "xmlhttprequest", "get", "", -1), false},
		{"initiatorDomains", `{"initiatorDomains":["b.example"]}`, req("http://a.example/", "xmlhttprequest", "get", "http://x.b.example", -1), true},
		{"initiatorDomains no initiator", `{"initiatorDomains":["b.example"]}`, req("http://a.example/", "xmlhttprequest", "get", "", -1), false},
		{"excludedInitiatorDomains", `{"excludedInitiatorDomains":["b.example"]}`, req("http://a.example/", "xmlhttprequest", "get", "http://b.example", -1), false},
		{"domains is the initiator's", `{"domains":["b.example"]}`, req("http://b2.example/", "xmlhttprequest", "get", "http://b.example", -1), true},
		{"tabIds", `{"tabIds":[3]}`, req("http://a.example/", "xmlhttprequest", "get", "", 4), false},
		{"excludedTabIds", `{"excludedTabIds":[-1]}`, req("http://a.example/", "xmlhttprequest", "get", "", -1), false},
		{"regexFilter", `{"regexFilter":"^http://a\\.example/$"}`, req("http://a.example/", "xmlhttprequest", "get", "", -1), true},
		{"regexFilter case", `{"regexFilter":"A\\.EXAMPLE","isUrlFilterCaseSensitive":true}`, req("http://a.example/", "xmlhttprequest", "get", "", -1), false},
		{"thirdParty", `{"domainType":"thirdParty"}`, req("http://a.example/", "xmlhttprequest", "get", "http://a.example", -1), false},
		{"firstParty", `{"domainType":"firstParty"}`, req("http://a.example/", "xmlhttprequest", "get", "http://a.example", -1), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := parseDNRRule([]byte(`{"id":1,"condition":`+tt.rule+`,"action":{"type":"block"}}`), "_session", true)
			require.NoError(t, err)
			assert.Equal(t, tt.want, r.matches(tt.req))
		})
	}
}

func TestDNRRedirectTargets(t *testing.T) {
	tests := []struct {
		name, rule, url, want string
	}{
		{"url", `{"condition":{},"action":{"type":"redirect","redirect":{"url":"http://b.example/x"}}}`, "http://a.example/", "http://b.example/x"},
		{"extensionPath", `{"condition":{},"action":{"type":"redirect","redirect":{"extensionPath":"/p.html"}}}`, "http://a.example/", "chrome-extension://id/p.html"},
		{"regexSubstitution", `{"condition":{"regexFilter":"^http://a\\.example/(\\w+)/(\\w+)"},"action":{"type":"redirect","redirect":{"regexSubstitution":"https://b.example/\\2/\\1"}}}`, "http://a.example/x/y", "https://b.example/y/x"},
		{"transform", `{"condition":{},"action":{"type":"redirect","redirect":{"transform":{"scheme":"https","host":"b.example","port":"8443","fragment":"#f"}}}}`, "http://a.example/p?q", "https://b.example:8443/p?q#f"},
		{"queryTransform", `{"condition":{},"action":{"type":"redirect","redirect":{"transform":{"queryTransform":{"removeParams":["a"],"addOrReplaceParams":[{"key":"b","value":"2"},{"key":"c","value":"3"},{"key":"d","value":"4","replaceOnly":true}]}}}}}`, "http://a.example/?a=1&b=1", "http://a.example/?b=2&c=3"},
		{"upgradeScheme", `{"condition":{},"action":{"type":"upgradeScheme"}}`, "http://a.example:81/p", "https://a.example:81/p"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := parseDNRRule([]byte(`{"id":1,`+tt.rule[1:]), "_dynamic", false)
			require.NoError(t, err)
			u, err := url.Parse(tt.url)
			require.NoError(t, err)
			got, ok := r.redirectTarget(&dnrRequest{url: u}, "chrome-extension://id")
			require.True(t, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestDNRRuleErrors(t *testing.T) {
	tests := []struct{ rule, want string }{
		{`{"id":0,"condition":{},"action":{"type":"block"}}`, "Rule with id 0 has an invalid value for id key. This should be greater than or equal to 1."},
		{`{"id":2,"condition":{"tabIds":[1]},"action":{"type":"block"}}`, `Rule with id 2 specifies a value for "tabIds" or "excludedTabIds" key. These are only supported for session-scoped rules.`},
		{`{"id":3,"condition":{"regexFilter":"("},"action":{"type":"block"}}`, `Rule with id 3 specifies an incorrect value for the "regexFilter" key.`},
		{`{"id":5,"condition":{},"action":{"type":"modifyHeaders","requestHeaders":[{"header":"x-a","operation":"append","value":"v"}]}}`,
			"Rule with id 5 specifies an invalid request header to be appended. Only standard HTTP request headers that can specify multiple values for a single entry are supported."},
		{`{"id":4}`, "invalid rule"},
		{`[`, "invalid rule"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			_, err := parseDNRRule([]byte(tt.rule), "_dynamic", false)
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

// FuzzParseDNRRule feeds rules, untrusted input from the extension, to the parser: it must never
// panic, and a rule it accepts must match, redirect and modify headers without panicking.
func FuzzParseDNRRule(f *testing.F) {
	f.Add([]byte(`{"id":1,"condition":{"urlFilter":"||a.example^*x|"},"action":{"type":"block"}}`))
	f.Add([]byte(`{"id":1,"priority":3,"condition":{"regexFilter":"^http://(.*)$"},"action":{"type":"redirect","redirect":{"regexSubstitution":"https://\\1"}}}`))
	f.Add([]byte(`{"id":1,"condition":{},"action":{"type":"redirect","redirect":{"transform":{"queryTransform":{"removeParams":["a"]}}}}}`))
	f.Add([]byte(`{"id":1,"condition":{"requestDomains":["a"]},"action":{"type":"modifyHeaders","requestHeaders":[{"header":"x","operation":"append","value":"v"}]}}`))
	f.Add([]byte(`{"id":1,"condition":{"tabIds":[1]},"action":{"type":"upgradeScheme"}}`))
	u, _ := url.Parse("http://a.example/p?q=1")
	f.Fuzz(func(t *testing.T, raw []byte) {
		r, err := parseDNRRule(raw, "_session", true)
		if err != nil {
			return
		}
		req := &dnrRequest{url: u, method: "get", typ: "xmlhttprequest", initiator: "http://b.example", tabID: 1}
		r.matches(req)
		if r.action.Type == "redirect" || r.action.Type == "upgradeScheme" {
			r.redirectTarget(req, "chrome-extension://id")
		}
		if r.action.Type == "modifyHeaders" {
			h := map[string][]string{}
			dnrOutcome{headers: []*dnrRule{r}}.modifyRequest(h)
			dnrOutcome{headers: []*dnrRule{r}}.modifyResponse(h)
		}
	})
}
