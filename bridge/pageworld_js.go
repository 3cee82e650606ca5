package bridge

import (
	"context"

	"github.com/extwasm/extwasm/bridge/internal/gluetransport"
	"github.com/extwasm/extwasm/jsglue"
)

func pageNonce(b []byte) error                           { return jsglue.RandomBytes(b) }
func pageExpect(ctx context.Context, nonce string) error { return gluetransport.PageExpect(ctx, nonce) }
func pageConnected(ctx context.Context) error            { return gluetransport.PageConnected(ctx) }
func pageClose()                                         { gluetransport.PageClose() }
