package browser_test

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/extwasm/extwasm/hostsim/browser"
)

// A run drawn as a sequence diagram: the contexts that took part are lanes, each message hop is an
// arrow, and the rejected send is red. The HTML file opens in any browser.
func ExampleTranscript_WriteDiagram() {
	b, err := browser.New(browser.Options{Seed: 1})
	if err != nil {
		panic(err)
	}
	defer b.Close()
	ext, err := b.Install("testdata/probe")
	if err != nil {
		panic(err)
	}
	tab, err := b.OpenTab("http://127.0.0.1:8000/")
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	if _, err := tab.Top().ContentScript(ext).Eval(ctx, `chrome.runtime.sendMessage({mode: "echo", v: "hi"})`); err != nil {
		panic(err)
	}
	_, err = ext.Worker().Eval(ctx, `chrome.runtime.sendMessage({})`) // nobody else listens
	fmt.Println(err != nil)

	var page bytes.Buffer
	if err := b.Transcript().WriteDiagram(&page, "echo"); err != nil { // or to an os.File
		panic(err)
	}
	html := page.String()
	for _, m := range regexp.MustCompile(`<g class="lane[^"]*" data-name="([^"]*)"`).FindAllStringSubmatch(html, -1) {
		fmt.Println("lane:", m[1])
	}
	fmt.Println("arrows:", strings.Count(html, `<g class="msg`), "of which red:", strings.Count(html, `<g class="msg fault"`))
	fmt.Println("notes:", strings.Count(html, `<g class="note`))
	// Output:
	// true
	// lane: browser
	// lane: worker[Probe]
	// lane: tab 2 frame 0 content[Probe]
	// arrows: 6 of which red: 1
	// notes: 4
}
