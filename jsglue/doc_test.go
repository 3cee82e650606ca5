//go:build !js

package jsglue_test

import (
	"bytes"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsOnlyAPI returns the one-line declarations of the exported functions, methods and types that
// exist only under GOOS=js.
func jsOnlyAPI(t *testing.T) []string {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var out []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		require.NoError(t, err)
		if !jsOnly(name, f) {
			continue
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() || d.Recv != nil && !ast.IsExported(recvName(d)) {
					continue
				}
				d.Body, d.Doc = nil, nil
				out = append(out, oneLine(t, fset, d))
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.IsExported() {
						out = append(out, "type "+ts.Name.Name)
					}
				}
			}
		}
	}
	return out
}

func recvName(d *ast.FuncDecl) string {
	typ := d.Recv.List[0].Type
	if s, ok := typ.(*ast.StarExpr); ok {
		typ = s.X
	}
	if id, ok := typ.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// jsOnly reports whether the file builds for GOOS=js and not for other systems.
func jsOnly(name string, f *ast.File) bool {
	if strings.HasSuffix(name, "_js.go") {
		return true
	}
	for _, c := range f.Comments {
		for _, l := range c.List {
			if expr, err := constraint.Parse(l.Text); err == nil {
				js := expr.Eval(func(tag string) bool { return tag == "js" || tag == "wasm" })
				linux := expr.Eval(func(tag string) bool { return tag == "linux" || tag == "amd64" })
				return js && !linux
			}
		}
	}
	return false
}

func oneLine(t *testing.T, fset *token.FileSet, node any) string {
	var b bytes.Buffer
	require.NoError(t, printer.Fprint(&b, fset, node))
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestDocShowsTheJSAPI: `go doc` on any system shows what GOOS=js programs call, because the
// package doc lists it, and the list is the code's (a declaration changed without the doc fails).
func TestDocShowsTheJSAPI(t *testing.T) {
	src, err := os.ReadFile("glue.go")
	require.NoError(t, err)
	f, err := parser.ParseFile(token.NewFileSet(), "glue.go", src, parser.ParseComments)
	require.NoError(t, err)
	pkgDoc := strings.Join(strings.Fields(f.Doc.Text()), " ")
	api := jsOnlyAPI(t)
	require.NotEmpty(t, api)
	for _, decl := range api {
		assert.Contains(t, pkgDoc, decl, "the package doc lists every GOOS=js declaration")
	}
	if t.Failed() {
		t.Logf("the list:\n\t%s", strings.Join(api, "\n\t"))
	}
}
