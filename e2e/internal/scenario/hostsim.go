package scenario

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/extwasm/extwasm/hostsim/browser"
)

// Origin is where the simulator's page server lives; the fixture's content script matches it.
const Origin = "http://127.0.0.1:8000"

// Hostsim runs scenarios in the simulator.
type Hostsim struct {
	B   *browser.Browser
	Ext *browser.Extension
}

// NewHostsim starts a simulated browser with the extension at extDir installed.
func NewHostsim(extDir string, opts browser.Options) (*Hostsim, error) {
	b, err := browser.New(opts)
	if err != nil {
		return nil, err
	}
	ext, err := b.Install(extDir)
	if err != nil {
		_ = b.Close()
		return nil, err
	}
	return &Hostsim{B: b, Ext: ext}, nil
}

// Close ends the browser.
func (h *Hostsim) Close() error { return h.B.Close() }

// ExtensionID is the installed extension's id.
func (h *Hostsim) ExtensionID() string { return h.Ext.ID() }

// OpenTab opens a tab at Origin+path in a new window, as DevTools' Target.createTarget does in
// headless Chromium, where the Chromium runner opens its tabs.
func (h *Hostsim) OpenTab(ctx context.Context, path, html string) (int, error) {
	if html != "" {
		h.B.ServePage(Origin+path, browser.Page{HTML: html})
	}
	h.B.NewWindow()
	t, err := h.B.OpenTab(Origin + path)
	if err != nil {
		return 0, err
	}
	return t.ID(), nil
}

// OpenExtensionPage opens a tab at the extension's file path; the page's scripts have run when the
// tab is open.
func (h *Hostsim) OpenExtensionPage(_ context.Context, path string) (int, error) {
	t, err := h.B.OpenTab(h.Ext.URL(path))
	if err != nil {
		return 0, err
	}
	return t.ID(), nil
}

// realm resolves a realm name of the scenario format.
func (h *Hostsim) realm(name string) (*browser.Context, error) {
	if name == "worker" {
		return h.Ext.Worker(), nil
	}
	parts := strings.Split(name, "/")
	var id int
	if _, err := fmt.Sscan(parts[0], &id); err != nil {
		return nil, fmt.Errorf("scenario: realm %q: tab names must be resolved to ids first", name)
	}
	t := h.B.Tab(id)
	if t == nil {
		return nil, fmt.Errorf("scenario: realm %q: no such tab", name)
	}
	frame := t.Top()
	if len(parts) == 3 {
		var i int
		if _, err := fmt.Sscanf(parts[1], "frame%d", &i); err != nil {
			return nil, fmt.Errorf("scenario: realm %q: bad frame", name)
		}
		frames := t.Frames()
		if i < 1 || i >= len(frames) {
			return nil, fmt.Errorf("scenario: realm %q: no frame %d", name, i)
		}
		frame = frames[i]
	}
	switch parts[len(parts)-1] {
	case "page":
		return frame.Page(), nil
	case "cs":
		if c := frame.ContentScript(h.Ext); c != nil {
			return c, nil
		}
		return nil, fmt.Errorf("scenario: realm %q: no content script there", name)
	}
	return nil, fmt.Errorf("scenario: unknown realm %q", name)
}

// Eval evaluates in a realm named "worker" or "<tab id>/…".
func (h *Hostsim) Eval(ctx context.Context, realm, expr string) (json.RawMessage, error) {
	c, err := h.realm(realm)
	if err != nil {
		return nil, err
	}
	v, err := c.Eval(ctx, expr)
	var je *browser.JSError
	if errors.As(err, &je) {
		return nil, &Thrown{Name: je.Name, Message: je.Message}
	}
	return v, err
}

// StopWorker stops the service worker.
func (h *Hostsim) StopWorker(context.Context) error { return h.Ext.StopWorker() }

// Navigate loads Origin+path in the tab.
func (h *Hostsim) Navigate(_ context.Context, tab int, path string) error {
	t := h.B.Tab(tab)
	if t == nil {
		return fmt.Errorf("scenario: no tab %d", tab)
	}
	return t.Navigate(Origin + path)
}

// CloseTab closes the tab.
func (h *Hostsim) CloseTab(_ context.Context, tab int) error {
	t := h.B.Tab(tab)
	if t == nil {
		return fmt.Errorf("scenario: no tab %d", tab)
	}
	return t.Close()
}

// Wait advances the virtual clock.
func (h *Hostsim) Wait(_ context.Context, ms int) error {
	return h.B.Advance(time.Duration(ms) * time.Millisecond)
}

// RunHostsim runs s in a fresh simulated browser with the extension at extDir.
func RunHostsim(ctx context.Context, extDir string, s Scenario, opts browser.Options) ([]Outcome, error) {
	h, err := NewHostsim(extDir, opts)
	if err != nil {
		return nil, err
	}
	defer h.Close()
	return Run(ctx, h, s)
}
