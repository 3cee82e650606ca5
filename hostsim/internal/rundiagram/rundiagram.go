// Package rundiagram draws a simulated browser's transcript as a sequence diagram: one
// self-contained HTML file with inline SVG, readable in any browser without scripts or network.
//
// Each context that took part is a lane; each message or port event (an entry with a channel) is
// one arrow between lanes; each lifecycle event (worker-start, open-tab, inject, install…) is a
// note on the lane it concerns; faults are red. Payloads are untrusted text: every string is
// escaped, and characters XML cannot hold are replaced, so the document parses as XML (and as
// HTML) whatever it shows.
package rundiagram

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Entry is one transcript entry, with the fields of hostsim's transcript so that a conversion is
// all a caller needs.
type Entry struct {
	// At is the virtual time of the event.
	At time.Duration
	// Channel names the message channel; empty for lifecycle events.
	Channel string
	// Kind is what happened.
	Kind string
	// From and To name the contexts involved, or stand for the browser ("browser", "user", "").
	From, To string
	// Payload is the message, when there is one.
	Payload string
	// Outcome says how it ended.
	Outcome string
}

// BrowserLane is the lane of the browser itself: messages addressed to an extension or a tab
// rather than to a context go to it, results and onDisconnect come from it, and lifecycle events
// that concern no context are noted on it.
const BrowserLane = "browser"

// addressKinds are the calls whose To is an address Chrome resolves (an extension, a tab), not a
// context: the deliveries that follow show where they went.
var addressKinds = map[string]bool{
	"runtime.sendMessage": true, "runtime.connect": true,
	"tabs.sendMessage": true, "tabs.connect": true,
}

// Fault reports whether e records something that went wrong: a rejection, a lastError, a dropped
// message, a failed start, a blocked frame or a failed navigation.
func Fault(e Entry) bool {
	for _, p := range []string{"rejected:", "lastError:", "dropped:", "failed:", "error"} {
		if strings.HasPrefix(e.Outcome, p) {
			return true
		}
	}
	switch e.Kind {
	case "frame-blocked":
		return true
	case "navigate":
		// A navigation's outcome is its URL; a failed one records the error's text instead, and
		// URLs hold no spaces.
		return strings.Contains(e.Outcome, " ")
	}
	return false
}

// Diagram is the layout of a transcript: its lanes and, for each entry, where it is drawn.
type Diagram struct {
	// Lanes are the lanes from left to right: the browser's first when anything uses it, then
	// contexts in the order they first appear.
	Lanes []string
	// Rows are the entries in order, each placed on the lanes.
	Rows []Row
}

// Row is one entry placed on the diagram.
type Row struct {
	Entry
	// Arrow is true for a message or port event, drawn from lane From to lane To; otherwise the
	// entry is a note on lane From (To equals From).
	Arrow bool
	// FromLane and ToLane are indexes into Lanes.
	FromLane, ToLane int
}

// Layout places entries on lanes.
func Layout(entries []Entry) Diagram {
	l := layout{index: map[string]int{}, first: map[string]int{}}
	// Pass 1: the contexts that send and receive messages, and each channel's contexts, so that
	// a post to "receivers" can be drawn to the one context at the other end.
	peers := map[string][]string{}
	for i, e := range entries {
		if e.Channel == "" {
			continue
		}
		for _, end := range []string{e.From, e.To} {
			if end == e.To && (addressKinds[e.Kind] || e.To == "receivers") {
				continue
			}
			if isBrowser(end) {
				continue
			}
			l.see(end, i)
			if !contains(peers[e.Channel], end) {
				peers[e.Channel] = append(peers[e.Channel], end)
			}
		}
	}
	// Pass 2: where each entry goes.
	type placed struct{ from, to string }
	ends := make([]placed, len(entries))
	for i, e := range entries {
		if e.Channel == "" {
			lane := l.noteLane(e.To, i)
			ends[i] = placed{lane, lane}
			continue
		}
		from, to := e.From, e.To
		if isBrowser(from) {
			from = BrowserLane
		}
		switch {
		case addressKinds[e.Kind] || isBrowser(to):
			to = BrowserLane
		case to == "receivers":
			to = BrowserLane
			if others := without(peers[e.Channel], from); len(others) == 1 {
				to = others[0]
			}
		}
		l.see(from, i)
		l.see(to, i)
		ends[i] = placed{from, to}
	}
	lanes := l.order()
	pos := map[string]int{}
	for i, name := range lanes {
		pos[name] = i
	}
	d := Diagram{Lanes: lanes, Rows: make([]Row, len(entries))}
	for i, e := range entries {
		d.Rows[i] = Row{Entry: e, Arrow: e.Channel != "", FromLane: pos[ends[i].from], ToLane: pos[ends[i].to]}
	}
	return d
}

