package bridge

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/extwasm/extwasm/bridge/internal/memchrome"
	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/extwasm/extwasm/internal/envelope"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type vaultLookup struct {
	Hostname string `json:"hostname,omitempty"`
	Crash    bool   `json:"crash,omitempty"`
}

type credential struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

var vaultRoute = NewRoute[vaultLookup, credential]("vault.lookup")

const vaultHost = "com.extwasm.vault"

// vaultNative answers like nativehost/cmd/vaulthost: the route vault.lookup in an envelope, or a
// plain {"hostname"} lookup; {"crash":true} exits without a reply.
func vaultNative(_ string, msg []byte) ([]byte, bool) {
	var req vaultLookup
	env, err := envelope.DecodeRequest(msg, envelope.Limits{MaxBytes: ChromeMaxBytes, MaxDepth: 8})
	isEnv := err == nil
	if isEnv {
		err = json.Unmarshal(env.Body, &req)
	} else {
		err = json.Unmarshal(msg, &req)
	}
	if req.Crash {
		return nil, true
	}
	if err != nil || req.Hostname != "127.0.0.1" {
		if isEnv {
			return envelope.EncodeError(envelope.Error{Code: "remote", Message: "unknown_host"}), false
		}
		return []byte(`{"error":{"code":"unknown_host","message":"no credential"}}`), false
	}
	c := credential{Username: "gopher", Password: "correct horse battery staple"}
	if isEnv {
		out, _ := envelope.EncodeReply(c)
		return out, false
	}
	out, _ := json.Marshal(c)
	return out, false
}

func nativeSetup(t *testing.T) (*memBrowser, *endpoint) {
	b := newMemBrowser()
	b.AddNativeHost(vaultHost, memchrome.NativeHost{Handle: vaultNative})
	w := b.worker()
	require.NoError(t, w.Ready())
	return b, w
}

var wantCred = credential{Username: "gopher", Password: "correct horse battery staple"}

func TestNativeRouteRoundTrip(t *testing.T) {
	_, w := nativeSetup(t)
	got, err := sendOn(ctxT(t), w, vaultRoute, ToNative(vaultHost), vaultLookup{Hostname: "127.0.0.1"})
	require.NoError(t, err)
	assert.Equal(t, wantCred, got)

	_, err = sendOn(ctxT(t), w, vaultRoute, ToNative(vaultHost), vaultLookup{Hostname: "example.org"})
	var re *RemoteError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, "unknown_host", re.Message)
}

