package server_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/store/memstore"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// BenchmarkAggregatedNeighborhood compares the plain and the aggregated
// depth-2 neighbourhood of the busiest actor of synth.Medium (100k
// relationships) over real HTTP: time per request and answer bytes.
//
//	go test ./internal/server -run '^$' -bench AggregatedNeighborhood -benchtime 20x
func BenchmarkAggregatedNeighborhood(b *testing.B) {
	d, _, err := memstore.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	g := actorgraph.NewGraph(d)
	actors, rels := synth.Generate(synth.Medium)
	if err := g.Upsert(context.Background(), actors, rels); err != nil {
		b.Fatal(err)
	}
	deg := map[string]int{}
	hub := ""
	for _, r := range rels {
		for _, id := range []string{r.From, r.To} {
			deg[id]++
			if deg[id] > deg[hub] || deg[id] == deg[hub] && id < hub {
				hub = id
			}
		}
	}
	ts := MustStartServer(b, withStore(g))
	for _, c := range []struct{ name, args, fields string }{
		{"plain", "", `edges { id type source target goldstein date }`},
		{"aggregated", ", aggregate: true", `aggregatedEdges { id source target count types { type count } goldsteinSum goldsteinAvg firstDate lastDate evidence { quote } } nodeStats { distance degree weightedDegree }`},
	} {
		q := fmt.Sprintf(`{ neighborhood(id: %q, depth: 2%s) { nodes { id } %s truncatedBy } }`, hub, c.args, c.fields)
		b.Run(c.name, func(b *testing.B) {
			var size int
			for b.Loop() {
				r := ts.mustQuery(b, q, nil)
				size = len(r.Data)
			}
			b.ReportMetric(float64(size), "answer-bytes")
		})
	}
}
