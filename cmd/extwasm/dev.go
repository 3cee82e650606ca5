package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/extwasm/extwasm/hostsim/browser"
	"github.com/extwasm/extwasm/internal/chromium"
	"github.com/extwasm/extwasm/internal/extbuild"
	"github.com/extwasm/extwasm/jsglue"
)

// devDebounce is how long dev waits after the last file event before it rebuilds: an editor's save
// is often several events (write, chmod, rename), and a checkout touches many files.
const devDebounce = 100 * time.Millisecond

// devProfile is where dev keeps Chromium's profile, under the module root, between runs.
const devProfile = ".extwasm/profile"

// devHooks let a test follow a dev session; the command itself sets none.
type devHooks struct {
	// ready is called once the browser runs the first build.
	ready func(*devSession)
}

func runDev(args []string, stdout, stderr io.Writer) error {
	return runDevHooked(args, stdout, stderr, devHooks{})
}

func runDevHooked(args []string, stdout, stderr io.Writer, hooks devHooks) error {
	fs := newFlags(devUsage, stderr)
	headful := fs.Bool("headful", false, "show a browser window instead of running headless")
	profile := fs.String("profile", "", "Chromium's profile folder, kept between runs (default DIR/"+devProfile+")")
	all := fs.Bool("all", false, "print every console message, not only errors and uncaught exceptions")
	var open []string
	fs.Func("open", "open a tab at this URL once the extensions run (repeatable)", func(s string) error {
		open = append(open, s)
		return nil
	})
	opts := buildFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir, err := dirArg(fs)
	if err != nil {
		return err
	}
	root, err := filepath.Abs(dir)
	if err == nil {
		root, err = filepath.EvalSymlinks(root)
	}
	if err != nil {
		return err
	}
	cfg, err := extbuild.LoadConfig(root)
	if err != nil {
		return err
	}
	s := &devSession{root: root, cfg: cfg, build: opts(), headful: *headful, open: open, all: *all,
		profile: *profile, out: &lockedWriter{w: stdout}, hooks: hooks, hashes: map[string]string{}, names: map[string]string{}}
	if s.profile == "" {
		s.profile = filepath.Join(root, filepath.FromSlash(devProfile))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return s.run(ctx)
}

// devSession is one run of extwasm dev.
type devSession struct {
	root    string
	cfg     extbuild.Config
	build   extbuild.Options
	headful bool
	open    []string
	all     bool
	profile string
	out     io.Writer
	hooks   devHooks

	browser *chromium.Browser
	mon     *chromium.Monitor
	exts    []devExt
	names   map[string]string // extension id → folder, relative to the root
	hashes  map[string]string // file in an extension folder → its SHA-256
}

// devExt is one extension folder of the module.
type devExt struct {
	folder    string // absolute
	wasm      string // the folder of its entry points, absolute
	name      string // folder relative to the root
	id        string
	hasWorker bool
}

func (s *devSession) printf(format string, args ...any) { fmt.Fprintf(s.out, format, args...) }

func (s *devSession) run(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching %s: %w", s.root, err)
	}
	defer w.Close()
	if err := s.watchTree(w, s.root); err != nil {
		return err
	}
	for _, t := range s.cfg.Extensions {
		s.exts = append(s.exts, devExt{folder: filepath.Join(s.root, t.Folder), wasm: filepath.Join(s.root, t.Wasm),
			name: filepath.ToSlash(filepath.Clean(t.Folder))})
	}
	defer s.shutdown()

	start := time.Now()
	if s.rebuild(true) {
		if err := s.launch(ctx); err != nil {
			return err
		}
		s.printf("ready in %.1fs: watching %s; save a file to rebuild and reload, Ctrl-C to stop\n", time.Since(start).Seconds(), s.root)
		if s.hooks.ready != nil {
			s.hooks.ready(s)
		}
	} else {
		s.printf("watching %s: fix the build and save to start Chromium, Ctrl-C to stop\n", s.root)
	}

	var pending []string
	var first time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.Errors:
			if ok {
				s.printf("watch: %v\n", err)
			}
		case ev, ok := <-w.Events:
			if !ok {
				return errors.New("the file watcher stopped")
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() && !s.skipDir(ev.Name) {
					if err := s.watchTree(w, ev.Name); err != nil {
						s.printf("watch: %v\n", err)
					}
				}
			}
			if s.classify(ev.Name) == changeNone {
				continue
			}
			if len(pending) == 0 {
				first = time.Now()
			}
			pending = append(pending, ev.Name)
			timer.Reset(devDebounce)
		case <-timer.C:
			changed := pending
			pending = nil
			s.handle(ctx, first, changed)
		}
	}
}

