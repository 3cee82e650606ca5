// Command nativehost-install writes (or removes) a native messaging host manifest where Chrome and
// Chromium look for it, after checking it with Chrome's own rules.
//
//	nativehost-install -name com.example.vault -description "Example vault" \
//	    -path ./vaulthost -extension-id abcdefghijklmnopabcdefghijklmnop
//
// By default it installs for the current user for both Chrome and Chromium; -browser picks one,
// -system writes the system-wide directories (needs root), and -user-data-dir writes into
// <dir>/NativeMessagingHosts for a browser started with --user-data-dir=<dir> (what tests use).
// -print shows the manifest without writing it; -uninstall removes it. It prints each file
// written or removed.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/extwasm/extwasm/nativehost"
)

type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("nativehost-install", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		m           nativehost.Manifest
		ids, origs  list
		browser     = fs.String("browser", "all", "chrome, chromium or all")
		system      = fs.Bool("system", false, "install system-wide instead of for the current user")
		userDataDir = fs.String("user-data-dir", "", "install into this browser profile directory only")
		printOnly   = fs.Bool("print", false, "print the manifest instead of writing it")
		uninstall   = fs.Bool("uninstall", false, "remove the manifest named by -name")
		nativeInit  = fs.Bool("native-initiated", false, "set supports_native_initiated_connections")
	)
	fs.StringVar(&m.Name, "name", "", "host name, e.g. com.example.vault (required)")
	fs.StringVar(&m.Description, "description", "", "description (required)")
	fs.StringVar(&m.Path, "path", "", "host executable; made absolute (required)")
	fs.Var(&ids, "extension-id", "allowed extension ID (repeatable)")
	fs.Var(&origs, "origin", "allowed origin chrome-extension://<id>/ (repeatable)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "nativehost-install: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "nativehost-install: %v\n", err)
		return 1
	}

	dirs, err := targets(*browser, *system, *userDataDir)
	if err != nil {
		return fail(err)
	}
	if *uninstall {
		for _, d := range dirs {
			if err := nativehost.Uninstall(d, m.Name); err != nil {
				return fail(err)
			}
			fmt.Fprintln(stdout, filepath.Join(d, m.Name+".json"))
		}
		return 0
	}

	m.Type = "stdio"
	m.SupportsNativeInitiatedConnections = *nativeInit
	m.AllowedOrigins = []string{}
	for _, id := range ids {
		m.AllowedOrigins = append(m.AllowedOrigins, "chrome-extension://"+id+"/")
	}
	m.AllowedOrigins = append(m.AllowedOrigins, origs...)
	if len(m.AllowedOrigins) == 0 {
		return fail(errors.New("give at least one -extension-id or -origin"))
	}
	if m.Path != "" {
		abs, err := filepath.Abs(m.Path)
		if err != nil {
			return fail(err)
		}
		m.Path = abs
	}
	if *printOnly {
		data, err := nativehost.MarshalManifest(m)
		if err != nil {
			return fail(err)
		}
		_, _ = stdout.Write(data)
		return 0
	}
	if _, err := os.Stat(m.Path); err != nil {
		// Chrome reports a missing executable as "Specified native messaging host not found.";
		// say so now rather than at the first call.
		fmt.Fprintf(stderr, "nativehost-install: warning: %v\n", err)
	}
	for _, d := range dirs {
		path, err := nativehost.Install(d, m)
		if err != nil {
			return fail(err)
		}
		fmt.Fprintln(stdout, path)
	}
	return 0
}

func targets(browser string, system bool, userDataDir string) ([]string, error) {
	var browsers []nativehost.Browser
	switch browser {
	case "all":
		browsers = []nativehost.Browser{nativehost.Chrome, nativehost.Chromium}
	case "chrome", "chromium":
		browsers = []nativehost.Browser{nativehost.Browser(browser)}
	default:
		return nil, fmt.Errorf("unknown -browser %q (want chrome, chromium or all)", browser)
	}
	if userDataDir != "" {
		if system {
			return nil, errors.New("-system and -user-data-dir exclude each other")
		}
		return []string{nativehost.UserDataDir(userDataDir)}, nil
	}
	var dirs []string
	for _, b := range browsers {
		d, err := nativehost.Dir(b, system)
		if err != nil {
			return nil, err
		}
		dirs = append(dirs, d)
	}
	return dirs, nil
}
