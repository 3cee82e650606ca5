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

// FieldReq asks the vault for one form field; FieldResp answers it.
type FieldReq struct {
	Field string `json:"field"`
}

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
