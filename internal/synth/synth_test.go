package synth_test

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/synth"
)

func TestGenerateIsDeterministic(t *testing.T) {
	cfg := synth.Config{Seed: 7, Actors: 300, Relationships: 2_000}
	a1, r1 := synth.Generate(cfg)
	a2, r2 := synth.Generate(cfg)
	if diff := cmp.Diff(a1, a2); diff != "" {
		t.Errorf("same config, different actors (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(r1, r2); diff != "" {
		t.Errorf("same config, different relationships (-first +second):\n%s", diff)
	}
	cfg.Seed = 8
	a3, r3 := synth.Generate(cfg)
	if cmp.Equal(a1, a3) || cmp.Equal(r1, r3) {
		t.Errorf("seeds 7 and 8 gave the same graph")
	}
}

// TestGenerateSmallIsUnchanged pins the output of the Small preset, so a
// change to the generator (which would silently change every benchmark
// and load test built on it) is a deliberate one: update the digest then.
func TestGenerateSmallIsUnchanged(t *testing.T) {
	actors, rels := synth.Generate(synth.Small)
	b, err := json.Marshal(struct {
		A []actorgraph.Actor
		R []actorgraph.Relationship
	}{actors, rels})
	if err != nil {
		t.Fatal(err)
	}
	const want = "dea3392f5a4fe62ec7f154f1c654a19fcf658ca83db36c1d26ec842f16321dff"
	if got := fmt.Sprintf("%x", sha256.Sum256(b)); got != want {
		t.Errorf("Small digest = %s, want %s", got, want)
	}
}

func TestGenerateActorsDoNotDependOnRelationshipCount(t *testing.T) {
	few, _ := synth.Generate(synth.Config{Seed: 3, Actors: 100, Relationships: 10})
	many, _ := synth.Generate(synth.Config{Seed: 3, Actors: 100, Relationships: 1_000})
	if diff := cmp.Diff(few, many); diff != "" {
		t.Errorf("actors changed with the relationship count (-few +many):\n%s", diff)
	}
}

func TestGenerateEdgeCases(t *testing.T) {
	tests := []struct {
		name               string
		cfg                synth.Config
		wantActors, wantRe int
	}{
		{"NothingIsEmpty", synth.Config{}, 0, 0},
		{"NegativeCountsAreZero", synth.Config{Actors: -1, Relationships: -5}, 0, 0},
		{"OneActorHasNoRelationships", synth.Config{Actors: 1, Relationships: 5}, 1, 0},
		{"TwoActorsAlternate", synth.Config{Actors: 2, Relationships: 50}, 2, 50},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			actors, rels := synth.Generate(tc.cfg)
			if len(actors) != tc.wantActors || len(rels) != tc.wantRe {
				t.Fatalf("Generate(%+v) = %d actors, %d relationships; want %d, %d", tc.cfg, len(actors), len(rels), tc.wantActors, tc.wantRe)
			}
			checkRecords(t, actors, rels)
		})
	}
}

func TestGenerateMediumIsValidAndRealistic(t *testing.T) {
	actors, rels := synth.Generate(synth.Medium)
	if len(actors) != synth.Medium.Actors || len(rels) != synth.Medium.Relationships {
		t.Fatalf("Generate(Medium) = %d actors, %d relationships", len(actors), len(rels))
	}
	checkRecords(t, actors, rels)

	if actors[0].ID != "a-000001" || actors[9_999].ID != "a-010000" || rels[0].ID != "r-0000001" || rels[99_999].ID != "r-0100000" {
		t.Errorf("ids run %s … %s and %s … %s", actors[0].ID, actors[9_999].ID, rels[0].ID, rels[99_999].ID)
	}

	kinds := map[actorgraph.ActorKind]int{}
	for _, a := range actors {
		kinds[a.Kind]++
	}
	for _, k := range actorgraph.ActorKinds {
		if kinds[k] == 0 {
			t.Errorf("no actor of kind %s", k)
		}
	}

	types := map[actorgraph.RelationshipType]int{}
	asserted := 0
	for _, r := range rels {
		types[r.Type]++
		if r.Modality == actorgraph.Asserted {
			asserted++
		}
	}
	for _, typ := range actorgraph.RelationshipTypes {
		if types[typ] == 0 {
			t.Errorf("no relationship of type %s", typ)
		}
	}
	if share := float64(asserted) / float64(len(rels)); share < 0.8 {
		t.Errorf("%.0f%% of relationships are ASSERTED, want most", 100*share)
	}

	// Power-law degrees: a few hubs, a modest typical actor.
	degree := map[string]int{}
	for _, r := range rels {
		degree[r.From]++
		degree[r.To]++
	}
	ds := make([]int, 0, len(actors))
	for _, a := range actors {
		ds = append(ds, degree[a.ID])
	}
	slices.Sort(ds)
	median, top := ds[len(ds)/2], ds[len(ds)-1]
	if median < 5 || median > 40 || top < 50*median {
		t.Errorf("degrees: median %d, largest %d; want a median of a few and hubs far above it", median, top)
	}
}

