// Package chromium drives a real headless Chromium with unpacked extensions loaded, through the
// DevTools protocol (chromedp, over a pipe). It finds an extension's service worker, stops it, opens tabs, and
// evaluates JavaScript in the worker, in a page, or in an extension's isolated world of a frame, each
// as a [Realm] with the same JSON-in, JSON-out contract, so one scenario can run in any context.
//
// Every call that waits takes a context.Context and stops at its deadline. A browser that cannot start
// is an error that names the binary and quotes its output: end-to-end tests must fail, not skip.
package chromium

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/extensions"
	"github.com/chromedp/chromedp"
)

// DefaultBinary is Debian's Chromium. The /usr/bin/chromium wrapper is avoided on purpose: it adds
// its own --load-extension and --disable-extensions-except flags.
const DefaultBinary = "/usr/lib/chromium/chromium"

// Options configure [Launch].
type Options struct {
	// Binary is the Chromium executable. Empty means $CHROMIUM, else [DefaultBinary].
	Binary string
	// Extensions are unpacked extension folders to load, all of them before Launch returns.
	Extensions []string
	// UserDataDir is the profile folder. Empty means a fresh temporary folder, removed by Close.
	UserDataDir string
	// Flags are extra command-line switches, name → value (true for a bare switch).
	Flags map[string]any
	// Headful shows a browser window; by default Chromium runs headless.
	Headful bool
	// Load is how the extensions are loaded; the zero value, [LoadAuto], is the command-line flag
	// unless $EXTWASM_LOAD says "protocol" (see [LoadAuto]).
	Load LoadMethod
	// Log receives one line saying how the extensions were loaded (and, on a fallback, why the
	// protocol failed); nil discards it. [Browser.LoadedBy] says the same.
	Log io.Writer
}

// LoadMethod is how [Launch] loads unpacked extensions.
type LoadMethod int

// LoadEnv names the environment variable that picks [LoadAuto]'s method: "protocol" for
// [LoadPreferProtocol] (Google Chrome 137+ needs it), anything else for [LoadFlag].
const LoadEnv = "EXTWASM_LOAD"

const (
	// LoadAuto is [LoadFlag], or [LoadPreferProtocol] when $EXTWASM_LOAD is "protocol". The flag
	// stays the default for Chromium: with the protocol, a worker's first evaluation in a loaded
	// run of the whole e2e suite twice found no chrome object (ReferenceError), which the flag
	// never did in that suite's runs.
	LoadAuto LoadMethod = iota
	// LoadProtocol calls DevTools' Extensions.loadUnpacked for each folder, with
	// --enable-unsafe-extension-debugging, over chromedp's pipe (--remote-debugging-pipe). Google
	// Chrome 137 and later load unpacked extensions only this way; Chromium 156 supports it too.
	// A failure is an error.
	LoadProtocol
	// LoadFlag names the folders in --load-extension and --disable-extensions-except, which
	// branded Chrome 137+ ignores.
	LoadFlag
	// LoadPreferProtocol loads through the protocol and falls back to the flag when the protocol
	// fails (extwasm dev, which reloads through the protocol).
	LoadPreferProtocol
)

// String names the method as the log line does.
func (m LoadMethod) String() string {
	switch m {
	case LoadAuto:
		return "auto"
	case LoadPreferProtocol:
		return "Extensions.loadUnpacked, else --load-extension"
	case LoadProtocol:
		return "Extensions.loadUnpacked"
	case LoadFlag:
		return "--load-extension"
	}
	return fmt.Sprintf("LoadMethod(%d)", int(m))
}

// Browser is a running Chromium. Close it to kill the process and remove its temporary profile.
type Browser struct {
	binary     string
	profile    string
	ownProfile bool
	downloads  string
	output     *limitedBuffer
	loadedBy   LoadMethod

	allocCancel context.CancelFunc
	ctx         context.Context // the browser's first tab; the parent of every other target
	cancel      context.CancelFunc

	closeOnce sync.Once
	closeErr  error
}

