package neo4jstore

import (
	"testing"

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
	s := actorgraph.NewGraph(MustOpenEmpty(b))
	actors := storetest.MustLoadSynth(b, s, synth.Small)
	storetest.BenchPathQueries(b, s, actors, 4)
}
