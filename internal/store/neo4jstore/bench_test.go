package neo4jstore

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// BenchmarkPathQueries measures the path queries on Neo4j over the small
// synthetic graph (1k actors, 10k relationships), which CI's Neo4j loads in
// seconds. It empties the database first. Recorded in BENCHMARKS.md.
//
//	eval "$(scripts/neo4j env)"
//	go test ./internal/store/neo4jstore -run '^$' -bench PathQueries -benchtime 100x
func BenchmarkPathQueries(b *testing.B) {
	s := MustOpenEmpty(b)
	ctx := context.Background()
	actors, rels := synth.Generate(synth.Small)
	start := time.Now()
	if err := s.Upsert(ctx, actors, rels); err != nil {
		b.Fatal(err)
	}
	b.Logf("loaded %d actors and %d relationships in %v", len(actors), len(rels), time.Since(start))
	r := rand.New(rand.NewPCG(42, 7))
	pairs := make([][2]string, 256)
	for i := range pairs {
		pairs[i] = [2]string{actors[r.IntN(len(actors))].ID, actors[r.IntN(len(actors))].ID}
	}
	opts := actorgraph.PathOptions{MaxHops: 4}
	queries := []struct {
		name string
		run  func(from, to string) error
	}{
		{"ShortestPath", func(f, t string) error { _, err := s.ShortestPath(ctx, f, t, opts); return err }},
		{"AllShortestPaths10", func(f, t string) error { _, _, err := s.AllShortestPaths(ctx, f, t, opts, 10); return err }},
		{"KShortestPaths5", func(f, t string) error { _, err := s.KShortestPaths(ctx, f, t, 5, opts); return err }},
		{"CheapestPathCooperation", func(f, t string) error {
			_, err := s.CheapestPath(ctx, f, t, actorgraph.WeightCooperation, opts)
			return err
		}},
		{"Neighborhood2Limit200", func(f, _ string) error {
			_, err := s.Neighborhood(ctx, f, actorgraph.NeighborhoodOptions{Depth: 2, Limit: 200})
			return err
		}},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			took := make([]time.Duration, 0, b.N)
			i := 0
			for b.Loop() {
				p := pairs[i%len(pairs)]
				i++
				t0 := time.Now()
				if err := q.run(p[0], p[1]); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(t0))
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(took[len(took)*99/100].Nanoseconds()), "p99-ns")
		})
	}
}
