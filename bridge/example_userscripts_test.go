package bridge_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/bridge/bridgetest"
)

type SaveReq struct {
	Text string `json:"text"`
}

type SaveResp struct {
	Saved  int  `json:"saved"`
	ByUser bool `json:"byUser"`
}

var SaveClip = bridge.NewRoute[SaveReq, SaveResp]("clips.save")

// A route for the extension's user scripts (chrome.userScripts with messaging on): they reach the
// worker on Chrome's user-script channel, which AllowUserScripts admits; a content script sending
// the same message is denied, since only AllowContentScripts would admit it.
func ExampleAllowUserScripts() {
	b := bridgetest.NewBrowser()
	saved := 0
	b.Worker().Run(func(context.Context) {
		_ = bridge.Handle(SaveClip, func(ctx context.Context, req SaveReq) (SaveResp, error) {
			s, _ := bridge.SenderFrom(ctx)
			saved++
			return SaveResp{Saved: saved, ByUser: s.UserScript()}, nil
		}, bridge.AllowUserScripts())
		_ = bridge.Ready()
	})
	callers := []*bridgetest.Context{
		b.Extension.UserScript(1, 0, "https://news.example/"),
		b.Extension.ContentScript(2, 0, "https://news.example/"),
	}
	for _, c := range callers {
		c.Run(func(ctx context.Context) {
			resp, err := SaveClip.Send(ctx, bridge.ToExtension(), SaveReq{Text: "a clip"})
			fmt.Printf("%+v denied=%t\n", resp, errors.Is(err, bridge.ErrDenied))
		})
	}
	// Output:
	// {Saved:1 ByUser:true} denied=false
	// {Saved:0 ByUser:false} denied=true
}
