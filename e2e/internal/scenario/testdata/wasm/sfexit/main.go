//go:build js && wasm

// Command sfexit is the Go worker of the scenario fixture testdata/sfexit: it returns from main
// before calling bridge.Ready, as a program whose setup gives up does.
package main

import "log"

func main() {
	log.Print("sfexit: giving up before Ready")
}
