package chrome

import (
	"encoding/json"
	"fmt"

	"github.com/extwasm/extwasm/hostsim/internal/matchpattern"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

// tabsGet is tabs.get(tabId).
func (b *Browser) tabsGet(c *Context, id int) int {
	b.nextChan++
	req := b.nextChan
	var out, errText string
	if t := b.Tab(id); t != nil {
		raw, _ := json.Marshal(t.info())
		out = string(raw)
	} else {
		errText = fmt.Sprintf("No tab with id: %d.", id)
	}
	b.hop(nil, c.realm, func() { _, _ = c.call("settleValue", req, out, errText) })
	return req
}

// tabsQuery is tabs.query(queryInfo) for the url, active, status, title and window keys.
func (b *Browser) tabsQuery(c *Context, q string) int {
	b.nextChan++
	req := b.nextChan
	var query struct {
		URL       any    `json:"url"`
		Active    *bool  `json:"active"`
		Status    string `json:"status"`
		Title     string `json:"title"`
		WindowID  *int   `json:"windowId"`
		Current   *bool  `json:"currentWindow"`
		LastFocus *bool  `json:"lastFocusedWindow"`
	}
	errText := ""
	if err := json.Unmarshal([]byte(q), &query); err != nil {
		errText = chromefacts.InvocationError("tabs.query(object queryInfo, optional function callback)", err.Error())
	}
	var pats []*matchpattern.Pattern
	switch u := query.URL.(type) {
	case string:
		pats = append(pats, b.parseQueryPattern(u, &errText))
	case []any:
		for _, s := range u {
			str, _ := s.(string)
			pats = append(pats, b.parseQueryPattern(str, &errText))
		}
	}
	list := []map[string]any{}
	if errText == "" {
		for _, t := range b.Tabs() {
			info := t.info()
			if query.Active != nil && info["active"] != *query.Active {
				continue
			}
			if query.Status != "" && query.Status != "complete" {
				continue
			}
			if query.Title != "" && query.Title != info["title"] {
				continue
			}
			if query.WindowID != nil && *query.WindowID != 1 && *query.WindowID != -2 {
				continue
			}
			if len(pats) > 0 && !anyMatch(pats, t.top.url) {
				continue
			}
			list = append(list, info)
		}
	}
	raw, _ := json.Marshal(list)
	b.hop(nil, c.realm, func() { _, _ = c.call("settleValue", req, string(raw), errText) })
	return req
}

func (b *Browser) parseQueryPattern(p string, errText *string) *matchpattern.Pattern {
	pat, err := matchpattern.Parse(p, matchpattern.SchemesExtension)
	if err != nil && *errText == "" {
		*errText = fmt.Sprintf("Invalid url pattern '%s'", p)
	}
	return pat
}

func anyMatch(pats []*matchpattern.Pattern, u string) bool {
	for _, p := range pats {
		if p != nil && p.MatchString(u) {
			return true
		}
	}
	return false
}

// acceptsExternal applies externally_connectable (conformance 72–73): with no key every extension
// may connect and no web page may; with the key, only listed ids ("*" for all) and matching pages.
func (e *Extension) acceptsExternal(c *Context) bool {
	ec := e.man.ExternallyConnectable
	if c.ext != nil {
		return ec.AllowsExtension(c.ext.id)
	}
	return ec.AllowsURL(c.url)
}

// externallyConnectable reports whether some extension lets pages at rawURL message it, which is
// when Chrome gives the page a chrome.runtime.
func (b *Browser) externallyConnectable(rawURL string) bool {
	for _, e := range b.exts {
		if e.enabled && e.man.ExternallyConnectable.AllowsURL(rawURL) {
			return true
		}
	}
	return false
}
