package jsglue

import (
	"runtime"
	"slices"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeFrameGlue stands for extwasm-frame.js's relay: queryAll hands out n fresh handles, _release
// records what Go gives back, and a query for "full" fails as the content script does at its bound.
const fakeFrameGlue = `globalThis.extwasm = {internal: {
	_pageHostname: "example.test", next: 1, released: [], batches: 0,
	_dom(op, argsText) {
		const [, sel] = JSON.parse(argsText);
		if (sel === "full") { const e = new Error("extwasm: more than 10000 elements held at once"); e.name = "ExtwasmHandleLimit"; return Promise.reject(e); }
		if (op !== "queryAll") return Promise.resolve(null);
		const out = [];
		for (let i = 0; i < 100; i++) out.push(this.next++);
		return Promise.resolve(out);
	},
	_release(idsText) { this.batches++; this.released.push(...JSON.parse(idsText)); },
}}`

func useFakeFrameGlue(t *testing.T) js.Value {
	t.Helper()
	js.Global().Call("eval", fakeFrameGlue)
	t.Cleanup(func() { js.Global().Delete("extwasm") })
	require.True(t, InFrame())
	return js.Global().Get("extwasm").Get("internal")
}

// TestFrameElementsAreReleased: the handles of Elements the module no longer reaches go back to the
// content script in batches, and those it still holds do not.
func TestFrameElementsAreReleased(t *testing.T) {
	in := useFakeFrameGlue(t)
	doc, err := Document()
	require.NoError(t, err)
	kept, err := doc.QueryAll("input")
	require.NoError(t, err)
	for range 10 {
		_, err := doc.QueryAll("input")
		require.NoError(t, err)
	}
	released := func() []int {
		var ids []int
		list := in.Get("released")
		for i := range list.Length() {
			ids = append(ids, list.Index(i).Int())
		}
		slices.Sort(ids)
		return ids
	}
	for deadline := time.Now().Add(10 * time.Second); len(released()) < 1000 && time.Now().Before(deadline); {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	want := make([]int, 0, 1000)
	for id := 101; id <= 1100; id++ {
		want = append(want, id)
	}
	assert.Equal(t, want, released(), "every dropped handle, and none of the kept ones")
	assert.Less(t, in.Get("batches").Int(), 1000, "released in batches")
	assert.Equal(t, 1, kept[0].handle())
	runtime.KeepAlive(kept)
}

// TestFrameElementLimitIsTyped: the content script's refusal past its bound reaches Go as
// ErrTooManyElements.
func TestFrameElementLimitIsTyped(t *testing.T) {
	useFakeFrameGlue(t)
	doc, err := Document()
	require.NoError(t, err)
	_, err = doc.QueryAll("full")
	require.ErrorIs(t, err, ErrTooManyElements)
	var jerr *Error
	require.ErrorAs(t, err, &jerr)
	assert.Equal(t, "ExtwasmHandleLimit", jerr.Name)
	_, _, err = doc.Query("full")
	assert.ErrorIs(t, err, ErrTooManyElements)
}
