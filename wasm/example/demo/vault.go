package demo

import (
	"errors"

	"github.com/extwasm/extwasm/bridge"
)

// NativeHost is the native messaging host the worker asks for credentials (nativehost/cmd/vaulthost).
const NativeHost = "com.extwasm.vault"

// PublicInfoResp is the example's public API answer to other extensions and allowed web pages.
type PublicInfoResp struct {
	Product string `json:"product"`
	// Caller is who the worker saw calling: the extension id, or the page origin, from Chrome's
	// MessageSender.
	Caller string `json:"caller"`
}

// LookupReq asks for a site's credential.
type LookupReq struct {
	Hostname string `json:"hostname"`
}

// Validate requires a hostname of at most 253 characters, like DNS.
func (r LookupReq) Validate() error {
	if r.Hostname == "" || len(r.Hostname) > 253 {
		return errors.New("hostname must be 1 to 253 characters")
	}
	return nil
}

// Credential is the native vault's answer.
type Credential struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// Crash makes vaulthost exit without replying; for tests of a host that dies mid-port.
type Crash struct {
	Crash bool `json:"crash"`
}

// Routes of the public API (for other extensions and pages) and of the native round trip.
var (
	PublicInfo   = bridge.NewRoute[Empty, PublicInfoResp]("vault.publicInfo")
	NativeLookup = bridge.NewRoute[LookupReq, Credential]("vault.nativeLookup")
	// VaultLookup is vaulthost's own route, sent over native messaging.
	VaultLookup = bridge.NewRoute[LookupReq, Credential]("vault.lookup")
	// VaultCrash is the same route with vaulthost's crash request.
	VaultCrash = bridge.NewRoute[Crash, Credential]("vault.lookup")
)
