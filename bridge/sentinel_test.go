package bridge

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The package-level errors that wrap a sentinel read and match as fmt.Errorf("%w: …") made them.
func TestWrappedSentinelsReadAndMatchAsBefore(t *testing.T) {
	for _, c := range []struct {
		err    error
		text   string
		parent error
	}{
		{ErrNativeNotFound, "bridge: native messaging failed: host not found", ErrNative},
		{ErrNativeForbidden, "bridge: native messaging failed: access forbidden", ErrNative},
		{ErrNativeStartFailed, "bridge: native messaging failed: host could not start", ErrNative},
		{ErrNativeExited, "bridge: native messaging failed: host exited", ErrNative},
		{ErrNativeProtocol, "bridge: native messaging failed: protocol error", ErrNative},
		{errClosedLocally, "bridge: disconnected: closed by this side", ErrDisconnected},
		{errClosedRemotely, "bridge: disconnected: closed by the other side", ErrDisconnected},
	} {
		assert.EqualError(t, c.err, c.text)
		assert.ErrorIs(t, c.err, c.parent, c.text)
		assert.Same(t, c.parent, errors.Unwrap(c.err), c.text)
		assert.NotErrorIs(t, c.err, ErrTimeout, c.text)
	}
}
