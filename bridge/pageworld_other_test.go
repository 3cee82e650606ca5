//go:build !js

package bridge

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOpenPageWorldNeedsABrowser(t *testing.T) {
	_, err := OpenPageWorld(ctxT(t))
	assert.ErrorIs(t, err, ErrUnsupported, "outside GOOS=js there is no page")
}
