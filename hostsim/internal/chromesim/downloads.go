package chromesim

import (
	"cmp"
	_ "embed"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

//go:embed downloads.js
var downloadsSrc string

// DownloadDir is the folder the simulated profile saves downloads in; DownloadItem.filename is a
// path under it. Nothing is written to the disk: the files are kept in memory (Browser.Downloads).
const DownloadDir = "/home/user/Downloads"

// download is one entry of the profile's download list.
type download struct {
	id                    int
	url, finalURL         string
	filename              string // absolute, "" until determined
	state                 string // in_progress, complete or interrupted
	reason                string // the interrupt reason when interrupted
	mime                  string
	received, total, size int
	exists, canResume     bool
	unanswered            bool   // the request got no response
	saveAs                bool   // download() asked for a Save As dialog
	lateMime              string // the type an interrupted extension file reports
	paused                bool
	// held is set when naming ended while the download was paused: it ends on resume.
	held       bool
	start, end float64 // ms since the epoch; end is 0 until the download ends
	by         *Extension
	body       []byte
	status     int
	// proposed is Chrome's name for the file, given is download()'s filename and conflict its
	// conflictAction, used once no onDeterminingFilename listener has a say.
	proposed, given, conflict string
	// waiting counts the onDeterminingFilename listeners' contexts still to answer; suggestion is
	// the answer that wins (the last extension installed that suggested).
	waiting    int
	suggestion *downloadSuggestion
	suggestBy  int // index in b.exts of the suggestion's extension
}

// downloadSuggestion is what an onDeterminingFilename listener suggested.
type downloadSuggestion struct {
	filename, conflict string
}

// downloadsDB is the profile's download list and the files it saved, by path relative to
// DownloadDir.
type downloadsDB struct {
	items []*download
	next  int
	files map[string][]byte
	// determiners are the contexts' functions that run their onDeterminingFilename listeners
	// (downloads.js).
	determiners map[*Context]goja.Callable
}

func (b *Browser) downloadsDB() *downloadsDB {
	if b.downloads == nil {
		b.downloads = &downloadsDB{next: 1, files: map[string][]byte{}, determiners: map[*Context]goja.Callable{}}
	}
	return b.downloads
}

// Downloads returns a copy of the files the profile's downloads saved, by path relative to
// DownloadDir ("report.csv", "sub/x.txt").
func (b *Browser) Downloads() map[string][]byte {
	out := map[string][]byte{}
	if b.downloads != nil {
		for k, v := range b.downloads.files {
			out[k] = slices.Clone(v)
		}
	}
	return out
}

func (d *downloadsDB) find(id int) *download {
	i := slices.IndexFunc(d.items, func(x *download) bool { return x.id == id })
	if i < 0 {
		return nil
	}
	return d.items[i]
}

// isoMillis is a time as DownloadItem carries it: an ISO 8601 string in UTC with milliseconds.
func isoMillis(ms float64) string {
	return time.UnixMilli(int64(ms)).UTC().Format("2006-01-02T15:04:05.000Z")
}

// item is the download as a downloads.DownloadItem; onCreated's has no byExtension fields
// (measured).
func (x *download) item(withBy bool) map[string]any {
	m := map[string]any{"id": x.id, "url": x.url, "finalUrl": x.finalURL, "filename": x.filename,
		"state": x.state, "mime": x.mime, "bytesReceived": x.received, "totalBytes": x.total,
		"fileSize": x.size, "exists": x.exists, "danger": "safe", "paused": x.paused, "canResume": x.canResume,
		"incognito": false, "referrer": "", "startTime": isoMillis(x.start)}
	if x.end != 0 {
		m["endTime"] = isoMillis(x.end)
	}
	if x.state == "interrupted" {
		m["error"] = x.reason
	}
	if withBy && x.by != nil {
		m["byExtensionId"], m["byExtensionName"] = x.by.id, x.by.name
	}
	return m
}

// relName is the download's path relative to DownloadDir.
func (x *download) relName() string { return strings.TrimPrefix(x.filename, DownloadDir+"/") }

// fireDownloadEvent fires a downloads event in every extension with the downloads permission.
func (b *Browser) fireDownloadEvent(name string, args ...any) {
	b.fireProfileEvent("downloads", name, args...)
}

// interruptReason is the DownloadItem.error of a response with status code; 0 is a request
// that got no response. Measured: 404 and a host that does not answer; 401, 403 and the other
// failures are Chromium's names for them, not measured here.
func interruptReason(status int) string {
	switch {
	case status == 0:
		return "NETWORK_FAILED"
	case status == http.StatusUnauthorized:
		return "SERVER_UNAUTHORIZED"
	case status == http.StatusForbidden:
		return "SERVER_FORBIDDEN"
	case status == http.StatusNotFound:
		return "SERVER_BAD_CONTENT"
	case status >= 400:
		return "SERVER_FAILED"
	}
	return ""
}

// startDownload fetches what download() asked for through the simulated web and adds it to the
// list (onCreated); naming and saving follow in later tasks.
func (b *Browser) startDownload(by *Extension, raw, method string, header http.Header, body []byte, given, conflict string, saveAs bool) int {
	d := b.downloadsDB()
	x := &download{id: d.next, url: raw, finalURL: raw, state: "in_progress", exists: true, start: b.wallMillis(),
		by: by, given: given, conflict: conflict, saveAs: saveAs}
	d.next++
	disposition := ""
	u, _ := url.Parse(raw)
	switch u.Scheme {
	case "data":
		if t, data, ok := parseDataURL(raw); ok {
			x.mime, x.body, x.status = t, data, http.StatusOK
		}
	case "chrome-extension":
		// Measured: Chromium fails to download an extension's file but reports its type when
		// it interrupts the download.
		if e := b.extByID[u.Host]; e != nil {
			if _, err := e.readFile(strings.TrimPrefix(u.Path, "/")); err == nil {
				x.lateMime, _, _ = mime.ParseMediaType(mime.TypeByExtension(path.Ext(u.Path)))
			}
		}
	case "javascript":
		// Measured: NETWORK_INVALID_REQUEST, where other schemes Chrome does not fetch here
		// (about:, ftp:) fail as NETWORK_FAILED.
		x.reason = "NETWORK_INVALID_REQUEST"
	case "http", "https":
		for hops := 0; hops <= maxRedirects; hops++ {
			// Measured: the browser's download request carries the profile's cookies for the
			// URL, SameSite=Strict ones too, and keeps the cookies the response sets.
			h := header.Clone()
			if cookies := cookieHeader(b.cookieJar().forURL(u, b.sched.Wall(), false, false)); cookies != "" {
				h.Set("Cookie", cookies)
			}
			res, ok := b.serveHTTP(method, u, h, body)
			if !ok {
				x.unanswered = true
				break
			}
			for _, line := range res.Header.Values("Set-Cookie") {
				b.setCookie(line, u, fromHTTP)
			}
			if loc := res.Header.Get("Location"); isRedirect(res.StatusCode) && loc != "" {
				next, err := u.Parse(loc)
				if err != nil {
					break
				}
				u, method, body = next, "GET", nil
				x.finalURL = u.String()
				continue
			}
			x.status, x.body = res.StatusCode, res.Body
			x.total, x.size = len(res.Body), len(res.Body)
			if t, _, err := mime.ParseMediaType(res.Header.Get("Content-Type")); err == nil {
				x.mime = t
			}
			disposition = res.Header.Get("Content-Disposition")
			break
		}
	}
	x.proposed = defaultDownloadName(x.finalURL, disposition, x.mime)
	d.items = append(d.items, x)
	b.fireDownloadEvent("downloads.onCreated", x.item(false))
	b.later(0, func() { b.determineName(x) })
	return x.id
}

// headerToken reports whether name is an HTTP token (RFC 9110's tchar), as a header name must be.
func headerToken(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("!#$%&'*+-.^_`|~", r)) {
			return false
		}
	}
	return true
}

func pathExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > strings.LastIndexByte(name, '/') {
		return name[i:]
	}
	return ""
}

// determineName asks the onDeterminingFilename listeners of every extension for the file's name,
// or names it at once when none listens.
func (b *Browser) determineName(x *download) {
	item := x.item(true)
	item["filename"] = x.proposed
	if x.status >= 200 && x.status < 300 {
		// Measured: the listeners' item has no bytes yet, and the bytes come in while they
		// choose the name.
		x.received = len(x.body)
	}
	for c := range b.downloadsDB().determiners {
		if c.dead {
			delete(b.downloadsDB().determiners, c)
		}
	}
	var asks []func()
	for i, e := range b.exts {
		if !e.hasPermission("downloads") {
			continue
		}
		for _, c := range e.contexts() {
			if c.kind == Worker && e.starting {
				continue // asked below, once it has started
			}
			if (c.kind == Worker || c.kind == ExtensionPage) && b.namesDownloads(c) {
				asks = append(asks, func() { b.askName(x, c, i, item) })
			}
		}
		// A stopped worker whose last run listened is started for the event (measured:
		// scenario downloads-wake), and answers once its first task has run.
		if (e.worker == nil || e.starting) && e.enabled && e.lazy["downloads.onDeterminingFilename"] {
			asks = append(asks, func() {
				e.withWorker(func(w *Context) {
					if w == nil || !b.namesDownloads(w) {
						b.suggested(x, i, nil)
						return
					}
					b.askName(x, w, i, item)
				})
			})
		}
	}
	if len(asks) == 0 {
		b.finishDownload(x)
		return
	}
	x.waiting = len(asks)
	for _, ask := range asks {
		ask()
	}
}

