package memstore

import (
	"fmt"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/store/storetest"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// BenchmarkPathQueries measures every path query on the embedded store over
// synthetic graphs of 10k, 100k and 1M relationships (1M is left out with
// -short), maxHops 6. Numbers are recorded in BENCHMARKS.md; nothing here
// is pass/fail.
//
//	go test ./internal/store/memstore -run '^$' -bench PathQueries -benchtime 50x -cpu 1 -timeout 40m
func BenchmarkPathQueries(b *testing.B) {
	for _, size := range []synth.Config{synth.Small, synth.Medium, synth.Large} {
		b.Run(fmt.Sprintf("rels=%d", size.Relationships), func(b *testing.B) {
			if size.Relationships >= 1_000_000 && testing.Short() {
				b.Skip("1M relationships: run without -short")
			}
			s, actors := mustLoadSynth(b, size)
			storetest.BenchPathQueries(b, s, actors, 6)
		})
	}
}

func mustLoadSynth(b *testing.B, cfg synth.Config) (*actorgraph.Graph, []actorgraph.Actor) {
	b.Helper()
	d, _, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	s := actorgraph.NewGraph(d)
	return s, storetest.MustLoadSynth(b, s, cfg)
}

// BenchmarkDeleteHubCascade deletes, with cascade, the actor with the most
// relationships of a 200k-relationship synthetic graph: a bulk write (one
// transaction, one pass over each index), not one write per relationship.
//
//	go test ./internal/store/memstore -run '^$' -bench DeleteHubCascade -benchtime 3x
func BenchmarkDeleteHubCascade(b *testing.B) {
	cfg := synth.Config{Seed: 1, Actors: 20_000, Relationships: 200_000}
	for b.Loop() {
		b.StopTimer()
		s, _ := mustLoadSynth(b, cfg)
		_, rels := synth.Generate(cfg)
		degree := map[string]int{}
		for _, r := range rels {
			for _, end := range slices.Compact(r.Ends()) {
				degree[end]++
			}
		}
		hub, most := "", 0
		for id, n := range degree {
			if n > most || n == most && id < hub {
				hub, most = id, n
			}
		}
		b.StartTimer()
		deleted, err := s.DeleteActor(b.Context(), hub, true)
		if err != nil || len(deleted) != most {
			b.Fatalf("DeleteActor(%s): %d deleted of %d, %v", hub, len(deleted), most, err)
		}
		b.ReportMetric(float64(most), "relationships")
	}
}