// Launch starts Chromium with the extensions loaded. ctx bounds the start only; the browser lives
// until Close.
func Launch(ctx context.Context, opts Options) (*Browser, error) {
	bin := opts.Binary
	if bin == "" {
		bin = os.Getenv("CHROMIUM")
	}
	if bin == "" {
		bin = DefaultBinary
	}
	if st, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("chromium: binary %s: %w (run scripts/ensure-chromium.sh or set CHROMIUM)", bin, err)
	} else if st.IsDir() || st.Mode()&0o111 == 0 {
		return nil, fmt.Errorf("chromium: binary %s is not an executable file", bin)
	}
	exts := make([]string, 0, len(opts.Extensions))
	for _, e := range opts.Extensions {
		abs, err := canonicalPath(e)
		if err != nil {
			return nil, fmt.Errorf("chromium: extension %s: %w", e, err)
		}
		if _, err := os.Stat(filepath.Join(abs, "manifest.json")); err != nil {
			return nil, fmt.Errorf("chromium: extension %s has no manifest.json: %w", abs, err)
		}
		exts = append(exts, abs)
	}

	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}
	if opts.Load == LoadAuto {
		opts.Load = LoadFlag
		if os.Getenv(LoadEnv) == "protocol" {
			opts.Load = LoadPreferProtocol
		}
	}
	var protoErr error
	if opts.Load == LoadPreferProtocol || opts.Load == LoadProtocol {
		b, err := start(ctx, opts, bin, exts, LoadProtocol)
		if err != nil {
			return nil, err
		}
		if protoErr = b.loadAll(ctx, exts); protoErr == nil {
			if err := b.allowUserScriptsWhereAsked(ctx, exts); err != nil {
				b.Close()
				return nil, err
			}
			fmt.Fprintf(logw, "chromium: loaded %d extension(s) through DevTools' Extensions.loadUnpacked\n", len(exts))
			return b, nil
		}
		b.Close()
		if opts.Load == LoadProtocol {
			return nil, fmt.Errorf("%w\nbrowser output:\n%s", protoErr, b.output.String())
		}
	}
	b, err := start(ctx, opts, bin, exts, LoadFlag)
	if err != nil {
		return nil, err
	}
	if err := b.allowUserScriptsWhereAsked(ctx, exts); err != nil {
		b.Close()
		return nil, err
	}
	if protoErr != nil {
		fmt.Fprintf(logw, "chromium: loaded %d extension(s) with --load-extension, because the protocol failed: %v\n", len(exts), protoErr)
	} else {
		fmt.Fprintf(logw, "chromium: loaded %d extension(s) with --load-extension\n", len(exts))
	}
	return b, nil
}

// start launches the browser for one load method: with the extensions named in flags, or with the
// protocol switch, leaving the loading to loadAll.
func start(ctx context.Context, opts Options, bin string, exts []string, method LoadMethod) (*Browser, error) {
	if method == LoadFlag {
		for _, abs := range exts {
			if strings.Contains(abs, ",") {
				return nil, fmt.Errorf("chromium: extension path %q contains a comma, which Chromium's flag syntax cannot express", abs)
			}
		}
	}
	b := &Browser{binary: bin, profile: opts.UserDataDir, output: &limitedBuffer{max: 64 << 10}, loadedBy: method}
	if b.profile == "" {
		dir, err := os.MkdirTemp("", "extwasm-chromium-")
		if err != nil {
			return nil, fmt.Errorf("chromium: creating a profile folder: %w", err)
		}
		b.profile, b.ownProfile = dir, true
		if err := b.setDownloadDir(); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}

	// Not chromedp.DefaultExecAllocatorOptions: it contains --disable-extensions.
	allocOpts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.UserDataDir(b.profile),
		chromedp.CombinedOutput(b.output),
	}
	if !opts.Headful {
		allocOpts = append(allocOpts, chromedp.Flag("headless", "new"))
	}
	switch {
	case method == LoadProtocol:
		// Chrome 137+ answers Extensions.loadUnpacked only with this switch (and over the pipe).
		allocOpts = append(allocOpts, chromedp.Flag("enable-unsafe-extension-debugging", true))
	case len(exts) > 0:
		list := strings.Join(exts, ",")
		allocOpts = append(allocOpts,
			chromedp.Flag("load-extension", list),
			chromedp.Flag("disable-extensions-except", list))
	}
	for name, v := range opts.Flags {
		allocOpts = append(allocOpts, chromedp.Flag(name, v))
	}

	// The browser outlives ctx, so its contexts hang off a background context; ctx only bounds the
	// start, through the watchdog in attach.
	actx, acancel := chromedp.NewExecAllocator(context.WithoutCancel(ctx), allocOpts...)
	bctx, bcancel := chromedp.NewContext(actx)
	b.allocCancel, b.ctx, b.cancel = acancel, bctx, bcancel
	if err := attach(ctx, bctx, bcancel); err != nil {
		b.Close()
		return nil, fmt.Errorf("chromium: starting %s: %w\nbrowser output:\n%s", bin, err, b.output.String())
	}
	return b, nil
}

