package probeworker

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWritePutsTheScriptInPlace(t *testing.T) {
	for _, tc := range []struct {
		name   string
		before []byte // nil: no sw.js yet
	}{
		{"missing", nil},
		{"stale", []byte("self.old = true;")},
		{"current", Script},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.before != nil {
				require.NoError(t, os.WriteFile(filepath.Join(dir, FileName), tc.before, 0o644))
			}
			require.NoError(t, Write(dir))
			got, err := os.ReadFile(filepath.Join(dir, FileName))
			require.NoError(t, err)
			assert.Equal(t, Script, got)
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Len(t, entries, 1, "no temporary file is left behind")
		})
	}
}

func TestWriteReportsAMissingFolder(t *testing.T) {
	assert.Error(t, Write(filepath.Join(t.TempDir(), "absent")))
}
