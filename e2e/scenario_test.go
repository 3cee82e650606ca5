//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	simbrowser "github.com/extwasm/extwasm/hostsim/browser"
	"github.com/extwasm/extwasm/internal/chromium"
	"github.com/extwasm/extwasm/internal/scenario"
)

// plainHTML is what a scenario's tab shows when the scenario gives no HTML of its own, the same
// page the simulator serves by default.
const plainHTML = "<!doctype html><html><head><title>page</title></head><body><p>page</p></body></html>"

// TestScenariosMatchTheSimulator runs every shared conformance scenario in Chromium and in hostsim
// and requires the same result for every step: Chromium is the judge, and the expected results
// written in each scenario must hold in both.
func TestScenariosMatchTheSimulator(t *testing.T) {
	for _, sc := range scenario.All {
		t.Run(sc.Name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()

			extDir, err := sc.ExtensionDir()
			require.NoError(t, err)
			real, err := newChromiumScenarioBrowser(ctx, t, extDir)
			require.NoError(t, err)
			got, err := scenario.Run(ctx, real, sc)
			require.NoError(t, err, "chromium")

			sim, err := scenario.NewHostsim(extDir, simbrowser.Options{Seed: 1})
			require.NoError(t, err)
			defer sim.Close()
			want, err := scenario.Run(ctx, sim, sc)
			require.NoError(t, err, "hostsim")

			require.Len(t, want, len(got))
			for i := range got {
				step := got[i].Step
				if step.Action != "" {
					continue
				}
				assert.Equal(t, got[i].Got, want[i].Got, "step %d in %s: Chromium vs hostsim", i, step.Realm)
				assert.JSONEq(t, step.Want, got[i].Got, "step %d in %s: Chromium vs the scenario", i, step.Realm)
			}
		})
	}
}

// chromiumScenarioBrowser is scenario.Browser over a real Chromium with the scenario fixture loaded.
type chromiumScenarioBrowser struct {
	b      *chromium.Browser
	pages  *chromium.PageServer
	extID  string
	worker *chromium.Worker
	tabs   map[int]*chromium.Tab
}

func newChromiumScenarioBrowser(ctx context.Context, t testing.TB, extDir string) (*chromiumScenarioBrowser, error) {
	pages, err := chromium.ServePages("testdata/pages")
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { _ = pages.Close() })
	extID, err := chromium.ExtensionID(extDir)
	if err != nil {
		return nil, err
	}
	// Chromium moves a navigated-away page into the back/forward cache only on some runs, and then
	// closes its ports with the cache's error; the simulator models navigation without that cache
	// (see the README's limits), so the scenario browser runs without it to compare like with like.
	b, err := chromium.Launch(ctx, chromium.Options{
		Extensions: []string{extDir},
		Flags:      map[string]any{"disable-features": "BackForwardCache"},
	})
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { _ = b.Close() })
	w, err := b.Worker(ctx, extID)
	if err != nil {
		return nil, err
	}
	return &chromiumScenarioBrowser{b: b, pages: pages, extID: extID, worker: w, tabs: map[int]*chromium.Tab{}}, nil
}

func (c *chromiumScenarioBrowser) ExtensionID() string { return c.extID }

func (c *chromiumScenarioBrowser) serve(path, html string) string {
	if html == "" {
		html = plainHTML
	}
	c.pages.Set(path, html, nil)
	return c.pages.URL + path
}

func (c *chromiumScenarioBrowser) OpenTab(ctx context.Context, path, html string) (int, error) {
	url := c.serve(path, html)
	tab, err := c.b.OpenTab(ctx, url)
	if err != nil {
		return 0, err
	}
	w, err := c.attachedWorker(ctx)
	if err != nil {
		return 0, err
	}
	id, err := w.TabIDFor(ctx, url)
	if err != nil {
		return 0, err
	}
	c.tabs[id] = tab
	return id, chromium.WaitFor(ctx, tab.Isolated(c.extID), "self.csLoaded >= 1")
}

// OpenExtensionPage opens a tab at the extension's file path and waits for its scripts (a page
// of a scenario fixture sets self.pageReady).
func (c *chromiumScenarioBrowser) OpenExtensionPage(ctx context.Context, path string) (int, error) {
	url := "chrome-extension://" + c.extID + "/" + path
	tab, err := c.b.OpenTab(ctx, url)
	if err != nil {
		return 0, err
	}
	w, err := c.attachedWorker(ctx)
	if err != nil {
		return 0, err
	}
	id, err := w.TabIDFor(ctx, url)
	if err != nil {
		return 0, err
	}
	c.tabs[id] = tab
	return id, chromium.WaitFor(ctx, tab.Page(), "self.pageReady === true")
}

