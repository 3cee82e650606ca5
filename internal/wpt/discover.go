package wpt

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// File is one test page of the checkout, by the path it is served at ("dom/nodes/x.html"; for a
// .any.js or .window.js test, the .html wrapper the server makes for it).
type File struct {
	Dir  string // the directory it was found under, as asked for ("dom/nodes")
	Path string
}

// Skipped is a test file the runner does not run, and why.
type Skipped struct {
	File
	Reason string
}

// Discover lists the testharness.js tests under each of dirs (slash-separated, relative to root),
// in a stable order, with the files it leaves out: those that need wptserve's substitutions
// (.sub.), https (.https.), manual steps (-manual) or another global than a window
// (.worker.js and friends), which this server cannot give them.
func Discover(root string, dirs []string) ([]File, []Skipped, error) {
	var files []File
	var skipped []Skipped
	for _, dir := range dirs {
		dir = strings.Trim(path.Clean(filepath.ToSlash(dir)), "/")
		err := filepath.WalkDir(filepath.Join(root, filepath.FromSlash(dir)), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				switch d.Name() {
				case "resources", "support", "tools":
					return fs.SkipDir
				}
				return nil
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			rel = filepath.ToSlash(rel)
			page, ok, err := testPage(p, rel)
			if err != nil || !ok {
				return err
			}
			f := File{Dir: dir, Path: page}
			if why := unsupported(page); why != "" {
				skipped = append(skipped, Skipped{File: f, Reason: why})
				return nil
			}
			files = append(files, f)
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	sort.SliceStable(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, skipped, nil
}

// testPage says whether the file at p (rel in the checkout) is a testharness.js test, and the
// page that runs it.
func testPage(p, rel string) (string, bool, error) {
	switch {
	case strings.HasSuffix(rel, ".any.js"):
		// A .any.js test that names its globals runs in a window only when "window" is among them.
		b, err := os.ReadFile(p)
		if err != nil {
			return "", false, err
		}
		if g, ok := metaValue(string(b), "global"); ok && !slices.Contains(strings.Split(strings.ReplaceAll(g, " ", ""), ","), "window") {
			return rel, true, nil // listed so it is reported as skipped
		}
		return strings.TrimSuffix(rel, ".js") + ".html", true, nil
	case strings.HasSuffix(rel, ".window.js"):
		return strings.TrimSuffix(rel, ".js") + ".html", true, nil
	case strings.HasSuffix(rel, ".worker.js"), strings.HasSuffix(rel, ".serviceworker.js"), strings.HasSuffix(rel, ".sharedworker.js"):
		return rel, true, nil // listed so it is reported as skipped
	case strings.HasSuffix(rel, ".html"), strings.HasSuffix(rel, ".htm"):
		b, err := os.ReadFile(p)
		if err != nil {
			return "", false, err
		}
		return rel, bytes.Contains(b, []byte("/resources/testharness.js")), nil
	}
	return "", false, nil
}

// metaValue is the value of a test script's first "// META: key=value" line for key.
func metaValue(src, key string) (string, bool) {
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		meta, ok := strings.CutPrefix(line, "// META:")
		if !ok {
			return "", false // META lines come first
		}
		if k, v, _ := strings.Cut(strings.TrimSpace(meta), "="); strings.TrimSpace(k) == key {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}

func unsupported(rel string) string {
	base := path.Base(rel)
	switch {
	case strings.HasSuffix(base, ".any.js"):
		return "not for a window (its META global)"
	case strings.Contains(base, ".sub."):
		return "needs wptserve's substitutions"
	case strings.Contains(base, ".https."), strings.Contains(base, ".h2."):
		return "needs https"
	case strings.Contains(base, "-manual."):
		return "manual"
	case strings.HasSuffix(base, "worker.js"):
		return "runs in a worker"
	}
	return ""
}
