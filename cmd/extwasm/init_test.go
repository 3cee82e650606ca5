package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkout is this repository, which scaffolds point at with a replace directive.
func checkout(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../..")
	require.NoError(t, err)
	require.FileExists(t, filepath.Join(dir, "go.mod"))
	return dir
}

// extwasm runs the command in-process and returns its exit code, stdout and stderr.
func extwasm(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := mainExit(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// scaffolded is a module written by `extwasm init` pointing at this checkout.
func scaffolded(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "greeter")
	code, out, errOut := extwasm("init", "-replace", checkout(t), dir)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", out, errOut)
	return dir
}

// goIn runs the go command in dir.
func goIn(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestInitModulePassesItsOwnTests is the scaffold's promise: as generated, the module builds and
// its tests pass (in hostsim; the e2e-tagged test runs them in Chromium).
func TestInitModulePassesItsOwnTests(t *testing.T) {
	dir := scaffolded(t)
	for _, f := range []string{"go.mod", "go.sum", "README.md", "extwasm.json", ".gitignore", "extension/manifest.json",
		"extension/worker.js", "extension/content.js", "wasm/worker/main.go", "wasm/content/main.go", "routes/routes.go",
		"extension_test.go"} {
		assert.FileExists(t, filepath.Join(dir, f))
	}
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	require.NoError(t, err)
	assert.Contains(t, string(gomod), "module example.com/greeter\n")
	assert.Contains(t, string(gomod), "replace github.com/extwasm/extwasm => "+checkout(t))

	out, err := goIn(t, dir, "test", "-count=1", "./...")
	require.NoError(t, err, out)
	assert.Contains(t, out, "ok  \texample.com/greeter")

	out, err = goIn(t, dir, "vet", "./...")
	require.NoError(t, err, out)

	// The README's extwasm is the module's tool: go.sum holds what the command needs (fsnotify
	// included), so it builds the module without a go get.
	assert.Contains(t, string(gomod), "tool github.com/extwasm/extwasm/cmd/extwasm\n")
	out, err = goIn(t, dir, "tool", "extwasm", "build", ".")
	require.NoError(t, err, out)

	t.Run("run shows the greeting in hostsim", func(t *testing.T) {
		script := filepath.Join(t.TempDir(), "run.json")
		require.NoError(t, os.WriteFile(script, []byte(`{
			"pages": {"http://127.0.0.1:8000/g.html": {"html": "<title>Gopher</title>"}},
			"tabs": ["http://127.0.0.1:8000/g.html"],
			"steps": [{"title": "greeting shown", "in": "page", "wait": "document.documentElement.dataset.greeting",
				"eval": "document.documentElement.dataset.greeting"}]}`), 0o644))
		code, stdout, stderr := extwasm("run", "-script", script, dir)
		require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
		assert.Contains(t, stdout, `installed "greeter" as `)
		assert.Contains(t, stdout, `"body":{"greeting":"hello, Gopher, from the worker"}`, "the transcript shows the reply")
		assert.Regexp(t, `✓ greeting shown +"hello, Gopher, from the worker"`, stdout)
		assert.NotContains(t, stdout, "console error")
	})

	// Last, since it adds a handler to the worker: one that nothing calls.
	t.Run("go test -coverprofile counts the Go the extension ran", func(t *testing.T) {
		worker := filepath.Join(dir, "wasm", "worker", "main.go")
		src, err := os.ReadFile(worker)
		require.NoError(t, err)
		unused := `	err = bridge.Handle(farewell, func(_ context.Context, r routes.GreetReq) (routes.GreetResp, error) {
		return routes.GreetResp{Greeting: "goodbye, " + r.Name}, nil
	}, bridge.AllowContentScripts())
	if err != nil {
		log.Fatal(err)
	}
`
		text := strings.Replace(string(src), "\tif err := bridge.Ready(); err != nil {", unused+"\tif err := bridge.Ready(); err != nil {", 1)
		text += "\nvar farewell = bridge.NewRoute[routes.GreetReq, routes.GreetResp](\"farewell\")\n"
		require.NotEqual(t, string(src), text)
		require.NoError(t, os.WriteFile(worker, []byte(text), 0o644))

		out, err := goIn(t, dir, "test", "-count=1", "-coverprofile=c.out", "./...")
		require.NoError(t, err, out)
		summary := regexp.MustCompile(`(?m)^ok  \texample\.com/greeter\t\S+\tcoverage: ([0-9.]+)% of statements in (.*)$`).FindStringSubmatch(out)
		require.NotNil(t, summary, out)
		assert.Contains(t, strings.Split(summary[2], ", "), "example.com/greeter/wasm/worker")
		assert.Contains(t, strings.Split(summary[2], ", "), "example.com/greeter/wasm/content")

		profile, err := os.ReadFile(filepath.Join(dir, "c.out"))
		require.NoError(t, err)
		runs := func(marker string) []int {
			line := 0
			for i, l := range strings.Split(text, "\n") {
				if strings.Contains(l, marker) {
					line = i + 1
				}
			}
			require.NotZero(t, line, marker)
			// Lines read "file:startLine.col,endLine.col statements count".
			re := regexp.MustCompile(`(?m)^example\.com/greeter/wasm/worker/main\.go:(\d+)\.\d+,(\d+)\.\d+ \d+ (\d+)$`)
			var counts []int
			for _, m := range re.FindAllStringSubmatch(string(profile), -1) {
				from, _ := strconv.Atoi(m[1])
				to, _ := strconv.Atoi(m[2])
				if from < line && line < to {
					n, _ := strconv.Atoi(m[3])
					counts = append(counts, n)
				}
			}
			return counts
		}
		assert.Equal(t, []int{1}, runs(`"hello, " + r.Name`), "the greeting handler ran (mode set)")
		assert.Equal(t, []int{0}, runs(`"goodbye, " + r.Name`), "the farewell handler did not")

		out, err = goIn(t, dir, "tool", "cover", "-func=c.out")
		require.NoError(t, err, out)
		assert.Regexp(t, `(?m)^example\.com/greeter/wasm/worker/main\.go:\d+:\s+main\s+[0-9.]+%$`, out)
		assert.Regexp(t, `(?m)^example\.com/greeter/wasm/content/main\.go:\d+:\s+main\s+[0-9.]+%$`, out)
		total := regexp.MustCompile(`(?m)^total:\s+\(statements\)\s+([0-9.]+)%$`).FindStringSubmatch(out)
		require.NotNil(t, total, out)
		assert.Equal(t, total[1], summary[1], "go test's figure is go tool cover's")
	})
}

func TestInitRefusesAFolderInUse(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "keep.txt"), nil, 0o644))
	code, _, stderr := extwasm("init", "-replace", checkout(t), dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "holds keep.txt: init writes a new module into a folder that is new, empty or holds only go.mod, go.sum, .git")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "nothing written")
}

