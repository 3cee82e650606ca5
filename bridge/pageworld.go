package bridge

import (
	"context"
	"encoding/hex"
	"fmt"
)

// The page-world channel: a content script's private MessageChannel to a script the extension
// injected into its page's main world (chrome.scripting.executeScript with world "MAIN", which can
// also hand it the nonce as args) running the glue's extwasm-page.js. The content script
// opens it with OpenPageWorld and hands the nonce to the injected script out of band (the worker
// passes it as executeScript's args); the main-world script then calls
// extwasmPage.connect(nonce), which transfers one end of a new MessageChannel to the frame's own
// window with the nonce. The content script takes the first such message that is trusted, from its
// own window and origin, with the nonce and one port, and stops listening: from then on all
// traffic goes over the port. Requests from the page reach only routes registered with
// AllowPageWorld, decoded as strictly as any message; Route.Send with ToPageWorld calls a route
// the main-world script handles.
//
// What it does not protect against: the page's own scripts run in the same main world as the
// injected one and can do whatever it does, including listening on window for the handshake
// (Chromium 156 hands a port transferred to a window to every listener of every world of that
// frame, measured by the scenarios window-postmessage-basics and page-world-channel) and then
// reading and posting on the channel. Treat what comes from the page world as the page's.

// AllowPageWorld admits requests from the page's main world over the content script's page-world
// channel (OpenPageWorld). Any script of the page can send them: treat their input as
// attacker-controlled. A route without it does not exist for the page world.
func AllowPageWorld() Option { return func(o *options) { o.policy.page = true } }

// ToPageWorld targets the page's main world over this content script's page-world channel: the
// routes the main-world script registered with extwasmPage.handle. Only one-time requests go
// there (Route.Send, SendRaw), not ports.
func ToPageWorld() Target { return Target{kind: targetPageWorld, frame: -1} }

// PageWorld is a content script's page-world channel, open from OpenPageWorld until Close.
type PageWorld struct {
	nonce string
}

// OpenPageWorld opens this content script's page-world channel: it makes a fresh 128-bit nonce and
// waits for the main-world script that presents it (extwasmPage.connect(nonce)). Hand Nonce to that
// script out of band, such as through the worker's chrome.scripting.executeScript({world: "MAIN",
// func, args: [nonce]}); anything the page can read would let a page script connect first. There is
// at most one channel per content script: close it before opening another. When the content
// script's Go runs in the extension frame (a page whose CSP blocks wasm), the channel is the content
// script's all the same, and opening it is a round trip: call it from a goroutine, not inside a
// JavaScript callback.
func OpenPageWorld(ctx context.Context) (*PageWorld, error) {
	var b [16]byte
	if err := pageNonce(b[:]); err != nil {
		return nil, fmt.Errorf("bridge: page world: %w", err)
	}
	nonce := hex.EncodeToString(b[:])
	if err := pageExpect(ctx, nonce); err != nil {
		return nil, fmt.Errorf("bridge: page world: %w", err)
	}
	return &PageWorld{nonce: nonce}, nil
}

// Nonce is what the main-world script passes to extwasmPage.connect.
func (pw *PageWorld) Nonce() string { return pw.nonce }

// Wait returns once the main-world script has connected, or with ctx's error. Without a deadline on
// ctx, DefaultTimeout applies.
func (pw *PageWorld) Wait(ctx context.Context) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	if err := pageConnected(ctx); err != nil {
		if ctx.Err() != nil {
			return ctxError("bridge: page world: waiting for the main world", ctx.Err())
		}
		return fmt.Errorf("bridge: page world: %w", err)
	}
	return nil
}

// Close closes the channel: requests waiting for the page world fail, and a new channel can be
// opened. The main world is not told (Chromium 156 fires no close event on a MessagePort); its
// later requests go nowhere.
func (pw *PageWorld) Close() { pageClose() }

// dispatchPage answers a request from the page world. The sender is the glue's description of the
// content script's frame, marked as the page world here, so no policy but AllowPageWorld admits it.
func (ep *endpoint) dispatchPage(msg, senderText []byte) []byte {
	sender, err := parseSender(senderText)
	if err != nil {
		return errorReply(CodeInvalid, "malformed sender")
	}
	sender = Sender{URL: sender.URL, Origin: sender.Origin, pageWorld: true}
	return ep.dispatchFrom(false, msg, sender)
}
