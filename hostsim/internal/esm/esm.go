// Package esm runs ES modules on an engine that has none (goja): it links a module graph as a
// browser does before running it, and turns each module into a function the host calls with its
// own require, so that modules share one instance per URL as they do in a browser's module map.
//
// The parsing and the rewriting are esbuild's (github.com/evanw/esbuild/pkg/api), a maintained
// JavaScript parser in Go: link checks use its bundler, which reports missing exports and
// unresolvable imports; each module is rewritten to CommonJS, whose exports are getters, so live
// bindings and cycles behave as in a browser.
package esm

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// Loader returns the text of the module at an absolute URL, or an error when it cannot be fetched.
type Loader func(url string) (string, error)

// Error is a module failing to link or load, with the JavaScript error a browser raises for it.
type Error struct {
	// Name is the constructor: "SyntaxError" or "TypeError".
	Name string
	// Message is Chrome's text.
	Message string
}

func (e *Error) Error() string { return e.Name + ": " + e.Message }

// ErrTopLevelAwait is a module that uses await at its top level and also imports or exports,
// which this package cannot run (one that neither imports nor exports runs: see Compiled.Async).
var ErrTopLevelAwait = errors.New("top-level await in a module that imports or exports is not supported")

// Resolve resolves a module specifier against the importing module's URL: a relative reference
// ("./", "../", "/") or an absolute URL; anything else is a bare specifier, which a browser
// without an import map refuses with Chrome's TypeError.
func Resolve(spec, base string) (string, error) {
	if strings.HasPrefix(spec, "/") || strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") {
		b, err := url.Parse(base)
		if err != nil {
			return "", &Error{Name: "TypeError", Message: fmt.Sprintf("Failed to resolve module specifier %q.", spec)}
		}
		r, err := b.Parse(spec)
		if err != nil {
			return "", &Error{Name: "TypeError", Message: fmt.Sprintf("Failed to resolve module specifier %q.", spec)}
		}
		return r.String(), nil
	}
	if u, err := url.Parse(spec); err == nil && u.Scheme != "" && (u.Host != "" || u.Opaque != "") {
		return u.String(), nil
	}
	return "", &Error{Name: "TypeError", Message: fmt.Sprintf(
		"Failed to resolve module specifier %q. Relative references must start with either \"/\", \"./\", or \"../\".", spec)}
}

// FetchError is the error of a module that could not be fetched.
func FetchError(dynamic bool, rawURL string) *Error {
	if dynamic {
		return &Error{Name: "TypeError", Message: "Failed to fetch dynamically imported module: " + rawURL}
	}
	return &Error{Name: "TypeError", Message: "Failed to load module script: " + rawURL}
}

// importFromRE finds the specifier of an import statement in a line of source.
var importFromRE = regexp.MustCompile(`(?:from|import)\s*["']([^"']+)["']`)

// noExportRE reads esbuild's report of a missing export.
var noExportRE = regexp.MustCompile(`No matching export in "[^"]*" for import "([^"]+)"`)

