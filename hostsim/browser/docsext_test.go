package browser_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/browser"
)

// TestExtensionWrittenFromChromeDocs runs, unchanged, a plain-JS extension written only from
// Chrome's extension documentation: a popup that queries the active tab and messages its content
// script, and a service worker that keeps state in chrome.storage.local and wakes on an alarm.
// It uses runtime.onInstalled (R1), storage.local get/set (S7), alarms.create/onAlarm waking a
// stopped worker (A2, A9), tabs.query({active, currentWindow}) (T6), tabs.sendMessage, the
// popup's DOMContentLoaded (§6) and runtime.sendMessage answered asynchronously.
func TestExtensionWrittenFromChromeDocs(t *testing.T) {
	b, err := browser.New(browser.Options{Seed: 1})
	require.NoError(t, err)
	defer b.Close()
	ext, err := b.Install("testdata/docsext")
	require.NoError(t, err)
	const url = "http://127.0.0.1/article.html"
	b.ServePage(url, browser.Page{HTML: `<!doctype html><title>An article</title><p><a href="/a">a</a> <a href="/b">b</a></p>`})
	tab, err := b.OpenTab(url)
	require.NoError(t, err)
	require.NoError(t, tab.Activate())

	type popupResult struct {
		TabID int    `json:"tabId"`
		URL   string `json:"url"`
		Page  struct {
			Title      string `json:"title"`
			ReadyState string `json:"readyState"`
			Links      int    `json:"links"`
		} `json:"page"`
		Count int `json:"count"`
	}
	openPopup := func() popupResult {
		t.Helper()
		popup, err := ext.OpenPopup()
		require.NoError(t, err)
		defer popup.Close()
		var r popupResult
		require.NoError(t, popup.EvalInto(t.Context(), `new Promise((resolve) => {
			const check = () => self.result ? resolve(self.result) : setTimeout(check, 10);
			check();
		})`, &r))
		var text string
		require.NoError(t, popup.EvalInto(t.Context(), `document.getElementById("out").textContent`, &text))
		assert.Equal(t, "An article: 2 links (popup opened "+strconv.Itoa(r.Count)+" times)", text)
		return r
	}

	first := openPopup()
	assert.Equal(t, tab.ID(), first.TabID)
	assert.Equal(t, url, first.URL, "the tabs permission reveals the url (T1)")
	assert.Equal(t, "An article", first.Page.Title)
	assert.Equal(t, "complete", first.Page.ReadyState)
	assert.Equal(t, 2, first.Page.Links)
	assert.Equal(t, 1, first.Count)

	// The worker stops; three virtual minutes of the periodic alarm wake it each time.
	require.NoError(t, ext.StopWorker())
	require.NoError(t, b.Advance(3*time.Minute+time.Second))
	var ticks int
	found, err := ext.Storage(browser.StorageLocal).GetInto("ticks", &ticks)
	require.NoError(t, err)
	require.True(t, found)
	assert.Equal(t, 3, ticks, "one tick a minute, each waking the worker that idled out (A9)")

	// State kept in storage survives the stops: the second popup counts on from the first.
	require.NoError(t, ext.StopWorker())
	assert.Equal(t, 2, openPopup().Count)
}
