// Command extwasm creates, builds, runs and opens Chrome extensions written in Go.
//
//	extwasm init DIR [-module path] [-replace checkout]   scaffold a new extension module
//	extwasm build [-ldflags flags] [-wasm-opt] [DIR]     compile every entry point, check the manifest
//	extwasm pack [-o file.zip] [DIR]                      build, check and zip for the Chrome Web Store
//	extwasm run [-script file] [-open url]… [DIR]        load the extension in hostsim, print the transcript
//	extwasm chromium [-headful] [DIR]                     open the extension in Chromium until Ctrl-C
//	extwasm dev [-headful] [-open url]… [DIR]             build, run in Chromium, rebuild and reload on save
//
// DIR is the module root (default "."); what it builds is described in extwasm.json there (see
// package internal/extbuild), by default the folder "extension" from main packages under "wasm".
// Run it without installing:
//
//	go run github.com/extwasm/extwasm/cmd/extwasm@latest build
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// command is one subcommand.
type command struct {
	name, usage, doc string
	run              func(args []string, stdout, stderr io.Writer) error
}

// Usage lines, also printed by each subcommand's -h.
const (
	initUsage     = "init [-module path] [-replace checkout] DIR"
	buildUsage    = "build [-ldflags flags] [-wasm-opt] [DIR]"
	packUsage     = "pack [-o file.zip] [-ldflags flags] [-wasm-opt] [DIR]"
	runUsage      = "run [-script file] [-open url]… [-for d] [-seed n] [-q] [-diagram file] [DIR]"
	chromiumUsage = "chromium [-headful] [DIR]"
	devUsage      = "dev [-headful] [-open url]… [-profile dir] [-all] [DIR]"
)

var commands = []command{
	{"init", initUsage, "scaffold a new Go extension module in DIR (new, empty, or holding only go.mod, go.sum, .git)", runInit},
	{"build", buildUsage, "compile every Go entry point to .wasm and check the extension", runBuild},
	{"pack", packUsage, "build, check and zip each extension for the Chrome Web Store, with a size table", runPack},
	{"run", runUsage, "load the extension in hostsim and print what happened", runRun},
	{"chromium", chromiumUsage, "open the extension in Chromium and keep it open until Ctrl-C", runChromium},
	{"dev", devUsage, "build, open in Chromium, and on every save rebuild, reload and print console errors, until Ctrl-C", runDev},
}

// errUsage is returned after a subcommand printed its usage.
var errUsage = errors.New("usage")

func main() {
	os.Exit(mainExit(os.Args[1:], os.Stdout, os.Stderr))
}

func mainExit(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		return 2
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(args[1:], stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
			return 2
		default:
			fmt.Fprintf(stderr, "extwasm %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "extwasm: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: extwasm <command> [arguments]")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-55s %s\n", c.usage, c.doc)
	}
}

// newFlags is a subcommand's flag set, printing its usage line on error.
func newFlags(usageLine string, stderr io.Writer) *flag.FlagSet {
	name, _, _ := strings.Cut(usageLine, " ")
	fs := flag.NewFlagSet("extwasm "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: extwasm %s\n", usageLine)
		fs.PrintDefaults()
	}
	return fs
}

// dirArg is the optional DIR argument, "." by default.
func dirArg(fs *flag.FlagSet) (string, error) {
	switch fs.NArg() {
	case 0:
		return ".", nil
	case 1:
		return fs.Arg(0), nil
	}
	fs.Usage()
	return "", errUsage
}
