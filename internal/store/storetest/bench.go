package storetest

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// BenchPathQueries benchmarks every path query of s between seeded random
// pairs of the given actors, one sub-benchmark per query, reporting the
// median and p99 of single queries beside ns/op. Both stores' benchmarks
// call it, so their numbers compare like with like.
func BenchPathQueries(b *testing.B, s *actorgraph.Graph, actors []actorgraph.Actor, maxHops int) {
	r := rand.New(rand.NewPCG(42, uint64(len(actors))))
	pairs := make([][2]string, 512)
	for i := range pairs {
		pairs[i] = [2]string{actors[r.IntN(len(actors))].ID, actors[r.IntN(len(actors))].ID}
	}
	ctx := context.Background()
	opts := actorgraph.PathOptions{MaxHops: maxHops}
	cheap := actorgraph.PathOptions{MaxHops: min(maxHops, 4), Weight: actorgraph.WeightCooperation}
	queries := []struct {
		name string
		run  func(from, to string) error
	}{
		{"ShortestPath", func(f, t string) error { _, err := s.ShortestPath(ctx, f, t, opts); return err }},
		{"AllShortestPaths10", func(f, t string) error { _, _, err := s.AllShortestPaths(ctx, f, t, first(opts, 10)); return err }},
		{"KShortestPaths5", func(f, t string) error { _, err := s.KShortestPaths(ctx, f, t, first(opts, 5)); return err }},
		{"Paths10", func(f, t string) error { _, _, err := s.Paths(ctx, f, t, first(opts, 10)); return err }},
		{"CheapestPathCooperation", func(f, t string) error {
			_, err := s.CheapestPath(ctx, f, t, cheap)
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
				start := time.Now()
				if err := q.run(p[0], p[1]); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(took[len(took)*99/100].Nanoseconds()), "p99-ns")
		})
	}
}

// MustLoadSynth writes the synthetic graph cfg describes into s, in
// transactions of at most 100,000 records, logs how long it took, and
// returns the actors (BenchPathQueries picks its pairs from them).
func MustLoadSynth(b *testing.B, s *actorgraph.Graph, cfg synth.Config) []actorgraph.Actor {
	b.Helper()
	start := time.Now()
	actors, rels := synth.Generate(cfg)
	const batch = 100_000 // bounded transactions
	if err := s.Upsert(b.Context(), actors, nil); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < len(rels); i += batch {
		if err := s.Upsert(b.Context(), nil, rels[i:min(i+batch, len(rels))]); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("loaded %d actors, %d relationships in %v", len(actors), len(rels), time.Since(start))
	return actors
}
