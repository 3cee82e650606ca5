package hostsim_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim"
	"github.com/extwasm/extwasm/hostsim/internal/guests"
)

func runJSValues(t *testing.T, reference bool, args ...string) (string, string) {
	t.Helper()
	wasm, err := guests.Build("jsvalues")
	require.NoError(t, err)
	var stdout, stderr bytes.Buffer
	t.Setenv("HOSTSIM_GOJS", "")
	res, err := hostsim.Run(context.Background(), wasm, hostsim.Config{
		Args: append([]string{"jsvalues"}, args...), Stdout: &stdout, Stderr: &stderr, ReferenceGoJS: reference,
	})
	require.NoError(t, err)
	require.Equal(t, 0, res.ExitCode, stderr.String())
	return stdout.String(), stderr.String()
}

// TestGoJSModesAgree runs the same syscall/js edge cases with wasm_exec.js interpreted and with
// the native imports: every line must be the same.
func TestGoJSModesAgree(t *testing.T) {
	refOut, refErr := runJSValues(t, true)
	fastOut, fastErr := runJSValues(t, false)
	require.NotEmpty(t, refOut)
	assert.Equal(t, strings.Split(refOut, "\n"), strings.Split(fastOut, "\n"))
	assert.Equal(t, refErr, fastErr)
	// A few lines pinned, so that agreeing on something broken would still fail.
	assert.Contains(t, refOut, "bom: x\n", "TextDecoder drops a leading BOM")
	assert.Contains(t, refOut, "invalid utf8: a%EF%BF%BD%EF%BF%BDb\n")
	assert.Contains(t, refOut, "lone surrogates: false true true\n")
	assert.Contains(t, refOut, "length: 2 12 3 -2 0\n")
	assert.Contains(t, refOut, "interning: true true true true\n")
	assert.Contains(t, refOut, "copy to go from Int8Array: panic: syscall/js: CopyBytesToGo: expected src to be a Uint8Array or Uint8ClampedArray\n")
	assert.Contains(t, refOut, "callbacks: 1,2,3 <number: 20000>\n")
	assert.Contains(t, refOut, "clock with performance.now replaced: 1.500250112s\n", "Go's clock follows a replaced performance.now")
	assert.Contains(t, refOut, "wall clock with getTime replaced: 2027-01-01T00:00:00.0005Z\n", "and a replaced Date.prototype.getTime")
}

// TestGoJSFastModeIsUsed tells the modes apart from inside the realm: wasm_exec.js's own values
// table only grows when its JavaScript runs the imports.
func TestGoJSFastModeIsUsed(t *testing.T) {
	table := func(reference bool) int {
		out, _ := runJSValues(t, reference, "table")
		n, err := strconv.Atoi(strings.TrimSpace(out))
		require.NoError(t, err, out)
		return n
	}
	assert.Equal(t, 7, table(false), "fast mode leaves wasm_exec.js's table at its 7 permanent values")
	assert.Greater(t, table(true), 7)
}