func (s *devSession) shutdown() {
	if s.mon != nil {
		s.mon.Close()
	}
	if s.browser != nil {
		s.browser.Close()
	}
	s.printf("stopped\n")
}

// launch starts Chromium with the built extensions and waits for their workers.
func (s *devSession) launch(ctx context.Context) error {
	if err := os.MkdirAll(s.profile, 0o755); err != nil {
		return err
	}
	folders := make([]string, len(s.exts))
	for i, e := range s.exts {
		folders[i] = e.folder
		s.changedFiles(e.folder) // what the browser loads: later changes are measured against it
	}
	lctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	b, err := chromium.Launch(lctx, chromium.Options{Extensions: folders, Headful: s.headful, UserDataDir: s.profile, Log: s.out, Load: chromium.LoadPreferProtocol})
	if err != nil {
		return err
	}
	s.browser = b
	s.mon = b.Monitor(s.console)
	for i := range s.exts {
		e := &s.exts[i]
		if e.id, err = chromium.ExtensionID(e.folder); err != nil {
			return err
		}
		s.names[e.id] = e.name
		e.hasWorker = hasWorker(e.folder)
		if e.hasWorker {
			w, err := b.WaitNewWorker(lctx, e.id, "")
			if err != nil {
				return fmt.Errorf("%s: %w\nbrowser output:\n%s", e.name, err, b.Output())
			}
			w.Close()
		}
		s.printf("%s: id %s\n", e.name, e.id)
	}
	for _, u := range s.open {
		if _, err := b.OpenTab(lctx, u); err != nil {
			s.printf("open %s: %v\n", u, err)
		}
	}
	return nil
}

// hasWorker says whether the folder's manifest names a service worker (or cannot be read: the
// build's check has accepted it, so then it is assumed to).
func hasWorker(folder string) bool {
	var m struct {
		Background struct {
			ServiceWorker string `json:"service_worker"`
		} `json:"background"`
	}
	data, err := os.ReadFile(filepath.Join(folder, "manifest.json"))
	if err != nil || json.Unmarshal(data, &m) != nil {
		return true
	}
	return m.Background.ServiceWorker != ""
}

// rebuild builds every extension (goToo) or checks the folders, and notes each folder's files.
// Problems are printed; it reports success.
func (s *devSession) rebuild(goToo bool) bool {
	if goToo {
		o := s.build
		o.Check = extbuild.Checker(browser.CheckExtension)
		start := time.Now()
		built, err := extbuild.Build(s.root, o)
		if err != nil {
			s.printf("build failed:\n%v\n", err)
			return false
		}
		if len(built.Problems) > 0 {
			for _, p := range built.Problems {
				s.printf("%s\n", p)
			}
			s.printf("build: %d problem(s); not reloaded\n", len(built.Problems))
			return false
		}
		s.printf("built %d .wasm in %.2fs\n", len(built.Wasm), time.Since(start).Seconds())
		return true
	}
	ok := true
	for _, e := range s.exts {
		for _, p := range browser.CheckExtension(e.folder) {
			s.printf("%s\n", p)
			ok = false
		}
	}
	if !ok {
		s.printf("check: problems in the extension; not reloaded\n")
	}
	return ok
}