// namesDownloads reports whether c has onDeterminingFilename listeners.
func (b *Browser) namesDownloads(c *Context) bool {
	return !c.dead && b.downloadsDB().determiners[c] != nil && c.hasEventListeners("downloads.onDeterminingFilename")
}

// askName runs c's onDeterminingFilename listeners for x in a task of c; ext is c's extension's
// index in b.exts.
func (b *Browser) askName(x *download, c *Context, ext int, item map[string]any) {
	b.hop(nil, c.realm, func() {
		if c.dead {
			b.suggested(x, ext, nil)
			return
		}
		answer := func(call goja.FunctionCall) goja.Value {
			var s *downloadSuggestion
			if o, ok := call.Argument(0).(*goja.Object); ok {
				s = &downloadSuggestion{}
				if v := o.Get("filename"); !isNullish(v) {
					s.filename = v.String()
				}
				if v := o.Get("conflictAction"); !isNullish(v) {
					s.conflict = v.String()
				}
			}
			b.suggested(x, ext, s)
			return goja.Undefined()
		}
		_, _ = b.downloadsDB().determiners[c](goja.Undefined(), c.realm.VM.ToValue(mustJSON(item)), c.realm.VM.ToValue(answer))
	})
}

// suggested records one context's answer to onDeterminingFilename (nil: no suggestion) and
// names the file once every context answered. Measured: a suggestion with an invalid filename
// is dropped, and the first call of a listener's suggest counts (the JavaScript half ignores
// later ones).
func (b *Browser) suggested(x *download, ext int, s *downloadSuggestion) {
	if x.waiting == 0 || x.state != "in_progress" {
		return // measured: a suggestion for a cancelled download changes nothing
	}
	if s != nil && s.filename != "" && validDownloadName(s.filename) && (x.suggestion == nil || ext >= x.suggestBy) {
		x.suggestion, x.suggestBy = s, ext
	}
	x.waiting--
	if x.waiting == 0 {
		b.finishDownload(x)
	}
}

