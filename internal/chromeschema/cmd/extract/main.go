// Command extract regenerates internal/chromeschema/chrome-api.json from the pinned chrome-types
// npm package (`make schema`). It fetches the tarball with npm pack, or reads one given with
// -tarball, refuses it unless its sha512 matches the pinned integrity, and parses index.d.ts
// with package dts. With -check it writes nothing and fails when the committed file is stale.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/extwasm/extwasm/internal/chromeschema"
	"github.com/extwasm/extwasm/internal/chromeschema/dts"
)

// The pinned source. Bumping Version needs the new Integrity from
// `npm view chrome-types@<version> dist.integrity`; the pair keeps a re-extraction reproducible.
const (
	Package   = "chrome-types"
	Version   = "0.1.457"
	Integrity = "sha512-OOEBVGL/YYx5dFS/UShVm7ISYr+MC3z8hZfrXRmk1SbydCZ00n/3L/w8jqbQFDBDX7bo2E+kCynQG76ooDQ70g=="
	// File is index.d.ts, the MV3-only declarations (_all.d.ts adds MV2 and platform-app APIs).
	File = "index.d.ts"
)

func main() {
	tarball := flag.String("tarball", "", "chrome-types `.tgz` to read instead of running npm pack")
	out := flag.String("out", "internal/chromeschema/chrome-api.json", "the JSON `file` to write (or compare with -check)")
	check := flag.Bool("check", false, "compare with -out instead of writing it; exit 1 when they differ")
	flag.Parse()
	if err := run(*tarball, *out, *check); err != nil {
		fmt.Fprintln(os.Stderr, "extract:", err)
		os.Exit(1)
	}
}

func run(tarball, out string, check bool) error {
	tgz, err := readTarball(tarball)
	if err != nil {
		return err
	}
	if err := verify(tgz); err != nil {
		return err
	}
	src, err := fileFromTarball(tgz, "package/"+File)
	if err != nil {
		return err
	}
	js, err := extract(src)
	if err != nil {
		return err
	}
	if check {
		old, err := os.ReadFile(out)
		if err != nil {
			return err
		}
		if !bytes.Equal(old, js) {
			return fmt.Errorf("%s is stale: run make schema", out)
		}
		return nil
	}
	return os.WriteFile(out, js, 0o644)
}

// readTarball reads the given tarball, or packs the pinned version with npm into a temporary
// directory (npm pack checks the registry's integrity too; verify checks it against the pin).
func readTarball(path string) ([]byte, error) {
	if path != "" {
		return os.ReadFile(path)
	}
	dir, err := os.MkdirTemp("", "chrome-types-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command("npm", "pack", "--loglevel=warn", Package+"@"+Version, "--pack-destination", dir)
	cmd.Stderr = os.Stderr
	cmd.Stdout = io.Discard
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("npm pack %s@%s: %w", Package, Version, err)
	}
	matches, err := filepath.Glob(filepath.Join(dir, "*.tgz"))
	if err != nil || len(matches) != 1 {
		return nil, fmt.Errorf("npm pack left %d tarballs in %s", len(matches), dir)
	}
	return os.ReadFile(matches[0])
}

// verify compares the tarball with the pinned npm integrity ("sha512-" + base64 of the digest).
func verify(tgz []byte) error {
	sum := sha512.Sum512(tgz)
	got := "sha512-" + base64.StdEncoding.EncodeToString(sum[:])
	if got != Integrity {
		return fmt.Errorf("tarball integrity %s, pinned %s for %s@%s", got, Integrity, Package, Version)
	}
	return nil
}

func fileFromTarball(tgz []byte, name string) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("no %s in the tarball", name)
		}
		if err != nil {
			return nil, err
		}
		if h.Name == name {
			return io.ReadAll(tr)
		}
	}
}

// extract parses the declarations and renders the schema file: indented JSON, deterministic
// because every slice keeps the source's (or a sorted) order.
func extract(src []byte) ([]byte, error) {
	nss, commit, err := dts.Parse(src)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", File, err)
	}
	if commit == "" {
		return nil, fmt.Errorf("%s: no \"// Built at <commit>\" line", File)
	}
	s := &chromeschema.Schema{
		Source: chromeschema.Source{
			Package: Package, Version: Version, Integrity: Integrity, File: File,
			ChromiumCommit: commit,
		},
		Namespaces: nss,
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	js, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(js, '\n'), nil
}