// handle rebuilds after the files in changed were saved (the first at first), then reloads each
// extension whose folder now differs and the tabs its content scripts ran in.
func (s *devSession) handle(ctx context.Context, first time.Time, changed []string) {
	goToo := false
	for _, p := range changed {
		goToo = goToo || s.classify(p) == changeGo
	}
	buildStart := time.Now()
	if !s.rebuild(goToo) {
		return
	}
	buildTime := time.Since(buildStart)
	if s.browser == nil {
		if err := s.launch(ctx); err != nil {
			s.printf("chromium: %v\n", err)
			return
		}
		s.printf("ready: the extensions run; Ctrl-C to stop\n")
		if s.hooks.ready != nil {
			s.hooks.ready(s)
		}
		return
	}
	for _, e := range s.exts {
		files := s.changedFiles(e.folder)
		if len(files) == 0 {
			continue
		}
		reloadStart := time.Now()
		tabs, err := s.reload(ctx, e)
		if err != nil {
			s.printf("%s: reload failed: %v\n", e.name, err)
			continue
		}
		s.printf("reloaded %s (%s changed) %dms after the save: build %dms, reload %dms, %d tab(s) reloaded\n",
			e.name, strings.Join(files, ", "), time.Since(first).Milliseconds(), buildTime.Milliseconds(),
			time.Since(reloadStart).Milliseconds(), tabs)
	}
}

// reload reloads one extension and the tabs its content scripts ran in (a reloaded extension cuts
// off the content scripts already injected), waiting until its worker and those content scripts
// run again. It returns the number of tabs reloaded.
func (s *devSession) reload(ctx context.Context, e devExt) (int, error) {
	rctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	pages := s.mon.PagesWithContentScripts(e.id)
	if s.browser.LoadedBy() != chromium.LoadProtocol {
		return 0, s.restart(rctx)
	}
	w, err := s.browser.ReloadExtension(rctx, e.folder, e.hasWorker)
	if err != nil {
		return 0, err
	}
	if w != nil {
		w.Close()
	}
	for _, p := range pages {
		if err := s.mon.ReloadAndWait(rctx, p, e.id); err != nil {
			s.printf("%s: %v\n", e.name, err)
		}
	}
	return len(pages), nil
}

// restart restarts the browser, for extensions loaded with --load-extension, which cannot be
// reloaded one by one; the tabs open on web pages are opened again.
func (s *devSession) restart(ctx context.Context) error {
	var urls []string
	for _, u := range s.mon.PageURLs() {
		if strings.HasPrefix(u, "http:") || strings.HasPrefix(u, "https:") || strings.HasPrefix(u, "file:") {
			urls = append(urls, u)
		}
	}
	s.mon.Close()
	s.browser.Close()
	s.mon, s.browser = nil, nil
	s.printf("restarting Chromium: the extensions were loaded with --load-extension, which cannot reload one\n")
	open := s.open
	s.open = urls
	defer func() { s.open = open }()
	return s.launch(ctx)
}

// changedFiles lists the files of folder whose contents differ from the last call (added, changed
// or removed), relative to it, and notes the new contents.
func (s *devSession) changedFiles(folder string) []string {
	now := map[string]string{}
	_ = filepath.WalkDir(folder, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		now[p] = fmt.Sprintf("%x", sha256.Sum256(data))
		return nil
	})
	var changed []string
	for p, h := range now {
		if s.hashes[p] != h {
			changed = append(changed, p)
		}
	}
	prefix := folder + string(filepath.Separator)
	for p := range s.hashes {
		if _, ok := now[p]; !ok && strings.HasPrefix(p, prefix) {
			changed = append(changed, p)
			delete(s.hashes, p)
		}
	}
	for p, h := range now {
		s.hashes[p] = h
	}
	for i, p := range changed {
		changed[i], _ = filepath.Rel(folder, p)
	}
	sort.Strings(changed)
	return changed
}

// change is what a changed file asks for.
type change int

const (
	changeNone change = iota // not part of any extension: a README, a test, a build output
	changeGo                 // Go source, go.mod, go.sum or extwasm.json: build again
	changeExt                // a file of an extension folder: check it and reload
)

