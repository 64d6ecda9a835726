package memstore

import (
	"fmt"
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
