// Command hello prints a greeting and its arguments; the smallest guest.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("hello from wasm", os.Args[1:])
}
