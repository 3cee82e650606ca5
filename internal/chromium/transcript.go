package chromium

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Step is one line of a scenario: a JavaScript expression and the realm, by name, to run it in.
type Step struct {
	Realm string `json:"realm"`
	Expr  string `json:"expr"`
}

// Entry is what one step produced. Exactly one of Value and Error is set. Entries hold only data, so
// transcripts from Chromium and from the simulator can be compared as JSON.
type Entry struct {
	Realm string          `json:"realm"`
	Value json.RawMessage `json:"value,omitempty"`
	Error *ThrownError    `json:"error,omitempty"`
}

// ThrownError is a JavaScript exception as a transcript records it.
type ThrownError struct {
	Name    string `json:"name"`
	Message string `json:"message"`
}

// RunSteps runs the steps in order, each in its named realm, and returns the transcript. A thrown
// exception is recorded and the scenario goes on; an unknown realm or a failure of the harness (the
// browser went away, ctx ended) stops it with an error and the transcript so far.
func RunSteps(ctx context.Context, realms map[string]Realm, steps []Step) ([]Entry, error) {
	out := make([]Entry, 0, len(steps))
	for i, s := range steps {
		r, ok := realms[s.Realm]
		if !ok {
			names := make([]string, 0, len(realms))
			for n := range realms {
				names = append(names, n)
			}
			slices.Sort(names)
			return out, fmt.Errorf("chromium: step %d names realm %q; have %s", i, s.Realm, strings.Join(names, ", "))
		}
		v, err := r.Eval(ctx, s.Expr)
		var je *JSError
		switch {
		case err == nil:
			out = append(out, Entry{Realm: s.Realm, Value: v})
		case errors.As(err, &je):
			out = append(out, Entry{Realm: s.Realm, Error: &ThrownError{Name: je.Name, Message: je.Message}})
		default:
			return out, fmt.Errorf("chromium: step %d in %s: %w", i, s.Realm, err)
		}
	}
	return out, nil
}
