package browser

import (
	"io"

	"github.com/extwasm/extwasm/hostsim/internal/rundiagram"
)

// WriteDiagram writes the transcript so far as a sequence diagram: one self-contained HTML file
// with inline SVG that any browser shows without scripts or network. Each context that took part
// is a lane, with the browser's own lane first; each entry with a channel is an arrow from its
// sender to its receiver (a call addressed to an extension or a tab goes to the browser's lane,
// and results and onDisconnect come from it), labelled with its kind, channel and shortened
// payload; lifecycle events are notes on their lane; faults (rejected:, lastError:, dropped:,
// failed starts, blocked frames, failed navigations) are red. Hovering an arrow or a note shows
// its full text, payloads capped at 16 KiB. title heads the page.
func (t *Transcript) WriteDiagram(w io.Writer, title string) error {
	entries := t.t.Entries()
	out := make([]rundiagram.Entry, len(entries))
	for i, e := range entries {
		out[i] = rundiagram.Entry(e)
	}
	return rundiagram.Write(w, title, out)
}
