// Command wpt runs web-platform-tests from a checkout in Chromium and in hostsim and prints, per
// directory, what each passes (make wpt WPT_DIR=…).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/extwasm/extwasm/internal/wpt"
)

// defaultDirs is the subset the README's table is made of.
const defaultDirs = "dom/nodes,dom/events,dom/traversal,dom/ranges,dom/collections,html/dom,url"

func main() {
	root := flag.String("wpt", os.Getenv("WPT_DIR"), "the web-platform-tests checkout (default $WPT_DIR)")
	dirs := flag.String("dirs", defaultDirs, "comma-separated directories of the checkout to run")
	timeout := flag.Duration("timeout", 90*time.Second, "real time allowed to one test file in one browser")
	gaps := flag.Bool("gaps", false, "also list the subtests Chromium passes and hostsim does not")
	only := flag.String("only", "", "run only files whose path contains this")
	flag.Parse()
	if *root == "" {
		fmt.Fprintln(os.Stderr, "wpt: no checkout: pass -wpt DIR or set WPT_DIR")
		os.Exit(2)
	}
	if err := run(*root, strings.Split(*dirs, ","), *timeout, *gaps, *only); err != nil {
		fmt.Fprintln(os.Stderr, "wpt:", err)
		os.Exit(1)
	}
}

func run(root string, dirs []string, timeout time.Duration, gaps bool, only string) error {
	present, missing := wpt.Present(root, dirs)
	for _, d := range missing {
		fmt.Fprintf(os.Stderr, "wpt: %s is not in the checkout\n", d)
	}
	files, skipped, err := wpt.Discover(root, present)
	if err != nil {
		return err
	}
	if only != "" {
		var keep []wpt.File
		for _, f := range files {
			if strings.Contains(f.Path, only) {
				keep = append(keep, f)
			}
		}
		files = keep
	}
	ctx := context.Background()
	cr, hs, err := wpt.StartBoth(root)
	if err != nil {
		return err
	}
	defer cr.Close()
	defer hs.Close()

	outs := make([]wpt.Outcome, 0, len(files))
	for i, f := range files {
		o := wpt.Outcome{File: f}
		for _, r := range []struct {
			run wpt.Runner
			out *wpt.Result
		}{{cr, &o.Chromium}, {hs, &o.Hostsim}} {
			fctx, cancel := context.WithTimeout(ctx, timeout)
			*r.out = r.run.Run(fctx, f.Path)
			cancel()
		}
		fmt.Fprintf(os.Stderr, "[%d/%d] %s: chromium %s, hostsim %s\n", i+1, len(files), f.Path, summary(o.Chromium), summary(o.Hostsim))
		outs = append(outs, o)
	}
	fmt.Printf("checkout: %s (%s)\n", root, wpt.Describe(root))
	if err := wpt.PrintTable(os.Stdout, wpt.Tally(present, outs, skipped)); err != nil {
		return err
	}
	if gaps {
		fmt.Println("\nsubtests Chromium passes and hostsim does not:")
		for _, g := range wpt.Gaps(outs) {
			fmt.Printf("%s | %s | %s\n", g.Path, g.Name, oneLine(g.Hostsim))
		}
	}
	return nil
}

func summary(r wpt.Result) string {
	if !r.Loaded {
		return "no results (" + oneLine(r.LoadError) + ")"
	}
	n := 0
	for _, t := range r.Tests {
		if t.Status == 0 {
			n++
		}
	}
	s := fmt.Sprintf("%d/%d", n, len(r.Tests))
	if r.Status != 0 {
		s += " harness status " + fmt.Sprint(r.Status) + ": " + oneLine(r.Message)
	}
	return s
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
