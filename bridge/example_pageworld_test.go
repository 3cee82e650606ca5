package bridge_test

import (
	"context"
	"log"

	"github.com/extwasm/extwasm/bridge"
)

type TitleResp struct {
	Title string `json:"title"`
}

// PageTitle is served by the script the extension injected into the page's main world
// (extwasmPage.connect(nonce).handle("page.title", ...)).
var PageTitle = bridge.NewRoute[struct{}, TitleResp]("page.title")

// A content script opens its page-world channel, has the worker inject the main-world script with
// the nonce (the worker's runtime.onMessage listener runs chrome.scripting.executeScript with world
// "MAIN", then hands the nonce over as args), and serves and calls routes over it. Lookup admits
// the page world too: any script of the page may call it. It needs a page, so it does not run here.
func ExampleOpenPageWorld() {
	ctx := context.Background()
	if err := bridge.Handle(Lookup, func(ctx context.Context, req LookupReq) (LookupResp, error) {
		if s, _ := bridge.SenderFrom(ctx); s.PageWorld() {
			return LookupResp{}, nil // never hand the page what it must not read
		}
		return LookupResp{User: "gopher@" + req.Site}, nil
	}, bridge.AllowPageWorld(), bridge.MaxBytes(1<<10)); err != nil {
		log.Fatal(err)
	}
	if err := bridge.Ready(); err != nil {
		log.Fatal(err)
	}
	pw, err := bridge.OpenPageWorld(ctx)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := bridge.SendRaw(ctx, bridge.ToExtension(), map[string]string{"injectPageWorld": pw.Nonce()}); err != nil {
		log.Fatal(err)
	}
	if err := pw.Wait(ctx); err != nil {
		log.Fatal(err)
	}
	t, err := PageTitle.Send(ctx, bridge.ToPageWorld(), struct{}{})
	if err != nil {
		log.Fatal(err)
	}
	log.Println("the page says its title is", t.Title)
}
