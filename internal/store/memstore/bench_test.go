package memstore

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// BenchmarkPathQueries measures every path query on the embedded store over
// synthetic graphs of 10k, 100k and 1M relationships (1M is left out with
// -short). Besides ns/op it reports the median and p99 of single queries.
// Numbers are recorded in BENCHMARKS.md; nothing here is pass/fail.
//
//	go test ./internal/store/memstore -run '^$' -bench PathQueries -benchtime 2000x -cpu 1
func BenchmarkPathQueries(b *testing.B) {
	for _, size := range []synth.Config{synth.Small, synth.Medium, synth.Large} {
		name := fmt.Sprintf("rels=%d", size.Relationships)
		b.Run(name, func(b *testing.B) {
			if size.Relationships >= 1_000_000 && testing.Short() {
				b.Skip("1M relationships: run without -short")
			}
			s, actors := mustLoadSynth(b, size)
			pairs := randomPairs(actors, 512)
			ctx := context.Background()
			opts := actorgraph.PathOptions{MaxHops: 6}
			queries := []struct {
				name string
				run  func(from, to string) error
			}{
				{"ShortestPath", func(f, t string) error { _, err := s.ShortestPath(ctx, f, t, opts); return err }},
				{"AllShortestPaths10", func(f, t string) error { _, _, err := s.AllShortestPaths(ctx, f, t, opts, 10); return err }},
				{"KShortestPaths5", func(f, t string) error { _, err := s.KShortestPaths(ctx, f, t, 5, opts); return err }},
				{"Paths10", func(f, t string) error { _, _, err := s.Paths(ctx, f, t, opts, 0, 10); return err }},
				{"CheapestPathCooperation", func(f, t string) error {
					_, err := s.CheapestPath(ctx, f, t, actorgraph.WeightCooperation, actorgraph.PathOptions{MaxHops: 4})
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
		})
	}
}

func mustLoadSynth(b *testing.B, cfg synth.Config) (*Store, []actorgraph.Actor) {
	b.Helper()
	start := time.Now()
	s, _, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	actors, rels := synth.Generate(cfg)
	const batch = 100_000 // bounded transactions
	if err := s.Upsert(context.Background(), actors, nil); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < len(rels); i += batch {
		if err := s.Upsert(context.Background(), nil, rels[i:min(i+batch, len(rels))]); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("loaded %d actors, %d relationships in %v", len(actors), len(rels), time.Since(start))
	return s, actors
}

// randomPairs picks seeded (from, to) actor pairs.
func randomPairs(actors []actorgraph.Actor, n int) [][2]string {
	r := rand.New(rand.NewPCG(42, uint64(len(actors))))
	out := make([][2]string, n)
	for i := range out {
		out[i] = [2]string{actors[r.IntN(len(actors))].ID, actors[r.IntN(len(actors))].ID}
	}
	return out
}
