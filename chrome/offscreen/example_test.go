//go:build !js

package offscreen_test

import (
	"context"
	"fmt"

	"github.com/extwasm/extwasm/chrome/chrometest"
	"github.com/extwasm/extwasm/chrome/offscreen"
)

// Chrome allows one offscreen document per extension: open it unless it is open.
func ExampleCreateDocument() {
	fake, stop := chrometest.Start()
	defer stop()
	fake.Handle("offscreen.hasDocument", chrometest.Reply(false))
	fake.Handle("offscreen.createDocument", chrometest.Reply(nil))

	ctx := context.Background()
	open, err := offscreen.HasDocument(ctx)
	if err == nil && !open {
		err = offscreen.CreateDocument(ctx, offscreen.CreateParameters{
			URL:           "offscreen.html",
			Reasons:       []offscreen.Reason{offscreen.ReasonDOMParser},
			Justification: "parse HTML",
		})
	}
	fmt.Println(err)
	fmt.Printf("%s\n", fake.CallsTo("offscreen.createDocument")[0][0])
	// Output:
	// <nil>
	// {"reasons":["DOM_PARSER"],"url":"offscreen.html","justification":"parse HTML"}
}
