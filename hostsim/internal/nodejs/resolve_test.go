package nodejs_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/internal/nodejs"
)

// writeTree creates files (path → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
}

func TestResolve(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	writeTree(t, dir, map[string]string{
		"app/src/main.js":                      "",
		"app/src/util.json":                    "{}",
		"app/src/lib/index.js":                 "",
		"app/src/both.js":                      "",
		"app/src/both/index.js":                "",
		"app/node_modules/near/index.js":       "",
		"node_modules/far/package.json":        `{"main": "./dist/far"}`,
		"node_modules/far/dist/far.js":         "",
		"node_modules/badmain/package.json":    `{"main": "missing.js"}`,
		"node_modules/badmain/index.js":        "",
		"node_modules/near/index.js":           "",
		"global/onlyglobal/index.js":           "",
		"global/far/index.js":                  "",
		"node_modules/exp/package.json":        `{"exports": {".": {"import": "./m.mjs", "node": "./n.js", "default": "./d.js"}, "./sub/*": "./lib/*.js", "./hidden": null}}`,
		"node_modules/exp/n.js":                "",
		"node_modules/exp/lib/x.js":            "",
		"node_modules/expstr/package.json":     `{"exports": "./main.js", "main": "other.js"}`,
		"node_modules/expstr/main.js":          "",
		"node_modules/@scope/pkg/package.json": `{"main": "lib"}`,
		"node_modules/@scope/pkg/lib/index.js": "",
	})
	r := &nodejs.Resolver{GlobalPaths: []string{filepath.Join(dir, "global")}}
	from := filepath.Join(dir, "app/src")
	tests := []struct {
		name, request, want string
	}{
		{"relative file", "./main.js", "app/src/main.js"},
		{"extension added", "./main", "app/src/main.js"},
		{"json file", "./util", "app/src/util.json"},
		{"folder index", "./lib", "app/src/lib/index.js"},
		{"file wins over folder", "./both", "app/src/both.js"},
		{"trailing slash is a folder", "./both/", "app/src/both/index.js"},
		{"parent folder", "../src/main", "app/src/main.js"},
		{"absolute", filepath.Join(dir, "app/src/main.js"), "app/src/main.js"},
		{"nearest node_modules first", "near", "app/node_modules/near/index.js"},
		{"walks up to an ancestor's node_modules", "far", "node_modules/far/dist/far.js"},
		{"NODE_PATH only after node_modules", "onlyglobal", "global/onlyglobal/index.js"},
		{"bad main falls back to index", "badmain", "node_modules/badmain/index.js"},
		{"exports conditions: node before default", "exp", "node_modules/exp/n.js"},
		{"exports pattern", "exp/sub/x", "node_modules/exp/lib/x.js"},
		{"exports string beats main", "expstr", "node_modules/expstr/main.js"},
		{"scoped package", "@scope/pkg", "node_modules/@scope/pkg/lib/index.js"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.Resolve(tt.request, from)
			require.NoError(t, err)
			assert.Equal(t, filepath.Join(dir, tt.want), got)
		})
	}

	errs := []struct {
		name, request, code, message string
	}{
		{"missing package", "nope", "MODULE_NOT_FOUND", "Cannot find module 'nope'"},
		{"missing file", "./nope", "MODULE_NOT_FOUND", "Cannot find module './nope'"},
		{"subpath not exported", "exp/n.js", "ERR_PACKAGE_PATH_NOT_EXPORTED",
			"Package subpath './n.js' is not defined by \"exports\" in " + filepath.Join(dir, "node_modules/exp/package.json")},
		{"null target", "exp/hidden", "ERR_PACKAGE_PATH_NOT_EXPORTED",
			"Package subpath './hidden' is not defined by \"exports\" in " + filepath.Join(dir, "node_modules/exp/package.json")},
		{"exported file missing", "exp/sub/y", "MODULE_NOT_FOUND", "Cannot find module '" + filepath.Join(dir, "node_modules/exp/lib/y.js") + "'"},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.Resolve(tt.request, from)
			var me *nodejs.ModuleError
			require.True(t, errors.As(err, &me), "got %v", err)
			assert.Equal(t, tt.code, me.Code)
			assert.Equal(t, tt.message, me.Message)
		})
	}
}

func TestNodeModulePaths(t *testing.T) {
	assert.Equal(t, []string{"/a/b/node_modules", "/a/node_modules", "/node_modules"}, nodejs.NodeModulePaths("/a/b"))
	assert.Equal(t, []string{"/a/node_modules/x/node_modules", "/a/node_modules", "/node_modules"},
		nodejs.NodeModulePaths("/a/node_modules/x"), "no node_modules/node_modules")
	assert.Equal(t, []string{"/node_modules"}, nodejs.NodeModulePaths("/"))
}

func TestNewResolverGlobalPaths(t *testing.T) {
	r := nodejs.NewResolver(map[string]string{"NODE_PATH": "/x:rel::/y", "HOME": "/home/u"}, "/usr/bin/node", "/work")
	assert.Equal(t, []string{"/x", "/work/rel", "/y", "/home/u/.node_modules", "/home/u/.node_libraries", "/usr/lib/node"}, r.GlobalPaths)
}
