package chromium

import (
	"encoding/json"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/runtime"
)

// ConsoleMessage is one console call, or one uncaught exception, in a realm.
type ConsoleMessage struct {
	// Level is log, info, debug, warn or error, as the console method was named.
	Level string
	// Text is the arguments as the DevTools console shows them, separated by spaces.
	Text string
	// Uncaught is true for an uncaught exception or unhandled rejection; Text is then
	// "Uncaught Error: boom" or "Uncaught (in promise) Error: boom", without the stack.
	Uncaught bool
}

// consoleLog keeps the console messages of a target's execution contexts, by context id.
type consoleLog struct {
	mu   sync.Mutex
	byID map[runtime.ExecutionContextID][]ConsoleMessage
}

// record files a console or exception event; other events are ignored.
func (l *consoleLog) record(ev any) {
	var id runtime.ExecutionContextID
	var m ConsoleMessage
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		id, m = e.ExecutionContextID, ConsoleMessage{Level: consoleLevel(e.Type), Text: formatArgs(e.Args)}
	case *runtime.EventExceptionThrown:
		// Text is "Uncaught" or "Uncaught (in promise)"; the first line of the description is
		// "Error: message", without the stack, as the console's one-line summary shows it.
		d := e.ExceptionDetails
		text := d.Text
		if d.Exception != nil {
			desc := d.Exception.Description
			if desc == "" {
				desc = formatArgs([]*runtime.RemoteObject{d.Exception})
			}
			desc, _, _ = strings.Cut(desc, "\n")
			text += " " + desc
		}
		id, m = d.ExecutionContextID, ConsoleMessage{Level: "error", Text: text, Uncaught: true}
	default:
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.byID == nil {
		l.byID = map[runtime.ExecutionContextID][]ConsoleMessage{}
	}
	l.byID[id] = append(l.byID[id], m)
}

// of returns the messages of one execution context.
func (l *consoleLog) of(id runtime.ExecutionContextID) []ConsoleMessage {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]ConsoleMessage(nil), l.byID[id]...)
}

// forget drops the messages of a context that is gone.
func (l *consoleLog) forget(id runtime.ExecutionContextID) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.byID, id)
}

// consoleLevel maps a console method to the level hostsim reports for it.
func consoleLevel(t runtime.ConsoleAPICalledType) string {
	switch t {
	case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeAssert:
		return "error"
	case runtime.ConsoleAPICalledTypeWarning:
		return "warn"
	case runtime.ConsoleAPICalledTypeInfo, runtime.ConsoleAPICalledTypeDebug:
		return string(t)
	}
	return "log"
}

// formatArgs joins console arguments: strings as they are, other primitives as JSON, objects by
// their description.
func formatArgs(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case a.Type == runtime.RemoteObjectTypeString:
			var s string
			if json.Unmarshal(a.Value, &s) == nil {
				parts = append(parts, s)
				continue
			}
		case a.Type == runtime.RemoteObjectTypeUndefined:
			parts = append(parts, "undefined")
			continue
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
			continue
		case a.UnserializableValue != "":
			parts = append(parts, string(a.UnserializableValue))
			continue
		}
		parts = append(parts, a.Description)
	}
	return strings.Join(parts, " ")
}
