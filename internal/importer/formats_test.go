package importer_test

import (
	"archive/zip"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/importer"
	"github.com/actorgraph/actorgraph/internal/store/memstore"
)

// ICEWS files are told by their header inside zip and gzip too; a
// Dataverse bundle's MANIFEST.TXT comes first and is not data.
func TestICEWSIsToldByItsHeaderInsideArchives(t *testing.T) {
	plain, err := os.ReadFile(resolutionFiles[2])
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "events.2025.zip")
	zf, err := os.Create(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(zf)
	for _, m := range []struct {
		name string
		body []byte
	}{{"MANIFEST.TXT", []byte("events.2025.tab: ICEWS events\n")}, {"events.2025.tab", plain}} {
		w, err := zw.Create(m.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(m.body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zf.Close()
	gzPath := filepath.Join(dir, "events.2025.tab.gz")
	gf, err := os.Create(gzPath)
	if err != nil {
		t.Fatal(err)
	}
	gw := gzip.NewWriter(gf)
	gw.Write(plain)
	gw.Close()
	gf.Close()

	for _, path := range []string{zipPath, gzPath} {
		s, _, err := memstore.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		sum, err := importer.Import(t.Context(), actorgraph.NewGraph(s), []string{path}, importer.Options{Strict: true})
		s.Close()
		if err != nil || sum.Imported != 6 {
			t.Errorf("Import(%s) = %+v, %v; want the 6 ICEWS events", filepath.Base(path), sum, err)
		}
	}
}
