// Package probeworker holds the probe worker: a plain-JavaScript service worker whose replies are
// chosen by the message ({mode, v, delay}), that echoes on ports and records lifecycle events. It is
// the one copy of the script for every fixture extension that installs it: hostsim's own tests
// (hostsim/browser/testdata/probe) and the shared scenarios, extwasmtest's and extwasm run's tests
// (e2e/internal/scenario/testdata/ext). Those folders list sw.js but do not keep it; [Write] puts
// it there before a browser loads them.
package probeworker

import (
	"bytes"
	_ "embed"
	"os"
	"path/filepath"
)

// FileName is the worker's file name in a fixture extension (its manifest's
// background.service_worker).
const FileName = "sw.js"

// Script is the worker's source.
//
//go:embed sw.js
var Script []byte

// Write puts the worker into the extension folder dir unless it is already there. It writes a
// temporary file and renames it, so a test package reading the folder at the same time sees the
// whole script or none.
func Write(dir string) error {
	path := filepath.Join(dir, FileName)
	if b, err := os.ReadFile(path); err == nil && bytes.Equal(b, Script) {
		return nil
	}
	f, err := os.CreateTemp(dir, ".sw-*.js")
	if err != nil {
		return err
	}
	_, err = f.Write(Script)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		_ = os.Remove(f.Name())
	}
	return err
}