type layout struct {
	index map[string]int // lane name → order of first sight
	first map[string]int // lane name → entry index of first sight
	seen  []string
}

func (l *layout) see(name string, at int) {
	if _, ok := l.index[name]; ok {
		if at < l.first[name] {
			l.first[name] = at
		}
		return
	}
	l.index[name] = len(l.seen)
	l.first[name] = at
	l.seen = append(l.seen, name)
}

// noteLane is the lane a lifecycle event about to is noted on: the context itself; else the first
// context it names ("popup[X]" is the popup's page "popup popup.html[X]", "tab 2" and "tab 2
// frame 0" are their frames' contexts); else a lane of its own for a context or tab that took no
// part in messaging; else the browser's (an extension, the user).
func (l *layout) noteLane(to string, at int) string {
	if isBrowser(to) {
		l.see(BrowserLane, at)
		return BrowserLane
	}
	if _, ok := l.index[to]; ok {
		l.see(to, at)
		return to
	}
	base, ext := to, ""
	if i := strings.LastIndex(to, "["); i >= 0 && strings.HasSuffix(to, "]") {
		base, ext = to[:i], to[i:]
	}
	for _, name := range l.seen {
		if strings.HasPrefix(name, base+" ") && strings.HasSuffix(name, ext) {
			l.see(name, at)
			return name
		}
	}
	if ext != "" || tabName.MatchString(to) {
		l.see(to, at)
		return to
	}
	l.see(BrowserLane, at)
	return BrowserLane
}

var tabName = regexp.MustCompile(`^tab \d+( frame \d+)?$`)

// order is the browser's lane first, then the rest by first appearance.
func (l *layout) order() []string {
	var out []string
	if _, ok := l.index[BrowserLane]; ok {
		out = append(out, BrowserLane)
	}
	rest := make([]string, 0, len(l.seen))
	for _, n := range l.seen {
		if n != BrowserLane {
			rest = append(rest, n)
		}
	}
	// Stable by first entry: a lane seen in pass 1 at a late message may be noted on early.
	for i := 1; i < len(rest); i++ {
		for j := i; j > 0 && l.first[rest[j]] < l.first[rest[j-1]]; j-- {
			rest[j], rest[j-1] = rest[j-1], rest[j]
		}
	}
	return append(out, rest...)
}

