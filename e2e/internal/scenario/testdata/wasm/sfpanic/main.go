//go:build js && wasm

// Command sfpanic is the Go worker of the scenario fixture testdata/sfpanic: it panics before
// calling bridge.Ready.
package main

func main() {
	panic("sfpanic: broken before Ready")
}
