package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/extwasm/extwasm/cmd/extwasm/internal/scaffold"
)

// extwasmModule is this repository's module path, which a scaffold requires.
const extwasmModule = "github.com/extwasm/extwasm"

// pseudoVersion is what go.mod requires when a replace directive supplies the module: the go
// command's placeholder for "no version".
const pseudoVersion = "v0.0.0-00010101000000-000000000000"

func runInit(args []string, stdout, stderr io.Writer) error {
	fs := newFlags(initUsage, stderr)
	module := fs.String("module", "", `module path of the new module (default "example.com/<DIR's name>")`)
	replace := fs.String("replace", "", "use this local extwasm checkout (a replace directive) instead of a released version")
	name := fs.String("name", "", "extension name in the manifest (default DIR's name)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	dir := fs.Arg(0)
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	base := filepath.Base(abs)
	p := scaffold.Params{Module: *module, Name: *name}
	// A folder `go mod init` made already names its module: init fills it in around that go.mod.
	existing, err := moduleOf(filepath.Join(abs, "go.mod"))
	if err != nil {
		return err
	}
	switch {
	case existing != "" && p.Module != "" && p.Module != existing:
		return fmt.Errorf("%s is module %s, not %s: leave out -module, or init another folder", filepath.Join(dir, "go.mod"), existing, p.Module)
	case existing != "":
		p.Module = existing
	case p.Module == "":
		p.Module = "example.com/" + strings.ToLower(base)
	}
	if p.Name == "" {
		p.Name = base
	}
	if *replace != "" {
		if p.Replace, err = filepath.Abs(*replace); err != nil {
			return err
		}
		if _, err := os.Stat(filepath.Join(p.Replace, "go.mod")); err != nil {
			return fmt.Errorf("-replace %s: not a module checkout (no go.mod)", *replace)
		}
		p.Version = pseudoVersion
	} else if p.Version = releasedVersion(); p.Version == "" {
		return fmt.Errorf("this extwasm is a development build, which has no version for go.mod to require: pass -replace <your extwasm checkout>, or run a released one: go run %s/cmd/extwasm@latest init %s", extwasmModule, dir)
	}
	if p.GoVersion, err = goVersion(); err != nil {
		return err
	}
	files, err := scaffold.Write(abs, p)
	if err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(dir, f))
	}
	if existing != "" {
		edit := []string{"mod", "edit", "-require=" + extwasmModule + "@" + p.Version, "-tool=" + extwasmModule + "/cmd/extwasm"}
		if p.Replace != "" {
			edit = append(edit, "-replace="+extwasmModule+"="+p.Replace)
		}
		cmd := exec.Command("go", edit...)
		cmd.Dir = abs
		cmd.Stdout, cmd.Stderr = stdout, stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go mod edit in %s: %w", dir, err)
		}
		fmt.Fprintf(stdout, "added %s to %s\n", extwasmModule, filepath.Join(dir, "go.mod"))
	}
	tidy := exec.Command("go", "mod", "tidy")
	tidy.Dir = abs
	tidy.Stdout, tidy.Stderr = stdout, stderr
	if err := tidy.Run(); err != nil {
		return fmt.Errorf("go mod tidy in %s: %w", dir, err)
	}
	fmt.Fprintf(stdout, "\nNext:\n  cd %s\n  go test ./...                    # builds the extension, tests it in hostsim\n  go test -extwasm.browser=chromium .  # the same tests in Chromium\n", dir)
	return nil
}

// moduleOf is the module path go.mod declares, or "" when there is no go.mod.
func moduleOf(gomod string) (string, error) {
	b, err := os.ReadFile(gomod)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(b), "\n") {
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module")
		if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
			continue
		}
		rest, _, _ = strings.Cut(rest, "//")
		path := strings.TrimSpace(rest)
		if unq, err := strconv.Unquote(path); err == nil {
			path = unq
		}
		if path != "" {
			return path, nil
		}
	}
	return "", fmt.Errorf("%s has no module line", gomod)
}

// releasedVersion is the extwasm version this command was built from, or "" for a development
// build (go run from a checkout reports "(devel)").
func releasedVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Path != extwasmModule || bi.Main.Version == "" || bi.Main.Version == "(devel)" {
		return ""
	}
	return bi.Main.Version
}

var goVersionLine = regexp.MustCompile(`^go(\d+\.\d+(?:\.\d+)?)`)

// goVersion is the version of the go command that will build the new module, for its go line.
func goVersion() (string, error) {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOVERSION: %w", err)
	}
	m := goVersionLine.FindStringSubmatch(strings.TrimSpace(string(out)))
	if m == nil {
		return "", fmt.Errorf("go env GOVERSION is %q, not a release: install a released Go", strings.TrimSpace(string(out)))
	}
	return m[1], nil
}
