package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/extwasm/extwasm/extwasmtest"
	"github.com/extwasm/extwasm/hostsim/browser"
	"github.com/extwasm/extwasm/internal/extbuild"
)

// runScript is the file `extwasm run -script` plays: pages the simulated web serves, tabs opened
// in order, then steps in the first extension's contexts, in extwasmtest's JSON form of steps
// (extwasmtest.Steps): tab "tab" of a step is an index into Tabs.
type runScript struct {
	// Pages maps a URL to what it serves; other URLs serve an empty document.
	Pages map[string]runPage `json:"pages"`
	// Tabs are URLs opened before the first step.
	Tabs  []string          `json:"tabs"`
	Steps extwasmtest.Steps `json:"steps"`
}

type runPage struct {
	HTML   string `json:"html"`
	Script string `json:"script"`
	Title  string `json:"title"`
}

func runRun(args []string, stdout, stderr io.Writer) error {
	fs := newFlags(runUsage, stderr)
	script := fs.String("script", "", "a JSON file of pages, tabs and steps to play (see extwasm run's documentation)")
	var open []string
	fs.Func("open", "open a tab at this URL (repeatable); unknown URLs serve an empty document", func(s string) error {
		open = append(open, s)
		return nil
	})
	idle := fs.Duration("for", 0, "advance the virtual clock this long before printing, e.g. 31s to see the idle stop")
	seed := fs.Int64("seed", 1, "seed for the simulated browser")
	quiet := fs.Bool("q", false, "print only the step results, not the transcript")
	diagram := fs.String("diagram", "", "also write the transcript as a sequence diagram to this HTML `file`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	folders, err := readyExtensions(fs, stderr)
	if err != nil {
		return err
	}
	var sc runScript
	if *script != "" {
		data, err := os.ReadFile(*script)
		if err != nil {
			return err
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&sc); err != nil {
			return fmt.Errorf("%s: %w", *script, err)
		}
	}
	sc.Tabs = append(sc.Tabs, open...)
	return play(stdout, folders, sc, playOptions{seed: *seed, idle: *idle, transcript: !*quiet, diagram: *diagram})
}

// playOptions say how play runs and what it writes besides the step results.
type playOptions struct {
	seed       int64
	idle       time.Duration
	transcript bool
	// diagram, when set, is the HTML file the transcript's sequence diagram goes to.
	diagram string
}

// readyExtensions is the extension folders of the DIR argument, each checked as Chrome will load
// it; problems are printed to w and fail.
func readyExtensions(fs *flag.FlagSet, w io.Writer) ([]string, error) {
	dir, err := dirArg(fs)
	if err != nil {
		return nil, err
	}
	folders, err := extensionFolders(dir)
	if err != nil {
		return nil, err
	}
	for _, f := range folders {
		if problems := browser.CheckExtension(f); len(problems) > 0 {
			for _, p := range problems {
				fmt.Fprintln(w, p)
			}
			return nil, fmt.Errorf("%s is not ready to load (build it first: extwasm build)", f)
		}
	}
	return folders, nil
}

// extensionFolders is dir itself when it holds a manifest, else the folders its extwasm.json builds.
func extensionFolders(dir string) ([]string, error) {
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err == nil {
		return []string{dir}, nil
	}
	cfg, err := extbuild.LoadConfig(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range cfg.Extensions {
		out = append(out, filepath.Join(dir, t.Folder))
	}
	return out, nil
}

func play(w io.Writer, folders []string, sc runScript, opts playOptions) (err error) {
	ctx := context.Background()
	b, err := browser.New(browser.Options{Seed: opts.seed})
	if err != nil {
		return err
	}
	hb := extwasmtest.Simulated(b)
	defer hb.Close()
	if opts.diagram != "" {
		// Whatever ends the run, a failed step or an error, the picture of it is written: a
		// failing run is when it helps most.
		defer func() {
			derr := writeDiagram(opts.diagram, b.Transcript(), "extwasm run: "+strings.Join(folders, ", "))
			if derr == nil {
				fmt.Fprintf(w, "wrote the sequence diagram to %s\n", opts.diagram)
			}
			err = errors.Join(err, derr)
		}()
	}
	var exts []*browser.Extension
	for _, f := range folders {
		ext, err := b.Install(f)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "installed %q as %s\n", ext.Name(), ext.ID())
		exts = append(exts, ext)
	}
	for url, p := range sc.Pages {
		b.ServePage(url, browser.Page{HTML: p.HTML, Script: p.Script, Title: p.Title})
	}
	ext := exts[0]
	sess := extwasmtest.NewSession(hb, extwasmtest.SimulatedExtension(ext))
	var tabIDs []int
	for i, url := range sc.Tabs {
		id, err := sess.OpenTab(ctx, strconv.Itoa(i), url)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "opened tab %d at %s\n", id, url)
		tabIDs = append(tabIDs, id)
	}
	failed, evals := 0, 0
	for _, s := range sc.Steps {
		raw, err := s.Run(ctx, sess)
		var thrown *extwasmtest.JSError
		switch {
		case extwasmtest.IsAction(s):
			if err != nil {
				return fmt.Errorf("%s: %w", s, err)
			}
			continue
		case errors.As(err, &thrown):
			failed++
			fmt.Fprintf(w, "✗ %-45s %v\n", s, err)
		case err != nil:
			return fmt.Errorf("%s: %w", s, err)
		default:
			fmt.Fprintf(w, "✓ %-45s %s\n", s, raw)
		}
		evals++
	}
	if err := b.Settle(); err != nil {
		return err
	}
	if opts.idle > 0 {
		if err := b.Advance(opts.idle); err != nil {
			return err
		}
		fmt.Fprintf(w, "advanced %s: the worker is running: %v\n", opts.idle, ext.WorkerRunning())
	}
	if opts.transcript {
		fmt.Fprintf(w, "\ntranscript (virtual time):\n%s", b.Transcript())
	}
	contexts := []*browser.Context{}
	for _, e := range exts {
		contexts = append(contexts, e.Worker())
	}
	for _, id := range tabIDs {
		t := b.Tab(id)
		if t == nil { // closed by a step
			continue
		}
		contexts = append(contexts, t.Top().Page())
		for _, e := range exts {
			if cs := t.Top().ContentScript(e); cs != nil {
				contexts = append(contexts, cs)
			}
		}
	}
	for _, c := range contexts {
		for _, l := range c.Console() {
			if l.Level == "error" {
				fmt.Fprintf(w, "console error in %s: %s\n", c.Name(), l.Text)
			}
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d steps failed", failed, evals)
	}
	return nil
}

// writeDiagram writes t's sequence diagram to the file path.
func writeDiagram(path string, t *browser.Transcript, title string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := t.WriteDiagram(f, title); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}
