package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/extwasmtest"
)

// packed packs a fresh scaffold twice and returns the two zips' bytes.
func packed(t *testing.T) (first, second []byte) {
	t.Helper()
	dir := scaffolded(t)
	// Files a pack leaves out: a private key, a hidden file, a Go source.
	for name, data := range map[string]string{"key.pem": "-----BEGIN PRIVATE KEY-----", ".notes": "x", "tool.go": "package x"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "extension", name), []byte(data), 0o644))
	}
	var zips [2][]byte
	for i := range zips {
		out := filepath.Join(t.TempDir(), "ext.zip")
		code, stdout, stderr := extwasm("pack", "-o", out, dir)
		require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
		assert.Contains(t, stdout, "left out key.pem (a private key: never upload it)")
		assert.Contains(t, stdout, "left out .notes (hidden)")
		assert.Contains(t, stdout, "left out tool.go (Go source)")
		assert.Regexp(t, `worker.wasm +\d+ +\d+`, stdout, "the size table")
		assert.Regexp(t, `total \(\d+ files\) +\d+ +\d+`, stdout)
		b, err := os.ReadFile(out)
		require.NoError(t, err)
		zips[i] = b
	}
	return zips[0], zips[1]
}

// unzip writes the zip's files into a new folder.
func unzip(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	dir := t.TempDir()
	for _, f := range zr.File {
		assert.Equal(t, os.FileMode(0o644), f.Mode(), f.Name)
		assert.True(t, f.Modified.Equal(zipTime), f.Name)
		r, err := f.Open()
		require.NoError(t, err)
		dst := filepath.Join(dir, filepath.FromSlash(f.Name))
		require.NoError(t, os.MkdirAll(filepath.Dir(dst), 0o755))
		data := make([]byte, f.UncompressedSize64)
		_, err = io.ReadFull(r, data)
		require.NoError(t, err)
		require.NoError(t, r.Close())
		require.NoError(t, os.WriteFile(dst, data, 0o644))
	}
	return dir
}

// TestPackIsDeterministicAndLoads: two packs of the same module are byte-identical, hold no key,
// hidden file or Go source, and the unzipped folder loads as an unpacked extension whose Go worker
// and content script work (hostsim here; with -extwasm.browser=chromium, Chromium).
func TestPackIsDeterministicAndLoads(t *testing.T) {
	first, second := packed(t)
	require.Equal(t, first, second, "two packs of the same module are byte-identical")
	dir := unzip(t, first)
	for _, name := range []string{"key.pem", ".notes", "tool.go"} {
		assert.NoFileExists(t, filepath.Join(dir, name))
	}
	for _, name := range []string{"manifest.json", "worker.wasm", "content.wasm", "wasm_exec.js", "extwasm.js"} {
		assert.FileExists(t, filepath.Join(dir, name))
	}

	b := extwasmtest.New(t)
	extwasmtest.Install(t, b, dir)
	tab := extwasmtest.OpenTab(t, b, b.Serve("/g.html", extwasmtest.Page{HTML: "<title>Gopher</title>"}))
	ctx, cancel := context.WithTimeout(context.Background(), extwasmtest.Timeout)
	defer cancel()
	require.NoError(t, extwasmtest.WaitFor(ctx, tab.Page(), `document.documentElement.dataset.greeting`, 20*time.Second))
	extwasmtest.EvalJSON(t, tab.Page(), `document.documentElement.dataset.greeting`, `"hello, Gopher, from the worker"`)
}
