// Command generate writes the generated Go packages under chrome/ from internal/chromeschema.
// It runs from `go generate ./chrome/...` (in the chrome folder): generate [-check].
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/extwasm/extwasm/chrome/internal/gen"
	"github.com/extwasm/extwasm/internal/chromeschema"
)

func main() {
	dir := flag.String("dir", ".", "the chrome/ folder")
	check := flag.Bool("check", false, "report stale files instead of writing them")
	flag.Parse()
	files, err := gen.Generate(chromeschema.MustLoad())
	if err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
	stale, err := gen.Write(*dir, files, !*check)
	if err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
	sort.Strings(stale)
	for _, s := range stale {
		fmt.Println(s)
	}
	if *check && len(stale) > 0 {
		os.Exit(1)
	}
}
