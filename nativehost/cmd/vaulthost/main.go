// Command vaulthost is the example native messaging host: a toy password vault that hands the
// example extension a credential for a hostname.
//
// Request and reply, one JSON message each:
//
//	{"hostname":"127.0.0.1"}  →  {"username":"gopher","password":"correct horse battery staple"}
//	{"hostname":"example.org"} →  {"error":{"code":"unknown_host","message":"no credential for \"example.org\""}}
//
// The same lookup is also the typed route "vault.lookup" of extwasm's envelope:
//
//	{"extwasm":1,"route":"vault.lookup","body":{"hostname":"127.0.0.1"}}
//	  →  {"extwasm":1,"ok":true,"body":{"username":"gopher","password":"correct horse battery staple"}}
//
// It serves one-shot sendNativeMessage calls and long-lived connectNative ports alike. For tests of
// a host crashing in the middle of a port, {"crash":true} makes it exit with status 3 without
// replying.
//
// When VAULTHOST_ALLOWED_ORIGINS holds a comma-separated list of extension origins, callers not on
// it are refused before any message is read; otherwise the manifest's allowed_origins is the only
// gate. Install it with nativehost-install.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/extwasm/extwasm/nativehost"
)

// Lookup asks for the credential of a site.
type Lookup struct {
	Hostname string `json:"hostname,omitempty"`
	// Crash makes the host exit with status 3 without replying (tests of a dying host).
	Crash bool `json:"crash,omitempty"`
}

// Validate rejects a lookup without a hostname.
func (l Lookup) Validate() error {
	if !l.Crash && l.Hostname == "" {
		return errors.New("hostname is required")
	}
	return nil
}

// Credential is the vault's answer.
type Credential struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// crashStatus is the exit status of a requested crash, distinct from nativehost.Main's 0 and 1.
const crashStatus = 3

var credentials = map[string]Credential{
	"127.0.0.1": {Username: "gopher", Password: "correct horse battery staple"},
	"localhost": {Username: "gopher", Password: "correct horse battery staple"},
}

func lookup(_ context.Context, req Lookup) (Credential, error) {
	if req.Crash {
		os.Exit(crashStatus)
	}
	c, ok := credentials[strings.ToLower(req.Hostname)]
	if !ok {
		return Credential{}, nativehost.Errorf("unknown_host", "no credential for %q", req.Hostname)
	}
	return c, nil
}

func options() []nativehost.Option {
	var opts []nativehost.Option
	if list := os.Getenv("VAULTHOST_ALLOWED_ORIGINS"); list != "" {
		var origins []string
		for _, o := range strings.Split(list, ",") {
			origins = append(origins, strings.TrimSpace(o))
		}
		opts = append(opts, nativehost.AllowOrigins(origins...))
	}
	return opts
}

// LookupRoute is the envelope route of the lookup.
const LookupRoute = "vault.lookup"

func handler() (nativehost.Handler, error) {
	mux := nativehost.NewMux()
	if err := nativehost.HandleRoute(mux, LookupRoute, lookup); err != nil {
		return nil, err
	}
	mux.Fallback(nativehost.Func(lookup))
	return mux, nil
}

func main() {
	h, err := handler()
	if err != nil {
		fmt.Fprintln(os.Stderr, "vaulthost:", err)
		os.Exit(1)
	}
	nativehost.Main(h, options()...)
}
