//go:build !js

package chrometest_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/chrome"
	"github.com/extwasm/extwasm/chrome/alarms"
	"github.com/extwasm/extwasm/chrome/chrometest"
	"github.com/extwasm/extwasm/chrome/contextmenus"
	"github.com/extwasm/extwasm/chrome/runtime"
	"github.com/extwasm/extwasm/chrome/tabs"
)

func TestCallsCrossAsChromeSeesThem(t *testing.T) {
	fake := chrometest.New(t)
	fake.Handle("tabs.update", chrometest.Reply(tabs.Tab{ID: 4, URL: "https://b/"}))
	fake.Handle("tabs.reload", chrometest.Reply(nil))
	ctx := context.Background()

	tab, err := tabs.Update(ctx, nil, tabs.UpdateProperties{URL: "https://b/", Active: new(false)})
	require.NoError(t, err)
	assert.Equal(t, 4, tab.ID)
	require.NoError(t, tabs.Reload(ctx, new(4), nil))

	calls := fake.Calls()
	require.Len(t, calls, 2)
	assert.Equal(t, "tabs.update", calls[0].API)
	require.Len(t, calls[0].Args, 2, "an absent optional argument before others is null")
	assert.JSONEq(t, `null`, string(calls[0].Args[0]))
	assert.JSONEq(t, `{"url":"https://b/","active":false}`, string(calls[0].Args[1]), "false is sent: optional booleans of sent types are pointers")
	require.Len(t, fake.CallsTo("tabs.reload"), 1)
	assert.Len(t, fake.CallsTo("tabs.reload")[0], 1, "absent optional arguments at the end are left off")
}

func TestUnfakedCallsAndChromeErrors(t *testing.T) {
	fake := chrometest.New(t)
	ctx := context.Background()
	_, err := alarms.GetAll(ctx)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `add fake.Handle("alarms.getAll"`)

	fake.Handle("alarms.clear", func([]json.RawMessage) (any, error) { return nil, chrometest.Error("boom") })
	_, err = alarms.Clear(ctx, "a")
	var ce *chrome.Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, chrome.Error{Call: "alarms.clear", Message: "boom"}, *ce)

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	fake.Handle("alarms.getAll", chrometest.Reply([]alarms.Alarm{}))
	_, err = alarms.GetAll(cancelled)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestPropertiesAndResults(t *testing.T) {
	fake := chrometest.New(t)
	_, err := runtime.ID()
	assert.ErrorContains(t, err, `fake.Set("runtime.id"`)
	fake.Set("runtime.id", "abcdefghijklmnopabcdefghijklmnop")
	id, err := runtime.ID()
	require.NoError(t, err)
	assert.Equal(t, "abcdefghijklmnopabcdefghijklmnop", id)

	fake.Handle("alarms.get", chrometest.Reply(nil))
	a, err := alarms.Get(context.Background(), "none")
	require.NoError(t, err)
	assert.Nil(t, a, "undefined is nil")

	fake.Handle("contextMenus.create", chrometest.Reply("add-note"))
	got, err := contextmenus.Create(context.Background(), contextmenus.CreateProperties{ID: "add-note", Title: "Add note"})
	require.NoError(t, err)
	var s string
	require.NoError(t, got.As(&s))
	assert.Equal(t, "add-note", s)
	assert.JSONEq(t, `{"id":"add-note","title":"Add note"}`, string(fake.CallsTo("contextMenus.create")[0][0]))
}

func TestFireAndStop(t *testing.T) {
	fake := chrometest.New(t)
	var got []string
	stop, err := alarms.OnAlarm(func(a alarms.Alarm) { got = append(got, a.Name) })
	require.NoError(t, err)
	assert.Equal(t, 1, fake.Fire("alarms.onAlarm", alarms.Alarm{Name: "a"}))
	assert.Equal(t, 0, fake.Fire("alarms.onCreated"), "nobody listens")
	stop()
	assert.Equal(t, 0, fake.Fire("alarms.onAlarm", alarms.Alarm{Name: "b"}))
	assert.Equal(t, []string{"a"}, got)
}

func TestUninstalledAfterTheTest(t *testing.T) {
	t.Run("inner", func(t *testing.T) {
		chrometest.New(t).Set("runtime.id", "x")
	})
	_, err := runtime.ID()
	assert.ErrorIs(t, err, chrome.ErrUnsupported, "the fake is gone when its test ends")
}
