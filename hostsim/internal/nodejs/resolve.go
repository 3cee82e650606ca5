package nodejs

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// moduleExtensions are the extensions Node 20 tries, in order, for a request without one
// (Object.keys(Module._extensions)).
var moduleExtensions = []string{".js", ".json", ".node"}

// exportsConditions are the conditions Node 20's require() matches in package.json "exports"
// ("default" always matches as well).
var exportsConditions = map[string]bool{"require": true, "node": true, "node-addons": true}

// ModuleError is a failed module resolution, with the code and message Node gives the Error
// it throws (MODULE_NOT_FOUND, ERR_PACKAGE_PATH_NOT_EXPORTED, ERR_INVALID_PACKAGE_TARGET, ...).
type ModuleError struct {
	Code    string
	Message string
	// RequireStack asks for Node's "Require stack:" list to be appended: Node adds it to the
	// plain "Cannot find module" error only.
	RequireStack bool
}

func (e *ModuleError) Error() string { return e.Code + ": " + e.Message }

func notFound(request string) *ModuleError {
	return &ModuleError{Code: "MODULE_NOT_FOUND", Message: "Cannot find module '" + request + "'", RequireStack: true}
}

// Resolver resolves require() requests to file names with Node 20's CommonJS algorithm.
type Resolver struct {
	// GlobalPaths are searched after every node_modules folder: NODE_PATH, then
	// $HOME/.node_modules, $HOME/.node_libraries and <prefix>/lib/node.
	GlobalPaths []string
}

// NewResolver returns the resolver Node would use with this environment and executable path.
// Relative NODE_PATH entries resolve against cwd, as Node's path.resolve does.
func NewResolver(env map[string]string, execPath, cwd string) *Resolver {
	var global []string
	for _, p := range strings.Split(env["NODE_PATH"], ":") {
		if p != "" {
			global = append(global, absJoin(cwd, p))
		}
	}
	if home := env["HOME"]; home != "" {
		global = append(global, path.Join(home, ".node_modules"), path.Join(home, ".node_libraries"))
	}
	global = append(global, path.Join(path.Dir(path.Dir(execPath)), "lib", "node"))
	return &Resolver{GlobalPaths: global}
}

func absJoin(base, p string) string {
	if path.IsAbs(p) {
		return path.Clean(p)
	}
	return path.Join(base, p)
}

// NodeModulePaths is module.paths for a module in dir: dir's node_modules folder and every
// ancestor's, nearest first, never nesting node_modules/node_modules.
func NodeModulePaths(dir string) []string {
	dir = path.Clean(dir)
	if dir == "/" {
		return []string{"/node_modules"}
	}
	var out []string
	for d := dir; d != "/"; d = path.Dir(d) {
		if path.Base(d) != "node_modules" {
			out = append(out, d+"/node_modules")
		}
	}
	return append(out, "/node_modules")
}

// IsRelativeRequest reports whether request names a file or folder rather than a package.
func IsRelativeRequest(request string) bool {
	return request == "." || request == ".." || strings.HasPrefix(request, "./") ||
		strings.HasPrefix(request, "../") || strings.HasPrefix(request, "/")
}

// LookupPaths is require.resolve.paths: where a request from a module in dir is searched.
func (r *Resolver) LookupPaths(request, dir string) []string {
	if IsRelativeRequest(request) {
		return []string{dir}
	}
	return append(NodeModulePaths(dir), r.GlobalPaths...)
}

// Resolve returns the real path of the file require(request) loads from a module in dir.
func (r *Resolver) Resolve(request, dir string) (string, error) {
	if strings.HasPrefix(request, "/") {
		return r.resolveIn(request, []string{"/"}, true)
	}
	if IsRelativeRequest(request) {
		return r.resolveIn(request, []string{dir}, true)
	}
	return r.resolveIn(request, r.LookupPaths(request, dir), false)
}

func (r *Resolver) resolveIn(request string, dirs []string, relative bool) (string, error) {
	trailingSlash := hasTrailingSlash(request)
	for _, dir := range dirs {
		if !relative {
			if f, err := resolveExports(dir, request); f != "" || err != nil {
				return f, err
			}
		}
		base := absJoin(dir, request)
		kind := statKind(base)
		if !trailingSlash {
			if kind == kindFile {
				return realpath(base), nil
			}
			if f := tryExtensions(base); f != "" {
				return f, nil
			}
		}
		if kind == kindDir {
			f, err := tryPackage(base)
			if f != "" || err != nil {
				return f, err
			}
		}
	}
	return "", notFound(request)
}

