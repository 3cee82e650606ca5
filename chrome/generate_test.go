//go:build !js

package chrome_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/chrome/internal/gen"
	"github.com/extwasm/extwasm/internal/chromeschema"
)

// TestGeneratedIsCurrent fails when the generated packages under chrome/ differ from what the
// generator writes from the committed schema: run `go generate ./chrome/...` and commit.
func TestGeneratedIsCurrent(t *testing.T) {
	s, err := chromeschema.Load()
	require.NoError(t, err)
	files, err := gen.Generate(s)
	require.NoError(t, err)
	require.Greater(t, len(files), 60, "one package per namespace an MV3 extension can use")
	stale, err := gen.Write(".", files, false)
	require.NoError(t, err)
	assert.Empty(t, stale, "stale generated files: run go generate ./chrome/... and commit")
}
