package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// zipTime is every entry's modification time in a pack: the zip format's own epoch, so that the
// archive depends on the files' contents alone.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

func runPack(args []string, stdout, stderr io.Writer) error {
	fs := newFlags(packUsage, stderr)
	out := fs.String("o", "", `the zip to write (default "dist/<folder>-<version>.zip" under DIR; only with one extension)`)
	opts := buildFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir, err := dirArg(fs)
	if err != nil {
		return err
	}
	built, err := buildChecked(dir, opts(), stderr)
	if err != nil {
		return fmt.Errorf("%w: nothing packed", err)
	}
	if *out != "" && len(built.Folders) != 1 {
		return fmt.Errorf("-o names one zip, but %s builds %d extensions: leave -o out", dir, len(built.Folders))
	}
	for _, folder := range built.Folders {
		zipPath := *out
		if zipPath == "" {
			version, err := manifestVersion(folder)
			if err != nil {
				return err
			}
			zipPath = filepath.Join(dir, "dist", filepath.Base(folder)+"-"+version+".zip")
		}
		if err := packFolder(folder, zipPath, stdout); err != nil {
			return err
		}
	}
	return nil
}

// manifestVersion is the extension's manifest version string.
func manifestVersion(folder string) (string, error) {
	b, err := os.ReadFile(filepath.Join(folder, "manifest.json"))
	if err != nil {
		return "", err
	}
	var m struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(b, &m); err != nil || m.Version == "" {
		return "", fmt.Errorf("%s: manifest.json has no version", folder)
	}
	return m.Version, nil
}

// leftOut says why a file of the extension folder stays out of the pack, or "" when it goes in:
// hidden files, private keys, Go sources and editor and system leftovers are not the extension.
func leftOut(rel string) string {
	base := path.Base(rel)
	switch {
	case slices.ContainsFunc(strings.Split(rel, "/"), func(s string) bool { return strings.HasPrefix(s, ".") }):
		return "hidden"
	case strings.HasSuffix(base, ".pem"):
		return "a private key: never upload it"
	case strings.HasSuffix(base, ".go"):
		return "Go source"
	case strings.HasSuffix(base, "~"), strings.HasSuffix(base, ".swp"), base == "Thumbs.db", base == "desktop.ini":
		return "editor or system file"
	}
	return ""
}

// packedFile is one file of a pack and its sizes.
type packedFile struct {
	name                 string
	raw, gzip, zipStored int64
}

// packFolder writes folder's files into a deterministic zip at zipPath (sorted names, one fixed
// time, Deflate at the best level) and prints the size table.
func packFolder(folder, zipPath string, stdout io.Writer) error {
	var names []string
	err := filepath.WalkDir(folder, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, folder+string(filepath.Separator)))
		if why := leftOut(rel); why != "" {
			fmt.Fprintf(stdout, "left out %s (%s)\n", rel, why)
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file; a pack holds files only", p)
		}
		names = append(names, rel)
		return nil
	})
	if err != nil {
		return err
	}
	slices.Sort(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	var files []packedFile
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(folder, filepath.FromSlash(name)))
		if err != nil {
			return err
		}
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime}
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := w.Write(data); err != nil {
			return err
		}
		files = append(files, packedFile{name: name, raw: int64(len(data)), gzip: gzipSize(data)})
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if len(files) == 0 {
		return errors.New(folder + ": nothing to pack")
	}
	if err := os.MkdirAll(filepath.Dir(zipPath), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(zipPath, buf.Bytes(), 0o644); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "file\tbytes\tgzip -9\t\n")
	var raw, gz int64
	for _, f := range files {
		fmt.Fprintf(tw, "%s\t%d\t%d\t\n", f.name, f.raw, f.gzip)
		raw, gz = raw+f.raw, gz+f.gzip
	}
	fmt.Fprintf(tw, "total (%d files)\t%d\t%d\t\n", len(files), raw, gz)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", zipPath, buf.Len())
	return nil
}

// gzipSize is the size of data compressed with gzip -9.
func gzipSize(data []byte) int64 {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	_, _ = w.Write(data)
	_ = w.Close()
	return int64(b.Len())
}
