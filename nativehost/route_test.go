package nativehost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/envelope"
)

var errLocked = errors.New("vault is locked")

func vaultMux(t testing.TB) *Mux {
	m := NewMux()
	require.NoError(t, HandleRoute(m, "vault.lookup", func(ctx context.Context, req lookup) (credential, error) {
		switch req.Hostname {
		case "127.0.0.1":
			return credential{Username: "gopher"}, nil
		case "locked":
			return credential{}, fmt.Errorf("lookup %s: %w", req.Hostname, errLocked)
		case "denied":
			return credential{}, Errorf("denied", "not for you")
		case "coded":
			return credential{}, Errorf("unknown_host", "no credential")
		case "panic":
			panic("kaboom")
		case "big":
			return credential{Username: strings.Repeat("x", MaxHostMessageSize)}, nil
		}
		return credential{}, errors.New("plain")
	}))
	return m
}

func TestMuxRoutes(t *testing.T) {
	cases := []struct {
		name    string
		req     string
		body    string // expected body when ok
		code    envelope.Code
		message string
		chain   []string
	}{
		{"ok", `{"extwasm":1,"route":"vault.lookup","body":{"hostname":"127.0.0.1"}}`, `{"username":"gopher"}`, "", "", nil},
		{"unknown route", `{"extwasm":1,"route":"vault.nope","body":{}}`, "", envelope.CodeNotFound, `no handler for route "vault.nope"`, nil},
		{"unknown field", `{"extwasm":1,"route":"vault.lookup","body":{"hostname":"a","x":1}}`, "", envelope.CodeInvalid, "", nil},
		{"duplicate key", `{"extwasm":1,"route":"vault.lookup","body":{"hostname":"a","hostname":"b"}}`, "", envelope.CodeInvalid, "", nil},
		{"validation", `{"extwasm":1,"route":"vault.lookup","body":{"hostname":""}}`, "", envelope.CodeInvalid, "hostname is required", nil},
		{"no body", `{"extwasm":1,"route":"vault.lookup"}`, "", envelope.CodeInvalid, "hostname is required", nil},
		{"wrapped error", `{"extwasm":1,"route":"vault.lookup","body":{"hostname":"locked"}}`, "", envelope.CodeRemote, "lookup locked: vault is locked", []string{"vault is locked"}},
		{"envelope code kept", `{"extwasm":1,"route":"vault.lookup","body":{"hostname":"denied"}}`, "", envelope.CodeDenied, "not for you", nil},
		{"foreign code folded", `{"extwasm":1,"route":"vault.lookup","body":{"hostname":"coded"}}`, "", envelope.CodeRemote, "unknown_host: no credential", nil},
		{"panic", `{"extwasm":1,"route":"vault.lookup","body":{"hostname":"panic"}}`, "", envelope.CodeInternal, "handler panicked: kaboom", nil},
		{"too large", `{"extwasm":1,"route":"vault.lookup","body":{"hostname":"big"}}`, "", envelope.CodeTooLarge, "", nil},
		{"bad version", `{"extwasm":2,"route":"vault.lookup","body":{}}`, "", envelope.CodeInvalid, "", nil},
		{"no route", `{"extwasm":1,"body":{}}`, "", envelope.CodeInvalid, "", nil},
		{"proto key", `{"extwasm":1,"route":"vault.lookup","body":{"__proto__":{}}}`, "", envelope.CodeInvalid, "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err, replies := serveAll(t, vaultMux(t), frames(tc.req))
			require.NoError(t, err)
			require.Len(t, replies, 1)
			r, err := envelope.DecodeReply([]byte(replies[0]), envelope.Limits{})
			require.NoError(t, err, "every routed reply is a valid envelope: %s", replies[0])
			if tc.code == "" {
				require.True(t, r.OK, replies[0])
				assert.JSONEq(t, tc.body, string(r.Body))
				return
			}
			require.False(t, r.OK)
			assert.Equal(t, tc.code, r.Error.Code, r.Error.Message)
			if tc.message != "" {
				assert.Equal(t, tc.message, r.Error.Message)
			}
			assert.Equal(t, tc.chain, r.Error.Chain)
		})
	}
}

func TestMuxPlainJSON(t *testing.T) {
	m := vaultMux(t)
	err, replies := serveAll(t, m, frames(`{"hostname":"127.0.0.1"}`))
	require.NoError(t, err)
	require.Len(t, replies, 1)
	e := ReplyError([]byte(replies[0]))
	require.NotNil(t, e, "without a fallback a plain message gets a plain error reply")
	assert.Equal(t, CodeInvalid, e.Code)

	m.Fallback(vault())
	err, replies = serveAll(t, m, frames(`{"hostname":"127.0.0.1"}`, `{"extwasm":1,"route":"vault.lookup","body":{"hostname":"127.0.0.1"}}`))
	require.NoError(t, err)
	require.Len(t, replies, 2)
	assert.Equal(t, `{"username":"gopher"}`, replies[0], "plain JSON goes to the fallback")
	assert.JSONEq(t, `{"extwasm":1,"ok":true,"body":{"username":"gopher"}}`, replies[1])
}

func TestMuxRegistration(t *testing.T) {
	m := NewMux()
	h := HandlerFunc(func(context.Context, json.RawMessage) (json.RawMessage, error) { return nil, ErrNoReply })
	require.NoError(t, m.Handle("a.b", h))
	assert.ErrorContains(t, m.Handle("a.b", h), "twice")
	assert.Error(t, m.Handle("", h))
	assert.Error(t, m.Handle("has space", h))
	err, replies := serveAll(t, m, frames(`{"extwasm":1,"route":"a.b"}`))
	require.NoError(t, err)
	assert.Empty(t, replies, "ErrNoReply works through a route")
}

// FuzzMux: any message gets exactly one reply that is either a valid envelope or a plain error,
// and the host never panics.
func FuzzMux(f *testing.F) {
	f.Add(`{"extwasm":1,"route":"vault.lookup","body":{"hostname":"127.0.0.1"}}`)
	f.Add(`{"extwasm":1,"route":"vault.lookup","body":{"hostname":"panic"}}`)
	f.Add(`{"extwasm":1,"route":"x","body":[[[[[]]]]]}`)
	f.Add(`{"hostname":"127.0.0.1"}`)
	m := vaultMux(f)
	f.Fuzz(func(t *testing.T, msg string) {
		err, replies := serveAll(t, m, frameOf(msg))
		require.NoError(t, err)
		require.Len(t, replies, 1)
		if _, derr := envelope.DecodeReply([]byte(replies[0]), envelope.Limits{}); derr != nil {
			require.NotNil(t, ReplyError([]byte(replies[0])), replies[0])
		}
	})
}