// finishDownload names the file (the suggestion, else, with no listener, download()'s filename,
// else Chrome's; measured: while an extension listens to onDeterminingFilename, download()'s
// filename and conflictAction count for nothing), saves it and ends the download.
func (b *Browser) finishDownload(x *download) {
	if x.paused {
		x.held = true
		return
	}
	d := b.downloadsDB()
	name, conflict := x.proposed, "uniquify"
	switch {
	case x.suggestion != nil:
		name, conflict = x.suggestion.filename, x.suggestion.conflict
	case !b.anyDeterminer():
		conflict = x.conflict
		if x.given != "" {
			name = x.given
		}
	}
	name = fixExtension(name, x.mime)
	if _, taken := d.files[name]; x.saveAs || conflict == "prompt" && taken {
		// Measured: headless Chromium cancels the Save As dialog that saveAs, or "prompt" for a
		// name already taken, opens; the name is never set.
		x.state, x.reason, x.received, x.body = "interrupted", "USER_CANCELED", 0, nil
		b.fireDownloadEvent("downloads.onChanged", map[string]any{"id": x.id,
			"state": map[string]any{"previous": "in_progress", "current": "interrupted"}, "error": map[string]any{"current": x.reason}})
		return
	}
	if conflict != "overwrite" {
		name = uniqueName(name, func(n string) bool {
			_, on := d.files[n]
			return on
		})
	}
	delta := map[string]any{"id": x.id, "filename": map[string]any{"previous": "", "current": DownloadDir + "/" + name}}
	x.filename = DownloadDir + "/" + name
	if t, ok := extTypes[strings.ToLower(pathExt(name))]; ok && x.mime == "application/octet-stream" {
		delta["mime"] = map[string]any{"previous": x.mime, "current": t}
		x.mime = t
	}
	if x.status == 0 || x.status >= 400 {
		x.state = "interrupted"
		if x.lateMime != "" {
			delta["mime"] = map[string]any{"previous": x.mime, "current": x.lateMime}
			x.mime = x.lateMime
		}
		if x.reason == "" {
			x.reason = interruptReason(x.status)
		}
		delta["state"] = map[string]any{"previous": "in_progress", "current": "interrupted"}
		delta["error"] = map[string]any{"current": x.reason}
		if x.unanswered {
			// Measured: a request that got no answer can be resumed, which onCreated's item
			// does not say yet.
			x.canResume = true
			delta["canResume"] = map[string]any{"previous": false, "current": true}
		}
		b.fireDownloadEvent("downloads.onChanged", delta)
		return
	}
	if x.total != len(x.body) {
		// A data: URL's size is known only once it is read (measured).
		delta["totalBytes"] = map[string]any{"previous": x.total, "current": len(x.body)}
		delta["fileSize"] = map[string]any{"previous": x.size, "current": len(x.body)}
		x.total, x.size = len(x.body), len(x.body)
	}
	b.fireDownloadEvent("downloads.onChanged", delta)
	d.files[name] = x.body
	x.received, x.body = len(x.body), nil
	x.state, x.end = "complete", b.wallMillis()
	b.fireDownloadEvent("downloads.onChanged", map[string]any{"id": x.id,
		"state": map[string]any{"previous": "in_progress", "current": "complete"}, "endTime": map[string]any{"current": isoMillis(x.end)}})
}

// anyDeterminer reports whether some extension listens to onDeterminingFilename (measured:
// its listener, suggesting or not, takes the name from download()'s options).
func (b *Browser) anyDeterminer() bool {
	for _, e := range b.exts {
		for _, c := range e.contexts() {
			if b.namesDownloads(c) {
				return true
			}
		}
	}
	return false
}

func mustJSON(v any) string {
	raw, err := json.Marshal(v)
	if err != nil { // only the model's own values reach here
		panic(err)
	}
	return string(raw)
}

// downloadQuery is a search or erase query.
type downloadQuery struct {
	o     *goja.Object
	terms []string
	fre   *regexp.Regexp
	ure   *regexp.Regexp
	fure  *regexp.Regexp
}

// orderFields are the DownloadItem fields search sorts by (measured: fileSize and id are not).
var orderFields = []string{"bytesReceived", "danger", "endTime", "exists", "filename", "mime", "paused", "startTime", "state", "totalBytes", "url"}

func newDownloadQuery(o *goja.Object) (*downloadQuery, error) {
	q := &downloadQuery{o: o}
	if v := o.Get("query"); !isNullish(v) {
		for _, t := range v.Export().([]any) {
			q.terms = append(q.terms, strings.ToLower(t.(string)))
		}
	}
	for k, re := range map[string]**regexp.Regexp{"filenameRegex": &q.fre, "urlRegex": &q.ure, "finalUrlRegex": &q.fure} {
		if v := o.Get(k); !isNullish(v) {
			r, err := regexp.Compile(v.String())
			if err != nil {
				return nil, errors.New(apiargs.ErrDownloadsInvalidQueryFilter)
			}
			*re = r
		}
	}
	return q, nil
}