// TestInitFillsAFolderGoModInitMade: `extwasm init .` in a folder holding only the go.mod of
// `go mod init` (and .git) keeps that go.mod's module path and adds extwasm to it; the module then
// builds. A -module that differs from it is refused before anything is written.
func TestInitFillsAFolderGoModInitMade(t *testing.T) {
	repo := checkout(t)
	dir := filepath.Join(t.TempDir(), "notes")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, ".git"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.org/my/notes // mine\n\ngo 1.26\n"), 0o644))

	code, _, stderr := extwasm("init", "-replace", repo, "-module", "example.com/other", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "is module example.org/my/notes, not example.com/other")

	t.Chdir(dir)
	code, stdout, stderr := extwasm("init", "-replace", repo, ".")
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.NotContains(t, stdout, "wrote go.mod")
	assert.Contains(t, stdout, "added github.com/extwasm/extwasm to go.mod")
	gomod, err := os.ReadFile("go.mod")
	require.NoError(t, err)
	assert.Contains(t, string(gomod), "module example.org/my/notes")
	assert.Contains(t, string(gomod), "replace github.com/extwasm/extwasm => "+repo)
	routes, err := os.ReadFile(filepath.Join("wasm", "worker", "main.go"))
	require.NoError(t, err)
	assert.Contains(t, string(routes), `"example.org/my/notes/routes"`)
	out, err := goIn(t, dir, "vet", "./...")
	require.NoError(t, err, out)
}

func TestInitFromADevelopmentBuildNeedsReplace(t *testing.T) {
	// A test binary is a development build: no version of extwasm to require.
	code, _, stderr := extwasm("init", filepath.Join(t.TempDir(), "x"))
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "development build")
	assert.Contains(t, stderr, "-replace")
}

