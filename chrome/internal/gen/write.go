package gen

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Write compares files (by path relative to dir) with what dir holds, and with write set makes dir
// hold them: missing and different files are written, and generated files that are no longer
// generated are removed. It returns the paths that differed (relative to dir).
func Write(dir string, files map[string][]byte, write bool) (stale []string, err error) {
	for rel, want := range files {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		have, err := os.ReadFile(path)
		if err == nil && bytes.Equal(have, want) {
			continue
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		stale = append(stale, rel)
		if write {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				return nil, err
			}
		}
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != FileName {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		if _, ok := files[filepath.ToSlash(rel)]; ok {
			return nil
		}
		stale = append(stale, filepath.ToSlash(rel))
		if write {
			return os.Remove(path)
		}
		return nil
	})
	return stale, err
}
