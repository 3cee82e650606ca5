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

// FieldReq asks the vault for one form field; FieldResp answers it. Fill names the fill the field
// belongs to (chosen by the content script, the same across reconnects), so that a worker stopped in
// the middle of a fill resumes it from chrome.storage.session; it may be empty for a one-off field.
type FieldReq struct {
	Field string `json:"field"`
	Fill  string `json:"fill,omitempty"`
}

// VaultKey is the chrome.storage.local key holding the Vault; the options page edits it.
const VaultKey = "vault"

// Vault is the credentials the form filler serves: by hostname, then by form field name
// ({"127.0.0.1": {"username": "gopher", "password": "…"}}).
type Vault map[string]map[string]string

// FillState is what the worker keeps per fill in chrome.storage.session under FillKey(id): the
// fields served so far, in order.
type FillState struct {
	Host   string   `json:"host"`
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
