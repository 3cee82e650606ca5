package chromium

import (
	"context"
	"fmt"

	"github.com/chromedp/chromedp"
)

// Screenshot is a PNG of the tab's whole page, beyond the viewport too, as it is rendered now.
func (t *Tab) Screenshot(ctx context.Context) ([]byte, error) {
	c, cancel := bound(ctx, t.ctx)
	defer cancel()
	png, err := chromedp.Run(c, chromedp.FullScreenshot(100))
	if err != nil {
		return nil, fmt.Errorf("chromium: screenshot: %w", err)
	}
	return png, nil
}
