// Package gobuildtest is what a test needs of [gobuild.Program]: the binary's path or a failed test,
// and a TestMain that removes every program its tests built.
package gobuildtest

import (
	"os"
	"testing"

	"github.com/extwasm/extwasm/internal/gobuild"
)

// Path is p's binary, built on first use; a failed build fails t with the compiler's output.
func Path(t testing.TB, p *gobuild.Program) string {
	t.Helper()
	bin, err := p.Path()
	if err != nil {
		t.Fatalf("building %s: %v", p.Pkg, err)
	}
	return bin
}

// Main runs m's tests, removes the programs they built and exits with the tests' code: the whole
// body of a TestMain.
func Main(m *testing.M, programs ...*gobuild.Program) {
	code := m.Run()
	for _, p := range programs {
		p.Remove()
	}
	os.Exit(code)
}
