package dom

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTemplateContent(t *testing.T) {
	doc := parse(t, `<!doctype html><body><template id="t"><li id="in">x</li></template><p id="out">y</p></body>`)
	tpl := doc.GetElementByID("t")
	require.NotNil(t, tpl)
	assert.Empty(t, tpl.ChildNodes(), "parsed children go to the content")
	require.Len(t, tpl.Content().Children(), 1)
	assert.Nil(t, doc.GetElementByID("in"), "the content is outside the document's tree")
	assert.Equal(t, `<li id="in">x</li>`, tpl.InnerHTML())
	assert.Nil(t, doc.GetElementByID("out").Content(), "only a template has content")

	clone := CloneNode(tpl, true).(*Element)
	assert.Equal(t, `<li id="in">x</li>`, clone.InnerHTML(), "a deep clone copies the content")
	assert.Empty(t, CloneNode(tpl, false).(*Element).InnerHTML())

	require.NoError(t, clone.SetInnerHTML("<b>1</b><b>2</b>"))
	assert.Empty(t, clone.ChildNodes())
	assert.Len(t, clone.Content().ChildNodes(), 2)
	assert.Len(t, tpl.Content().ChildNodes(), 1, "the original's content is its own")
}
