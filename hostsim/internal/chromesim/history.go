package chromesim

import (
	"cmp"
	_ "embed"
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

//go:embed history.js
var historySrc string

// historyURL is a URL of the profile's history with its visits.
type historyURL struct {
	id     int
	url    string
	title  string
	typed  int
	visits []historyVisit
}

// historyVisit is one visit of a URL.
type historyVisit struct {
	id         int
	time       float64 // ms since the epoch
	transition string  // history.TransitionType
}

// historyDB is the profile's history. Ids count up from 1 in both tables and start again once
// all history is deleted (measured: deleteRange keeps counting, deleteAll restarts).
type historyDB struct {
	urls               []*historyURL // in id order
	nextURL, nextVisit int
}

func (b *Browser) historyDB() *historyDB {
	if b.history == nil {
		b.history = &historyDB{nextURL: 1, nextVisit: 1}
	}
	return b.history
}

// item is the URL as a history.HistoryItem.
func (h *historyURL) item() map[string]any {
	return map[string]any{"id": strconv.Itoa(h.id), "url": h.url, "title": h.title, "lastVisitTime": h.lastVisit(),
		"visitCount": len(h.visits), "typedCount": h.typed}
}

func (h *historyURL) lastVisit() float64 { return h.visits[len(h.visits)-1].time }

func (d *historyDB) find(u string) *historyURL {
	i := slices.IndexFunc(d.urls, func(h *historyURL) bool { return h.url == u })
	if i < 0 {
		return nil
	}
	return d.urls[i]
}

// recordsHistory reports whether a tab's navigation to rawURL is kept in history: web pages and
// extension pages (measured: a tab at the extension's own URL is listed), not about: or data:.
func recordsHistory(rawURL string) bool {
	u, err := url.Parse(rawURL)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "chrome-extension")
}

// addVisit records a visit of rawURL and fires history.onVisited, whose item has no title yet
// (measured: the title comes with the page, after the event).
func (b *Browser) addVisit(rawURL, transition string) {
	d := b.historyDB()
	h := d.find(rawURL)
	if h == nil {
		h = &historyURL{id: d.nextURL, url: rawURL}
		d.nextURL++
		d.urls = append(d.urls, h)
	}
	h.visits = append(h.visits, historyVisit{id: d.nextVisit, time: b.wallMillis(), transition: transition})
	d.nextVisit++
	if transition == "typed" {
		h.typed++
	}
	item := h.item()
	b.fireHistoryEvent("history.onVisited", item)
}

// titleVisit gives the history entry of rawURL the page's title, once the page has one.
func (b *Browser) titleVisit(rawURL, title string) {
	if b.history == nil {
		return
	}
	if h := b.history.find(rawURL); h != nil {
		h.title = title
	}
}

// fireHistoryEvent fires a history event in every extension with the history permission.
func (b *Browser) fireHistoryEvent(name string, args ...any) {
	b.fireProfileEvent("history", name, args...)
}

// removeURLs takes the URLs out and fires history.onVisitRemoved for them (nothing when none).
func (b *Browser) removeURLs(gone []*historyURL) {
	if len(gone) == 0 {
		return
	}
	d := b.historyDB()
	urls := make([]string, len(gone))
	for i, h := range gone {
		urls[i] = h.url
		d.urls = slices.DeleteFunc(d.urls, func(x *historyURL) bool { return x == h })
	}
	b.fireHistoryEvent("history.onVisitRemoved", map[string]any{"allHistory": false, "urls": urls})
}

// historyWords splits a search text into lower-case words, each of which a result's title or URL
// must contain.
func historyWords(text string) []string { return strings.Fields(strings.ToLower(text)) }

func init() {
	registerAPI("history", historySrc,
		func(c *Context) bool { return c.inExtensionProcess() && c.ext.hasPermission("history") },
		func(c *Context, set func(string, any)) {
			ops := c.schemaOps("history", set)
			op := func(name string, do func(d *historyDB, p []goja.Value) (any, error)) {
				ops(name, func(p []goja.Value) (any, error) { return do(c.b.historyDB(), p) })
			}
			num := func(o *goja.Object, k string, def float64) float64 {
				if v := o.Get(k); !isNullish(v) {
					return v.ToFloat()
				}
				return def
			}
			op("search", func(d *historyDB, p []goja.Value) (any, error) {
				q := p[0].(*goja.Object)
				now := c.b.wallMillis()
				// Chrome's defaults: the last 24 hours, 100 results.
				start, end := num(q, "startTime", now-24*3600*1000), num(q, "endTime", now+1)
				limit := int(num(q, "maxResults", 100))
				words := historyWords(q.Get("text").String())
				var hits []*historyURL
				for _, h := range d.urls {
					in := slices.ContainsFunc(h.visits, func(v historyVisit) bool { return v.time >= start && v.time < end })
					title, u := strings.ToLower(h.title), strings.ToLower(h.url)
					if !in || slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(title, w) && !strings.Contains(u, w) }) {
						continue
					}
					hits = append(hits, h)
				}
				// Newest first; visits in the same millisecond (hostsim's clock stands still within a
				// task), the later first.
				slices.SortStableFunc(hits, func(a, b *historyURL) int {
					if c := cmp.Compare(b.lastVisit(), a.lastVisit()); c != 0 {
						return c
					}
					return b.visits[len(b.visits)-1].id - a.visits[len(a.visits)-1].id
				})
				if limit > 0 && len(hits) > limit {
					hits = hits[:limit]
				}
				out := []any{}
				for _, h := range hits {
					out = append(out, h.item())
				}
				return out, nil
			})
			op("getVisits", func(d *historyDB, p []goja.Value) (any, error) {
				out := []any{}
				if h := d.find(p[0].(*goja.Object).Get("url").String()); h != nil {
					for _, v := range h.visits {
						out = append(out, map[string]any{"id": strconv.Itoa(h.id), "visitId": strconv.Itoa(v.id),
							"visitTime": v.time, "referringVisitId": "0", "transition": v.transition, "isLocal": true})
					}
				}
				return out, nil
			})
			op("addUrl", func(d *historyDB, p []goja.Value) (any, error) {
				raw := p[0].(*goja.Object).Get("url").String()
				if u, err := url.Parse(raw); err != nil || u.Scheme == "" {
					return nil, errors.New(apiargs.ErrHistoryInvalidURL)
				}
				c.b.addVisit(raw, "link")
				return nil, nil
			})
			op("deleteUrl", func(d *historyDB, p []goja.Value) (any, error) {
				if h := d.find(p[0].(*goja.Object).Get("url").String()); h != nil {
					c.b.removeURLs([]*historyURL{h})
				}
				return nil, nil
			})
			op("deleteRange", func(d *historyDB, p []goja.Value) (any, error) {
				r := p[0].(*goja.Object)
				start, end := num(r, "startTime", 0), num(r, "endTime", 0)
				var gone []*historyURL
				for _, h := range d.urls {
					h.visits = slices.DeleteFunc(h.visits, func(v historyVisit) bool { return v.time >= start && v.time <= end })
					if len(h.visits) == 0 {
						gone = append(gone, h)
					}
				}
				c.b.removeURLs(gone)
				return nil, nil
			})
			op("deleteAll", func(d *historyDB, p []goja.Value) (any, error) {
				*d = historyDB{nextURL: 1, nextVisit: 1}
				c.b.fireHistoryEvent("history.onVisitRemoved", map[string]any{"allHistory": true, "urls": []string{}})
				return nil, nil
			})
		})
}
