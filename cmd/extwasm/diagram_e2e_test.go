//go:build e2e

package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromium"
)

// TestRunDiagramRendersInChromium opens the file `extwasm run -diagram` wrote in headless Chromium
// as a plain page: both SVGs have a size, every lane header and every arrow is drawn (a rendered
// box), the rejected send is red, the lane headers stay in view when the page scrolls to its end,
// and the page ran no script and logged nothing. A screenshot is kept and its path logged.
func TestRunDiagramRendersInChromium(t *testing.T) {
	path, messages := runWithDiagram(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	b, err := chromium.Launch(ctx, chromium.Options{Flags: map[string]any{"window-size": "1100,500"}})
	require.NoError(t, err)
	defer b.Close()
	abs, err := filepath.Abs(path)
	require.NoError(t, err)
	tab, err := b.OpenTab(ctx, "file://"+abs)
	require.NoError(t, err)

	var got struct {
		SVGs       [][2]float64 // width and height of each SVG's box
		Lanes      []string     // each drawn lane header's name
		Arrows     int          // arrows with a drawn line and label
		Notes      int
		FaultColor string // the rejected result's line colour
		HeadTop    float64
		Scrolled   bool
	}
	require.NoError(t, chromium.EvalInto(ctx, tab.Page(), `(() => {
		const drawn = (el) => { const r = el.getBBox(); return r.width > 0 && r.height > 0; };
		const drawnLine = (el) => el.getBBox().width > 0; // an arrow is level: no height
		const out = {SVGs: [], Lanes: [], Arrows: 0, Notes: 0};
		for (const svg of document.querySelectorAll('svg')) {
			const r = svg.getBoundingClientRect();
			out.SVGs.push([r.width, r.height]);
		}
		for (const g of document.querySelectorAll('svg.lanes g.lane')) {
			if (drawn(g.querySelector('rect')) && drawn(g.querySelector('text'))) out.Lanes.push(g.dataset.name);
		}
		for (const g of document.querySelectorAll('svg.run g.msg')) {
			if (drawnLine(g.querySelector('.line')) && drawn(g.querySelector('.label'))) out.Arrows++;
		}
		for (const g of document.querySelectorAll('svg.run g.note')) {
			if (drawn(g.querySelector('rect'))) out.Notes++;
		}
		const fault = document.querySelector('svg.run g.msg.fault .line');
		out.FaultColor = fault ? getComputedStyle(fault).stroke : '';
		window.scrollTo(0, document.body.scrollHeight);
		out.Scrolled = window.scrollY > 0;
		out.HeadTop = document.querySelector('svg.lanes').getBoundingClientRect().top;
		window.scrollTo(0, 0);
		return out;
	})()`, &got))

	require.Len(t, got.SVGs, 2)
	for _, wh := range got.SVGs {
		assert.Greater(t, wh[0], 0.0)
		assert.Greater(t, wh[1], 0.0)
	}
	assert.Equal(t, diagramLanes, got.Lanes)
	assert.Equal(t, messages, got.Arrows)
	assert.Greater(t, got.Notes, 0)
	assert.Equal(t, "rgb(198, 40, 40)", got.FaultColor)
	if assert.True(t, got.Scrolled, "the run is taller than the window (500 px)") {
		assert.Equal(t, 0.0, got.HeadTop, "the lane headers stick to the top")
	}
	msgs, err := tab.Page().Console(ctx)
	require.NoError(t, err)
	assert.Empty(t, msgs)

	png, err := tab.Screenshot(ctx)
	require.NoError(t, err)
	dir, err := os.MkdirTemp("", "extwasm-diagram-")
	require.NoError(t, err)
	shot := filepath.Join(dir, "run.png")
	require.NoError(t, os.WriteFile(shot, png, 0o644))
	t.Logf("screenshot of the diagram: %s (%d bytes)", shot, len(png))
}
