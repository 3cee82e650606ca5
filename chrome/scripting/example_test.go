//go:build !js

package scripting_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/extwasm/extwasm/chrome/chrometest"
	"github.com/extwasm/extwasm/chrome/scripting"
)

// A file of the extension run in a tab's top frame; the script's last value comes back per frame
// as JSON. (A func to run cannot cross from Go: use files.)
func ExampleExecuteScript() {
	fake, stop := chrometest.Start()
	defer stop()
	fake.Handle("scripting.executeScript", chrometest.Reply([]map[string]any{{"frameId": 0, "documentId": "2F1C", "result": "A page"}}))

	results, err := scripting.ExecuteScript(context.Background(), scripting.ScriptInjection{
		Target: scripting.InjectionTarget{TabID: 7},
		Files:  []string{"title.js"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	var title string
	if err := json.Unmarshal(results[0].Result, &title); err != nil {
		fmt.Println(err)
	}
	fmt.Printf("%s\nframe %d: %s\n", fake.CallsTo("scripting.executeScript")[0][0], results[0].FrameID, title)
	// Output:
	// {"files":["title.js"],"target":{"tabId":7}}
	// frame 0: A page
}