// hasTrailingSlash is Node's test for a request that can only name a folder ("x/", ".", "x/..").
func hasTrailingSlash(request string) bool {
	if strings.HasSuffix(request, "/") {
		return true
	}
	return request == "." || request == ".." || strings.HasSuffix(request, "/.") || strings.HasSuffix(request, "/..")
}

type fileKind int

const (
	kindMissing fileKind = iota
	kindFile
	kindDir
)

func statKind(p string) fileKind {
	st, err := os.Stat(p)
	switch {
	case err != nil:
		return kindMissing
	case st.IsDir():
		return kindDir
	default:
		return kindFile
	}
}

func realpath(p string) string {
	if rp, err := filepath.EvalSymlinks(p); err == nil {
		return rp
	}
	return p
}

func tryFile(p string) string {
	if statKind(p) == kindFile {
		return realpath(p)
	}
	return ""
}

func tryExtensions(base string) string {
	for _, ext := range moduleExtensions {
		if f := tryFile(base + ext); f != "" {
			return f
		}
	}
	return ""
}

// packageJSON is the part of package.json that require() reads.
type packageJSON struct {
	Main    string          `json:"main"`
	Exports json.RawMessage `json:"exports"`
}

// readPackage reads dir/package.json; a missing one is (nil, nil).
func readPackage(dir string) (*packageJSON, string, error) {
	file := path.Join(dir, "package.json")
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, file, nil
	}
	var pkg packageJSON
	if err := json.Unmarshal(data, &pkg); err != nil {
		return nil, file, &ModuleError{Code: "ERR_INVALID_PACKAGE_CONFIG", Message: "Error parsing " + file + ": " + err.Error()}
	}
	return &pkg, file, nil
}

// tryPackage loads a folder: package.json "main" (as a file, then as a folder's index), else
// the folder's index; a "main" that names nothing falls back to the index, as Node 20 does.
func tryPackage(dir string) (string, error) {
	pkg, _, err := readPackage(dir)
	if err != nil {
		return "", err
	}
	if pkg == nil || pkg.Main == "" {
		return tryExtensions(path.Join(dir, "index")), nil
	}
	main := absJoin(dir, pkg.Main)
	for _, f := range []string{tryFile(main), tryExtensions(main), tryExtensions(path.Join(main, "index")), tryExtensions(path.Join(dir, "index"))} {
		if f != "" {
			return f, nil
		}
	}
	return "", &ModuleError{
		Code:    "MODULE_NOT_FOUND",
		Message: "Cannot find module '" + main + "'. Please verify that the package.json has a valid \"main\" entry",
	}
}

// splitPackageName splits a bare request into the package name ("x" or "@scope/x") and the
// subpath inside it ("." or "./rest").
func splitPackageName(request string) (name, subpath string, ok bool) {
	parts := strings.SplitN(request, "/", 3)
	n := 1
	if strings.HasPrefix(request, "@") {
		if len(parts) < 2 || parts[1] == "" {
			return "", "", false
		}
		n = 2
	}
	name = strings.Join(parts[:min(n, len(parts))], "/")
	rest := strings.TrimPrefix(request[len(name):], "/")
	if rest == "" {
		return name, ".", true
	}
	return name, "./" + rest, true
}

// resolveExports resolves a bare request through the "exports" field of the package it names
// in one node_modules folder. ("", nil) means that package has no "exports": plain lookup goes on.
func resolveExports(dir, request string) (string, error) {
	name, subpath, ok := splitPackageName(request)
	if !ok {
		return "", nil
	}
	pkgDir := path.Join(dir, name)
	pkg, file, err := readPackage(pkgDir)
	if err != nil || pkg == nil || len(pkg.Exports) == 0 || string(pkg.Exports) == "null" {
		return "", err
	}
	target, err := exportsTarget(pkg.Exports, subpath, file)
	if err != nil {
		return "", err
	}
	if target == "" {
		if subpath == "." {
			return "", &ModuleError{Code: "ERR_PACKAGE_PATH_NOT_EXPORTED", Message: "No \"exports\" main defined in " + file}
		}
		return "", &ModuleError{Code: "ERR_PACKAGE_PATH_NOT_EXPORTED", Message: "Package subpath '" + subpath + "' is not defined by \"exports\" in " + file}
	}
	resolved := path.Join(pkgDir, target)
	if statKind(resolved) != kindFile {
		return "", &ModuleError{Code: "MODULE_NOT_FOUND", Message: "Cannot find module '" + resolved + "'"}
	}
	return realpath(resolved), nil
}

