package browser

import (
	"time"

	"github.com/extwasm/extwasm/hostsim/internal/chromesim"
)

// Entry is one event of the simulated message service.
type Entry struct {
	// At is the virtual time it happened.
	At time.Duration
	// Channel names the message channel ("msg#3", "port#4(knockknock)"); empty for lifecycle events.
	Channel string
	// Kind is what happened: runtime.sendMessage, tabs.sendMessage, deliver, reply, result,
	// runtime.connect, tabs.connect, onConnect, post, disconnect, onDisconnect, worker-start,
	// worker-stop, open-tab, navigate, close-tab, inject, install, reload.
	Kind string
	// From and To name the contexts ("tab 1 frame 0 content[Demo]", "worker[Demo]").
	From, To string
	// Payload is the message as JSON, if any. Under "message_serialization": "structured_clone" it
	// is the simulator's encoding of the clone: "clone " and a JSON array of tagged records, then the
	// size of any ArrayBuffer contents.
	Payload string
	// Outcome says how it ended: "response", "resolved undefined", "rejected: …",
	// "lastError: …", "no lastError", "dropped: …", or why a worker stopped.
	Outcome string
}

// String renders the entry as one line: time, channel, kind, from → to, payload ⇒ outcome.
func (e Entry) String() string { return chromesim.Entry(e).String() }

// Transcript is the browser's record of messages and lifecycle events.
type Transcript struct{ t *chromesim.Transcript }

// Entries returns every entry so far.
func (t *Transcript) Entries() []Entry { return convert(t.t.Entries()) }

// Mark is the current length, for Since.
func (t *Transcript) Mark() int { return t.t.Len() }

// Since returns the entries recorded after Mark returned m.
func (t *Transcript) Since(m int) []Entry { return convert(t.t.Since(m)) }

// Filter returns the entries of the given kinds.
func (t *Transcript) Filter(kinds ...string) []Entry {
	var out []Entry
	for _, e := range t.Entries() {
		for _, k := range kinds {
			if e.Kind == k {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

// String renders the whole transcript, one entry per line.
func (t *Transcript) String() string { return t.t.String() }

func convert(in []chromesim.Entry) []Entry {
	out := make([]Entry, len(in))
	for i, e := range in {
		out[i] = Entry(e)
	}
	return out
}
