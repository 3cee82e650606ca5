package chromium

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWantsUserScripts(t *testing.T) {
	for _, tc := range []struct {
		name, manifest string
		want           bool
		wantErr        bool
	}{
		{"asks", `{"permissions": ["storage", "userScripts"]}`, true, false},
		{"does not ask", `{"permissions": ["scripting"]}`, false, false},
		{"host permission is not enough", `{"host_permissions": ["userScripts"]}`, false, false},
		{"bad json", `{"permissions": `, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(tc.manifest), 0o644))
			got, err := wantsUserScripts(dir)
			if tc.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}
