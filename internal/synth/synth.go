// Package synth generates deterministic synthetic actor graphs: for
// benchmarks now, and for load tests and import tests later. The same
// Config always gives the same records, on every platform.
//
// The graphs imitate event data: a few actors (governments, leaders) take
// part in a large share of the relationships, most in a handful. Each
// relationship picks both ends independently, with actor i (in a shuffled
// order) chosen with probability proportional to 1/(i+1)^0.75 (a
// Chung–Lu-style model whose degrees follow a power law with an exponent
// of about 2.3), so the largest hub of Large holds about 1.5% of all ends
// (some 30,000 relationships) while the typical actor has about ten.
// Parallel relationships between the same two actors occur, as they do
// in real data; self-loops do not.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Config says how large a graph to generate and from which seed.
type Config struct {
	Seed          int64
	Actors        int
	Relationships int
}

// The preset sizes.
var (
	Small  = Config{Seed: 1, Actors: 1_000, Relationships: 10_000}
	Medium = Config{Seed: 1, Actors: 10_000, Relationships: 100_000}
	Large  = Config{Seed: 1, Actors: 100_000, Relationships: 1_000_000}
)

// Source is the evidence source every generated relationship names.
const Source = "synthetic"

// Generate returns cfg.Actors actors with ids a-000001, a-000002, … and
// cfg.Relationships relationships with ids r-0000001, … between them,
// every one passing Validate. Fewer than two actors give no
// relationships; negative counts count as zero. The actors depend only on
// Seed and Actors, so growing Relationships keeps them.
//
// To stay small, relationships share their Date, Goldstein and Evidence
// values with one another: treat them as read-only, or Clone a
// relationship before changing those. Large takes about a second and
// little memory beyond the records themselves.
func Generate(cfg Config) (actors []actorgraph.Actor, rels []actorgraph.Relationship) {
	nActors, nRels := max(cfg.Actors, 0), max(cfg.Relationships, 0)
	actors = generateActors(rand.New(rand.NewPCG(uint64(cfg.Seed), 0x61637472)), nActors) // "actr"
	if nActors < 2 {
		return actors, []actorgraph.Relationship{}
	}
	r := rand.New(rand.NewPCG(uint64(cfg.Seed), 0x72656c73)) // "rels"
	ends := newEndpoints(r, nActors)
	ids := slugs("r-", 7, nRels)
	rels = make([]actorgraph.Relationship, nRels)
	for i := range rels {
		from := ends.pick(r)
		to := ends.pick(r)
		for to == from {
			to = ends.pick(r)
		}
		rels[i] = relationship(r, ids[i], actors[from].ID, actors[to].ID)
	}
	return actors, rels
}

// slugs returns n ids prefix + a number from 1, zero-padded to width,
// all slices of one string so they cost one allocation.
func slugs(prefix string, width, n int) []string {
	buf := make([]byte, 0, n*(len(prefix)+width+1))
	ends := make([]int, n)
	for i := range n {
		buf = append(buf, prefix...)
		num := strconv.Itoa(i + 1)
		for range width - len(num) {
			buf = append(buf, '0')
		}
		buf = append(buf, num...)
		ends[i] = len(buf)
	}
	all := string(buf)
	ids := make([]string, n)
	start := 0
	for i, end := range ends {
		ids[i] = all[start:end]
		start = end
	}
	return ids
}

// endpoints picks actor indexes with power-law weights.
type endpoints struct {
	cumulative []uint64 // cumulative[i]: total weight of ranks 0..i
	actorOf    []int    // the actor index at each rank
}

// newEndpoints gives rank i the integer weight 2^40/(i+1)^0.75 and ranks
// the actors in a seeded random order. The power is sqrt(x)·sqrt(sqrt(x)):
// correctly rounded operations only (no math.Pow, no fusable
// multiply-add), so every platform computes the same table.
func newEndpoints(r *rand.Rand, n int) *endpoints {
	e := &endpoints{cumulative: make([]uint64, n), actorOf: r.Perm(n)}
	total := uint64(0)
	for i := range n {
		s := math.Sqrt(float64(i + 1))
		pow := float64(s * math.Sqrt(s))
		total += uint64(float64(1<<40) / pow)
		e.cumulative[i] = total
	}
	return e
}

// pick draws one actor index.
func (e *endpoints) pick(r *rand.Rand) int {
	x := r.Uint64N(e.cumulative[len(e.cumulative)-1])
	rank, _ := slices.BinarySearch(e.cumulative, x+1)
	return e.actorOf[rank]
}

// relationship makes one relationship of a random type between two actors.
func relationship(r *rand.Rand, id, from, to string) actorgraph.Relationship {
	t := &relTypes[pickWeighted(r, relTypeWeights)]
	rel := actorgraph.Relationship{
		ID:       id,
		Type:     t.typ,
		From:     from,
		To:       to,
		Modality: t.modality,
		Evidence: t.evidence,
	}
	if r.IntN(20) == 0 {
		rel.Modality = rareModalities[r.IntN(len(rareModalities))]
	}
	if len(t.codes) == 0 {
		return rel // a standing relation: no code, score or date
	}
	c := &t.codes[r.IntN(len(t.codes))]
	rel.CAMEOCode, rel.Goldstein, rel.QuadClass = c.code, c.goldstein, c.quadClass
	rel.Date = &dates2025[r.IntN(len(dates2025))]
	return rel
}

// dates2025 holds every day of 2025; relationships point into it.
var dates2025 = func() []actorgraph.Date {
	var days []actorgraph.Date
	for d := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == 2025; d = d.AddDate(0, 0, 1) {
		days = append(days, actorgraph.DateOf(d))
	}
	return days
}()

// rareModalities are the modalities one relationship in twenty gets
// instead of its type's usual one.
var rareModalities = []actorgraph.Modality{actorgraph.Claimed, actorgraph.Negated, actorgraph.Hypothetical}

// pickWeighted draws an index with probability proportional to its weight.
func pickWeighted(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := r.IntN(total)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	panic("unreachable")
}

// quote is the evidence quote of a synthetic relationship of type t.
func quote(t actorgraph.RelationshipType) []actorgraph.Evidence {
	return []actorgraph.Evidence{{Quote: fmt.Sprintf("Synthetic %s record generated for testing.", t), Source: Source}}
}
