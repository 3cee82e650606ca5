package chromium

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// ExtensionFrame is an extension page that runs in a frame of a web page (an iframe whose src is
// chrome-extension://…): Chromium runs it out of process, as its own DevTools target.
type ExtensionFrame struct {
	// URL is the frame's document URL.
	URL     string
	ctx     context.Context
	cancel  context.CancelFunc
	console consoleLog
}

// ExtensionFrame waits until a frame showing the extension's page (a path, such as
// "extwasm-frame.html") exists in some tab and attaches to it.
func (b *Browser) ExtensionFrame(ctx context.Context, extID, page string) (*ExtensionFrame, error) {
	return b.extensionTarget(ctx, extID, page, "iframe")
}

// ExtensionPopup waits until the extension's action popup showing page (such as "popup.html") is
// open, as chrome.action.openPopup opens it, and attaches to it. Chromium lists the popup as a
// DevTools target of type "page" whose URL is exactly the popup's, with no query.
func (b *Browser) ExtensionPopup(ctx context.Context, extID, page string) (*ExtensionFrame, error) {
	return b.extensionTarget(ctx, extID, page, "page")
}

// extensionTarget attaches to the first target of type kind showing the extension's page (a prefix
// of its URL for frames, which carry a fragment; the exact URL for pages).
func (b *Browser) extensionTarget(ctx context.Context, extID, page, kind string) (*ExtensionFrame, error) {
	prefix := "chrome-extension://" + extID + "/" + strings.TrimPrefix(page, "/")
	for {
		c, cancel := bound(ctx, b.ctx)
		infos, err := chromedp.Targets(c)
		cancel()
		if err != nil {
			return nil, fmt.Errorf("chromium: listing targets: %w", err)
		}
		for _, in := range infos {
			if in.Type != kind || !strings.HasPrefix(in.URL, prefix) || (kind == "page" && in.URL != prefix) {
				continue
			}
			f := &ExtensionFrame{URL: in.URL}
			f.ctx, f.cancel = chromedp.NewContext(b.ctx, chromedp.WithTargetID(in.TargetID), chromedp.WithDetachOnCancel(),
				chromedp.WithListener(f.console.record))
			if err := attach(ctx, f.ctx, f.cancel); err != nil {
				f.cancel()
				return nil, fmt.Errorf("chromium: attaching to %s: %w", in.URL, err)
			}
			return f, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("chromium: no frame shows %s: %w", prefix, ctx.Err())
		case <-time.After(pollInterval):
		}
	}
}

// Name implements [Realm].
func (f *ExtensionFrame) Name() string { return "frame(" + f.URL + ")" }

// Eval implements [Realm], in the frame's main world.
func (f *ExtensionFrame) Eval(ctx context.Context, expr string) (json.RawMessage, error) {
	c, cancel := bound(ctx, f.ctx)
	defer cancel()
	v, err := chromedp.Run(c, EvalAction(expr, 0))
	return v, wrapEval(f.Name(), err)
}

// Close detaches from the frame; the frame keeps running.
func (f *ExtensionFrame) Close() { f.cancel() }