func isBrowser(end string) bool { return end == "" || end == BrowserLane || end == "user" }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func without(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// Sizes of the drawing, in CSS pixels.
const (
	timeWidth  = 84
	laneWidth  = 230
	headHeight = 46
	rowHeight  = 36
	margin     = 12
	// shownRunes is how much of a payload an arrow's label shows.
	shownRunes = 56
	// noteRunes is how much of a note fits in a lane.
	noteRunes = 30
	// titleBytes caps the full text in a tooltip: a message may be 64 MiB.
	titleBytes = 16 << 10
)

// Write renders entries as one HTML document titled title.
func Write(w io.Writer, title string, entries []Entry) error {
	d := Layout(entries)
	bw := bufio.NewWriter(w)
	width := timeWidth + len(d.Lanes)*laneWidth + margin
	p := &printer{w: bw, lanes: d.Lanes, width: width}
	height := len(d.Rows)*rowHeight + rowHeight/2

	faults, arrows := 0, 0
	for _, r := range d.Rows {
		if Fault(r.Entry) {
			faults++
		}
		if r.Arrow {
			arrows++
		}
	}
	p.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
	p.text(title)
	p.raw("</title>\n<style>\n" + style + "</style>\n</head>\n<body>\n<h1>")
	p.text(title)
	p.raw("</h1>\n<p class=\"summary\">")
	span := time.Duration(0)
	if n := len(entries); n > 0 {
		span = entries[n-1].At
	}
	p.text(fmt.Sprintf("%s: %s and port events, %s; %s; %s; virtual time %s. Hover an arrow or a note for its full text.",
		count(len(entries), "entry", "entries"), count(arrows, "message", "messages"),
		count(len(entries)-arrows, "lifecycle note", "lifecycle notes"), count(faults, "fault", "faults"),
		count(len(d.Lanes), "lane", "lanes"), seconds(span)))
	p.raw("</p>\n")

	// The lane headers are an SVG of their own in a sticky bar, so they stay in view while a long
	// run scrolls by, with no script.
	p.raw(fmt.Sprintf("<div class=\"heads\"><svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lanes\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
		width, headHeight, width, headHeight))
	p.raw(fmt.Sprintf("<text class=\"time-head\" x=\"%d\" y=\"%d\">time</text>\n", margin, headHeight/2+4))
	for i, name := range d.Lanes {
		p.laneHead(i, name)
	}
	p.raw("</svg></div>\n")

	p.raw(fmt.Sprintf("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"run\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
		width, height, width, height))
	p.raw(defs)
	for i := range d.Lanes {
		x := laneX(i)
		p.raw(fmt.Sprintf("<line class=\"lifeline\" x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\"/>\n", x, x, height))
	}
	last := time.Duration(-1)
	for i, r := range d.Rows {
		y := rowHeight/2 + i*rowHeight + rowHeight/4
		if r.At != last {
			if i > 0 {
				p.raw(fmt.Sprintf("<line class=\"tick\" x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", y-rowHeight/2-2, width, y-rowHeight/2-2))
			}
			p.raw(fmt.Sprintf("<text class=\"time\" x=\"%d\" y=\"%d\">", margin, y+4))
			p.text(seconds(r.At))
			p.raw("</text>\n")
			last = r.At
		}
		if r.Arrow {
			p.arrow(r, y)
		} else {
			p.note(r, y)
		}
	}
	p.raw("</svg>\n</body>\n</html>\n")
	if p.err != nil {
		return p.err
	}
	return bw.Flush()
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func laneX(i int) int { return timeWidth + i*laneWidth + laneWidth/2 }

func seconds(d time.Duration) string { return fmt.Sprintf("%.3fs", d.Seconds()) }

type printer struct {
	w     *bufio.Writer
	lanes []string
	width int
	err   error
}

func (p *printer) raw(s string) {
	if p.err == nil {
		_, p.err = p.w.WriteString(s)
	}
}

// text writes s escaped for XML text and attribute values alike; characters XML cannot hold and
// invalid UTF-8 become U+FFFD.
func (p *printer) text(s string) {
	if p.err == nil {
		p.err = xml.EscapeText(p.w, []byte(s))
	}
}

func (p *printer) attr(name, value string) {
	p.raw(" " + name + "=\"")
	p.text(value)
	p.raw("\"")
}

// laneHead draws a lane's name on two lines: the context, then the extension in brackets.
func (p *printer) laneHead(i int, name string) {
	x := laneX(i)
	first, second := name, ""
	if j := strings.Index(name, "["); j > 0 {
		first, second = strings.TrimSpace(name[:j]), name[j:]
	}
	p.raw("<g class=\"lane")
	if name == BrowserLane {
		p.raw(" browser")
	}
	p.raw("\"")
	p.attr("data-name", name)
	p.raw(">")
	p.raw("<title>")
	p.text(name)
	p.raw("</title>")
	p.raw(fmt.Sprintf("<rect x=\"%d\" y=\"4\" width=\"%d\" height=\"%d\" rx=\"6\"/>", x-laneWidth/2+6, laneWidth-12, headHeight-8))
	if second == "" {
		p.raw(fmt.Sprintf("<text class=\"lane-name\" x=\"%d\" y=\"%d\">", x, headHeight/2+4))
		p.text(shorten(first, 34))
		p.raw("</text>")
	} else {
		p.raw(fmt.Sprintf("<text class=\"lane-name\" x=\"%d\" y=\"%d\">", x, headHeight/2-3))
		p.text(shorten(first, 34))
		p.raw(fmt.Sprintf("</text><text class=\"lane-ext\" x=\"%d\" y=\"%d\">", x, headHeight/2+12))
		p.text(shorten(second, 34))
		p.raw("</text>")
	}
	p.raw("</g>\n")
}

func (p *printer) group(kind string, r Row) {
	p.raw("<g class=\"" + kind)
	if Fault(r.Entry) {
		p.raw(" fault")
	}
	p.raw("\"")
	p.attr("data-kind", r.Kind)
	p.raw("><title>")
	p.text(full(r.Entry))
	p.raw("</title>")
}

// arrow draws a message or port event: kind and channel above the line, the payload and the
// outcome below it.
func (p *printer) arrow(r Row, y int) {
	p.group("msg", r)
	x1, x2 := laneX(r.FromLane), laneX(r.ToLane)
	marker := "url(#head)"
	if Fault(r.Entry) {
		marker = "url(#head-fault)"
	}
	head := r.Kind + "  " + r.Channel
	if (addressKinds[r.Kind] || r.To == "receivers") && r.To != "" {
		head += " → " + r.To // the address, which the lane does not show
	}
	detail := detail(r.Entry)
	anchor, headX, detailX := "", 0, 0
	if x1 == x2 {
		// A context to itself, or the browser to the browser: a loop to the right.
		p.raw(fmt.Sprintf("<path class=\"line\" d=\"M%d %d h40 v10 h-38\" marker-end=\"%s\"/>", x1, y-5, marker))
		anchor, headX, detailX = " start", x1+44, x1+44
	} else {
		// Stop short of the lifeline so the head is seen.
		end := x2 - 3
		if x2 < x1 {
			end = x2 + 3
		}
		p.raw(fmt.Sprintf("<line class=\"line\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" marker-end=\"%s\"/>", x1, y, end, y, marker))
		headX, detailX = p.centre((x1+x2)/2, head), p.centre((x1+x2)/2, detail)
	}
	p.raw(fmt.Sprintf("<text class=\"label%s\" x=\"%d\" y=\"%d\">", anchor, headX, y-4))
	p.text(head)
	p.raw("</text>")
	if detail != "" {
		p.raw(fmt.Sprintf("<text class=\"detail%s\" x=\"%d\" y=\"%d\">", anchor, detailX, y+12))
		p.text(detail)
		p.raw("</text>")
	}
	p.raw("</g>\n")
}

// centre is where text centred on x goes so that it stays right of the time column and inside
// the drawing, as far as it fits.
func (p *printer) centre(x int, text string) int {
	half := runeWidth(text) / 2
	if x+half > p.width {
		x = p.width - half
	}
	if x-half < timeWidth {
		x = timeWidth + half
	}
	return x
}

// runeWidth is text's width in 11px monospace, 6.6px a character.
func runeWidth(text string) int { return utf8.RuneCountInString(text) * 27 / 4 }

// note draws a lifecycle event as a box on its lane.
func (p *printer) note(r Row, y int) {
	p.group("note", r)
	x := laneX(r.FromLane)
	text := r.Kind
	if p.lanes[r.FromLane] == BrowserLane {
		// On the browser's lane, say what it concerns: an extension, a tab.
		if !isBrowser(r.To) {
			text += " " + r.To
		} else if !isBrowser(r.From) {
			text += " " + r.From
		}
	}
	if r.From == "user" {
		text = "user: " + text
	}
	if r.Outcome != "" {
		text += " ⇒ " + r.Outcome
	}
	text = shorten(text, noteRunes)
	w := runeWidth(text) + 14
	if w > laneWidth-8 {
		w = laneWidth - 8
	}
	p.raw(fmt.Sprintf("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"22\" rx=\"3\"/>", x-w/2, y-13, w))
	p.raw(fmt.Sprintf("<text class=\"note-text\" x=\"%d\" y=\"%d\">", x, y+2))
	p.text(text)
	p.raw("</text></g>\n")
}

// detail is an arrow's second line: the payload, shortened, and the outcome.
func detail(e Entry) string {
	s := shorten(oneLine(e.Payload), shownRunes)
	if e.Outcome != "" {
		if s != "" {
			s += " "
		}
		s += "⇒ " + shorten(oneLine(e.Outcome), shownRunes)
	}
	return s
}

// full is the whole entry for a tooltip, the payload capped at titleBytes.
func full(e Entry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s", seconds(e.At))
	if e.Channel != "" {
		b.WriteString(" " + e.Channel)
	}
	b.WriteString(" " + e.Kind)
	if e.From != "" {
		b.WriteString(" " + e.From)
	}
	if e.To != "" {
		b.WriteString(" → " + e.To)
	}
	if e.Payload != "" {
		pl := e.Payload
		if len(pl) > titleBytes {
			cut := titleBytes
			for cut > 0 && !utf8.RuneStart(pl[cut]) {
				cut--
			}
			pl = fmt.Sprintf("%s… (%d bytes)", pl[:cut], len(e.Payload))
		}
		b.WriteString("\n" + pl)
	}
	if e.Outcome != "" {
		b.WriteString("\n⇒ " + e.Outcome)
	}
	return b.String()
}

// shorten keeps the first n runes of s, marking a cut with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := range s {
		if i == n-1 {
			return s[:k] + "…"
		}
		i++
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

const style = `body { font: 13px system-ui, sans-serif; margin: 12px; color: #1d1d1f; background: #fff; }
h1 { font-size: 18px; margin: 0 0 4px; }
.summary { margin: 0 0 8px; color: #555; }
.heads { position: sticky; top: 0; background: #fff; z-index: 1; border-bottom: 1px solid #ccc; }
svg { display: block; font: 11px ui-monospace, monospace; }
.time-head { fill: #777; }
.lane rect { fill: #eef3fb; stroke: #7a9cc6; }
.lane.browser rect { fill: #f1f1f1; stroke: #999; }
.lane-name { text-anchor: middle; font-weight: bold; fill: #1d3557; }
.lane-ext { text-anchor: middle; fill: #456; }
.lifeline { stroke: #9ab; stroke-dasharray: 4 4; }
.tick { stroke: #eee; }
.time { fill: #555; }
.msg .line { stroke: #2b5797; stroke-width: 1.4; fill: none; }
.label, .detail { text-anchor: middle; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.label { fill: #1d3557; }
.detail { fill: #555; }
.start { text-anchor: start; }
.note rect { fill: #fff8dc; stroke: #c9b458; }
.note-text { text-anchor: middle; fill: #5a4a00; }
.fault .line { stroke: #c62828; stroke-width: 2; }
.fault .label, .fault .detail, .fault .note-text { fill: #c62828; font-weight: bold; }
.fault rect { fill: #fde8e8; stroke: #c62828; }
g:hover .line { stroke-width: 3; }
g:hover rect { stroke-width: 2; }
`

const defs = `<defs>
<marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#2b5797"/></marker>
<marker id="head-fault" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#c62828"/></marker>
</defs>
`
