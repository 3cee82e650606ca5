package nativehost

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Caller identifies the extension that started the host, from the command line Chrome passes.
// Chrome launches the host with the caller's origin as the first argument; on Windows it adds
// "--parent-window=<HWND>".
type Caller struct {
	// Origin is "chrome-extension://<id>/", or empty when the host was not started by a browser.
	Origin string
	// ExtensionID is the <id> part of Origin.
	ExtensionID string
	// ParentWindow is the native window handle from --parent-window (Windows only; 0 for a
	// service worker caller).
	ParentWindow int64
}

// ErrOriginNotAllowed means the caller's origin is not on the host's allow-list.
var ErrOriginNotAllowed = errors.New("nativehost: caller origin not allowed")

// ParseArgs reads the caller from the host's arguments (os.Args[1:]). No arguments gives a zero
// Caller and no error, so a host can be run by hand; a first argument that is not an extension
// origin is an error. Arguments ParseArgs does not know (such as Chrome's --reconnect-command)
// are ignored.
func ParseArgs(args []string) (Caller, error) {
	var c Caller
	if len(args) == 0 {
		return c, nil
	}
	id, ok := originHost(args[0])
	if !ok || args[0] != extensionScheme+"://"+id+"/" {
		return c, fmt.Errorf("nativehost: first argument %q is not an extension origin (chrome-extension://<id>/)", args[0])
	}
	c.Origin, c.ExtensionID = args[0], id
	for _, a := range args[1:] {
		if v, ok := strings.CutPrefix(a, "--parent-window="); ok {
			hwnd, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return c, fmt.Errorf("nativehost: bad --parent-window value %q", v)
			}
			c.ParentWindow = hwnd
		}
	}
	return c, nil
}

// CheckOrigin returns nil when origin matches one of allowed, each written as in a manifest's
// allowed_origins ("chrome-extension://<id>/"), with Chrome's matching rules. Otherwise it returns
// an error wrapping [ErrOriginNotAllowed], or the [*ManifestError] of a malformed allowed entry.
//
// Chrome only starts the host for origins in the manifest, but when several extensions are listed
// there, the host itself must decide which of them may do what. The caller is an extension's
// worker or page, never its content script (see [AllowOrigins]).
func CheckOrigin(origin string, allowed ...string) error {
	m := Manifest{AllowedOrigins: allowed}
	for _, p := range allowed {
		if _, err := parseOriginPattern(p); err != nil {
			return err
		}
	}
	if !m.Allows(origin) {
		return fmt.Errorf("%w: %q", ErrOriginNotAllowed, origin)
	}
	return nil
}

type callerKey struct{}

// CallerFrom returns the caller of the connection that ctx belongs to, as given to [Serve] with
// [WithCaller] (set by [Main] from the command line).
func CallerFrom(ctx context.Context) (Caller, bool) {
	c, ok := ctx.Value(callerKey{}).(Caller)
	return c, ok
}
