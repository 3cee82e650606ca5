package browser

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/extwasm/extwasm/hostsim/internal/manifest"
	"github.com/extwasm/extwasm/internal/chromeschema"
)

// apiIndex is what the API checks look up in the schema, built once.
type apiIndex struct {
	schema *chromeschema.Schema
	// permissions are the known manifest permissions, sorted.
	permissions []string
	// events maps every event path a script can listen to ("storage.local.onChanged") to its
	// namespace; eventPaths are its keys, sorted.
	events     map[string]*chromeschema.Namespace
	eventPaths []string
}

var loadAPIIndex = sync.OnceValue(func() *apiIndex {
	s := chromeschema.MustLoad()
	x := &apiIndex{schema: s, permissions: s.KnownPermissions(), events: map[string]*chromeschema.Namespace{}}
	for _, e := range s.EventPaths() {
		x.events[e.Path] = e.Namespace
		x.eventPaths = append(x.eventPaths, e.Path)
	}
	return x
})

// checkPermissions reports entries of permissions and optional_permissions that are not Chrome
// permissions: a name Chrome does not know (it ignores it), or a match pattern, which Manifest V3
// wants in host_permissions (Chromium 156 ignores a match pattern in permissions: e2e
// TestChromiumGrantsEveryKnownPermission).
func checkPermissions(file string, m *manifest.Manifest) []Problem {
	x := loadAPIIndex()
	var out []Problem
	for _, list := range []struct {
		key, hostKey string
		perms        []string
	}{
		{"permissions", "host_permissions", m.Permissions},
		{"optional_permissions", "optional_host_permissions", m.OptionalPermissions},
	} {
		for _, p := range list.perms {
			switch {
			case isMatchPattern(p):
				out = append(out, Problem{File: file,
					What: fmt.Sprintf("%s names %q, which is a match pattern, not a permission", list.key, p),
					Fix:  fmt.Sprintf("move it to %s (Chrome ignores match patterns in %s under Manifest V3)", list.hostKey, list.key)})
			case !slices.Contains(x.permissions, p):
				out = append(out, Problem{File: file,
					What: fmt.Sprintf("%s names %q, which is not a Chrome permission", list.key, p),
					Fix:  correction(p, x.permissions, "remove it (Chrome ignores permissions it does not know)")})
			}
		}
	}
	return out
}

// isMatchPattern reports whether a permissions entry is a host permission (a match pattern or
// <all_urls>) rather than a permission name.
func isMatchPattern(p string) bool {
	return p == "<all_urls>" || strings.Contains(p, "://")
}

// checkEvents reports the names in the events option of the scripts that start Go that name no
// Chrome event, or an event whose namespace (or the event itself) needs a permission or manifest
// key the manifest lacks: Chrome then has no chrome.<namespace> in the worker and the glue cannot
// listen to it.
func checkEvents(dir string, m *manifest.Manifest) []Problem {
	x := loadAPIIndex()
	var out []Problem
	for _, script := range goStarters(dir) {
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(script)))
		if err != nil {
			continue
		}
		file := filepath.Join(dir, filepath.FromSlash(script))
		for _, name := range startEvents(string(src)) {
			ns, ok := x.events[name]
			if !ok {
				out = append(out, Problem{File: file,
					What: fmt.Sprintf("events names %q, which is no Chrome event", name),
					Fix:  correction(name, x.eventPaths, "remove it (the glue cannot listen to it)")})
				continue
			}
			if p := missingAccess(name, ns, m); p != "" {
				out = append(out, Problem{File: file, What: fmt.Sprintf("events names %q, %s", name, p), Fix: accessFix(ns)})
				continue
			}
			if ev := x.schema.Event(name); ev != nil && len(ev.MemberPermissions) > 0 && !slices.ContainsFunc(ev.MemberPermissions, m.HasPermission) {
				out = append(out, Problem{File: file,
					What: fmt.Sprintf("events names %q, which needs the %s permission", name, orList(ev.MemberPermissions)),
					Fix:  "add " + oneOf(ev.MemberPermissions) + " to permissions"})
			}
		}
	}
	return out
}

