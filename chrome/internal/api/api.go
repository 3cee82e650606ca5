// Package api calls chrome.* from the typed packages: arguments and results cross as one JSON
// string each, Chrome's errors become *chrome.Error, and events are delivered in order on a
// goroutine. Outside GOOS=js every call returns chrome.ErrUnsupported.
package api

import (
	"encoding/json"
	"reflect"
	"sync"
)

// queue runs fn for each pushed item, one at a time and in order, on its own goroutine, so that an
// event callback may block without stalling JavaScript.
type queue struct {
	mu      sync.Mutex
	items   [][]json.RawMessage
	running bool
	fn      func([]json.RawMessage)
}

func (q *queue) push(args []json.RawMessage) {
	q.mu.Lock()
	q.items = append(q.items, args)
	if q.running {
		q.mu.Unlock()
		return
	}
	q.running = true
	q.mu.Unlock()
	go q.drain()
}

func (q *queue) drain() {
	for {
		q.mu.Lock()
		if len(q.items) == 0 {
			q.running = false
			q.mu.Unlock()
			return
		}
		args := q.items[0]
		q.items = q.items[1:]
		q.mu.Unlock()
		q.fn(args)
	}
}

// Arg decodes args[i] into out; a missing argument leaves out unchanged.
func Arg(args []json.RawMessage, i int, out any) {
	if i < len(args) {
		_ = json.Unmarshal(args[i], out)
	}
}

// Args is a call's argument list as Chrome's bindings read it: an absent optional argument (a nil
// pointer, slice or map, or nil) is null, which Chrome takes for "not given", and absent ones at
// the end are left off.
func Args(args ...any) []any {
	for i, a := range args {
		if absent(a) {
			args[i] = nil
		}
	}
	n := len(args)
	for n > 0 && args[n-1] == nil {
		n--
	}
	return args[:n]
}

func absent(a any) bool {
	if a == nil {
		return true
	}
	v := reflect.ValueOf(a)
	switch v.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return v.IsNil()
	}
	return false
}

// OptString is an optional string argument: the empty string is not given.
func OptString[S ~string](s S) any {
	if s == "" {
		return nil
	}
	return s
}
