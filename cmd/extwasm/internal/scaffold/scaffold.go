// Package scaffold writes a new Go extension module from templates embedded in the extwasm command,
// so a scaffold never depends on a source checkout.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
)

//go:embed template
var files embed.FS

// Params fill the templates.
type Params struct {
	// Module is the new module's path.
	Module string
	// Name is the extension's name in its manifest and README.
	Name string
	// GoVersion is the go line of go.mod ("1.26").
	GoVersion string
	// Version is the extwasm module version required.
	Version string
	// Replace, when set, is a local extwasm checkout go.mod points at with a replace directive.
	Replace string
}

// renamed are template files whose name the go command or git would otherwise act on.
var renamed = map[string]string{"gitignore": ".gitignore"}

// Kept are the entries a folder may already hold when a module is written into it: what
// `go mod init` and `git init` make. A go.mod there is the module's: Write leaves it (and go.sum)
// alone.
var Kept = []string{"go.mod", "go.sum", ".git"}

// Write writes the module into dir, which must not exist, be empty or hold only Kept entries, and
// returns the files written, relative to dir.
func Write(dir string, p Params) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var other []string
	keep := map[string]bool{}
	for _, en := range entries {
		if slices.Contains(Kept, en.Name()) {
			keep[en.Name()] = true
		} else {
			other = append(other, en.Name())
		}
	}
	if len(other) > 0 {
		return nil, fmt.Errorf("%s holds %s: init writes a new module into a folder that is new, empty or holds only %s",
			dir, strings.Join(other, ", "), strings.Join(Kept, ", "))
	}
	var written []string
	err = fs.WalkDir(files, "template", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		tmpl, err := template.New(name).Option("missingkey=error").Parse(string(src))
		if err != nil {
			return err
		}
		var out bytes.Buffer
		if err := tmpl.Execute(&out, p); err != nil {
			return err
		}
		rel := strings.TrimSuffix(strings.TrimPrefix(name, "template/"), ".tmpl")
		if to, ok := renamed[path.Base(rel)]; ok {
			rel = path.Join(path.Dir(rel), to)
		}
		if keep[rel] {
			return nil // the folder's own go.mod
		}
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, out.Bytes(), 0o644); err != nil {
			return err
		}
		written = append(written, rel)
		return nil
	})
	return written, err
}