// exportsTarget maps subpath through an "exports" value to a "./"-relative target; "" means not
// exported.
func exportsTarget(raw json.RawMessage, subpath, file string) (string, error) {
	var obj orderedObject
	if raw[0] != '{' || json.Unmarshal(raw, &obj) != nil || !obj.subpathKeys() {
		// A string, an array or an object of conditions: the package's main export only.
		if subpath != "." {
			return "", nil
		}
		return packageTarget(raw, "", file)
	}
	if t, ok := obj.get(subpath); ok && !strings.Contains(subpath, "*") {
		return packageTarget(t, "", file)
	}
	// The longest pattern whose prefix and suffix match wins.
	best, bestMatch := "", ""
	for _, k := range obj.keys {
		prefix, suffix, ok := strings.Cut(k, "*")
		if !ok || strings.Contains(suffix, "*") || !strings.HasPrefix(subpath, prefix) || subpath == prefix {
			continue
		}
		if len(subpath) >= len(k) && strings.HasSuffix(subpath, suffix) && patternKeyLess(best, k) {
			best, bestMatch = k, subpath[len(prefix):len(subpath)-len(suffix)]
		}
	}
	if best == "" {
		return "", nil
	}
	t, _ := obj.get(best)
	return packageTarget(t, bestMatch, file)
}

// patternKeyLess orders "exports" patterns as Node does: a longer prefix before "*" is more
// specific, then a longer key.
func patternKeyLess(a, b string) bool {
	if a == "" {
		return true
	}
	pa, pb := strings.Index(a, "*"), strings.Index(b, "*")
	if pa != pb {
		return pb > pa
	}
	return len(b) > len(a)
}

func packageTarget(raw json.RawMessage, match, file string) (string, error) {
	raw = json.RawMessage(strings.TrimSpace(string(raw)))
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
		if !strings.HasPrefix(s, "./") {
			return "", &ModuleError{Code: "ERR_INVALID_PACKAGE_TARGET", Message: fmt.Sprintf("Invalid \"exports\" target %q defined in the package config %s", s, file)}
		}
		return strings.ReplaceAll(s, "*", match), nil
	case '[':
		var list []json.RawMessage
		if err := json.Unmarshal(raw, &list); err != nil {
			return "", err
		}
		var lastErr error
		for _, t := range list {
			s, err := packageTarget(t, match, file)
			if err != nil {
				lastErr = err
				continue
			}
			if s != "" {
				return s, nil
			}
		}
		return "", lastErr
	case '{':
		var obj orderedObject
		if err := json.Unmarshal(raw, &obj); err != nil {
			return "", err
		}
		for _, k := range obj.keys {
			if k == "default" || exportsConditions[k] {
				t, _ := obj.get(k)
				return packageTarget(t, match, file)
			}
		}
	}
	return "", nil
}

// orderedObject is a JSON object that remembers its key order: "exports" conditions are
// matched in the order the package lists them.
type orderedObject struct {
	keys   []string
	values map[string]json.RawMessage
}

func (o *orderedObject) UnmarshalJSON(data []byte) error {
	if err := json.Unmarshal(data, &o.values); err != nil {
		return err
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	if _, err := dec.Token(); err != nil {
		return err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		k, _ := tok.(string)
		o.keys = append(o.keys, k)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return err
		}
	}
	return nil
}

func (o *orderedObject) get(k string) (json.RawMessage, bool) {
	v, ok := o.values[k]
	return v, ok
}

// subpathKeys reports whether the object maps subpaths ("." and "./x") rather than conditions.
func (o *orderedObject) subpathKeys() bool {
	return len(o.keys) > 0 && strings.HasPrefix(o.keys[0], ".")
}
