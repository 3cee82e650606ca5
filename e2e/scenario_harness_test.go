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

	"github.com/extwasm/extwasm/e2e/internal/scenario"
	"github.com/extwasm/extwasm/extwasmtest"
)

// harnessScenarioBrowser is scenario.Browser over extwasmtest, with the scenario fixture installed.
type harnessScenarioBrowser struct {
	b    extwasmtest.Browser
	ext  extwasmtest.Extension
	tabs map[int]extwasmtest.Tab
}

func newHarnessScenarioBrowser(ctx context.Context, t testing.TB, kind, extDir string) (*harnessScenarioBrowser, error) {
	// Chromium moves a navigated-away page into the back/forward cache only on some runs, and then
	// closes its ports with the cache's error; the simulator models navigation without that cache
	// (see the README's limits), so the scenario browser runs without it to compare like with like.
	b, err := extwasmtest.OpenWith(ctx, extwasmtest.Options{Browser: kind,
		ChromiumFlags: map[string]any{"disable-features": "BackForwardCache"}})
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { _ = b.Close() })
	ext, err := b.Install(ctx, extDir)
	if err != nil {
		return nil, err
	}
	return &harnessScenarioBrowser{b: b, ext: ext, tabs: map[int]extwasmtest.Tab{}}, nil
}

func (h *harnessScenarioBrowser) ExtensionID() string { return h.ext.ID() }

func (h *harnessScenarioBrowser) serve(path, html string) string {
	if html == "" {
		html = plainHTML
	}
	return h.b.Serve(path, extwasmtest.Page{HTML: html})
}

// waitContentScript waits for the fixture's content script in r.
func waitContentScript(ctx context.Context, r extwasmtest.Realm) error {
	return extwasmtest.WaitFor(ctx, r, "self.csLoaded >= 1", 20*time.Second)
}

func (h *harnessScenarioBrowser) OpenTab(ctx context.Context, path, html string) (int, error) {
	id, tab, err := h.open(ctx, h.serve(path, html))
	if err != nil {
		return 0, err
	}
	return id, waitContentScript(ctx, tab.ContentScript(h.ext))
}

// open opens a tab at url and learns its id from the worker.
func (h *harnessScenarioBrowser) open(ctx context.Context, url string) (int, extwasmtest.Tab, error) {
	tab, err := h.b.OpenTab(ctx, url)
	if err != nil {
		return 0, nil, err
	}
	id, err := h.tabIDAt(ctx, url)
	if err != nil {
		return 0, nil, err
	}
	h.tabs[id] = tab
	return id, tab, nil
}

// OpenExtensionPage opens a tab at the extension's file path and waits for its scripts (a page
// of a scenario fixture sets self.pageReady).
func (h *harnessScenarioBrowser) OpenExtensionPage(ctx context.Context, path string) (int, error) {
	id, tab, err := h.open(ctx, h.ext.URL(path))
	if err != nil {
		return 0, err
	}
	return id, extwasmtest.WaitFor(ctx, tab.Page(), "self.pageReady === true", 20*time.Second)
}

// tabIDAt asks the worker for the id of the one tab at url.
func (h *harnessScenarioBrowser) tabIDAt(ctx context.Context, url string) (int, error) {
	var ids []int
	err := extwasmtest.EvalInto(ctx, h.ext.Worker(),
		fmt.Sprintf(`chrome.tabs.query({}).then(ts => ts.filter(t => t.url === %q || t.pendingUrl === %[1]q).map(t => t.id))`, url), &ids)
	if err != nil {
		return 0, err
	}
	if len(ids) != 1 {
		return 0, fmt.Errorf("%d tabs at %s; scenario tab paths must be unique", len(ids), url)
	}
	return ids[0], nil
}

func (h *harnessScenarioBrowser) realm(ctx context.Context, name string) (extwasmtest.Realm, error) {
	if name == "worker" {
		return h.ext.Worker(), nil
	}
	parts := strings.Split(name, "/")
	var id int
	if _, err := fmt.Sscan(parts[0], &id); err != nil {
		return nil, fmt.Errorf("realm %q: bad tab id", name)
	}
	tab := h.tabs[id]
	if tab == nil {
		return nil, fmt.Errorf("realm %q: no such tab", name)
	}
	switch {
	case len(parts) == 2 && parts[1] == "page":
		return tab.Page(), nil
	case len(parts) == 2 && parts[1] == "cs":
		return tab.ContentScript(h.ext), nil
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
		r := frames[i].ContentScript(h.ext)
		return r, waitContentScript(ctx, r)
	}
	return nil, fmt.Errorf("realm %q: unknown form", name)
}

func (h *harnessScenarioBrowser) Eval(ctx context.Context, realm, expr string) (json.RawMessage, error) {
	r, err := h.realm(ctx, realm)
	if err != nil {
		return nil, err
	}
	v, err := r.Eval(ctx, expr)
	var js *extwasmtest.JSError
	if errors.As(err, &js) {
		return nil, &scenario.Thrown{Name: js.Name, Message: js.Message}
	}
	return v, err
}

func (h *harnessScenarioBrowser) StopWorker(ctx context.Context) error { return h.ext.StopWorker(ctx) }

func (h *harnessScenarioBrowser) Navigate(ctx context.Context, tab int, path string) error {
	t := h.tabs[tab]
	if t == nil {
		return fmt.Errorf("no tab %d", tab)
	}
	if err := t.Navigate(ctx, h.serve(path, "")); err != nil {
		return err
	}
	return waitContentScript(ctx, t.ContentScript(h.ext))
}

func (h *harnessScenarioBrowser) CloseTab(ctx context.Context, tab int) error {
	t := h.tabs[tab]
	if t == nil {
		return fmt.Errorf("no tab %d", tab)
	}
	delete(h.tabs, tab)
	return t.Close(ctx)
}

func (h *harnessScenarioBrowser) Wait(ctx context.Context, ms int) error {
	select {
	case <-time.After(time.Duration(ms) * time.Millisecond):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
