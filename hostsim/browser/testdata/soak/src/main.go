//go:build js && wasm

// Command src is the soak test's extension, one module for both sides: in the service worker it
// serves soak.echo and the soak.chat port; in a content script it exposes soak.run(messages,
// chats, turns, leak), which sends that many one-time messages (a few at a time) and holds that many port
// conversations, and resolves with how they ended (with leak set, each message leaves behind what a
// leak would: a js.Func never released, a goroutine that never ends and a pending timer, so the
// test can show it catches them). On both sides soak.probe() collects garbage and
// resolves with the context's figures (see figures).
//
// The module is built with -ldflags=-checklinkname=0: the probe reads two unexported variables of
// syscall/js (the table of live js.Funcs, and the Go object wasm_exec.js made), which no API shows.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"runtime"
	"runtime/metrics"
	"sync"
	"syscall/js"
	"time"
	_ "unsafe" // go:linkname

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/jsglue"
)

//go:linkname jsFuncs syscall/js.funcs
var jsFuncs map[uint32]func(js.Value, []js.Value) any

//go:linkname jsGo syscall/js.jsGo
var jsGo js.Value

type msg struct {
	I int    `json:"i"`
	S string `json:"s"`
}

var echo = bridge.NewRoute[msg, msg]("soak.echo")

// figureNames are the runtime/metrics the probe reads.
var figureNames = []string{"/gc/heap/live:bytes", "/gc/heap/objects:objects"}

func main() {
	// The first metrics.Read builds the runtime's table of metrics (some 20 kB in 110 objects): done
	// here, it is not counted as growth between the first probe and the second.
	metrics.Read([]metrics.Sample{{Name: figureNames[0]}})
	soak := jsglue.Global("soak")
	jsglue.ExportPromise(soak, "probe", func(context.Context, []json.RawMessage) (any, error) { return probe(), nil })
	if js.Global().Get("document").IsUndefined() {
		serveWorker()
	} else {
		serveContent(soak)
	}
	select {}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func serveWorker() {
	from := bridge.AllowContentScripts()
	must(bridge.Handle(echo, func(_ context.Context, m msg) (msg, error) { return m, nil }, from))
	must(bridge.OnConnect("soak.chat", func(ctx context.Context, p *bridge.Port) {
		for m, err := range p.Messages() {
			if err != nil {
				return
			}
			var v msg
			if m.Decode(&v) != nil || p.Send(v) != nil {
				return
			}
		}
	}, from))
	must(bridge.Ready())
}

// tally is how one soak.run ended: every message and conversation either ok or counted by code.
type tally struct {
	OK     int            `json:"ok"`
	Failed map[string]int `json:"failed,omitempty"`
	First  string         `json:"first,omitempty"` // the first failure's text
}

func serveContent(soak js.Value) {
	jsglue.ExportPromise(soak, "run", func(ctx context.Context, args []json.RawMessage) (any, error) {
		var messages, chats, turns int
		var leak bool
		if len(args) != 4 || json.Unmarshal(args[0], &messages) != nil || json.Unmarshal(args[1], &chats) != nil ||
			json.Unmarshal(args[2], &turns) != nil || json.Unmarshal(args[3], &leak) != nil {
			return nil, fmt.Errorf("soak.run(messages, chats, turns, leak)")
		}
		if leak {
			leakSome(messages)
		}
		return run(ctx, messages, chats, turns), nil
	})
	must(bridge.Ready())
}

var (
	leaked []js.Func
	never  = make(chan struct{})
)

// leakSome leaves n of each thing the soak measures behind.
func leakSome(n int) {
	for range n {
		f := js.FuncOf(func(js.Value, []js.Value) any { return nil })
		leaked = append(leaked, f)
		js.Global().Call("setTimeout", f, int((24 * time.Hour).Milliseconds()))
		go func() { <-never }()
	}
}

// inFlight is how many requests of each kind a content script has open at once.
const inFlight = 4

func run(ctx context.Context, messages, chats, turns int) tally {
	var (
		mu sync.Mutex
		t  = tally{Failed: map[string]int{}}
	)
	end := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if err == nil {
			t.OK++
			return
		}
		t.Failed[string(bridge.CodeOf(err))]++
		if t.First == "" {
			t.First = err.Error()
		}
	}
	work := make(chan func() error)
	var wg sync.WaitGroup
	for range inFlight {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				end(f())
			}
		}()
	}
	for i := range messages {
		work <- func() error { return send(ctx, i) }
	}
	for i := range chats {
		work <- func() error { return chat(ctx, i, turns) }
	}
	close(work)
	wg.Wait()
	return t
}

