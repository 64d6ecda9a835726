package gdeltgen

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/gdelt"
)

func generate(t *testing.T, n int, seed int64, layout gdelt.Layout) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, n, seed, layout); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteIsDeterministicForASeed(t *testing.T) {
	a, b := generate(t, 2000, 42, gdelt.Layout2), generate(t, 2000, 42, gdelt.Layout2)
	if !bytes.Equal(a, b) {
		t.Error("same seed gave different output")
	}
	if c := generate(t, 2000, 43, gdelt.Layout2); bytes.Equal(a, c) {
		t.Error("different seeds gave the same output")
	}
}

func TestWriteRowsParseAndMapInEveryLayout(t *testing.T) {
	for _, layout := range []gdelt.Layout{gdelt.Layout2, gdelt.Layout1Daily, gdelt.Layout1History} {
		t.Run(layout.String(), func(t *testing.T) {
			const n = 5000
			r := gdelt.NewReader(bytes.NewReader(generate(t, n, 7, layout)), "gen", gdelt.Options{})
			var lastID uint64
			for r.Scan() {
				rec := r.Record()
				if rec.Err != nil {
					t.Fatalf("generated line rejected: %v", rec.Err)
				}
				ev := rec.Event
				if ev.Layout != layout {
					t.Fatalf("line %d: layout %v, want %v", rec.Line, ev.Layout, layout)
				}
				if ev.GlobalEventID <= lastID {
					t.Fatalf("line %d: id %d not above %d", rec.Line, ev.GlobalEventID, lastID)
				}
				lastID = ev.GlobalEventID
				if _, err := gdelt.Map(ev); err != nil {
					t.Fatalf("line %d: Map: %v", rec.Line, err)
				}
			}
			if err := r.Err(); err != nil {
				t.Fatal(err)
			}
			if s := r.Stats(); s.Parsed != n {
				t.Errorf("parsed %d rows, want %d", s.Parsed, n)
			}
		})
	}
}

func TestGeneratedActorsFollowAPowerLawWithSomeOneActorEvents(t *testing.T) {
	const n = 50_000
	g := New(1, gdelt.Layout2)
	counts := map[string]int{}
	oneActor := 0
	for i := 0; i < n; i++ {
		ev := g.Next()
		r, err := gdelt.Map(ev)
		if err != nil {
			t.Fatal(err)
		}
		if r.FromMention == nil || r.ToMention == nil {
			oneActor++
		}
		for _, m := range []*actorgraph.Mention{r.FromMention, r.ToMention} {
			if m != nil {
				counts[m.Code+"|"+m.Name]++
			}
		}
	}
	if share := float64(oneActor) / n; share < 0.08 || share > 0.14 {
		t.Errorf("one-actor share %.3f, want about 0.10", share)
	}
	top := 0
	for _, c := range counts {
		top = max(top, c)
	}
	if len(counts) < 1500 {
		t.Errorf("%d distinct actors, want most of the %d-actor pool", len(counts), PoolSize)
	}
	if top < n/20 {
		t.Errorf("most popular actor in %d events, want a heavy head (at least %d)", top, n/20)
	}
}

func TestWriteRejectsAnUnknownLayout(t *testing.T) {
	if err := Write(io.Discard, 1, 1, gdelt.Layout(60)); err == nil {
		t.Error("Write accepted layout 60")
	}
}

func TestWriteReportsWriterErrors(t *testing.T) {
	err := Write(failWriter{}, 10_000, 1, gdelt.Layout2)
	if !errors.Is(err, errFull) {
		t.Errorf("Write error = %v, want errFull", err)
	}
}

var errFull = errors.New("disk full")

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errFull }

// BenchmarkWrite measures generation alone; b.N rows per run.
func BenchmarkWrite(b *testing.B) {
	b.ReportAllocs()
	if err := Write(io.Discard, b.N, 1, gdelt.Layout2); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkReadAndMap measures the import's pure part per row: reading,
// parsing and mapping generated 2.0 rows.
func BenchmarkReadAndMap(b *testing.B) {
	var buf bytes.Buffer
	if err := Write(&buf, 100_000, 1, gdelt.Layout2); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.ReportAllocs()
	b.ResetTimer()
	rows := 0
	for rows < b.N {
		r := gdelt.NewReader(bytes.NewReader(data), "bench", gdelt.Options{})
		for rows < b.N && r.Scan() {
			if _, err := gdelt.Map(r.Record().Event); err != nil {
				b.Fatal(err)
			}
			rows++
		}
	}
}
