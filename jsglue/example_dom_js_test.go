package jsglue_test

import (
	"fmt"

	"github.com/extwasm/extwasm/jsglue"
)

// A content script's Go reads and fills the page the same way in both modes; InFrame tells them
// apart (here, a GOOS=js test binary, the module runs in its own context).
func ExampleInFrame() {
	if jsglue.InFrame() {
		fmt.Println("in the extension frame: every DOM call is a round trip to the page")
	} else {
		fmt.Println("in the page's context")
	}
	// Output: in the page's context
}
