package browser_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/extwasm/extwasm/hostsim/browser"
)

// A test serves a report from a Go handler, lets the extension download it twice, and reads
// the saved files: the second is made unique, as Chrome names it.
func ExampleBrowser_Downloads() {
	b, err := browser.New(browser.Options{Seed: 1})
	if err != nil {
		panic(err)
	}
	defer b.Close()
	err = b.Handle("https://reports.example/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Disposition", `attachment; filename="report.csv"`)
		w.Header().Set("Content-Type", "text/csv")
		fmt.Fprint(w, "day,visits\nmon,3\n")
	}))
	if err != nil {
		panic(err)
	}
	ext, err := b.Install("testdata/downloadsext")
	if err != nil {
		panic(err)
	}
	for range 2 {
		item, err := ext.Worker().Eval(context.Background(), `self.save({url: "https://reports.example/today"}).then((i) => [i.state, i.filename])`)
		if err != nil {
			panic(err)
		}
		fmt.Println(string(item))
	}
	files := b.Downloads()
	fmt.Printf("%d files; report (1).csv: %q\n", len(files), files["report (1).csv"])
	// Output:
	// ["complete","/home/user/Downloads/report.csv"]
	// ["complete","/home/user/Downloads/report (1).csv"]
	// 2 files; report (1).csv: "day,visits\nmon,3\n"
}
