package main

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/synth"
)

func TestPercentileIsNearestRank(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	var hundred []time.Duration
	for i := 1; i <= 100; i++ {
		hundred = append(hundred, ms(i))
	}
	for _, tc := range []struct {
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{nil, 50, 0},
		{[]time.Duration{ms(7)}, 99, ms(7)},
		{[]time.Duration{ms(1), ms(2)}, 50, ms(1)},
		{[]time.Duration{ms(1), ms(2)}, 51, ms(2)},
		{hundred, 50, ms(50)},
		{hundred, 95, ms(95)},
		{hundred, 99, ms(99)},
		{hundred, 99.5, ms(100)},
		{hundred, 100, ms(100)},
		{hundred, 0.1, ms(1)},
	} {
		if got := percentile(tc.sorted, tc.p); got != tc.want {
			t.Errorf("percentile(%d values, %g) = %v, want %v", len(tc.sorted), tc.p, got, tc.want)
		}
	}
}

func TestSummarizeSortsAndCounts(t *testing.T) {
	lat := []time.Duration{5, 1, 4, 2, 3}
	s := summarize(lat, 2, time.Second)
	if s.ops != 5 || s.errors != 2 || s.p50 != 3 || s.p99 != 5 || s.throughput() != 5 {
		t.Errorf("summarize = %+v, throughput %g", s, s.throughput())
	}
	if !slices.IsSorted(lat) {
		t.Error("latencies not sorted in place")
	}
}

func TestMissingWrites(t *testing.T) {
	acked := []string{"w-3", "w-1", "w-2", "w-4"}
	if got := missingWrites(acked, []string{"w-1", "w-2", "w-3", "w-4", "extra"}); len(got) != 0 {
		t.Errorf("all found: missing = %v", got)
	}
	if got := missingWrites(acked, []string{"w-2", "w-9"}); !slices.Equal(got, []string{"w-3", "w-1", "w-4"}) {
		t.Errorf("missing = %v, want [w-3 w-1 w-4] in acknowledgement order", got)
	}
	if got := missingWrites(nil, []string{"w-1"}); len(got) != 0 {
		t.Errorf("nothing acknowledged: missing = %v", got)
	}
}

func TestParseStatCPU(t *testing.T) {
	// Field 2 may hold spaces and parentheses; utime=150, stime=50 ticks.
	stat := "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 150 50 0 0 20 0 8 0 1000 0 0"
	got, err := parseStatCPU(stat)
	want := time.Duration(200 / clockTicks * float64(time.Second))
	if err != nil || got != want {
		t.Errorf("parseStatCPU = %v, %v; want %v", got, err, want)
	}
	if _, err := parseStatCPU("garbage"); err == nil {
		t.Error("malformed stat accepted")
	}
}

func TestGeneratorIsSeededAndDrawsFromTheGraph(t *testing.T) {
	actors, rels := synth.Generate(synth.Config{Seed: 1, Actors: 50, Relationships: 200})
	d := newGraphData("tiny", actors, rels)
	a := newGenerator(d, 7, 3, "p", "e")
	b := newGenerator(d, 7, 3, "p", "e")
	active := map[string]bool{}
	for _, id := range d.active {
		active[id] = true
	}
	for i := range 500 {
		w := allWorkloads[i%len(allWorkloads)]
		oa, ob := a.next(w), b.next(w)
		if oa != ob {
			t.Fatalf("same seed, different operations: %+v vs %+v", oa, ob)
		}
		if oa.kind == wMixed {
			t.Fatal("mixed must resolve to a concrete operation")
		}
		if oa.kind == wPath && (oa.from == oa.to || !active[oa.from] || !active[oa.to]) {
			t.Fatalf("bad pair %+v", oa)
		}
		if w == wWrite && !strings.HasPrefix(oa.relID, "p-w3-") {
			t.Fatalf("write id %q lacks the worker's prefix", oa.relID)
		}
	}
}

func TestWriteIDsAreUniqueAcrossWorkers(t *testing.T) {
	actors, rels := synth.Generate(synth.Config{Seed: 1, Actors: 20, Relationships: 50})
	d := newGraphData("tiny", actors, rels)
	seen := map[string]bool{}
	for worker := range 12 {
		g := newGenerator(d, 1, worker, "cell", "e")
		for range 100 {
			id := g.next(wWrite).relID
			if seen[id] {
				t.Fatalf("duplicate write id %q", id)
			}
			seen[id] = true
		}
	}
}

func TestRatioTableMarksTargets(t *testing.T) {
	row := func(system string, w workload, ops int, p99 time.Duration) result {
		return result{graph: "g", system: system, w: w, conc: 8,
			s: summary{ops: ops, elapsed: time.Second, p50: p99 / 2, p99: p99}}
	}
	rows := []result{
		row(sysEmbedded, wActor, 10000, time.Millisecond),
		row(sysNeo4j, wActor, 300, 10*time.Millisecond),
		row(sysCypher, wActor, 400, 9*time.Millisecond),
		row(sysPeer, wActor, 100, 20*time.Millisecond),
		row(sysNeo4j, wPath, 100, 10*time.Millisecond),
		{graph: "g", system: sysPeer, w: wPath, conc: 8, notExpressible: true},
	}
	var b strings.Builder
	writeRatioTable(&b, rows)
	out := b.String()
	for _, want := range []string{
		"| g | actor | 8 | 3.00 ✓ | 0.50 ✓ | 1.11 ✓ | 1.11 ✓ | 33.33 ✓ | 10.00 |",
		"| g | path | 8 | not expressible | not expressible |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("ratio table lacks %q:\n%s", want, out)
		}
	}
}

func TestLostWritesFailTheRun(t *testing.T) {
	ok := []result{{system: "ours, embedded", acked: 10}, {system: "peer", acked: 5}}
	if err := lostWrites(ok); err != nil {
		t.Errorf("lostWrites(all read back) = %v, want nil", err)
	}
	lost := append(ok, result{system: "ours, Neo4j", graph: "10k", conc: 8, acked: 7, missing: 1})
	if err := lostWrites(lost); err == nil || !strings.Contains(err.Error(), "1 of 7 acknowledged writes missing") {
		t.Errorf("lostWrites(one missing) = %v, want an error naming it", err)
	}
}
