package chromesim

import (
	"encoding/json"
	"fmt"
)

// FakeFunc answers a call of a chrome.* function hostsim does not model: args are its arguments
// as JSON (a callback left off), result is encoded as JSON (nil: undefined), and an error is
// Chrome's error (a rejection, or lastError in callback form) with its text.
type FakeFunc func(args []json.RawMessage) (result any, err error)

// Fake makes fn answer calls of api ("readingList.query"), a function Chrome's schema has and
// hostsim does not model (where hostsim has a model, the model answers). fn runs on the
// browser's goroutine and must not call back into the browser.
func (e *Extension) Fake(api string, fn FakeFunc) error {
	loadShapes()
	if schema.Function(api) == nil {
		return fmt.Errorf("chrome: %s is not a function of Chrome's API", api)
	}
	if e.fakes == nil {
		e.fakes = map[string]FakeFunc{}
	}
	e.fakes[api] = fn
	return nil
}

// FireEvent fires the chrome.* event name ("downloads.onCreated") with args in the extension's
// contexts, waking a stopped worker whose top level listens for it, as Chrome would when what
// the event reports happens. name must be an event of Chrome's schema.
func (e *Extension) FireEvent(name string, args ...any) error {
	loadShapes()
	if schema.Event(name) == nil {
		return fmt.Errorf("chrome: %s is not an event of Chrome's API", name)
	}
	if _, err := json.Marshal(args); err != nil {
		return fmt.Errorf("chrome: FireEvent %s: %w", name, err)
	}
	e.fireEvent(name, args, nil, true)
	return nil
}

// standInCall is a call of a stand-in function from c: the test's fake answers it in a later
// task, or it throws hostsim's "not simulated" error.
func (c *Context) standInCall(api, argsJSON string) any {
	fn := c.ext.fakes[api]
	if fn == nil {
		return map[string]any{"error": "hostsim: chrome." + api + " is not simulated"}
	}
	var args []json.RawMessage
	_ = json.Unmarshal([]byte(argsJSON), &args)
	result, err := fn(args)
	errText := ""
	if err != nil {
		errText, result = err.Error(), nil
	}
	id := c.b.newRequest()
	c.b.settleLater(c, id, result, errText)
	c.touch()
	return map[string]any{"id": id}
}
