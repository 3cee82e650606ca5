// Command wptalt compares hostsim's DOM with a DOM library written in JavaScript running in the
// same engine (goja), on web-platform-tests from a checkout, beside Chromium: per directory, the
// subtests each passes and how many of Chromium's passes each keeps; per runner, the real time and
// the Go heap allocated per test file.
//
//	make wpt-alt WPT_DIR=<checkout> WPT_ALT_DOM=<…/node_modules/domino>
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/extwasm/extwasm/hostsim/internal/wptalt"
	"github.com/extwasm/extwasm/internal/wpt"
)

func main() {
	root := flag.String("wpt", os.Getenv("WPT_DIR"), "the web-platform-tests checkout (default $WPT_DIR)")
	lib := flag.String("lib", os.Getenv("WPT_ALT_DOM"), "the DOM library's package folder, e.g. node_modules/domino (default $WPT_ALT_DOM)")
	dirs := flag.String("dirs", "dom/nodes,dom/events,dom/traversal,dom/ranges,dom/collections,html/dom,url", "comma-separated directories of the checkout to run")
	timeout := flag.Duration("timeout", 90*time.Second, "real time allowed to one test file in one runner")
	flag.Parse()
	if *root == "" || *lib == "" {
		fmt.Fprintln(os.Stderr, "wptalt: pass -wpt DIR (or WPT_DIR) and -lib DIR (or WPT_ALT_DOM)")
		os.Exit(2)
	}
	if err := run(*root, *lib, strings.Split(*dirs, ","), *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "wptalt:", err)
		os.Exit(1)
	}
}

// tally is one runner's figures.
type tally struct {
	passes, among map[string]int
	elapsed       time.Duration
	alloc         uint64
	noResults     int
}

func newTally() *tally { return &tally{passes: map[string]int{}, among: map[string]int{}} }

func run(root, lib string, dirs []string, timeout time.Duration) error {
	present, _ := wpt.Present(root, dirs)
	files, _, err := wpt.Discover(root, present)
	if err != nil {
		return err
	}
	alt, err := wptalt.New(root, lib)
	if err != nil {
		return err
	}
	ctx := context.Background()
	cr, hs, err := wpt.StartBoth(root)
	if err != nil {
		return err
	}
	defer cr.Close()
	defer hs.Close()

	chromium := map[string]int{}
	tallies := map[string]*tally{"hostsim": newTally(), alt.Name(): newTally()}
	for i, f := range files {
		fctx, cancel := context.WithTimeout(ctx, timeout)
		want := cr.Run(fctx, f.Path)
		cancel()
		passed := map[string]bool{}
		for _, t := range want.Tests {
			if t.Status == 0 {
				passed[t.Name] = true
				chromium[f.Dir]++
			}
		}
		line := fmt.Sprintf("[%d/%d] %s: chromium %d", i+1, len(files), f.Path, len(passed))
		for _, r := range []struct {
			name string
			run  func(context.Context, string) (wpt.Result, wptalt.Timing)
		}{
			{"hostsim", func(ctx context.Context, p string) (wpt.Result, wptalt.Timing) { return timed(ctx, hs, p) }},
			{alt.Name(), alt.RunTimed},
		} {
			fctx, cancel := context.WithTimeout(ctx, timeout)
			res, tm := r.run(fctx, f.Path)
			cancel()
			t := tallies[r.name]
			t.elapsed += tm.Elapsed
			t.alloc += tm.Alloc
			if !res.Loaded {
				t.noResults++
			}
			n := 0
			for _, s := range res.Tests {
				if s.Status == 0 {
					n++
					t.passes[f.Dir]++
					if passed[s.Name] {
						t.among[f.Dir]++
					}
				}
			}
			line += fmt.Sprintf(", %s %d", r.name, n)
			if !res.Loaded {
				line += " (no results: " + oneLine(res.LoadError) + ")"
			}
		}
		fmt.Fprintln(os.Stderr, line)
	}
	fmt.Printf("checkout: %s (%s); library: %s\n\n", root, wpt.Describe(root), lib)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 1, ' ', 0)
	fmt.Fprintf(tw, "| directory\t| Chromium passes\t| hostsim passes (among Chromium's)\t| %s passes (among Chromium's)\t|\n|---\t|---:\t|---:\t|---:\t|\n", alt.Name())
	sum := func(m map[string]int) (n int) {
		for _, v := range m {
			n += v
		}
		return n
	}
	h, a := tallies["hostsim"], tallies[alt.Name()]
	for _, d := range present {
		fmt.Fprintf(tw, "| %s\t| %d\t| %d (%d)\t| %d (%d)\t|\n", d, chromium[d], h.passes[d], h.among[d], a.passes[d], a.among[d])
	}
	fmt.Fprintf(tw, "| total\t| %d\t| %d (%d)\t| %d (%d)\t|\n", sum(chromium), sum(h.passes), sum(h.among), sum(a.passes), sum(a.among))
	if err := tw.Flush(); err != nil {
		return err
	}
	n := len(files)
	if n == 0 {
		return nil
	}
	fmt.Println()
	for _, name := range []string{"hostsim", alt.Name()} {
		t := tallies[name]
		fmt.Printf("%s: %d file(s) without results; per file %.1f ms real time, %.1f MB allocated by the Go heap\n",
			name, t.noResults, float64(t.elapsed.Microseconds())/1000/float64(n), float64(t.alloc)/1e6/float64(n))
	}
	return nil
}

// timed runs one page in a wpt.Runner, measured as wptalt measures its own.
func timed(ctx context.Context, r wpt.Runner, page string) (wpt.Result, wptalt.Timing) {
	var res wpt.Result
	tm := wptalt.Measure(func() { res = r.Run(ctx, page) })
	return res, tm
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}
