package browser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// copyFixture copies a fixture extension to a temporary folder, replacing text in manifest.json.
func copyFixture(t *testing.T, src string, manifestEdits map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(src)
	require.NoError(t, err)
	for _, en := range entries {
		b, err := os.ReadFile(filepath.Join(src, en.Name()))
		require.NoError(t, err)
		if en.Name() == "manifest.json" {
			s := string(b)
			for from, to := range manifestEdits {
				require.Contains(t, s, from)
				s = strings.Replace(s, from, to, 1)
			}
			b = []byte(s)
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, en.Name()), b, 0o644))
	}
	return dir
}
