package jsglue_test

import (
	"encoding/hex"
	"fmt"

	"github.com/extwasm/extwasm/jsglue"
)

// A 128-bit token for an extension to hand out, from the same source as crypto/rand but without
// linking it: the worker stays smaller and starts sooner.
func ExampleRandomBytes() {
	b := make([]byte, 16)
	if err := jsglue.RandomBytes(b); err != nil {
		fmt.Println("no randomness here:", err)
		return
	}
	token := hex.EncodeToString(b)
	fmt.Println(len(token), "hex digits")
	// Output: 32 hex digits
}
