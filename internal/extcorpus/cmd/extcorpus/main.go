// Command extcorpus runs every Manifest V3 extension under a folder in Chromium and in hostsim
// with the same procedure and prints which run clean in each (make corpus CORPUS_DIR=…).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/extwasm/extwasm/internal/extcorpus"
)

func main() {
	dir := flag.String("dir", os.Getenv("CORPUS_DIR"), "the folder of extensions (default $CORPUS_DIR)")
	wait := flag.Duration("wait", 2*time.Second, "how long each extension runs after its pages opened (real time in Chromium, virtual in hostsim)")
	timeout := flag.Duration("timeout", 2*time.Minute, "real time allowed to one extension in one browser before the run is given up")
	only := flag.String("only", "", "run only extensions whose folder contains this")
	verbose := flag.Bool("v", false, "print every message each browser collected, as it finishes an extension")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "extcorpus: no corpus: pass -dir DIR or set CORPUS_DIR")
		os.Exit(2)
	}
	if err := run(*dir, *wait, *timeout, *only, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "extcorpus:", err)
		os.Exit(1)
	}
}

func run(dir string, wait, timeout time.Duration, only string, verbose bool) error {
	exts, skipped, err := extcorpus.Discover(dir)
	if err != nil {
		return err
	}
	for _, s := range skipped {
		fmt.Fprintf(os.Stderr, "skipped %s: %s\n", s.Rel, s.Reason)
	}
	cr := extcorpus.NewChromium()
	defer cr.Close()
	hs := &extcorpus.Hostsim{PageURL: cr.PageURL()}
	var outs []extcorpus.Outcome
	for i, e := range exts {
		if only != "" && !strings.Contains(e.Rel, only) {
			continue
		}
		o := extcorpus.Outcome{Ext: e}
		for _, r := range []struct {
			run interface {
				Run(context.Context, extcorpus.Extension, time.Duration) extcorpus.Run
			}
			out *extcorpus.Run
		}{{cr, &o.Chromium}, {hs, &o.Hostsim}} {
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			*r.out = r.run.Run(ctx, e, wait)
			cancel()
		}
		fmt.Fprintf(os.Stderr, "[%d/%d] %s: chromium %s, hostsim %s\n", i+1, len(exts), e.Rel, summary(o.Chromium), summary(o.Hostsim))
		if verbose {
			for _, b := range []struct {
				name string
				run  extcorpus.Run
			}{{"chromium", o.Chromium}, {"hostsim", o.Hostsim}} {
				for _, m := range b.run.Errors {
					fmt.Fprintf(os.Stderr, "  %s %s: %s\n", b.name, m.Context, m.Text)
				}
			}
		}
		outs = append(outs, o)
	}
	fmt.Printf("corpus: %s (%s), %d MV3 extensions, %d manifests skipped, wait %v\n\n", dir, describe(dir), len(exts), len(skipped), wait)
	return extcorpus.PrintTable(os.Stdout, outs)
}

func summary(r extcorpus.Run) string {
	if r.Clean() {
		return "clean"
	}
	if r.LoadError != "" {
		return "not run: " + r.LoadError
	}
	return fmt.Sprintf("%d error(s), first: %s: %s", len(r.Errors), r.Errors[0].Context, r.Errors[0].Text)
}

// describe names the corpus's git commit when it is a checkout.
func describe(dir string) string {
	out, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD").Output()
	if err != nil {
		return "not a git checkout"
	}
	return "git commit " + strings.TrimSpace(string(out))
}
