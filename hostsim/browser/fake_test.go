package browser

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Fakes answer what hostsim does not model, in promise and callback form; FireEvent fires any
// event of Chrome's schema and wakes a stopped worker that listens for it.
func TestFakesAndFiredEvents(t *testing.T) {
	b, err := New(Options{})
	require.NoError(t, err)
	defer b.Close()
	ext, err := b.Install("testdata/fakeext")
	require.NoError(t, err)
	ctx := context.Background()

	assert.ErrorContains(t, ext.Fake("readingList.nope", nil), "readingList.nope is not a function of Chrome's API")
	assert.ErrorContains(t, ext.FireEvent("readingList.onNope"), "readingList.onNope is not an event of Chrome's API")

	var seen [][]json.RawMessage
	require.NoError(t, ext.Fake("readingList.removeEntry", func(args []json.RawMessage) (any, error) {
		seen = append(seen, args)
		if strings.HasSuffix(string(args[0]), `/missing"}`) {
			return nil, errors.New("hypothetical: no such entry")
		}
		return map[string]string{"name": "a"}, nil
	}))
	wk := ext.Worker()
	got, err := wk.Eval(ctx, `chrome.readingList.removeEntry({url: "https://example.com/a"})`)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"a"}`, string(got))
	got, err = wk.Eval(ctx, `new Promise((r) => chrome.readingList.removeEntry({url: "https://example.com/a"}, (v) => r([v, chrome.runtime.lastError === undefined])))`)
	require.NoError(t, err)
	assert.JSONEq(t, `[{"name":"a"}, true]`, string(got), "callback form")
	got, err = wk.Eval(ctx, `new Promise((r) => chrome.readingList.removeEntry({url: "https://example.com/missing"}, () => r(chrome.runtime.lastError.message)))`)
	require.NoError(t, err)
	assert.JSONEq(t, `"hypothetical: no such entry"`, string(got), "a fake's error is lastError in callback form")
	require.Len(t, seen, 3)

	// Arguments Chrome's bindings refuse never reach the fake: the call throws Chrome's error.
	_, err = wk.Eval(ctx, `chrome.readingList.removeEntry(() => {})`)
	var js *JSError
	require.ErrorAs(t, err, &js)
	assert.Equal(t, "TypeError", js.Name)
	assert.Equal(t, "Error in invocation of readingList.removeEntry(readingList.RemoveOptions info, optional function callback): No matching signature.", js.Message)
	assert.Len(t, seen, 3)
	assert.JSONEq(t, `{"url":"https://example.com/a"}`, string(seen[0][0]))

	require.NoError(t, ext.StopWorker())
	require.NoError(t, ext.FireEvent("readingList.onEntryAdded", map[string]any{"url": "https://example.com/go", "title": "Go by Example", "hasBeenRead": false, "lastUpdateTime": 1, "creationTime": 1}))
	assert.True(t, ext.WorkerRunning(), "the event woke the worker, whose top level listens for it")
	got, err = wk.Eval(ctx, `self.added`)
	require.NoError(t, err)
	assert.JSONEq(t, `["Go by Example"]`, string(got))
}
