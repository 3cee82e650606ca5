//go:build !js

package notifications_test

import (
	"context"
	"fmt"

	"github.com/extwasm/extwasm/chrome/chrometest"
	"github.com/extwasm/extwasm/chrome/notifications"
)

// A basic notification; an empty id lets Chrome make one, which Create returns.
func ExampleCreate() {
	fake, stop := chrometest.Start()
	defer stop()
	fake.Handle("notifications.create", chrometest.Reply("8c5e"))

	id, err := notifications.Create(context.Background(), "", notifications.NotificationOptions{
		Type: notifications.TemplateTypeBasic, IconURL: "icon.png", Title: "Note added", Message: "Note on A page",
	})
	fmt.Println(id, err)
	fmt.Printf("%s\n", fake.CallsTo("notifications.create")[0])
	// Output:
	// 8c5e <nil>
	// [null {"type":"basic","iconUrl":"icon.png","title":"Note added","message":"Note on A page"}]
}