func TestSendNativeJSON(t *testing.T) {
	_, w := nativeSetup(t)
	got, err := sendNativeJSONOn[vaultLookup, credential](ctxT(t), w, vaultHost, vaultLookup{Hostname: "127.0.0.1"})
	require.NoError(t, err)
	assert.Equal(t, wantCred, got)

	// The host's plain error object does not fit the strict response type.
	_, err = sendNativeJSONOn[vaultLookup, credential](ctxT(t), w, vaultHost, vaultLookup{Hostname: "example.org"})
	assert.ErrorIs(t, err, ErrInvalid)

	raw, err := sendRawOn(ctxT(t), w, ToNative(vaultHost), map[string]string{"hostname": "127.0.0.1"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"username":"gopher","password":"correct horse battery staple"}`, string(raw))
}

func TestNativeErrors(t *testing.T) {
	cases := []struct {
		name       string
		host       string
		launch     string // Chrome's launch error for the host; "" when it starts
		reply      string // what the host answers
		msg        any
		want       error
		chromeText string // Chrome's text, kept in the error; "" when Chrome is not reached
	}{
		{"not installed", "com.extwasm.missing", "", "", map[string]any{}, ErrNativeNotFound, chromefacts.ErrNativeHostNotFound},
		{"not in allowed_origins", "com.extwasm.locked", chromefacts.ErrNativeHostForbidden, "", map[string]any{}, ErrNativeForbidden, chromefacts.ErrNativeHostForbidden},
		{"no permission", "com.extwasm.locked", "Access to native messaging requires nativeMessaging permission.", "", map[string]any{}, ErrNativeForbidden, "nativeMessaging permission"},
		{"does not start", "com.extwasm.broken", chromefacts.ErrNativeHostStartFailed, "", map[string]any{}, ErrNativeStartFailed, chromefacts.ErrNativeHostStartFailed},
		{"oversized host message", "com.extwasm.big", chromefacts.ErrNativeHostCommunication, "", map[string]any{}, ErrNativeProtocol, chromefacts.ErrNativeHostCommunication},
		{"exits without reply", vaultHost, "", "", map[string]bool{"crash": true}, ErrNativeExited, chromefacts.ErrNativeHostExited},
		{"reply is not JSON", "com.extwasm.garbled", "", "{not json", map[string]any{}, ErrNativeProtocol, ""},
		{"bad host name", "Com.Extwasm..Vault", "", "", map[string]any{}, ErrInvalid, ""},
		{"message not an object", vaultHost, "", "", []int{1, 2}, ErrInvalid, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, w := nativeSetup(t)
			if tc.host != vaultHost && tc.host != "com.extwasm.missing" {
				reply := tc.reply
				b.AddNativeHost(tc.host, memchrome.NativeHost{LaunchError: tc.launch, Handle: func(string, []byte) ([]byte, bool) { return []byte(reply), false }})
			}
			_, err := sendRawOn(ctxT(t), w, ToNative(tc.host), tc.msg)
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.want)
			if tc.want != ErrInvalid {
				assert.ErrorIs(t, err, ErrNative)
				assert.Equal(t, CodeNative, CodeOf(err))
			}
			if tc.chromeText != "" {
				assert.Contains(t, err.Error(), tc.chromeText)
			}
		})
	}
}

func TestConnectNativePort(t *testing.T) {
	_, w := nativeSetup(t)
	p, err := connectOn(ctxT(t), w, ToNative(vaultHost), vaultHost)
	require.NoError(t, err)
	for range 3 {
		got, err := vaultRoute.Call(ctxT(t), p, vaultLookup{Hostname: "127.0.0.1"})
		require.NoError(t, err)
		assert.Equal(t, wantCred, got)
	}
	_, err = vaultRoute.Call(ctxT(t), p, vaultLookup{Hostname: "example.org"})
	assert.Equal(t, CodeRemote, CodeOf(err))

	// The host crashes mid-port: the port ends with Chrome's text and the native sentinels.
	require.NoError(t, p.Send(json.RawMessage(`{"extwasm":1,"route":"vault.lookup","body":{"crash":true}}`)))
	_, err = p.Receive(ctxT(t))
	require.Error(t, err)
	for _, want := range []error{ErrDisconnected, ErrNativeExited, ErrNative} {
		assert.ErrorIs(t, err, want)
	}
	assert.Contains(t, err.Error(), chromefacts.ErrNativeHostExited)
	assert.Equal(t, err, p.Err())
	_, err = vaultRoute.Call(ctxT(t), p, vaultLookup{Hostname: "127.0.0.1"})
	assert.ErrorIs(t, err, ErrNativeExited)
}

func TestConnectNativeFailures(t *testing.T) {
	_, w := nativeSetup(t)
	p, err := connectOn(ctxT(t), w, ToNative("com.extwasm.missing"), "com.extwasm.missing")
	require.NoError(t, err, "Chrome returns the port and reports the failure on it")
	<-p.Done()
	assert.ErrorIs(t, p.Err(), ErrNativeNotFound)
	assert.ErrorIs(t, p.Err(), ErrDisconnected)
	assert.Contains(t, p.Err().Error(), chromefacts.ErrNativeHostNotFound)

	_, err = connectOn(ctxT(t), w, ToNative("no spaces allowed"), "x")
	assert.ErrorIs(t, err, ErrInvalid)
}

func TestNativeSentinelsMatchErrNative(t *testing.T) {
	for _, e := range []error{ErrNativeNotFound, ErrNativeForbidden, ErrNativeStartFailed, ErrNativeExited, ErrNativeProtocol} {
		assert.ErrorIs(t, e, ErrNative)
		assert.True(t, strings.HasPrefix(e.Error(), ErrNative.Error()))
		assert.False(t, errors.Is(ErrNative, e))
	}
}

func TestValidNativeName(t *testing.T) {
	for name, want := range map[string]bool{
		"com.extwasm.vault": true, "a": true, "a_b.c9": true,
		"": false, ".a": false, "a.": false, "a..b": false, "A.b": false, "a-b": false, "a/b": false,
	} {
		assert.Equal(t, want, validNativeName(name), name)
	}
}
