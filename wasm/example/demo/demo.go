// Package demo holds the routes and message types the example extension's worker and content script
// share, so both sides agree on them at compile time.
package demo

import (
	"errors"
	"unicode/utf8"

	"github.com/extwasm/extwasm/bridge"
)

// GreetReq asks for a greeting.
type GreetReq struct {
	Name string `json:"name"`
}

// Validate enforces the contract's 1–64 characters.
func (r GreetReq) Validate() error {
	if n := utf8.RuneCountInString(r.Name); n < 1 || n > 64 {
		return errors.New("name must be 1 to 64 characters")
	}
	return nil
}

// GreetResp is a greeting and which context produced it ("worker" or "content").
type GreetResp struct {
	Greeting string `json:"greeting"`
	From     string `json:"from"`
}

// GreetTabResp carries the content script's reply relayed by the worker.
type GreetTabResp struct {
	Reply GreetResp `json:"reply"`
}

// Empty is a request or response with no fields.
type Empty struct{}

// Routes of the example.
var (
	Greet    = bridge.NewRoute[GreetReq, GreetResp]("demo.greet")
	GreetTab = bridge.NewRoute[GreetReq, GreetTabResp]("demo.greetTab")
	Panic    = bridge.NewRoute[Empty, Empty]("demo.panic")
)

// GreetMaxBytes is demo.greet's size limit.
const GreetMaxBytes = 4 << 10

// Joke is what the knock-knock opener sends; Question what the worker answers.
type Joke struct {
	Joke   string `json:"joke,omitempty"`
	Answer string `json:"answer,omitempty"`
}

// Question is the worker's side of the knock-knock conversation.
type Question struct {
	Question string `json:"question"`
}

// FillReq asks the worker to fill the login form in a tab's top frame. Only the extension's own
// pages may send it: the popup does when the user clicks "Fill", a step no web page can take.
type FillReq struct {
	TabID int `json:"tabId"`
}

// Validate requires a tab id (Chrome's are positive).
func (r FillReq) Validate() error {
	if r.TabID <= 0 {
		return errors.New("tabId must be a tab's id")
	}
	return nil
}

// FillResp says which origin the tab's top frame shows, whether the vault has a login for exactly
// that origin, and how many inputs the content script set (none without a saved login).
type FillResp struct {
	Origin string `json:"origin"`
	Saved  bool   `json:"saved"`
	Filled int    `json:"filled"`
}

// FillFormReq is the worker's request to a tab's top-frame content script to fill its login form
// under Fill, the id the worker issued for this fill; FillFormResp is what the content script did.
type FillFormReq struct {
	Fill string `json:"fill"`
}

// Validate requires a fill id of the worker's size.
func (r FillFormReq) Validate() error {
	if r.Fill == "" || len(r.Fill) > 64 {
		return errors.New("fill must be 1 to 64 characters")
	}
	return nil
}

// FillFormResp counts the inputs the content script set (0 when the frame has no login form).
type FillFormResp struct {
	Filled int `json:"filled"`
}

// Routes of the user-triggered fill: popup → worker, then worker → the tab's top frame.
var (
	Fill     = bridge.NewRoute[FillReq, FillResp]("demo.fill")
	FillForm = bridge.NewRoute[FillFormReq, FillFormResp]("demo.fillForm")
)

// LoginPort is the port a content script asks the vault for one fill's fields on.
const LoginPort = "login"

// FieldReq asks the vault for one form field; FieldResp answers it. Fill is the id the worker issued
// with FillFormReq (the same across reconnects), which names the fill's state in
// chrome.storage.session, so that a worker stopped in the middle of a fill resumes it.
type FieldReq struct {
	Field string `json:"field"`
	Fill  string `json:"fill"`
}

// VaultKey is the chrome.storage.local key holding the Vault; the options page edits it.
const VaultKey = "vault"

// Vault is the credentials the form filler serves: by exact origin (scheme, host and port, as
// Chrome serializes it), then by form field name
// ({"http://127.0.0.1:8000": {"username": "gopher", "password": "…"}}).
type Vault map[string]map[string]string

// FillState is what the worker keeps per fill in chrome.storage.session under FillKey(id): where
// the fill may happen (the tab, its frame and the origin it showed when the user asked) and the
// fields served so far, in order.
type FillState struct {
	Tab    int      `json:"tab"`
	Frame  int      `json:"frame"`
	Origin string   `json:"origin"`
	Served []string `json:"served"`
}

// FillKey is the chrome.storage.session key of fill id's state.
func FillKey(id string) string { return "fill:" + id }

// FieldResp is a form field's value from the vault ("" when unknown).
type FieldResp struct {
	Field string `json:"field"`
	Value string `json:"value"`
}

// Plain JSON greeting, Chrome's own messaging example.
type Greeting struct {
	Greeting string `json:"greeting"`
}

// Farewell answers Greeting.
type Farewell struct {
	Farewell string `json:"farewell"`
}
