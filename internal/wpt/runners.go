package wpt

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/extwasm/extwasm/hostsim/browser"
	"github.com/extwasm/extwasm/internal/chromium"
)

// Runner runs one test page and returns its results; a page that gives none in time is a Result
// with Loaded false, never an error of the run.
type Runner interface {
	Name() string
	Run(ctx context.Context, page string) Result
	Close() error
}

func decode(raw json.RawMessage, err error) Result {
	if err != nil {
		return Result{LoadError: err.Error()}
	}
	var r Result
	if err := json.Unmarshal(raw, &r); err != nil {
		return Result{LoadError: fmt.Sprintf("decoding the results: %v", err)}
	}
	r.Loaded = true
	return r
}

// HostsimOrigin is where hostsim serves the checkout, in process.
const HostsimOrigin = "http://web-platform.test:8000"

// Hostsim runs test pages in a simulated browser that serves the checkout through Handle.
type Hostsim struct {
	root string
	b    *browser.Browser
}

// NewHostsim starts a simulated browser serving root.
func NewHostsim(root string) (*Hostsim, error) {
	h := &Hostsim{root: root}
	return h, h.start()
}

func (h *Hostsim) start() error {
	// The harness's own timeouts (10 s, 60 s for "long" tests) pass on virtual time.
	b, err := browser.New(browser.Options{EvalBudget: 5 * time.Minute})
	if err != nil {
		return err
	}
	if err := b.Handle(HostsimOrigin+"/", Handler(h.root)); err != nil {
		b.Close()
		return err
	}
	h.b = b
	return nil
}

// Name is "hostsim".
func (h *Hostsim) Name() string { return "hostsim" }

// Run opens the page in a new tab and waits for its results. The simulator cannot be interrupted
// in the middle of a script, so a page still running when ctx ends is abandoned with its browser,
// and the next page gets a new one.
func (h *Hostsim) Run(ctx context.Context, page string) Result {
	b := h.b
	done := make(chan Result, 1)
	go func() {
		tab, err := b.OpenTab(HostsimOrigin + "/" + page)
		if err != nil {
			done <- Result{LoadError: err.Error()}
			return
		}
		r := decode(tab.Top().Page().Eval(ctx, ResultExpr))
		tab.Close()
		done <- r
	}()
	select {
	case r := <-done:
		return r
	case <-ctx.Done():
		if err := h.start(); err != nil {
			return Result{LoadError: fmt.Sprintf("timed out, and no new browser: %v", err)}
		}
		return Result{LoadError: "timed out"}
	}
}

// Close closes the simulated browser.
func (h *Hostsim) Close() error { return h.b.Close() }

// Chromium runs test pages in headless Chromium, from a local server of the checkout.
type Chromium struct {
	srv *httptest.Server
	b   *chromium.Browser
}

// NewChromium starts the server and the browser (no extension loaded).
func NewChromium(ctx context.Context, root string) (*Chromium, error) {
	srv := httptest.NewServer(Handler(root))
	b, err := chromium.Launch(ctx, chromium.Options{})
	if err != nil {
		srv.Close()
		return nil, err
	}
	return &Chromium{srv: srv, b: b}, nil
}

// Name is "chromium".
func (c *Chromium) Name() string { return "chromium" }

// Run opens the page in a new tab, waits for its results and closes the tab.
func (c *Chromium) Run(ctx context.Context, page string) Result {
	tab, err := c.b.OpenTab(ctx, c.srv.URL+"/"+page)
	if err != nil {
		return Result{LoadError: err.Error()}
	}
	defer tab.Close()
	return decode(tab.Page().Eval(ctx, ResultExpr))
}

// Close ends the browser and the server.
func (c *Chromium) Close() error {
	err := c.b.Close()
	c.srv.Close()
	return err
}

// Describe says which checkout root is: its git commit, else the first lines of a SOURCE file at
// its top (how a partial checkout was assembled), else that it cannot tell.
func Describe(root string) string {
	if out, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output(); err == nil {
		if _, err := os.Stat(filepath.Join(root, ".git")); err == nil {
			return "git commit " + strings.TrimSpace(string(out))
		}
	}
	if b, err := os.ReadFile(filepath.Join(root, "SOURCE")); err == nil {
		lines := strings.SplitN(strings.TrimSpace(string(b)), "\n", 4)
		if len(lines) > 3 {
			lines = lines[:3]
		}
		return strings.Join(lines, " / ")
	}
	return "unknown: no .git and no SOURCE file in " + root
}

// Present splits dirs into those the checkout at root has and those it lacks.
func Present(root string, dirs []string) (present, missing []string) {
	for _, d := range dirs {
		if st, err := os.Stat(filepath.Join(root, filepath.FromSlash(d))); err == nil && st.IsDir() {
			present = append(present, d)
		} else {
			missing = append(missing, d)
		}
	}
	return present, missing
}

// StartBoth starts Chromium (given two minutes to come up) and hostsim on the checkout at root;
// the caller closes both.
func StartBoth(root string) (*Chromium, *Hostsim, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cr, err := NewChromium(ctx, root)
	if err != nil {
		return nil, nil, err
	}
	hs, err := NewHostsim(root)
	if err != nil {
		return nil, nil, errors.Join(err, cr.Close())
	}
	return cr, hs, nil
}