// missingAccess says what the manifest lacks for ns to exist ("whose namespace needs the "alarms"
// permission"), or "" when nothing: one of its permissions in permissions, or one of the manifest
// keys that expose it. A permission only in optional_permissions counts as present: the extension
// chose to ask for it at run time, and its worker listens from the first start after the grant.
func missingAccess(name string, ns *chromeschema.Namespace, m *manifest.Manifest) string {
	if len(ns.Permissions) == 0 && len(ns.ManifestKeys) == 0 {
		return ""
	}
	if slices.ContainsFunc(ns.Permissions, m.HasPermission) || slices.ContainsFunc(ns.Permissions, func(p string) bool {
		return slices.Contains(m.OptionalPermissions, p)
	}) || slices.ContainsFunc(ns.ManifestKeys, m.HasKey) {
		return ""
	}
	if len(ns.Permissions) > 0 {
		return fmt.Sprintf("whose namespace needs the %s permission", orList(ns.Permissions))
	}
	return fmt.Sprintf("whose namespace needs the %s manifest key", orList(ns.ManifestKeys))
}

// accessFix says how to give a script ns.
func accessFix(ns *chromeschema.Namespace) string {
	if len(ns.Permissions) > 0 {
		return "add " + oneOf(ns.Permissions) + " to permissions"
	}
	return "add " + oneOf(ns.ManifestKeys) + " to manifest.json"
}

// orList writes names quoted and joined with "or": "a", "a" or "b", "a", "b" or "c".
func orList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// oneOf is "it" for one name and "one of them" for more.
func oneOf(names []string) string {
	if len(names) == 1 {
		return "it"
	}
	return "one of them"
}

// correction is the fix for a misspelt name: "correct it (did you mean "tabs"?)" when a known
// name is close, else "correct it or " + otherwise.
func correction(name string, known []string, otherwise string) string {
	if c := closest(name, known); c != "" {
		return fmt.Sprintf("correct it (did you mean %q?)", c)
	}
	return "correct it or " + otherwise
}

// closest returns the known name nearest to name by edit distance, ignoring case, when it is close
// enough to be a likely misspelling (at most a third of name's length, between 1 and 3 edits);
// else "". Ties go to the smaller case-sensitive distance, then to the earlier name of known.
func closest(name string, known []string) string {
	limit := min(max(len([]rune(name))/3, 1), 3)
	best, bestFold, bestExact := "", limit+1, 0
	lower := strings.ToLower(name)
	for _, k := range known {
		d := editDistance(lower, strings.ToLower(k), bestFold)
		if d > bestFold {
			continue
		}
		e := editDistance(name, k, -1)
		if d < bestFold || e < bestExact {
			best, bestFold, bestExact = k, d, e
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b in runes. With limit >= 0 it may stop
// early and return any value above limit once the distance is known to exceed it.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if limit >= 0 && abs(len(ra)-len(rb)) > limit {
		return limit + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if limit >= 0 && rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// maxScript is the largest script goStarters reads: an extension's own scripts are far smaller.
const maxScript = 8 << 20

// goStarters lists the scripts of the extension folder that start Go (call extwasm.start), relative
// to it with slashes, in lexical order: the worker, content scripts and page scripts alike. The Go
// toolchain's loader and the glue itself are not among them.
func goStarters(dir string) []string {
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		switch path.Ext(d.Name()) {
		case ".js", ".mjs":
		default:
			return nil
		}
		if d.Name() == "wasm_exec.js" || d.Name() == "extwasm.js" {
			return nil
		}
		if st, err := d.Info(); err != nil || st.Size() > maxScript {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil || !startsGo(string(src)) {
			return nil
		}
		if rel, err := filepath.Rel(dir, p); err == nil {
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}
