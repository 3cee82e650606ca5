package nativehost

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/extwasm/extwasm/internal/chromefacts"
)

// Browser names a browser whose manifest directories [Dir] knows.
type Browser string

// Browsers with known manifest directories.
const (
	Chrome   Browser = "chrome"
	Chromium Browser = "chromium"
)

// Dir returns the directory where browser b looks for host manifests on this machine: the
// per-user directory, or the system-wide one when system is true. Linux and macOS are supported;
// on Windows manifests are found through the registry, which Dir does not write.
//
// On Linux the per-user directory follows the browser's own rules: $CHROME_CONFIG_HOME (Chrome
// only), then $XDG_CONFIG_HOME, then ~/.config. A browser started with --user-data-dir looks in
// [UserDataDir] of that directory instead.
func Dir(b Browser, system bool) (string, error) {
	home, _ := os.UserHomeDir()
	return dirFor(runtime.GOOS, b, system, home, os.Getenv)
}

func dirFor(goos string, b Browser, system bool, home string, getenv func(string) string) (string, error) {
	if b != Chrome && b != Chromium {
		return "", fmt.Errorf("nativehost: unknown browser %q (want %q or %q)", b, Chrome, Chromium)
	}
	needHome := func(p ...string) (string, error) {
		if home == "" {
			return "", errors.New("nativehost: no home directory for a per-user manifest")
		}
		return filepath.Join(append([]string{home}, p...)...), nil
	}
	switch goos {
	case "linux":
		if system {
			if b == Chrome {
				return "/etc/opt/chrome/native-messaging-hosts", nil
			}
			return "/etc/chromium/native-messaging-hosts", nil
		}
		sub := "google-chrome"
		if b == Chromium {
			sub = "chromium"
		}
		if b == Chrome && filepath.IsAbs(getenv("CHROME_CONFIG_HOME")) {
			return filepath.Join(getenv("CHROME_CONFIG_HOME"), sub, "NativeMessagingHosts"), nil
		}
		if xdg := getenv("XDG_CONFIG_HOME"); filepath.IsAbs(xdg) {
			return filepath.Join(xdg, sub, "NativeMessagingHosts"), nil
		}
		return needHome(".config", sub, "NativeMessagingHosts")
	case "darwin":
		switch {
		case system && b == Chrome:
			return "/Library/Google/Chrome/NativeMessagingHosts", nil
		case system:
			return "/Library/Application Support/Chromium/NativeMessagingHosts", nil
		case b == Chrome:
			return needHome("Library", "Application Support", "Google", "Chrome", "NativeMessagingHosts")
		default:
			return needHome("Library", "Application Support", "Chromium", "NativeMessagingHosts")
		}
	default:
		return "", fmt.Errorf("nativehost: no manifest directory on %s (Windows uses the registry)", goos)
	}
}

// UserDataDir returns the manifest directory of a browser profile started with
// --user-data-dir=userDataDir. Chrome searches it before the system directory.
func UserDataDir(userDataDir string) string {
	return filepath.Join(userDataDir, "NativeMessagingHosts")
}

// Install validates m and writes it as <dir>/<name>.json, creating dir if needed, and returns the
// file's path. Besides Chrome's load-time rules ([Manifest.Validate]) it enforces what makes a
// manifest usable: an absolute Path on Linux and macOS, and allowed_origins written exactly as
// "chrome-extension://<32 letters a-p>/". The file is replaced atomically.
func Install(dir string, m Manifest) (string, error) {
	if err := checkInstallable(&m, runtime.GOOS); err != nil {
		return "", err
	}
	data, err := marshalManifest(&m)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("nativehost: install: %w", err)
	}
	path := filepath.Join(dir, m.Name+".json")
	tmp, err := os.CreateTemp(dir, "."+m.Name+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("nativehost: install: %w", err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), 0o644)); err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("nativehost: install: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("nativehost: install: %w", err)
	}
	return path, nil
}

// Uninstall removes <dir>/<name>.json. A manifest that is not there is not an error.
func Uninstall(dir, name string) error {
	if !ValidName(name) {
		return &ManifestError{Message: msgInvalidName}
	}
	err := os.Remove(filepath.Join(dir, name+".json"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("nativehost: uninstall: %w", err)
	}
	return nil
}

// MarshalManifest returns m as indented JSON, after [Manifest.Validate].
func MarshalManifest(m Manifest) ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return marshalManifest(&m)
}

func marshalManifest(m *Manifest) ([]byte, error) {
	data, err := marshal(m)
	if err != nil {
		return nil, fmt.Errorf("nativehost: encode manifest: %w", err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, data, "", "  "); err != nil {
		return nil, fmt.Errorf("nativehost: encode manifest: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func checkInstallable(m *Manifest, goos string) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if goos != "windows" && !strings.HasPrefix(m.Path, "/") {
		return &ManifestError{Message: msgInvalidPath, Detail: "the path must be absolute on " + goos + "; Chrome reports a relative one as \"" + chromefacts.ErrNativeHostNotFound + "\""}
	}
	for _, p := range m.AllowedOrigins {
		id, ok := originHost(p)
		if !ok || p != extensionScheme+"://"+id+"/" || !chromefacts.IsExtensionID(id) {
			return &ManifestError{
				Message: fmt.Sprintf("Pattern %q is not allowed.", p),
				Detail:  "write each origin as chrome-extension://<id>/ with a 32-letter (a-p) extension ID",
			}
		}
	}
	return nil
}
