// Command benchtable prints the benchmark table from the output of `make bench` (standard input),
// and with -readme FILE also writes it into FILE between the table's markers.
//
//	make bench               # runs everything, saves bench.out, prints the table
//	make bench-readme        # go run ./scripts/benchtable -readme README.md < bench.out
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/extwasm/extwasm/scripts/benchtable/internal/benchtable"
)

func main() {
	readme := flag.String("readme", "", "also rewrite the benchmark table in this Markdown file")
	flag.Parse()
	if err := run(*readme); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

func run(readme string) error {
	res, err := benchtable.Parse(os.Stdin)
	if err != nil {
		return err
	}
	if len(res.Metrics) == 0 {
		return fmt.Errorf("no benchmark results on standard input (pipe in the output of make bench)")
	}
	table := benchtable.Table(res)
	fmt.Print(table)
	if readme == "" {
		return nil
	}
	doc, err := os.ReadFile(readme)
	if err != nil {
		return err
	}
	out, err := benchtable.Rewrite(string(doc), table)
	if err != nil {
		return fmt.Errorf("%s: %w", readme, err)
	}
	return os.WriteFile(readme, []byte(out), 0o644)
}