// match reports whether x passes the query's filters. Measured: every query term must be in the
// filename (the whole path) or the URL, case aside; a leading "-" is part of the term.
func (q *downloadQuery) match(x *download) bool {
	item := x.item(true)
	for _, t := range q.terms {
		if !strings.Contains(strings.ToLower(x.filename), t) && !strings.Contains(strings.ToLower(x.url), t) {
			return false
		}
	}
	if q.fre != nil && !q.fre.MatchString(x.filename) || q.ure != nil && !q.ure.MatchString(x.url) ||
		q.fure != nil && !q.fure.MatchString(x.finalURL) {
		return false
	}
	if v := q.o.Get("state"); !isNullish(v) && v.String() != stateNames[x.stateRank()] {
		return false
	}
	for _, k := range []string{"id", "url", "finalUrl", "filename", "mime", "exists", "paused", "danger", "error",
		"totalBytes", "fileSize", "bytesReceived", "startTime", "endTime"} {
		if v := q.o.Get(k); !isNullish(v) && !sameValue(v.Export(), item[k]) {
			return false
		}
	}
	num := func(k string) (float64, bool) {
		v := q.o.Get(k)
		if isNullish(v) {
			return 0, false
		}
		return v.ToFloat(), true
	}
	if n, ok := num("totalBytesGreater"); ok && float64(x.total) <= n {
		return false
	}
	if n, ok := num("totalBytesLess"); ok && float64(x.total) >= n {
		return false
	}
	times := func(k string, at float64, after bool) bool {
		v := q.o.Get(k)
		if isNullish(v) {
			return true
		}
		t, err := time.Parse(time.RFC3339Nano, v.String())
		if err != nil {
			return false
		}
		ms := float64(t.UnixMilli())
		return after && at > ms || !after && at < ms
	}
	return times("startedAfter", x.start, true) && times("startedBefore", x.start, false) &&
		(x.end != 0 || isNullish(q.o.Get("endedAfter")) && isNullish(q.o.Get("endedBefore"))) &&
		times("endedAfter", x.end, true) && times("endedBefore", x.end, false)
}

// stateRank is the download's state as Chromium keeps it: in progress, complete, cancelled (by
// the user) or interrupted. Measured: search's state filter "interrupted" finds the cancelled
// ones only, and orderBy "state" sorts in this order.
func (x *download) stateRank() int {
	switch {
	case x.state == "in_progress":
		return 0
	case x.state == "complete":
		return 1
	case x.reason == "USER_CANCELED":
		return 2
	}
	return 3
}

// stateNames are the state filter's values by stateRank.
var stateNames = []string{"in_progress", "complete", "interrupted", ""}

// sameValue compares a query value with an item's, numbers by value.
func sameValue(q, item any) bool {
	switch n := q.(type) {
	case int64:
		i, ok := item.(int)
		return ok && int64(i) == n
	case float64:
		i, ok := item.(int)
		return ok && float64(i) == n
	}
	return q == item
}