// writeModule writes a module with one worker entry point and the given manifest, ready to build.
func writeModule(t *testing.T, manifest string, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":                  "module example.com/m\n\ngo 1.26\n\nrequire github.com/extwasm/extwasm v0.0.0-00010101000000-000000000000\n\nreplace github.com/extwasm/extwasm => " + checkout(t) + "\n",
		"extension/manifest.json": manifest,
		"extension/worker.js":     "importScripts('wasm_exec.js', 'extwasm.js'); extwasm.start('worker.wasm');",
		"wasm/worker/main.go":     "//go:build js\n\npackage main\n\nfunc main() {}\n",
		"wasm/notmain/lib.go":     "package notmain\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	return dir
}

func TestBuild(t *testing.T) {
	const csp = `"content_security_policy": {"extension_pages": "script-src 'self' 'wasm-unsafe-eval'"},`
	manifest := func(extra string) string {
		return `{"manifest_version": 3, "name": "m", "version": "1", "background": {"service_worker": "worker.js"}, ` + extra + ` "permissions": []}`
	}
	for _, tc := range []struct {
		name     string
		manifest string
		extra    map[string]string
		code     int
		stderr   []string
	}{
		{"a good extension", manifest(csp), nil, 0, nil},
		{"CSP without wasm-unsafe-eval", manifest(""), nil, 1, []string{
			`manifest.json: content_security_policy.extension_pages ("script-src 'self'") does not allow WebAssembly: set "content_security_policy"`,
			"1 problem(s) in the built extension"}},
		{"content script wasm not web accessible", manifest(csp + ` "content_scripts": [{"matches": ["http://127.0.0.1/*"], "js": ["wasm_exec.js", "extwasm.js", "content.js"]}],`),
			map[string]string{"extension/content.js": "extwasm.start('content.wasm');", "wasm/content/main.go": "//go:build js\n\npackage main\n\nfunc main() {}\n"},
			1, []string{`content script content.js starts "content.wasm", which web_accessible_resources does not list`}},
		{"a misspelt permission", strings.Replace(manifest(csp), `"permissions": []`, `"permissions": ["storage", "tabz"]`, 1), nil, 1, []string{
			filepath.Join("extension", "manifest.json") + `: permissions names "tabz", which is not a Chrome permission: correct it (did you mean "tabs"?)` + "\n",
			"1 problem(s) in the built extension"}},
		{"an event without its permission", manifest(csp),
			map[string]string{"extension/worker.js": "importScripts('wasm_exec.js', 'extwasm.js');\nextwasm.start('worker.wasm', {events: ['alarms.onAlarm']});\n"},
			1, []string{
				filepath.Join("extension", "worker.js") + `: events names "alarms.onAlarm", whose namespace needs the "alarms" permission: add it to permissions` + "\n",
				"1 problem(s) in the built extension"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeModule(t, tc.manifest, tc.extra)
			code, stdout, stderr := extwasm("build", dir)
			assert.Equal(t, tc.code, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
			for _, s := range tc.stderr {
				assert.Contains(t, stderr, s)
			}
			if tc.code != 0 {
				// Each problem is one line, file: what: fix, the file under the module's folder.
				assert.True(t, strings.HasPrefix(stderr, filepath.Join(dir, "extension")+string(filepath.Separator)), "stderr:\n%s", stderr)
			}
			assert.Contains(t, stdout, "built "+filepath.Join("extension", "worker.wasm"))
			assert.NotContains(t, stdout, "notmain", "only main packages are entry points")
			for _, f := range []string{"worker.wasm", "wasm_exec.js", "extwasm.js"} {
				assert.FileExists(t, filepath.Join(dir, "extension", f))
			}
			glue, err := os.ReadFile(filepath.Join(dir, "extension", "extwasm.js"))
			require.NoError(t, err)
			want, err := os.ReadFile(filepath.Join(checkout(t), "jsglue", "extwasm.js"))
			require.NoError(t, err)
			assert.Equal(t, string(want), string(glue), "the glue is the embedded jsglue.Script")
		})
	}
}

func TestBuildWasmOptAskedButMissing(t *testing.T) {
	// An empty PATH has no wasm-opt, installed or not; the check comes before any go command.
	t.Setenv("PATH", t.TempDir())
	code, _, stderr := extwasm("build", "-wasm-opt", writeModule(t, "{}", nil))
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "-wasm-opt: wasm-opt is not installed")
}

func TestUnknownCommandPrintsUsage(t *testing.T) {
	code, _, stderr := extwasm("frobnicate")
	assert.Equal(t, 2, code)
	assert.True(t, strings.HasPrefix(stderr, `extwasm: unknown command "frobnicate"`), stderr)
	for _, c := range []string{"init", "build", "run", "chromium"} {
		assert.Contains(t, stderr, "  "+c+" ")
	}
}
