package neo4jstore

import (
	"context"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/store/storetest"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// BenchmarkPathQueries measures the path queries on Neo4j over the small
// synthetic graph (1k actors, 10k relationships), which CI's Neo4j loads in
// seconds, with maxHops 4. It empties the database first. Recorded in
// BENCHMARKS.md.
//
//	eval "$(scripts/neo4j env)"
//	go test ./internal/store/neo4jstore -run '^$' -bench PathQueries -benchtime 30x
func BenchmarkPathQueries(b *testing.B) {
	s := MustOpenEmpty(b)
	actors, rels := synth.Generate(synth.Small)
	start := time.Now()
	if err := s.Upsert(context.Background(), actors, rels); err != nil {
		b.Fatal(err)
	}
	b.Logf("loaded %d actors and %d relationships in %v", len(actors), len(rels), time.Since(start))
	storetest.BenchPathQueries(b, actorgraph.NewGraph(s), actors, 4)
}