func send(ctx context.Context, i int) error {
	want := msg{I: i, S: fmt.Sprint("m", i)}
	got, err := echo.Send(ctx, bridge.ToExtension(), want)
	if err == nil && got != want {
		err = fmt.Errorf("message %d: got %+v", i, got)
	}
	return err
}

func chat(ctx context.Context, i, turns int) error {
	ctx, cancel := context.WithTimeout(ctx, bridge.DefaultTimeout)
	defer cancel()
	p, err := bridge.Connect(ctx, bridge.ToExtension(), "soak.chat")
	if err != nil {
		return err
	}
	defer p.Disconnect()
	for turn := range turns {
		want := msg{I: i, S: fmt.Sprint("turn", turn)}
		if err := p.Send(want); err != nil {
			return err
		}
		m, err := p.Receive(ctx)
		if err != nil {
			return err
		}
		var got msg
		if err := m.Decode(&got); err != nil {
			return err
		}
		if got != want {
			return fmt.Errorf("conversation %d: got %+v", i, got)
		}
	}
	return nil
}

// figures is one context's state after a garbage collection: what a leak would grow.
type figures struct {
	HeapBytes   uint64         `json:"heapBytes"`   // live Go heap after the collection
	HeapObjects uint64         `json:"heapObjects"` // live Go objects after the collection
	Goroutines  int            `json:"goroutines"`
	Funcs       int            `json:"funcs"`  // js.Funcs not released
	Values      int            `json:"values"` // wasm_exec.js's table of values Go holds (0 when hostsim keeps it in Go)
	Memory      int            `json:"memory"` // wasm linear memory, bytes
	Timers      int            `json:"timers"` // pending setTimeout timers, the glue's and the Go runtime's
	Held        map[string]any `json:"held"`   // extwasm.held()
	JSHeap      int            `json:"jsHeap"` // performance.memory.usedJSHeapSize where the browser has it, else 0
}

func probe() figures {
	// Two collections with a pause between: the first queues the finalizers that release js.Value
	// references, the pause lets them run, the second frees what they held.
	for range 2 {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	samples := []metrics.Sample{{Name: figureNames[0]}, {Name: figureNames[1]}}
	metrics.Read(samples)
	f := figures{
		HeapBytes:   samples[0].Value.Uint64(),
		HeapObjects: samples[1].Value.Uint64(),
		Goroutines:  runtime.NumGoroutine(),
		Funcs:       len(jsFuncs),
		Memory:      jsGo.Get("_inst").Get("exports").Get("mem").Get("buffer").Get("byteLength").Int(),
		Timers:      js.Global().Call("soakTimers").Int(),
	}
	if v := jsGo.Get("_values"); v.Truthy() {
		f.Values = v.Length() - jsGo.Get("_idPool").Length() - 7 // less NaN, 0, null, true, false, globalThis, the Go object
	}
	if m := js.Global().Get("performance").Get("memory"); m.Truthy() {
		f.JSHeap = m.Get("usedJSHeapSize").Int()
	}
	_ = jsglue.Decode(js.Global().Get("extwasm").Call("held"), &f.Held)
	return f
}
