//go:build !js

package bridge

import (
	"context"
	"crypto/rand"
)

// Outside GOOS=js there is no page: the channel cannot open.
func pageNonce(b []byte) error                 { _, err := rand.Read(b); return err }
func pageExpect(context.Context, string) error { return ErrUnsupported }
func pageConnected(context.Context) error      { return ErrUnsupported }
func pageClose()                               {}
