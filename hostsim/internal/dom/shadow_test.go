package dom

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShadowTreeIsApartFromItsHostsTree(t *testing.T) {
	doc := parse(t, `<!doctype html><body><div id="host"></div></body>`)
	host := doc.GetElementByID("host")
	root, err := host.AttachShadow("open", false)
	require.NoError(t, err)
	p := doc.CreateElement("p")
	require.NoError(t, root.AppendChild(p))

	assert.Nil(t, root.Parent())
	assert.Equal(t, Node(root), Root(p))
	assert.Equal(t, Node(doc), ShadowIncludingRoot(p))
	assert.True(t, IsConnected(p))
	assert.False(t, Contains(doc, p))
	assert.Equal(t, host, root.Host())

	_, err = host.AttachShadow("open", false)
	assert.ErrorContains(t, err, "already hosts a shadow tree")
	_, err = doc.CreateElement("img").AttachShadow("open", false)
	assert.ErrorContains(t, err, "does not support attachShadow")
	for name, ok := range map[string]bool{"my-widget": true, "x-": true, "font-face": false, "widget": false, "My-widget": false, "1-a": false} {
		assert.Equal(t, ok, validCustomName(name), name)
	}

	host.Remove()
	assert.False(t, IsConnected(p))
}

func TestEventsCrossTheShadowBoundaryRetargeted(t *testing.T) {
	doc := parse(t, `<!doctype html><body><div id="host"></div></body>`)
	host := doc.GetElementByID("host")
	root, err := host.AttachShadow("closed", false)
	require.NoError(t, err)
	p := doc.CreateElement("p")
	require.NoError(t, root.AppendChild(p))

	var seen []string
	record := func(where string) func(*Event) {
		return func(ev *Event) {
			name := "?"
			switch x := ev.Target().(type) {
			case *Element:
				name = x.LocalName()
			}
			seen = append(seen, where+":"+name)
		}
	}
	doc.Listen("x", record("document"))
	host.Listen("x", record("host"))
	root.Listen("x", record("root"))
	p.Listen("x", record("p"))

	_, err = p.Dispatch(NewEvent("x", EventInit{Bubbles: true}))
	require.NoError(t, err)
	assert.Equal(t, []string{"p:p", "root:p"}, seen, "not composed: stops at the shadow root")

	seen = nil
	ev := NewEvent("x", EventInit{Bubbles: true, Composed: true})
	_, err = p.Dispatch(ev)
	require.NoError(t, err)
	assert.Equal(t, []string{"p:p", "root:p", "host:div", "document:div"}, seen, "composed: the host stands for the target outside")
	assert.Nil(t, ev.Target(), "a target in a shadow tree is cleared after dispatch")
}
