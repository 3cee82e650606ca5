package chromesim

import (
	"fmt"
	"strings"
	"time"

	"github.com/extwasm/extwasm/hostsim/internal/chromeclone"
)

// Entry is one event of the message service: a message sent, delivered or answered, a port event,
// or a lifecycle change.
type Entry struct {
	// At is the virtual time of the event.
	At time.Duration
	// Channel names the message channel ("msg#3", "port#4(knockknock)"); empty for lifecycle.
	Channel string
	// Kind is what happened: runtime.sendMessage, tabs.sendMessage, deliver, reply, result,
	// runtime.connect, tabs.connect, onConnect, post, disconnect, onDisconnect, worker-start,
	// worker-stop, open-tab, navigate, close-tab, inject, install, reload.
	Kind string
	// From and To name the contexts involved.
	From, To string
	// Payload is the message as JSON, when there is one; a structured clone is shown as
	// chromeclone.Summary renders it.
	Payload string
	// Outcome says how it ended, when that is not obvious from Kind.
	Outcome string
}

// maxShown is how much of a payload String prints.
const maxShown = 120

// String renders the entry as one readable line.
func (e Entry) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%9.3fs ", e.At.Seconds())
	if e.Channel != "" {
		fmt.Fprintf(&b, "%-14s ", e.Channel)
	}
	b.WriteString(e.Kind)
	if e.From != "" || e.To != "" {
		if e.From != "" {
			b.WriteString(" " + e.From)
		}
		if e.To != "" {
			b.WriteString(" → " + e.To)
		}
	}
	if e.Payload != "" {
		p := e.Payload
		if len(p) > maxShown {
			p = fmt.Sprintf("%s… (%d bytes)", p[:maxShown], len(e.Payload))
		}
		b.WriteString(" " + p)
	}
	if e.Outcome != "" {
		b.WriteString(" ⇒ " + e.Outcome)
	}
	return b.String()
}

// Transcript records every Entry in order.
type Transcript struct {
	now     func() time.Duration
	entries []Entry
	// Off stops recording (for benchmarks).
	Off bool
}

func (t *Transcript) add(e Entry) {
	if t.Off {
		return
	}
	e.At = t.now()
	e.Payload = chromeclone.Summary(e.Payload)
	t.entries = append(t.entries, e)
}

// Entries returns a copy of the entries so far.
func (t *Transcript) Entries() []Entry { return append([]Entry(nil), t.entries...) }

// Len is the number of entries so far.
func (t *Transcript) Len() int { return len(t.entries) }

// Since returns the entries from index i on.
func (t *Transcript) Since(i int) []Entry {
	if i >= len(t.entries) {
		return nil
	}
	return append([]Entry(nil), t.entries[i:]...)
}

// String renders the whole transcript, one entry per line.
func (t *Transcript) String() string {
	var b strings.Builder
	for _, e := range t.entries {
		b.WriteString(e.String())
		b.WriteByte('\n')
	}
	return b.String()
}