// run returns the downloads the query selects, ordered and limited as search does.
func (q *downloadQuery) run(d *downloadsDB) ([]*download, error) {
	var order []string
	if v := q.o.Get("orderBy"); !isNullish(v) {
		for _, f := range v.Export().([]any) {
			s := f.(string)
			if !slices.Contains(orderFields, strings.TrimPrefix(s, "-")) {
				return nil, errors.New(apiargs.ErrDownloadsInvalidOrderBy)
			}
			order = append(order, s)
		}
	}
	limit := 1000
	if v := q.o.Get("limit"); !isNullish(v) {
		limit = int(v.ToInteger())
		if limit < 0 {
			return nil, errors.New(apiargs.ErrDownloadsInvalidLimit)
		}
	}
	var hits []*download
	for _, x := range d.items {
		if q.match(x) {
			hits = append(hits, x)
		}
	}
	slices.SortStableFunc(hits, func(a, b *download) int {
		ia, ib := a.item(true), b.item(true)
		for _, f := range order {
			k, desc := strings.TrimPrefix(f, "-"), strings.HasPrefix(f, "-")
			c := compareField(ia[k], ib[k])
			if k == "state" {
				c = cmp.Compare(a.stateRank(), b.stateRank())
			}
			if desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0
	})
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

func compareField(a, b any) int {
	switch x := a.(type) {
	case int:
		y, _ := b.(int)
		return cmp.Compare(x, y)
	case string:
		y, _ := b.(string)
		return cmp.Compare(x, y)
	case bool:
		y, _ := b.(bool)
		return cmp.Compare(btoi(x), btoi(y))
	case nil:
		if b == nil {
			return 0
		}
		return -1
	}
	return 0
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func init() {
	registerAPI("downloads", downloadsSrc,
		func(c *Context) bool { return c.inExtensionProcess() && c.ext.hasPermission("downloads") },
		func(c *Context, set func(string, any)) {
			ops := c.schemaOps("downloads", set)
			op := func(name string, do func(d *downloadsDB, p []goja.Value) (any, error)) {
				ops(name, func(p []goja.Value) (any, error) { return do(c.b.downloadsDB(), p) })
			}
			byID := func(d *downloadsDB, p []goja.Value) (*download, error) {
				x := d.find(int(p[0].ToInteger()))
				if x == nil {
					return nil, errors.New(apiargs.ErrDownloadsInvalidID)
				}
				return x, nil
			}
			set("register", func(fn goja.Callable) { c.b.downloadsDB().determiners[c] = fn })
			op("download", func(d *downloadsDB, p []goja.Value) (any, error) {
				o := p[0].(*goja.Object)
				raw := o.Get("url").String()
				if u, err := url.Parse(raw); err != nil || u.Scheme == "" {
					return nil, errors.New(apiargs.ErrDownloadsInvalidURL)
				}
				given, conflict := "", "uniquify"
				if v := o.Get("filename"); !isNullish(v) {
					if given = v.String(); !validDownloadName(given) {
						return nil, errors.New(apiargs.ErrDownloadsInvalidFilename)
					}
				}
				if v := o.Get("conflictAction"); !isNullish(v) {
					conflict = v.String()
				}
				method := "GET"
				if v := o.Get("method"); !isNullish(v) {
					method = v.String()
				}
				header := http.Header{}
				if v := o.Get("headers"); !isNullish(v) {
					for _, h := range v.Export().([]any) {
						m := h.(map[string]any)
						name, value := m["name"].(string), m["value"].(string)
						switch {
						case !headerToken(name):
							return nil, errors.New(apiargs.ErrDownloadsInvalidHeaderName)
						case apiargs.DownloadsUnsafeHeader(name):
							return nil, errors.New(apiargs.ErrDownloadsUnsafeHeader)
						case strings.ContainsAny(value, "\x00\r\n"):
							return nil, errors.New(apiargs.ErrDownloadsInvalidHeaderValue)
						}
						header.Add(name, value)
					}
				}
				var body []byte
				if v := o.Get("body"); !isNullish(v) {
					body = []byte(v.String())
				}
				saveAs := false
				if v := o.Get("saveAs"); !isNullish(v) {
					saveAs = v.ToBoolean()
				}
				return c.b.startDownload(c.ext, raw, method, header, body, given, conflict, saveAs), nil
			})
			op("search", func(d *downloadsDB, p []goja.Value) (any, error) {
				hits, err := d.query(p[0])
				if err != nil {
					return nil, err
				}
				out := []any{}
				for _, x := range hits {
					out = append(out, x.item(true))
				}
				return out, nil
			})
			op("erase", func(d *downloadsDB, p []goja.Value) (any, error) {
				hits, err := d.query(p[0])
				if err != nil {
					return nil, err
				}
				ids := []int{}
				for _, x := range hits {
					ids = append(ids, x.id)
					d.items = slices.DeleteFunc(d.items, func(y *download) bool { return y == x })
				}
				for _, id := range ids {
					c.b.fireDownloadEvent("downloads.onErased", id)
				}
				return ids, nil
			})
			op("removeFile", func(d *downloadsDB, p []goja.Value) (any, error) {
				x, err := byID(d, p)
				if err != nil {
					return nil, err
				}
				if x.state != "complete" {
					return nil, errors.New(apiargs.ErrDownloadsNotComplete)
				}
				if !x.exists {
					return nil, errors.New(apiargs.ErrDownloadsFileDeleted)
				}
				delete(d.files, x.relName())
				x.exists = false
				c.b.fireDownloadEvent("downloads.onChanged", map[string]any{"id": x.id, "exists": map[string]any{"previous": true, "current": false}})
				return nil, nil
			})
			op("pause", func(d *downloadsDB, p []goja.Value) (any, error) {
				x, err := byID(d, p)
				if err != nil {
					return nil, err
				}
				if x.state != "in_progress" {
					return nil, errors.New(apiargs.ErrDownloadsNotInProgress)
				}
				// A download is in progress here only while onDeterminingFilename listeners
				// choose its name (measured there: paused and resumable).
				if !x.paused {
					x.paused, x.canResume = true, true
					c.b.fireDownloadEvent("downloads.onChanged", map[string]any{"id": x.id,
						"paused": map[string]any{"previous": false, "current": true}, "canResume": map[string]any{"previous": false, "current": true}})
				}
				return nil, nil
			})
			// Measured: resume of a completed download succeeds doing nothing; an interrupted one
			// must be resumable.
			op("resume", func(d *downloadsDB, p []goja.Value) (any, error) {
				x, err := byID(d, p)
				if err != nil {
					return nil, err
				}
				switch {
				case x.state == "interrupted" && !x.canResume:
					return nil, errors.New(apiargs.ErrDownloadsCannotResume)
				case x.state == "interrupted":
					return nil, errors.New("hostsim: resuming an interrupted download is not simulated")
				case x.paused:
					x.paused, x.canResume = false, false
					c.b.fireDownloadEvent("downloads.onChanged", map[string]any{"id": x.id,
						"paused": map[string]any{"previous": true, "current": false}, "canResume": map[string]any{"previous": true, "current": false}})
					if x.held {
						x.held = false
						c.b.later(0, func() { c.b.finishDownload(x) })
					}
				}
				return nil, nil
			})
			// Measured: cancel of an ended download or of no download succeeds doing nothing; one
			// in progress ends interrupted, USER_CANCELED, with nothing received and no file name.
			op("cancel", func(d *downloadsDB, p []goja.Value) (any, error) {
				x := d.find(int(p[0].ToInteger()))
				if x == nil || x.state != "in_progress" {
					return nil, nil
				}
				x.state, x.reason, x.received, x.body = "interrupted", "USER_CANCELED", 0, nil
				x.paused, x.canResume, x.held = false, false, false
				c.b.fireDownloadEvent("downloads.onChanged", map[string]any{"id": x.id,
					"state": map[string]any{"previous": "in_progress", "current": "interrupted"}, "error": map[string]any{"current": x.reason}})
				return nil, nil
			})
			op("open", func(d *downloadsDB, p []goja.Value) (any, error) {
				if _, err := byID(d, p); err != nil {
					return nil, err
				}
				if !c.hasUserGesture() {
					return nil, errors.New(apiargs.ErrDownloadsUserGesture)
				}
				return nil, errors.New("hostsim: opening a downloaded file is not simulated")
			})
			// show, showDefaultFolder and setShelfEnabled return nothing, at once (measured: show
			// even for an id that does not exist, setShelfEnabled without the downloads.shelf
			// permission); headless Chromium has no folder or shelf to show.
			for _, name := range []string{"show", "showDefaultFolder", "setShelfEnabled"} {
				m := schemaMethod("downloads." + name)
				set(name, func(call goja.FunctionCall) goja.Value {
					if _, fail := c.parseCall(m, call); fail != nil {
						return fail
					}
					return goja.Undefined()
				})
			}
			op("getFileIcon", func(d *downloadsDB, p []goja.Value) (any, error) {
				if _, err := byID(d, p); err != nil {
					return nil, err
				}
				return nil, errors.New(apiargs.ErrDownloadsIconNotFound)
			})
			op("setUiOptions", func(d *downloadsDB, p []goja.Value) (any, error) {
				if !c.ext.hasPermission("downloads.ui") {
					return nil, errors.New(apiargs.ErrDownloadsUIPermission)
				}
				return nil, nil
			})
			// Measured: acceptDanger of a safe download resolves (of an unknown id, headless
			// Chromium 156 crashed).
			op("acceptDanger", func(d *downloadsDB, p []goja.Value) (any, error) { return nil, nil })
		})
}

// query runs the DownloadQuery q (search's and erase's argument) over d.
func (d *downloadsDB) query(q goja.Value) ([]*download, error) {
	parsed, err := newDownloadQuery(q.(*goja.Object))
	if err != nil {
		return nil, err
	}
	return parsed.run(d)
}
