package bridgetest_test

import (
	"context"
	"fmt"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/bridge/bridgetest"
)

type GreetReq struct {
	Name string `json:"name"`
}

type GreetResp struct {
	Greeting string `json:"greeting"`
}

var Greet = bridge.NewRoute[GreetReq, GreetResp]("demo.greet")

// serveGreet is what the extension's service worker runs at start: register, then say it is ready.
func serveGreet() error {
	err := bridge.Handle(Greet, func(ctx context.Context, req GreetReq) (GreetResp, error) {
		sender, _ := bridge.SenderFrom(ctx)
		return GreetResp{Greeting: fmt.Sprintf("hello, %s in tab %d", req.Name, sender.Tab.ID)}, nil
	}, bridge.AllowContentScripts())
	if err != nil {
		return err
	}
	return bridge.Ready()
}

// The worker's handler is called from a content script, then from a web page, with Chrome's sender
// semantics and no browser. The route admits no external sender, so for the page it does not exist:
// nobody answers, as for a route never registered.
func Example() {
	b := bridgetest.NewBrowser()
	b.Worker().Run(func(context.Context) {
		if err := serveGreet(); err != nil { // the worker's start-up code: bridge.Handle, then Ready
			panic(err)
		}
	})

	b.ContentScript(7, 0, "https://example.com/").Run(func(ctx context.Context) {
		resp, err := Greet.Send(ctx, bridge.ToExtension(), GreetReq{Name: "gopher"})
		fmt.Println(resp.Greeting, err)
	})
	b.WebPage(8, 0, "https://example.com/").Run(func(ctx context.Context) {
		_, err := Greet.Send(ctx, bridge.ToOtherExtension(bridgetest.ExtensionID), GreetReq{Name: "page"})
		fmt.Println(bridge.CodeOf(err))
	})
	// Output:
	// hello, gopher in tab 7 <nil>
	// no_receiver
}

// A route the worker serves to its offscreen document alone: the popup, whose sender Chrome shapes
// alike ({id, url, origin}, no tab), is refused.
func ExampleExtension_OffscreenDocument() {
	parse := bridge.NewRoute[GreetReq, GreetResp]("offscreen.parsed")
	b := bridgetest.NewBrowser()
	b.Worker().Run(func(context.Context) {
		_ = bridge.Handle(parse, func(ctx context.Context, req GreetReq) (GreetResp, error) {
			sender, _ := bridge.SenderFrom(ctx)
			return GreetResp{Greeting: "thanks, " + sender.Page()}, nil
		}, bridge.AllowExtensionPages("/offscreen.html"))
		_ = bridge.Ready()
	})
	for _, from := range []*bridgetest.Context{b.OffscreenDocument("offscreen.html"), b.Page("popup.html")} {
		from.Run(func(ctx context.Context) {
			resp, err := parse.Send(ctx, bridge.ToExtension(), GreetReq{Name: "x"})
			if err != nil {
				fmt.Println(bridge.CodeOf(err))
				return
			}
			fmt.Println(resp.Greeting)
		})
	}
	// Output:
	// thanks, /offscreen.html
	// denied
}
