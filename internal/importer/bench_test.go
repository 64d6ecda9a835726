package importer_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/gdelt"
	"github.com/actorgraph/actorgraph/internal/gdelt/gdeltgen"
	"github.com/actorgraph/actorgraph/internal/importer"
	"github.com/actorgraph/actorgraph/internal/store/memstore"
)

// BenchmarkImportGDELT imports generated GDELT 2.0 rows into a new
// embedded store and reports rows per second. Sizes by IMPORT_BENCH_ROWS
// (default 100000):
//
//	IMPORT_BENCH_ROWS=1000000 go test ./internal/importer -run '^$' -bench ImportGDELT -benchtime 1x
func BenchmarkImportGDELT(b *testing.B) {
	rows := 100000
	if v := os.Getenv("IMPORT_BENCH_ROWS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			b.Fatal(err)
		}
		rows = n
	}
	path := filepath.Join(b.TempDir(), "rows.export.CSV")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := gdeltgen.Write(f, rows, 1, gdelt.Layout2); err != nil {
		b.Fatal(err)
	}
	f.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, _, err := memstore.Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := importer.Import(b.Context(), actorgraph.NewGraph(s), []string{path}, importer.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if sum.Imported != rows {
			b.Fatalf("imported %d of %d rows", sum.Imported, rows)
		}
		b.ReportMetric(float64(rows)/sum.Elapsed.Seconds(), "rows/s")
		s.Close()
		b.StartTimer()
	}
}
