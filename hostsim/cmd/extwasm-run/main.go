// Command extwasm-run loads a built extension folder into the simulated browser and plays the
// example's demo: a login page whose form the content script fills over a port, the greeting,
// a knock-knock joke over a port, a service-worker stop in the middle of a conversation (the port
// disconnects) and a fresh worker that tells the joke again, and the 30-second idle stop.
// It prints what each step returned and the transcript of every message, on virtual time.
//
//	go run ./hostsim/cmd/extwasm-run ./extension
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/extwasm/extwasm/hostsim/browser"
)

const loginURL = "http://127.0.0.1:8000/login.html"

const loginHTML = `<!doctype html><title>Sign in</title>
<form id="login"><input name="username"><input name="password" type="password"></form>`

func main() {
	seed := flag.Int64("seed", 1, "seed for the simulated browser")
	quiet := flag.Bool("q", false, "print only the step results, not the transcript")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: extwasm-run [-seed n] [-q] <extension folder>")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(os.Stdout, flag.Arg(0), *seed, !*quiet); err != nil {
		fmt.Fprintln(os.Stderr, "extwasm-run:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, dir string, seed int64, transcript bool) error {
	if _, err := os.Stat(dir + "/worker.wasm"); err != nil {
		return fmt.Errorf("%s has no worker.wasm; build it first (make build)", dir)
	}
	ctx := context.Background()
	b, err := browser.New(browser.Options{Seed: seed})
	if err != nil {
		return err
	}
	defer b.Close()
	ext, err := b.Install(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "installed %q as %s\n", ext.Name(), ext.ID())
	b.ServePage(loginURL, browser.Page{HTML: loginHTML, Title: "Sign in"})
	tab, err := b.OpenTab(loginURL)
	if err != nil {
		return err
	}
	cs := tab.Top().ContentScript(ext)
	if cs == nil {
		return errors.New("the content script was not injected into " + loginURL)
	}
	steps := []struct {
		title string
		ctx   *browser.Context
		expr  string
		after func() error
	}{
		{"content script ready", cs, waitFor(`typeof extwasmDemo === "object"`), nil},
		{"login form filled over the port", tab.Top().Page(), waitFor(`document.forms[0].hasAttribute("data-extwasm-filled")`) +
			`.then(() => { const f = document.forms[0]; return {filled: f.getAttribute("data-extwasm-filled"), username: f.elements.username.value, password: f.elements.password.value}; })`, nil},
		{"greeting", cs, `chrome.runtime.sendMessage({greeting: "hello"})`, nil},
		{"typed route demo.greet", cs, `extwasmDemo.greet("gopher")`, nil},
		{"knock-knock, first telling", cs, `extwasmDemo.knock()`, nil},
		{"knock-knock interrupted: first answer", cs, `(self.kk = chrome.runtime.connect({name: "knockknock"}), self.kkLog = [],
			self.kk.onMessage.addListener((m) => self.kkLog.push(m.question)),
			self.kk.onDisconnect.addListener(() => self.kkLog.push("onDisconnect, lastError: " + (chrome.runtime.lastError ? chrome.runtime.lastError.message : "none"))),
			self.kk.postMessage({joke: "Knock knock"}), ` + waitFor(`self.kkLog.length === 1`) + `.then(() => self.kkLog))`, ext.StopWorker},
		{"worker stopped mid-conversation", cs, waitFor(`self.kkLog.length === 2`) + `.then(() => self.kkLog)`, nil},
		{"knock-knock with the restarted worker", cs, `extwasmDemo.knock()`, func() error { return b.Advance(31 * time.Second) }},
		{"after 31 s idle: greeting wakes the worker", cs, `extwasmDemo.greet("again")`, nil},
		{"worker asks the tab (tabs.sendMessage)", ext.Worker(), fmt.Sprintf(`extwasmDemo.greetTab(%d, 0, "worker")`, tab.ID()), nil},
	}
	failed := 0
	for _, s := range steps {
		raw, err := s.ctx.Eval(ctx, s.expr)
		if err != nil {
			failed++
			fmt.Fprintf(w, "✗ %-45s %v\n", s.title, err)
		} else {
			fmt.Fprintf(w, "✓ %-45s %s\n", s.title, raw)
		}
		if s.after != nil {
			if err := s.after(); err != nil {
				return err
			}
		}
	}
	if transcript {
		fmt.Fprintf(w, "\ntranscript (virtual time):\n%s", b.Transcript())
	}
	for _, c := range []*browser.Context{cs, ext.Worker()} {
		for _, l := range c.Console() {
			if l.Level == "error" {
				fmt.Fprintf(w, "console error in %s: %s\n", c.Name(), l.Text)
			}
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d steps failed", failed, len(steps))
	}
	return nil
}

// waitFor is an expression that resolves once cond holds, polling on the virtual clock.
func waitFor(cond string) string {
	return `new Promise((resolve, reject) => { let n = 0; const check = () => (` + cond + `) ? resolve(true)
		: (++n > 1000 ? reject(new Error("timed out waiting for ` + "`" + `" + ` + fmt.Sprintf("%q", cond) + ` + "` + "`" + `")) : setTimeout(check, 10)); check(); })`
}
