package extcorpus

import (
	"fmt"
	"io"
	"path"
	"strings"
)

// Message is one error an extension's context reported: an uncaught exception or unhandled
// rejection ("Uncaught TypeError: …", "Uncaught (in promise) …") or a console.error call.
type Message struct {
	// Context is which context reported it, as Classify names it.
	Context string
	// Text is the message's one-line text.
	Text string
}

// Run is what one browser gave for one extension.
type Run struct {
	// LoadError is set when the procedure could not be carried out: the extension did not
	// install, or a page did not open. Such a run is not clean.
	LoadError string
	// Errors are the messages collected, in the order they arrived.
	Errors []Message
}

// Clean reports whether the run loaded and collected no error.
func (r Run) Clean() bool { return r.LoadError == "" && len(r.Errors) == 0 }

// FirstPerContext is the first message of each context, in the order the contexts first reported,
// with the load error first; what tells what stopped an extension.
func (r Run) FirstPerContext() []Message {
	var out []Message
	if r.LoadError != "" {
		out = append(out, Message{Context: "load", Text: r.LoadError})
	}
	seen := map[string]bool{}
	for _, m := range r.Errors {
		if !seen[m.Context] {
			seen[m.Context] = true
			out = append(out, m)
		}
	}
	return out
}

// Outcome is one extension's runs in both browsers.
type Outcome struct {
	Ext      Extension
	Chromium Run
	Hostsim  Run
}

// Totals are the corpus's figures.
type Totals struct {
	// Extensions is how many ran; ChromiumClean how many ran clean in Chromium; HostsimClean how
	// many of those ran clean in hostsim; HostsimOnly how many ran clean in hostsim but not in
	// Chromium (hostsim missing an error Chromium reports).
	Extensions, ChromiumClean, HostsimClean, HostsimOnly int
}

// Tally counts the outcomes.
func Tally(outs []Outcome) Totals {
	t := Totals{Extensions: len(outs)}
	for _, o := range outs {
		switch {
		case o.Chromium.Clean() && o.Hostsim.Clean():
			t.ChromiumClean++
			t.HostsimClean++
		case o.Chromium.Clean():
			t.ChromiumClean++
		case o.Hostsim.Clean():
			t.HostsimOnly++
		}
	}
	return t
}

// Context names, shared by both browsers so their reports compare.
const (
	ContextWorker  = "worker"
	ContextPage    = "page"
	ContextContent = "content script"
	ContextPopup   = "popup"
	ContextOptions = "options"
)

// Classify names the context a message came from: the service worker, the web page's main world,
// a content script, the popup or options page, or any other extension page by its file name.
// page is the extension page's path or file name; hostsim names a page's context by its file name
// only, so pages compare by file name.
func Classify(ext Extension, worker, content bool, page string) string {
	switch {
	case worker:
		return ContextWorker
	case content:
		return ContextContent
	case page == "":
		return ContextPage
	}
	switch base := path.Base(page); {
	case ext.Popup != "" && base == path.Base(ext.Popup):
		return ContextPopup
	case ext.Options != "" && base == path.Base(ext.Options):
		return ContextOptions
	default:
		return "extension page " + base
	}
}

// PrintTable writes one row per extension (extension | Chromium clean? | hostsim clean? | first
// hostsim error per context), the totals, and then Chromium's own errors for the extensions it
// does not run clean, since those are left out of the comparison.
func PrintTable(w io.Writer, outs []Outcome) error {
	var b strings.Builder
	b.WriteString("| extension | Chromium clean? | hostsim clean? | first hostsim error per context |\n|---|---|---|---|\n")
	for _, o := range outs {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", o.Ext.Rel, yesNo(o.Chromium.Clean()), yesNo(o.Hostsim.Clean()), cell(o.Hostsim.FirstPerContext()))
	}
	t := Tally(outs)
	fmt.Fprintf(&b, "\n%d of %d clean in Chromium, %d of those clean in hostsim", t.ChromiumClean, t.Extensions, t.HostsimClean)
	if t.HostsimOnly > 0 {
		fmt.Fprintf(&b, " (%d clean in hostsim only)", t.HostsimOnly)
	}
	b.WriteString("\n")
	first := true
	for _, o := range outs {
		if o.Chromium.Clean() {
			continue
		}
		if first {
			b.WriteString("\nnot clean in Chromium (first error per context):\n")
			first = false
		}
		fmt.Fprintf(&b, "%s | %s\n", o.Ext.Rel, cell(o.Chromium.FirstPerContext()))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "no"
}

// cell joins messages as "context: text" on one table line.
func cell(ms []Message) string {
	parts := make([]string, 0, len(ms))
	for _, m := range ms {
		parts = append(parts, m.Context+": "+oneLine(m.Text))
	}
	return strings.Join(parts, "; ")
}

// oneLine squeezes whitespace and the table's separator out of a message and bounds its length.
func oneLine(s string) string {
	s = strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "|", `\|`)
	if r := []rune(s); len(r) > 160 {
		s = string(r[:160]) + "…"
	}
	return s
}
