//go:build e2e

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// BenchmarkWasmSize reports the size of the example worker and of the floor as built (raw, and
// gzip at level 9, which is how a store or a CDN would ship them): what the bridge adds to a
// module that only answers one message. gzip(1) itself, not compress/gzip: its level 9 is about 1%
// smaller, and the goal is stated in its terms.
func BenchmarkWasmSize(b *testing.B) {
	requireExample(b)
	for _, m := range []struct{ name, path string }{
		{"worker", filepath.Join(exampleDir, "worker.wasm")},
		{"floor", filepath.Join(floorDir, "worker.wasm")},
	} {
		data, err := os.ReadFile(m.path)
		require.NoError(b, err)
		var gz []byte
		for range b.N {
			gz, err = exec.Command("gzip", "-9c", m.path).Output()
			require.NoError(b, err, "gzip -9c %s", m.path)
		}
		b.ReportMetric(float64(len(data))/1000, m.name+"-raw-KB")
		b.ReportMetric(float64(len(gz))/1000, m.name+"-gzip9-KB")
	}
}
