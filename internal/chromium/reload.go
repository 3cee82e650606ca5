package chromium

import (
	"context"
	"fmt"
	"time"

	"github.com/chromedp/cdproto/target"
)

// ErrFlagLoaded is [Browser.ReloadExtension]'s error when the extensions were loaded with
// --load-extension: only a restart of the browser reloads them then.
var ErrFlagLoaded = fmt.Errorf("chromium: the extensions were loaded with --load-extension, which cannot reload one: restart the browser")

// ReloadExtension reloads the unpacked extension in folder from disk, keeping its id, and returns
// its new worker once the worker runs (nil for an extension without a worker: pass hasWorker
// false). It calls Extensions.loadUnpacked again: measured in Chromium 156, that replaced the
// worker in 0.3–0.4 s, while chrome.runtime.reload() evaluated in the worker left the extension
// unloaded (its pages net::ERR_BLOCKED_BY_CLIENT, no worker for 30 s), under either load method.
//
// Content scripts already injected are cut off from the reloaded extension: reload their tabs.
func (b *Browser) ReloadExtension(ctx context.Context, folder string, hasWorker bool) (*Worker, error) {
	if b.loadedBy != LoadProtocol {
		return nil, ErrFlagLoaded
	}
	id, err := ExtensionID(folder)
	if err != nil {
		return nil, err
	}
	var old target.ID
	if in, err := b.workerTarget(ctx, id); err != nil {
		return nil, err
	} else if in != nil {
		old = in.TargetID
	}
	if _, err := b.LoadUnpacked(ctx, folder); err != nil {
		return nil, err
	}
	if !hasWorker {
		return nil, nil
	}
	return b.WaitNewWorker(ctx, id, old)
}

// WaitNewWorker waits for a run of the extension's worker other than the target old (any run when
// old is empty), attaches to it, and waits until the extwasm glue in it has started Go. A worker
// without the glue counts as started at once; a glue that failed (Go did not load, exited or
// panicked) is an error quoting its status.
func (b *Browser) WaitNewWorker(ctx context.Context, extID string, old target.ID) (*Worker, error) {
	for {
		in, err := b.workerTarget(ctx, extID)
		if err != nil {
			return nil, err
		}
		if in != nil && in.TargetID != old {
			break
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("chromium: no new worker for extension %s: %w", extID, ctx.Err())
		case <-time.After(pollInterval):
		}
	}
	w, err := b.Worker(ctx, extID)
	if err != nil {
		return nil, err
	}
	const status = `typeof extwasm === "object" && typeof extwasm.status === "function" ? extwasm.status() : "ready"`
	for {
		var s string
		if err := EvalInto(ctx, w, status, &s); err != nil {
			w.Close()
			return nil, err
		}
		switch s {
		case "ready":
			return w, nil
		case "starting":
		default:
			w.Close()
			return nil, fmt.Errorf("chromium: the worker of %s did not start Go: %s", extID, s)
		}
		select {
		case <-ctx.Done():
			w.Close()
			return nil, fmt.Errorf("chromium: the worker of %s is still starting Go: %w", extID, ctx.Err())
		case <-time.After(pollInterval):
		}
	}
}
