package chromium

import (
	"testing"

	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/cdproto/runtime"
	"github.com/stretchr/testify/assert"
)

func TestSelfTimes(t *testing.T) {
	frame := func(name, url string) *runtime.CallFrame { return &runtime.CallFrame{FunctionName: name, URL: url} }
	p := &profiler.Profile{
		Nodes: []*profiler.ProfileNode{
			{ID: 1, CallFrame: frame("(root)", ""), Children: []int64{2, 5}},
			{ID: 2, CallFrame: frame("deliver", "chrome-extension://x/extwasm.js"), Children: []int64{3}},
			{ID: 3, CallFrame: frame("safeRespond", "chrome-extension://x/extwasm.js"), Children: []int64{4}},
			{ID: 4, CallFrame: frame("", "")}, // V8's own code, charged to its caller
			{ID: 5, CallFrame: frame("", "chrome-extension://x/sw.js")},
		},
		Samples:    []int64{4, 3, 4, 5, 2},
		TimeDeltas: []int64{100, 10, 100, 7, 3},
	}
	assert.Equal(t, []SelfTime{
		{"safeRespond …", 200},
		{"safeRespond", 10},
		{"(chrome-extension://x/sw.js:0)", 7},
		{"deliver", 3},
	}, SelfTimes(p))
}
