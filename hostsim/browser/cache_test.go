package browser

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The compilation cache's folder names the wazero version, so an upgrade never loads code compiled
// by the previous one; the fallback must follow go.mod.
func TestCompilationCacheFallbackVersionIsGoMods(t *testing.T) {
	gomod, err := os.ReadFile("../../go.mod")
	require.NoError(t, err)
	assert.Contains(t, string(gomod), "\t"+wazeroModule+" "+requiredWazero+"\n")
}
