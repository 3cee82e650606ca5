package hostsim_test

import (
	"context"
	"fmt"
	"os"

	"github.com/extwasm/extwasm/hostsim"
	"github.com/extwasm/extwasm/hostsim/internal/guests"
)

// Run a GOOS=js GOARCH=wasm program: its output goes to the given writers and its exit code
// comes back in the Result. The program's 30 seconds of sleeping pass in virtual time.
func ExampleRun() {
	wasm, err := guests.Build("probe") // any `GOOS=js GOARCH=wasm go build` output
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := hostsim.Run(context.Background(), wasm, hostsim.Config{
		Args:   []string{"probe", "sleep"},
		Stdout: os.Stdout,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("exit code", res.ExitCode, "after", res.Elapsed.Round(1e9), "of virtual time")
	// Output:
	// slept monotonic=30s wall=30s
	// exit code 0 after 30s of virtual time
}

// An Engine compiles each module once; later runs of the same bytes start from the cache.
func ExampleEngine_Run() {
	wasm, err := guests.Build("hello")
	if err != nil {
		fmt.Println(err)
		return
	}
	eng, err := hostsim.NewEngine(hostsim.EngineOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer eng.Close()
	for _, who := range []string{"gopher", "again"} {
		res, err := eng.Run(context.Background(), wasm, hostsim.Config{Args: []string{"hello", who}, Stdout: os.Stdout})
		fmt.Println(res.ExitCode, err)
	}
	// Output:
	// hello from wasm [gopher]
	// 0 <nil>
	// hello from wasm [again]
	// 0 <nil>
}
