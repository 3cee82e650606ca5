package browser

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSmokeRoundTrip(t *testing.T) {
	e := newEnv(t, Options{})
	e.assertJSON(e.cs, `chrome.runtime.sendMessage({mode: "echo", v: {a: 1}})`, `{"a":1}`)
	t.Log(e.b.Transcript())
	assert.True(t, e.ext.WorkerRunning())
}
