// Package nativeresolve finds a native messaging host the way Chrome does before launching it:
// the browser side of native messaging, used by hostsim. A host program needs none of it; package
// nativehost has what such a program uses, and the installer that writes the manifests this reads.
package nativeresolve

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/extwasm/extwasm/nativehost"
)

// Chrome's errors for a host that cannot be started, with Chrome's exact text. Resolve returns
// them wrapped, with the reason Chrome only logs.
var (
	ErrHostNotFound    = errors.New(chromefacts.ErrNativeHostNotFound)
	ErrInvalidHostName = errors.New(chromefacts.ErrNativeHostInvalidName)
	ErrHostForbidden   = errors.New(chromefacts.ErrNativeHostForbidden)
)

// Error is a failed Resolve: Err is one of ErrHostNotFound, ErrInvalidHostName,
// ErrHostForbidden (what the extension sees), Reason is what Chrome writes to its log.
type Error struct {
	Err    error
	Reason string
}

// Error returns Chrome's message followed by the logged reason.
func (e *Error) Error() string { return e.Err.Error() + " (" + e.Reason + ")" }

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// Resolve finds and checks the manifest of host name for a caller origin the way Chrome does before
// launching a host: the name must be valid, the first <dir>/<name>.json found in dirs (in order) is
// loaded, its name must equal name, origin must be allowed, and the executable must be an existing
// absolute path (goos "windows" also accepts a path relative to the manifest). It returns the
// manifest and the executable's path.
func Resolve(name, origin, goos string, dirs ...string) (*nativehost.Manifest, string, error) {
	fail := func(err error, format string, args ...any) (*nativehost.Manifest, string, error) {
		return nil, "", &Error{Err: err, Reason: fmt.Sprintf(format, args...)}
	}
	if !nativehost.ValidName(name) {
		return fail(ErrInvalidHostName, "invalid host name %q", name)
	}
	var file string
	for _, d := range dirs {
		p := filepath.Join(d, name+".json")
		if _, err := os.Stat(p); err == nil {
			file = p
			break
		}
	}
	if file == "" {
		return fail(ErrHostNotFound, "no manifest for %s in %s", name, strings.Join(dirs, ", "))
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return fail(ErrHostNotFound, "read %s: %v", file, err)
	}
	m, err := nativehost.ParseManifest(data)
	if err != nil {
		return fail(ErrHostNotFound, "failed to load manifest %s: %v", file, err)
	}
	if m.Name != name {
		return fail(ErrHostNotFound, "%s: Invalid name specified in the manifest.", file)
	}
	if !m.Allows(origin) {
		return fail(ErrHostForbidden, "origin %q is not in allowed_origins of %s", origin, file)
	}
	exe := m.Path
	if !isAbs(goos, exe) {
		if goos != "windows" {
			return fail(ErrHostNotFound, "Native messaging host path must be absolute for %s", name)
		}
		exe = filepath.Join(filepath.Dir(file), exe)
	}
	if _, err := os.Stat(exe); errors.Is(err, fs.ErrNotExist) {
		return fail(ErrHostNotFound, "Found manifest, but not the binary for native messaging host %s. Host path specified in the manifest: %s", name, exe)
	}
	return m, exe, nil
}

func isAbs(goos, p string) bool {
	if goos != "windows" {
		return strings.HasPrefix(p, "/")
	}
	// A drive letter path or a UNC path.
	return len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/') || strings.HasPrefix(p, `\\`)
}
