//go:build e2e

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// BenchmarkWasmSize reports the size of the example worker, of the smallest bridge worker
// (testdata/floorwasm/oneroute: one typed route), of the floor and of the JSON floor
// (testdata/floorwasm/jsonfloor: syscall/js and encoding/json alone) as built, raw and gzip at level 9:
// what the bridge adds to a module that only answers one message, and what any bridge built on
// encoding/json cannot go below. gzip(1) itself, not compress/gzip: its level 9 is about 1%
// smaller, and the goal is stated in its terms.
func BenchmarkWasmSize(b *testing.B) {
	requireExample(b)
	for _, m := range []struct{ name, path string }{
		{"worker", filepath.Join(exampleDir, "worker.wasm")},
		{"oneroute", filepath.Join(floorDir, "oneroute.wasm")},
		{"floor", filepath.Join(floorDir, "worker.wasm")},
		{"json-floor", filepath.Join(floorDir, "jsonfloor.wasm")},
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
