package browser

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/extwasm/extwasm/hostsim/internal/manifest"
	"github.com/extwasm/extwasm/hostsim/internal/matchpattern"
)

// Problem is something in an extension folder that keeps it from working as a Go extension in
// Chrome, found by [CheckExtension].
type Problem struct {
	// File is the file at fault, as given to CheckExtension joined with the file's name.
	File string
	// What says what is wrong.
	What string
	// Fix says how to fix it.
	Fix string
}

func (p Problem) String() string {
	if p.Fix == "" {
		return p.File + ": " + p.What
	}
	return p.File + ": " + p.What + ": " + p.Fix
}

// wasmRef finds the .wasm files a script names in a string literal, as extwasm.start("x.wasm") does.
var wasmRef = regexp.MustCompile("[\"'`]([^\"'`\\s]+\\.wasm)[\"'`]")

// CheckExtension reads an unpacked extension folder the way Chrome loads it and reports what would
// keep its Go modules from running: a manifest Chrome refuses (in Chrome's words), a file the
// manifest lists that does not exist, a content security policy without 'wasm-unsafe-eval', a .wasm
// file a script starts that is missing, a content script's .wasm that web pages' origins cannot
// fetch because web_accessible_resources does not list it, an entry of permissions or
// optional_permissions that is not a Chrome permission (a misspelt name, a match pattern that
// belongs in host_permissions), and a name in the events option of a script that starts Go that is
// no Chrome event or whose namespace the manifest does not expose (a missing permission or manifest
// key). Permissions and events are read from Chrome's API schema (internal/chromeschema). No
// problems means nil.
func CheckExtension(dir string) []Problem {
	file := filepath.Join(dir, manifest.FileName)
	ext, _, err := manifest.Load(dir)
	if err != nil {
		var me *manifest.Error
		if errors.As(err, &me) {
			what := me.Message
			if me.Key != "" {
				what = me.Key + ": " + what
			}
			return []Problem{{File: file, What: what, Fix: "Chrome refuses to load the extension until this is fixed"}}
		}
		return []Problem{{File: file, What: err.Error()}}
	}
	m := ext.Manifest
	var out []Problem
	missing := func(key, rel string) {
		if !isFile(dir, rel) {
			out = append(out, Problem{File: file, What: fmt.Sprintf("%s names %q, which does not exist", key, rel),
				Fix: "create the file or correct the name (a .wasm or wasm_exec.js/extwasm.js is written by extwasm build)"})
		}
	}
	if m.ServiceWorker == "" {
		out = append(out, Problem{File: file, What: "background.service_worker is not set",
			Fix: `add "background": {"service_worker": "worker.js"} so the Go worker has a service worker to run in`})
	} else {
		missing("background.service_worker", m.ServiceWorker)
	}
	for _, f := range manifest.PageFiles(dir) {
		missing(f.Key, f.Path)
	}
	if !m.CSP.AllowsWasm() {
		out = append(out, Problem{File: file,
			What: fmt.Sprintf("content_security_policy.extension_pages (%q) does not allow WebAssembly", m.CSP.ScriptSrc()),
			Fix:  `set "content_security_policy": {"extension_pages": "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"}`})
	}

	out = append(out, checkPermissions(file, m)...)

	scripts := []string{}
	if m.ServiceWorker != "" {
		scripts = append(scripts, m.ServiceWorker)
	}
	var contentScripts []string
	for _, cs := range m.ContentScripts {
		contentScripts = append(contentScripts, cs.JS...)
	}
	scripts = append(scripts, contentScripts...)
	for _, s := range scripts {
		for _, w := range wasmStarted(dir, s) {
			if !isFile(dir, w) {
				out = append(out, Problem{File: filepath.Join(dir, s), What: fmt.Sprintf("starts %q, which does not exist", w),
					Fix: "build it with extwasm build, or correct the name"})
			}
		}
	}
	for _, s := range contentScripts {
		for _, w := range wasmStarted(dir, s) {
			if !webAccessible(m, w) {
				out = append(out, Problem{File: file,
					What: fmt.Sprintf("content script %s starts %q, which web_accessible_resources does not list", s, w),
					Fix:  fmt.Sprintf(`add {"resources": [%q], "matches": <the content script's matches>} to web_accessible_resources, or pages refuse the fetch`, w)})
			}
			if !webAccessible(m, framePage) {
				out = append(out, Problem{File: file,
					What: fmt.Sprintf("content script %s starts %q, but web_accessible_resources does not list %s", s, w, framePage),
					Fix:  fmt.Sprintf(`add %q to the resources beside %q, or the Go content script cannot run on pages whose CSP blocks WebAssembly (the glue runs it in that extension frame there)`, framePage, w)})
			}
		}
	}
	out = append(out, checkEvents(dir, m)...)
	return out
}

// framePage is the extension frame the glue inserts into pages whose CSP blocks WebAssembly in
// content scripts (jsglue.FramePageFileName; hostsim does not import jsglue, extbuild's tests check
// that the two agree).
const framePage = "extwasm-frame.html"

// wasmStarted lists the .wasm files a script names, relative to the extension folder. The Go
// toolchain's loader and the glue name no file of the extension; their examples are not references.
func wasmStarted(dir, script string) []string {
	if base := path.Base(script); base == "wasm_exec.js" || base == "extwasm.js" {
		return nil
	}
	src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(script)))
	if err != nil {
		return nil
	}
	var out []string
	for _, m := range wasmRef.FindAllStringSubmatch(string(src), -1) {
		ref := m[1]
		if strings.Contains(ref, "://") {
			continue
		}
		rel := strings.TrimPrefix(path.Clean(path.Join(path.Dir(script), ref)), "/")
		if strings.HasPrefix(ref, "/") {
			rel = strings.TrimPrefix(path.Clean(ref), "/")
		}
		if !slices.Contains(out, rel) {
			out = append(out, rel)
		}
	}
	return out
}

// webAccessible reports whether some web_accessible_resources entry for web pages lists res.
func webAccessible(m *manifest.Manifest, res string) bool {
	for _, w := range m.WebAccessibleResources {
		if len(w.Matches) == 0 {
			continue
		}
		for _, g := range w.Resources {
			if matchpattern.Glob(strings.TrimPrefix(g, "/"), res) {
				return true
			}
		}
	}
	return false
}

func isFile(dir, rel string) bool {
	st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(path.Clean("/"+rel))))
	return err == nil && !st.IsDir()
}
