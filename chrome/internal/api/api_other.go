//go:build !js

package api

import (
	"context"
	"encoding/json"

	"github.com/extwasm/extwasm/chrome"
)

// Call returns chrome.ErrUnsupported outside GOOS=js.
func Call(context.Context, string, any, ...any) error { return chrome.ErrUnsupported }

// CallRaw returns chrome.ErrUnsupported outside GOOS=js.
func CallRaw(context.Context, string, ...any) ([]byte, error) { return nil, chrome.ErrUnsupported }

// Get returns chrome.ErrUnsupported outside GOOS=js.
func Get(string, any) error { return chrome.ErrUnsupported }

// Invoke returns chrome.ErrUnsupported outside GOOS=js.
func Invoke(string, any, ...any) error { return chrome.ErrUnsupported }

// Listen returns chrome.ErrUnsupported outside GOOS=js.
func Listen(string, func([]json.RawMessage)) (func(), error) { return nil, chrome.ErrUnsupported }
