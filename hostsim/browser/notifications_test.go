package browser

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNotificationClicks: a click on a notification fires notifications.onClicked, a click on one
// of its buttons onButtonClicked with the index, and a user's dismissal onClosed with byUser true,
// also into a stopped worker listening at its top level; what does not exist cannot be clicked.
// (The shared scenario notifications checks the API against Chromium, which cannot click one.)
func TestNotificationClicks(t *testing.T) {
	e := manifestEnv(t, `"permissions": ["notifications"],`, `self.events = [];
		chrome.notifications.onClosed.addListener((id, byUser) => self.events.push(["closed", id, byUser]));
		chrome.notifications.onClicked.addListener((id) => self.events.push(["clicked", id]));
		chrome.notifications.onButtonClicked.addListener((id, i) => self.events.push(["button", id, i]));`)
	ext := e.ext
	const icon = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=="
	e.assertJSON(ext.Worker(), `chrome.notifications.create("n", {type: "basic", iconUrl: "`+icon+`", title: "T", message: "M",
		buttons: [{title: "Yes"}, {title: "No"}]})`, `"n"`)
	require.Equal(t, []string{"n"}, ext.Notifications())

	require.NoError(t, ext.ClickNotification("n"))
	require.NoError(t, ext.ClickNotificationButton("n", 1))
	e.assertJSON(ext.Worker(), `self.events`, `[["clicked","n"],["button","n",1]]`)

	require.NoError(t, ext.StopWorker())
	require.NoError(t, ext.CloseNotification("n"))
	e.assertJSON(ext.Worker(), `self.events`, `[["closed","n",true]]`) // the dismissal woke the worker
	require.Empty(t, ext.Notifications())

	for _, tc := range []struct {
		name string
		do   func() error
		want string
	}{
		{"click gone", func() error { return ext.ClickNotification("n") }, `no notification "n"`},
		{"close gone", func() error { return ext.CloseNotification("n") }, `no notification "n"`},
		{"button gone", func() error { return ext.ClickNotificationButton("n", 0) }, `no notification "n"`},
	} {
		require.ErrorContains(t, tc.do(), tc.want, tc.name)
	}
	e.assertJSON(ext.Worker(), `chrome.notifications.create("m", {type: "basic", iconUrl: "`+icon+`", title: "T", message: "M"})`, `"m"`)
	require.ErrorContains(t, ext.ClickNotificationButton("m", 0), "has 0 buttons")
}