// loadAll loads each folder through Extensions.loadUnpacked and checks the id Chromium gave it.
func (b *Browser) loadAll(ctx context.Context, exts []string) error {
	for _, e := range exts {
		if _, err := b.LoadUnpacked(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// LoadUnpacked loads (or, when it is loaded already, reloads from disk) the unpacked extension in
// folder through DevTools' Extensions.loadUnpacked, and returns its id, which is [ExtensionID]'s.
// It needs a browser started with [LoadProtocol] (or [LoadAuto] that did not fall back).
func (b *Browser) LoadUnpacked(ctx context.Context, folder string) (string, error) {
	abs, err := canonicalPath(folder)
	if err != nil {
		return "", fmt.Errorf("chromium: extension %s: %w", folder, err)
	}
	c, cancel := bound(ctx, b.ctx)
	defer cancel()
	res, err := chromedp.CallBrowser(c, extensions.LoadUnpacked, extensions.LoadUnpackedParams{Path: abs})
	if err != nil {
		return "", fmt.Errorf("chromium: Extensions.loadUnpacked %s: %w", abs, err)
	}
	if want, err := ExtensionID(abs); err == nil && res.ID != want {
		return "", fmt.Errorf("chromium: Extensions.loadUnpacked %s gave id %s, not %s", abs, res.ID, want)
	}
	return res.ID, nil
}

// LoadedBy is how the extensions were loaded: [LoadProtocol] or [LoadFlag].
func (b *Browser) LoadedBy() LoadMethod { return b.loadedBy }

// setDownloadDir points the fresh profile's downloads at a folder inside it, which Close removes
// with the profile: without it headless Chromium saves chrome.downloads' files in ~/Downloads and
// keeps them.
func (b *Browser) setDownloadDir() error {
	dir := filepath.Join(b.profile, "Downloads")
	prefs, err := json.Marshal(map[string]any{"download": map[string]any{"default_directory": dir, "prompt_for_download": false}})
	if err == nil {
		err = os.MkdirAll(filepath.Join(b.profile, "Default"), 0o700)
	}
	if err == nil {
		err = os.Mkdir(dir, 0o700)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(b.profile, "Default", "Preferences"), prefs, 0o600)
	}
	if err != nil {
		return fmt.Errorf("chromium: setting the download folder: %w", err)
	}
	b.downloads = dir
	return nil
}

// DownloadDir is the folder downloads are saved in: a folder of the temporary profile, or empty
// when [Options.UserDataDir] names the profile (its own preferences decide).
func (b *Browser) DownloadDir() string { return b.downloads }

// Output returns the browser's recent stdout and stderr, for failure messages.
func (b *Browser) Output() string { return b.output.String() }

// Close kills the browser and removes the profile folder it created. It is safe to call twice.
func (b *Browser) Close() error {
	b.closeOnce.Do(func() {
		b.cancel()
		b.allocCancel()
		if b.ownProfile {
			b.closeErr = os.RemoveAll(b.profile)
		}
	})
	return b.closeErr
}

// attach runs the first action on a chromedp context, which starts the browser or attaches the
// target. That run must use the long-lived context (chromedp ties the target's lifetime to it), so
// the caller's deadline is enforced by a watchdog that cancels the long-lived context instead.
func attach(ctx, long context.Context, cancelLong context.CancelFunc) error {
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(long) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		cancelLong()
		<-done
		return fmt.Errorf("attaching: %w", ctx.Err())
	}
}

// bound returns a context that carries long's chromedp values and ends with either context, so a
// single command can honour the caller's deadline without ending the target.
func bound(ctx, long context.Context) (context.Context, context.CancelFunc) {
	c, cancel := context.WithCancel(long)
	stop := context.AfterFunc(ctx, cancel)
	return c, func() { stop(); cancel() }
}

// canonicalPath is the absolute, symlink-free path Chromium hashes into an unpacked extension's id.
func canonicalPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", err
	}
	return real, nil
}

// limitedBuffer keeps the last max bytes written to it; the browser can be chatty.
type limitedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	if over := l.buf.Len() - l.max; over > 0 {
		l.buf.Next(over)
	}
	return len(p), nil
}

func (l *limitedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// errClosed is returned by calls on a target that has gone away.
var errClosed = errors.New("chromium: target is closed")