// classify says what a change to the file at p asks for.
func (s *devSession) classify(p string) change {
	rel, err := filepath.Rel(s.root, p)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return changeNone
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for _, part := range parts[:len(parts)-1] {
		if skipDirName(part) {
			return changeNone
		}
	}
	if parts[0] == "dist" {
		return changeNone
	}
	base := parts[len(parts)-1]
	if editorLeftover(base) {
		return changeNone
	}
	for _, t := range s.cfg.Extensions {
		folder := filepath.Join(s.root, t.Folder)
		if filepath.Dir(p) == folder && buildOutput(base, filepath.Join(s.root, t.Wasm)) {
			return changeNone
		}
	}
	switch {
	case strings.HasSuffix(base, "_test.go"):
		return changeNone
	case strings.HasSuffix(base, ".go"), base == "go.mod", base == "go.sum", base == extbuild.ConfigFile:
		return changeGo
	}
	for _, t := range s.cfg.Extensions {
		folder := filepath.Join(s.root, t.Folder) + string(filepath.Separator)
		if strings.HasPrefix(p, folder) {
			return changeExt
		}
	}
	return changeNone
}

// buildOutput says whether a file named base, directly in an extension folder whose entry points
// are under wasmDir, is written by the build.
func buildOutput(base, wasmDir string) bool {
	switch base {
	case extbuild.WasmExecFile, jsglue.FileName, "extwasm-frame.html", "extwasm-frame.js":
		return true
	}
	if name, ok := strings.CutSuffix(base, ".wasm"); ok {
		st, err := os.Stat(filepath.Join(wasmDir, name))
		return err == nil && st.IsDir()
	}
	return false
}

// editorLeftover says whether a file name is an editor's swap, backup or probe file.
func editorLeftover(base string) bool {
	return strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") ||
		strings.HasPrefix(base, ".#") || base == "4913" || strings.HasSuffix(base, ".tmp")
}

// skipDirName says whether dev neither watches nor rebuilds for a folder of this name: hidden
// folders (.git, .extwasm with the profile), testdata and node_modules.
func skipDirName(name string) bool {
	return strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules"
}

func (s *devSession) skipDir(p string) bool {
	rel, err := filepath.Rel(s.root, p)
	if err != nil || rel == "." {
		return false
	}
	return skipDirName(filepath.Base(p)) || filepath.ToSlash(rel) == "dist"
}

// watchTree watches dir and every folder under it that dev does not skip.
func (s *devSession) watchTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a folder removed meanwhile
		}
		if !d.IsDir() {
			return nil
		}
		if s.skipDir(p) {
			return filepath.SkipDir
		}
		if err := w.Add(p); err != nil {
			return fmt.Errorf("watching %s: %w", p, err)
		}
		return nil
	})
}

// console prints a console error or an uncaught exception (every message with -all), naming the
// context it came from. Go's own crash output, which wasm_exec.js logs at log level, counts as an
// error.
func (s *devSession) console(ev chromium.ConsoleEvent) {
	goCrash := strings.HasPrefix(ev.Text, "panic: ") || strings.HasPrefix(ev.Text, "fatal error: ")
	if !s.all && !ev.Uncaught && ev.Level != "error" && !goCrash {
		return
	}
	s.printf("[%s] %s: %s\n", contextName(ev, s.names), ev.Level, ev.Text)
}

// contextName names where a console message came from: "worker of extension", "content script of
// extension in http://…", "extension page popup.html", "page http://…".
func contextName(ev chromium.ConsoleEvent, names map[string]string) string {
	name := names[ev.ExtID]
	if name == "" {
		name = ev.ExtID
	}
	path := ev.URL
	if ev.ExtID != "" {
		path = strings.TrimPrefix(ev.URL, "chrome-extension://"+ev.ExtID+"/")
	}
	switch {
	case ev.Kind == "service_worker":
		return "worker of " + name
	case ev.ContentScript:
		return "content script of " + name + " in " + ev.URL
	case ev.ExtID != "" && ev.Kind == "iframe":
		return name + " frame " + path
	case ev.ExtID != "":
		return name + " page " + path
	case ev.Kind == "iframe":
		return "frame " + ev.URL
	}
	return "page " + ev.URL
}

// lockedWriter serialises writes from the event goroutines and the loop.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
