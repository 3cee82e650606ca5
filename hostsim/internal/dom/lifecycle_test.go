package dom

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHoldAfterShowsOnlyWhatPrecedesTheScript(t *testing.T) {
	doc := parse(t, `<!doctype html><html><head><script id="s1"></script><meta></head><body><div id="d"><script id="s2"></script><p id="p1"></p></div><p id="p2"></p></body></html>`)
	ids := func() []string {
		var out []string
		for _, e := range descendants(doc) {
			if id := e.ID(); id != "" {
				out = append(out, id)
			}
		}
		return out
	}
	release := doc.HoldAfter(doc.GetElementByID("s1"))
	assert.Nil(t, doc.Body())
	assert.Equal(t, []string{"s1"}, ids())
	release()
	assert.Equal(t, []string{"s1", "d", "s2", "p1", "p2"}, ids())

	d := doc.GetElementByID("d")
	release = doc.HoldAfter(doc.GetElementByID("s2"))
	assert.Equal(t, []string{"s1", "d", "s2"}, ids())
	added := doc.CreateElement("span")
	added.SetAttr("id", "added")
	require.NoError(t, d.AppendChild(added))
	release()
	assert.Equal(t, []string{"s1", "d", "s2", "added", "p1", "p2"}, ids(), "what the script appended comes before what is parsed later")
	assert.True(t, IsConnected(doc.GetElementByID("p2")))
}
