package wasmjs

import (
	"fmt"
	"os"
)

// GoJSMode chooses how the gojs imports of a Go (GOOS=js) module run.
type GoJSMode int

const (
	// GoJSAuto takes the mode from the HOSTSIM_GOJS environment variable, else GoJSFast.
	GoJSAuto GoJSMode = iota
	// GoJSFast runs the syscall/js imports natively in Go when the import object is the one
	// the toolchain's wasm_exec.js builds; any other import object runs as JavaScript.
	GoJSFast
	// GoJSReference runs every import as the JavaScript the import object supplies: wasm_exec.js
	// interpreted in the realm, the behaviour the fast mode is checked against.
	GoJSReference
)

// GoJSModeEnv names the environment variable that selects the mode when none is configured:
// "fast" or "reference".
const GoJSModeEnv = "HOSTSIM_GOJS"

// ParseGoJSMode reads a mode's name: "", "auto", "fast" or "reference".
func ParseGoJSMode(s string) (GoJSMode, error) {
	switch s {
	case "", "auto":
		return GoJSAuto, nil
	case "fast":
		return GoJSFast, nil
	case "reference":
		return GoJSReference, nil
	}
	return GoJSAuto, fmt.Errorf("wasmjs: unknown gojs mode %q (want fast or reference)", s)
}

// String names the mode as ParseGoJSMode reads it.
func (m GoJSMode) String() string {
	switch m {
	case GoJSFast:
		return "fast"
	case GoJSReference:
		return "reference"
	}
	return "auto"
}

// Resolve turns GoJSAuto into the mode the environment selects. A value the variable does not
// name is an error, so that a typo cannot silently test the wrong mode.
func (m GoJSMode) Resolve() (GoJSMode, error) {
	if m != GoJSAuto {
		return m, nil
	}
	env, err := ParseGoJSMode(os.Getenv(GoJSModeEnv))
	if err != nil {
		return GoJSAuto, err
	}
	if env == GoJSAuto {
		return GoJSFast, nil
	}
	return env, nil
}
