//go:build !js

package bridge

import "context"

// Outside GOOS=js there is no page: the channel cannot open.
func pageExpect(context.Context, string) error { return ErrUnsupported }
func pageConnected(context.Context) error      { return ErrUnsupported }
func pageClose()                               {}
