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

	"github.com/extwasm/extwasm/hostsim/browser"
	"github.com/extwasm/extwasm/internal/extbuild"
)

// runScript is the file `extwasm run -script` plays: pages the simulated web serves, tabs opened
// in order, then steps evaluated in the first extension's contexts.
type runScript struct {
	// Pages maps a URL to what it serves; other URLs serve an empty document.
	Pages map[string]runPage `json:"pages"`
	// Tabs are URLs opened before the first step; steps name them by index.
	Tabs  []string  `json:"tabs"`
	Steps []runStep `json:"steps"`
}

type runPage struct {
	HTML   string `json:"html"`
	Script string `json:"script"`
	Title  string `json:"title"`
}

// runStep evaluates Eval in one context, after Wait (a condition polled on virtual time) holds, and
// then performs Then ("stop-worker" or "advance <duration>"). In is "worker", "popup" (the action's
// popup, opened afresh as a click on the toolbar button opens it), or "cs" (the content script) or
// "page" of tab Tab. {{tab}} in Eval is the tab's id.
type runStep struct {
	Title string `json:"title"`
	In    string `json:"in"`
	Tab   int    `json:"tab"`
	Wait  string `json:"wait"`
	Eval  string `json:"eval"`
	Then  string `json:"then"`
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
	return play(stdout, folders, sc, *seed, *idle, !*quiet)
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

func play(w io.Writer, folders []string, sc runScript, seed int64, idle time.Duration, transcript bool) error {
	ctx := context.Background()
	b, err := browser.New(browser.Options{Seed: seed})
	if err != nil {
		return err
	}
	defer b.Close()
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
	var tabs []*browser.Tab
	for _, url := range sc.Tabs {
		tab, err := b.OpenTab(url)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "opened tab %d at %s\n", tab.ID(), url)
		tabs = append(tabs, tab)
	}
	ext := exts[0]
	failed := 0
	for i, s := range sc.Steps {
		c, err := stepContext(ext, tabs, s)
		if err != nil {
			return fmt.Errorf("step %d (%s): %w", i+1, s.Title, err)
		}
		raw, err := c.Eval(ctx, stepExpr(s, tabs))
		if err != nil {
			failed++
			fmt.Fprintf(w, "✗ %-45s %v\n", s.Title, err)
		} else {
			fmt.Fprintf(w, "✓ %-45s %s\n", s.Title, raw)
		}
		if err := then(b, ext, s.Then); err != nil {
			return fmt.Errorf("step %d (%s): %w", i+1, s.Title, err)
		}
	}
	if err := b.Settle(); err != nil {
		return err
	}
	if idle > 0 {
		if err := b.Advance(idle); err != nil {
			return err
		}
		fmt.Fprintf(w, "advanced %s: the worker is running: %v\n", idle, ext.WorkerRunning())
	}
	if transcript {
		fmt.Fprintf(w, "\ntranscript (virtual time):\n%s", b.Transcript())
	}
	contexts := []*browser.Context{}
	for _, e := range exts {
		contexts = append(contexts, e.Worker())
	}
	for _, t := range tabs {
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
		return fmt.Errorf("%d of %d steps failed", failed, len(sc.Steps))
	}
	return nil
}

func stepContext(ext *browser.Extension, tabs []*browser.Tab, s runStep) (*browser.Context, error) {
	switch s.In {
	case "worker":
		return ext.Worker(), nil
	case "popup":
		p, err := ext.OpenPopup()
		if err != nil {
			return nil, err
		}
		return p.Context(), nil
	}
	if s.Tab < 0 || s.Tab >= len(tabs) {
		return nil, fmt.Errorf("no tab %d (%d opened)", s.Tab, len(tabs))
	}
	top := tabs[s.Tab].Top()
	switch s.In {
	case "page":
		return top.Page(), nil
	case "cs":
		if cs := top.ContentScript(ext); cs != nil {
			return cs, nil
		}
		return nil, fmt.Errorf("no content script of %s in %s", ext.Name(), top.URL())
	}
	return nil, fmt.Errorf(`"in" is %q: want "worker", "popup", "cs" or "page"`, s.In)
}

func stepExpr(s runStep, tabs []*browser.Tab) string {
	expr := s.Eval
	if s.Tab >= 0 && s.Tab < len(tabs) {
		expr = strings.ReplaceAll(expr, "{{tab}}", strconv.Itoa(tabs[s.Tab].ID()))
	}
	if s.Wait == "" {
		return expr
	}
	if expr == "" {
		return waitFor(s.Wait)
	}
	return waitFor(s.Wait) + ".then(() => (" + expr + "\n))"
}

func then(b *browser.Browser, ext *browser.Extension, action string) error {
	verb, arg, _ := strings.Cut(action, " ")
	switch verb {
	case "":
		return nil
	case "stop-worker":
		return ext.StopWorker()
	case "advance":
		d, err := time.ParseDuration(arg)
		if err != nil {
			return fmt.Errorf(`"then": %w`, err)
		}
		return b.Advance(d)
	}
	return errors.New(`"then" is ` + strconv.Quote(action) + `: want "stop-worker" or "advance <duration>"`)
}

// waitFor is an expression that resolves once cond holds, polling on the virtual clock.
func waitFor(cond string) string {
	return `new Promise((resolve, reject) => { let n = 0; const check = () => (` + cond + `) ? resolve(true)
		: (++n > 1000 ? reject(new Error("timed out waiting for ` + "`" + `" + ` + fmt.Sprintf("%q", cond) + ` + "` + "`" + `")) : setTimeout(check, 10)); check(); })`
}