// attachedWorker re-attaches after a stop: a restarted worker is a new DevTools target.
func (c *chromiumScenarioBrowser) attachedWorker(ctx context.Context) (*chromium.Worker, error) {
	if c.worker == nil {
		w, err := c.b.Worker(ctx, c.extID)
		if err != nil {
			return nil, err
		}
		c.worker = w
	}
	return c.worker, nil
}

func (c *chromiumScenarioBrowser) realm(ctx context.Context, name string) (chromium.Realm, error) {
	if name == "worker" {
		return c.attachedWorker(ctx)
	}
	parts := strings.Split(name, "/")
	var id int
	if _, err := fmt.Sscan(parts[0], &id); err != nil {
		return nil, fmt.Errorf("realm %q: bad tab id", name)
	}
	tab := c.tabs[id]
	if tab == nil {
		return nil, fmt.Errorf("realm %q: no such tab", name)
	}
	switch {
	case len(parts) == 2 && parts[1] == "page":
		return tab.Page(), nil
	case len(parts) == 2 && parts[1] == "cs":
		return tab.Isolated(c.extID), nil
	case len(parts) == 3 && parts[2] == "cs":
		var i int
		if _, err := fmt.Sscanf(parts[1], "frame%d", &i); err != nil {
			return nil, fmt.Errorf("realm %q: bad frame", name)
		}
		frames, err := tab.Frames(ctx)
		if err != nil {
			return nil, err
		}
		if i < 1 || i >= len(frames) {
			return nil, fmt.Errorf("realm %q: no frame %d (tab has %d)", name, i, len(frames))
		}
		r := tab.IsolatedFrame(c.extID, frames[i].ID)
		return r, chromium.WaitFor(ctx, r, "self.csLoaded >= 1")
	}
	return nil, fmt.Errorf("realm %q: unknown form", name)
}

func (c *chromiumScenarioBrowser) Eval(ctx context.Context, realm, expr string) (json.RawMessage, error) {
	r, err := c.realm(ctx, realm)
	if err != nil {
		return nil, err
	}
	v, err := r.Eval(ctx, expr)
	var js *chromium.JSError
	if errors.As(err, &js) {
		return nil, &scenario.Thrown{Name: js.Name, Message: js.Message}
	}
	return v, err
}

func (c *chromiumScenarioBrowser) StopWorker(ctx context.Context) error {
	w, err := c.attachedWorker(ctx)
	if err != nil {
		return err
	}
	c.worker = nil
	return w.Stop(ctx)
}

func (c *chromiumScenarioBrowser) Navigate(ctx context.Context, tab int, path string) error {
	t := c.tabs[tab]
	if t == nil {
		return fmt.Errorf("no tab %d", tab)
	}
	if err := t.Navigate(ctx, c.serve(path, "")); err != nil {
		return err
	}
	return chromium.WaitFor(ctx, t.Isolated(c.extID), "self.csLoaded >= 1")
}

func (c *chromiumScenarioBrowser) CloseTab(_ context.Context, tab int) error {
	t := c.tabs[tab]
	if t == nil {
		return fmt.Errorf("no tab %d", tab)
	}
	t.Close()
	delete(c.tabs, tab)
	return nil
}

func (c *chromiumScenarioBrowser) Wait(ctx context.Context, ms int) error {
	select {
	case <-time.After(time.Duration(ms) * time.Millisecond):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// BenchmarkScenarioSuite measures, in one run, the wall time of the whole shared scenario suite in
// the simulator and in Chromium (a fresh browser per scenario in both, as the test does).
func BenchmarkScenarioSuite(b *testing.B) {
	var simTotal, realTotal time.Duration
	for range b.N {
		for _, sc := range scenario.All {
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			extDir, err := sc.ExtensionDir()
			require.NoError(b, err)
			start := time.Now()
			sim, err := scenario.NewHostsim(extDir, simbrowser.Options{Seed: 1})
			require.NoError(b, err)
			_, err = scenario.Run(ctx, sim, sc)
			require.NoError(b, err, sc.Name)
			require.NoError(b, sim.Close())
			simTotal += time.Since(start)

			start = time.Now()
			real, err := newChromiumScenarioBrowser(ctx, b, extDir)
			require.NoError(b, err)
			_, err = scenario.Run(ctx, real, sc)
			require.NoError(b, err, sc.Name)
			realTotal += time.Since(start)
			cancel()
		}
	}
	n := float64(b.N)
	b.ReportMetric(simTotal.Seconds()/n, "hostsim-s/suite")
	b.ReportMetric(realTotal.Seconds()/n, "chromium-s/suite")
	b.ReportMetric(realTotal.Seconds()/simTotal.Seconds(), "chromium/hostsim")
}
