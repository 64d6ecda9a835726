// Command gdeltgen writes synthetic GDELT event rows, for trying the
// importer and measuring it:
//
//	go run ./internal/gdelt/gdeltgen/cmd/gdeltgen -n 1000000 > /tmp/1m.export.CSV
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/actorgraph/actorgraph/internal/gdelt"
	"github.com/actorgraph/actorgraph/internal/gdelt/gdeltgen"
)

func main() {
	n := flag.Int("n", 100000, "number of rows")
	seed := flag.Int64("seed", 1, "random seed (the same seed gives the same bytes)")
	fields := flag.Int("fields", 61, "layout: 61 (GDELT 2.0), 58 (1.0 daily) or 57 (1.0 historical)")
	flag.Parse()
	if err := gdeltgen.Write(os.Stdout, *n, *seed, gdelt.Layout(*fields)); err != nil {
		fmt.Fprintln(os.Stderr, "gdeltgen:", err)
		os.Exit(1)
	}
}