var (
	actorIDRE = regexp.MustCompile(`^a-[0-9]{6,}$`)
	relIDRE   = regexp.MustCompile(`^r-[0-9]{7,}$`)
)

// checkRecords checks what every generated graph promises.
func checkRecords(t *testing.T, actors []actorgraph.Actor, rels []actorgraph.Relationship) {
	t.Helper()
	ids := map[string]bool{}
	for i := range actors {
		a := &actors[i]
		if err := a.Validate(); err != nil {
			t.Fatalf("actor %d: %v", i, err)
		}
		if !actorIDRE.MatchString(a.ID) || ids[a.ID] {
			t.Fatalf("actor %d: id %q is malformed or taken", i, a.ID)
		}
		ids[a.ID] = true
		if a.Country == "" || a.CAMEOCode[:3] != a.Country || len(a.Aliases) == 0 {
			t.Fatalf("actor %s: country %q, CAMEO code %q, aliases %q", a.ID, a.Country, a.CAMEOCode, a.Aliases)
		}
	}
	relIDs := map[string]bool{}
	for i := range rels {
		r := &rels[i]
		if err := r.Validate(); err != nil {
			t.Fatalf("relationship %d: %v", i, err)
		}
		if !relIDRE.MatchString(r.ID) || relIDs[r.ID] {
			t.Fatalf("relationship %d: id %q is malformed or taken", i, r.ID)
		}
		relIDs[r.ID] = true
		if !ids[r.From] || !ids[r.To] {
			t.Fatalf("relationship %s: an end of %s → %s is not an actor", r.ID, r.From, r.To)
		}
		if len(r.Evidence) != 1 || r.Evidence[0].Source != synth.Source {
			t.Fatalf("relationship %s: evidence %+v", r.ID, r.Evidence)
		}
		checkCoding(t, r)
	}
}

// checkCoding checks that a relationship's codes fit its type: structural
// ones carry none and no date; events a CAMEO code, a Goldstein score, the
// QuadClass GDELT gives the code's root, and a day in 2025.
func checkCoding(t *testing.T, r *actorgraph.Relationship) {
	t.Helper()
	if r.Type.Structural() {
		if r.CAMEOCode != "" || r.Goldstein != nil || r.QuadClass != 0 || r.Date != nil {
			t.Fatalf("structural relationship %s (%s) has code %q, goldstein %v, quad %d, date %v", r.ID, r.Type, r.CAMEOCode, r.Goldstein, r.QuadClass, r.Date)
		}
		return
	}
	if r.CAMEOCode == "" || r.Goldstein == nil || r.Date == nil || r.Date.Year != 2025 {
		t.Fatalf("event %s (%s) has code %q, goldstein %v, date %v", r.ID, r.Type, r.CAMEOCode, r.Goldstein, r.Date)
	}
	root, _ := strconv.Atoi(r.CAMEOCode[:2])
	want := 4
	switch {
	case root <= 5:
		want = 1
	case root <= 9:
		want = 2
	case root <= 14:
		want = 3
	}
	if r.QuadClass != want {
		t.Fatalf("event %s: code %s is QuadClass %d, has %d", r.ID, r.CAMEOCode, want, r.QuadClass)
	}
	if (want <= 2) != (*r.Goldstein >= 0) && r.CAMEOCode != "012" {
		t.Fatalf("event %s: code %s (QuadClass %d) has Goldstein %v", r.ID, r.CAMEOCode, want, *r.Goldstein)
	}
}

func BenchmarkGenerate(b *testing.B) {
	for _, p := range []struct {
		name string
		cfg  synth.Config
	}{{"Small", synth.Small}, {"Medium", synth.Medium}, {"Large", synth.Large}} {
		b.Run(p.name, func(b *testing.B) {
			if p.name == "Large" && testing.Short() {
				b.Skip("Large is slow under -short")
			}
			b.ReportAllocs()
			for b.Loop() {
				synth.Generate(p.cfg)
			}
		})
	}
}