// Link checks the module graph of entry (its URL and text) as a browser links it before running
// it: every static import resolves and loads, every imported name is exported, every module
// parses. Dynamic imports are not followed (they link when they run). The error is an *Error
// with the browser's text, or ErrTopLevelAwait.
func Link(entryURL, entrySrc string, load Loader) error {
	var failure *Error
	plugin := api.Plugin{Name: "url", Setup: func(pb api.PluginBuild) {
		pb.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
			if args.Kind == api.ResolveJSDynamicImport {
				return api.OnResolveResult{Path: args.Path, External: true}, nil
			}
			base := args.Importer
			if args.Namespace != "url" {
				base = entryURL
			}
			abs, err := Resolve(args.Path, base)
			if err != nil {
				if failure == nil {
					failure = err.(*Error)
				}
				return api.OnResolveResult{}, err
			}
			return api.OnResolveResult{Path: abs, Namespace: "url"}, nil
		})
		pb.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "url"}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
			src, err := load(args.Path)
			if err != nil {
				if failure == nil {
					failure = FetchError(false, args.Path)
				}
				return api.OnLoadResult{}, err
			}
			return api.OnLoadResult{Contents: &src, Loader: api.LoaderJS}, nil
		})
	}}
	res := api.Build(api.BuildOptions{
		Stdin:    &api.StdinOptions{Contents: entrySrc, Sourcefile: entryURL, Loader: api.LoaderJS},
		Bundle:   true,
		Write:    false,
		Format:   api.FormatESModule,
		LogLevel: api.LogLevelSilent,
		Plugins:  []api.Plugin{plugin},
	})
	if len(res.Errors) == 0 {
		return nil
	}
	if failure != nil {
		return failure
	}
	msg := res.Errors[0]
	if m := noExportRE.FindStringSubmatch(msg.Text); m != nil {
		spec := "?"
		if msg.Location != nil {
			if s := importFromRE.FindStringSubmatch(msg.Location.LineText); s != nil {
				spec = s[1]
			}
		}
		return &Error{Name: "SyntaxError", Message: fmt.Sprintf("The requested module '%s' does not provide an export named '%s'", spec, m[1])}
	}
	return &Error{Name: "SyntaxError", Message: msg.Text}
}

// Compiled is a module rewritten as the body of a function of (exports, require, module, __import,
// __meta): require loads a static import by specifier, __import a dynamic one (returning a
// promise's value, the module's namespace), __meta is import.meta.
type Compiled struct {
	// Body is the function's body, in strict mode.
	Body string
	// Async is set for a module that awaits at its top level (and neither imports nor exports,
	// the only such modules Compile takes): its body passes the promise of its evaluation, which
	// settles when its top level has run to the end or rejects with what it threw, to a sixth
	// parameter, __evaluation.
	Async bool
}

var compiled sync.Map // sha256 of url and source → *Compiled

// dynamicImport is how esbuild writes import() once it may not keep it; Compile points it at
// __import so the host can tell dynamic imports from static ones.
const dynamicImport = "Promise.resolve().then(() => __toESM(require("

// Compile rewrites one module. A module with top-level await is ErrTopLevelAwait; a syntax error
// is an *Error.
func Compile(moduleURL, src string) (*Compiled, error) {
	key := sha256.Sum256([]byte(moduleURL + "\x00" + src))
	if c, ok := compiled.Load(key); ok {
		return c.(*Compiled), nil
	}
	// A trailing empty export makes esbuild read the file as a module even when it imports and
	// exports nothing; otherwise it takes it for CommonJS, whose top-level this is exports, where
	// a module's is undefined.
	options := api.TransformOptions{
		Format:     api.FormatCommonJS,
		Loader:     api.LoaderJS,
		Sourcefile: moduleURL,
		Supported:  map[string]bool{"dynamic-import": false},
		Define:     map[string]string{"import.meta": "__meta"},
		LogLevel:   api.LogLevelSilent,
	}
	res := api.Transform(src+"\nexport {};\n", options)
	async := false
	if len(res.Errors) > 0 && strings.Contains(res.Errors[0].Text, "Top-level await") {
		// The CommonJS output cannot await at its top level, so the module's text becomes an
		// async function's body: its declarations stay the module's own, and this stays
		// undefined. A static import or export there is a syntax error, which leaves the module
		// refused as before.
		res = api.Transform("__evaluation((async () => {\n"+src+"\n})());\n", options)
		if len(res.Errors) > 0 {
			return nil, ErrTopLevelAwait
		}
		async = true
	}
	if len(res.Errors) > 0 {
		return nil, &Error{Name: "SyntaxError", Message: res.Errors[0].Text}
	}
	body := strings.ReplaceAll(string(res.Code), dynamicImport, "Promise.resolve().then(() => __toESM(__import(")
	c := &Compiled{Body: "\"use strict\";\n" + body, Async: async}
	compiled.Store(key, c)
	return c, nil
}
