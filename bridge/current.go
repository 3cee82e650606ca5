package bridge

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/extwasm/extwasm/bridge/internal/wire"
)

// A program has one endpoint, its JavaScript context's (std). Package bridgetest runs several
// contexts in one process: each call then finds its endpoint in the call's context.Context, or for
// package-level registration, in the endpoint whose Run is in progress.

type endpointKey struct{}

var (
	runMu   sync.Mutex
	running atomic.Pointer[endpoint]
)

func init() {
	wire.NewEndpoint = func(tr wire.Transport, logf func(string, ...any)) wire.Endpoint {
		ep := newEndpoint(tr)
		if logf != nil {
			ep.logf = logf
		}
		return ep
	}
}

// Context returns ctx carrying ep, so that calls made with it act from ep.
func (ep *endpoint) Context(ctx context.Context) context.Context {
	return context.WithValue(ctx, endpointKey{}, ep)
}

// Run runs fn with ep as the endpoint of package-level registration.
func (ep *endpoint) Run(fn func()) {
	runMu.Lock()
	defer runMu.Unlock()
	prev := running.Swap(ep)
	defer running.Store(prev)
	fn()
}

// own is the endpoint package-level registration (Handle, OnConnect, Ready) acts on.
func own() (*endpoint, error) {
	if ep := running.Load(); ep != nil {
		return ep, nil
	}
	return std()
}

// from is the endpoint a call made with ctx acts from.
func from(ctx context.Context) (*endpoint, error) {
	if ep, ok := ctx.Value(endpointKey{}).(*endpoint); ok {
		return ep, nil
	}
	return own()
}
