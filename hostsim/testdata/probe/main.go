// Command probe exercises the host from inside a GOOS=js guest; os.Args[1] picks the behaviour.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"syscall/js"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Println("usage: probe mode [args]")
		os.Exit(64)
	}
	switch os.Args[1] {
	case "exit":
		code, _ := strconv.Atoi(os.Args[2])
		fmt.Println("exiting with", code)
		os.Exit(code)
	case "panic":
		panic("probe panics")
	case "deadlock":
		fmt.Println("about to block forever")
		select {}
	case "sleep":
		sleep()
	case "nested":
		nested()
	case "sleepincallback":
		sleepInCallback()
	case "grow":
		grow()
	case "files":
		files()
	case "env":
		keys := os.Environ()
		sort.Strings(keys)
		fmt.Println(keys)
		wd, _ := os.Getwd()
		fmt.Println("wd", wd)
	case "oom":
		var keep [][]byte
		for {
			keep = append(keep, make([]byte, 1<<20))
		}
	case "busy":
		// CPU-bound forever, never yielding to the host.
		n := 0
		for {
			n++
		}
	case "spin":
		// A busy-wait on the clock in main: must end even though virtual time only moves when idle.
		start := time.Now()
		for time.Since(start) < 50*time.Millisecond {
		}
		fmt.Println("spun")
	default:
		fmt.Println("unknown mode", os.Args[1])
		os.Exit(64)
	}
}

// sleep waits 30 seconds through a loop of timers and reports how much time the guest saw pass.
func sleep() {
	start, wall := time.Now(), time.Now().Round(0)
	for i := 0; i < 300; i++ {
		time.Sleep(100 * time.Millisecond)
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	fmt.Printf("slept monotonic=%v wall=%v\n", time.Since(start).Round(time.Second), time.Now().Round(0).Sub(wall).Round(time.Second))
}

// nested calls JS, which calls back into Go, which calls JS again, several levels deep, growing
// the goroutine stack in between so that the stack pointer moves under the host.
func nested() {
	var f js.Func
	f = js.FuncOf(func(this js.Value, args []js.Value) any {
		n := args[0].Int()
		if n == 0 {
			return deep(2000)
		}
		return js.Global().Get("callIt").Invoke(f, n-1).Int() + 1
	})
	defer f.Release()
	js.Global().Set("callIt", js.FuncOf(func(this js.Value, args []js.Value) any {
		return args[0].Invoke(args[1])
	}))
	fmt.Println("nested result", js.Global().Get("callIt").Invoke(f, 5).Int())
}

func deep(n int) int {
	var pad [64]byte
	if n == 0 {
		return int(pad[0])
	}
	return deep(n-1) + 1
}

// sleepInCallback sleeps inside a synchronous callback: Go cannot yield to the host there, so it
// spins on the clock until the sleep ends.
func sleepInCallback() {
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		start := time.Now()
		time.Sleep(200 * time.Millisecond)
		return time.Since(start) >= 200*time.Millisecond
	})
	defer f.Release()
	fmt.Println("callback slept", f.Invoke().Bool())
}

// grow makes linear memory grow while the host holds views of it.
func grow() {
	arr := js.Global().Get("Uint8Array").New(1 << 20)
	var keep [][]byte
	for i := 0; i < 64; i++ {
		b := make([]byte, 1<<20)
		for j := range b {
			b[j] = byte(i + j)
		}
		keep = append(keep, b)
		js.CopyBytesToJS(arr, b)
		back := make([]byte, 1<<20)
		js.CopyBytesToGo(back, arr)
		for j := range back {
			if back[j] != b[j] {
				fmt.Println("mismatch at", i, j)
				os.Exit(1)
			}
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println("grew ok", len(keep), ms.Sys > 64<<20)
}

func files() {
	must := func(err error) {
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
	}
	must(os.MkdirAll("sub/dir", 0o755))
	must(os.WriteFile("sub/dir/b.txt", []byte("bee"), 0o644))
	must(os.WriteFile("sub/a.txt", []byte("ay"), 0o644))
	ents, err := os.ReadDir("sub")
	must(err)
	for _, e := range ents {
		fmt.Println("entry", e.Name(), e.IsDir())
	}
	f, err := os.OpenFile("sub/a.txt", os.O_APPEND|os.O_WRONLY, 0)
	must(err)
	_, err = f.WriteString("!")
	must(err)
	must(f.Close())
	b, err := os.ReadFile(filepath.Join("sub", "a.txt"))
	must(err)
	fmt.Printf("read %q\n", b)
	_, err = os.Stat("missing")
	fmt.Println("missing is not exist:", os.IsNotExist(err))
	must(os.Chdir("sub"))
	wd, _ := os.Getwd()
	fmt.Println("wd base", filepath.Base(wd))
	must(os.Rename("a.txt", "c.txt"))
	must(os.Remove("c.txt"))
	must(os.RemoveAll("dir"))
	ents, _ = os.ReadDir(".")
	fmt.Println("left", len(ents))
}
