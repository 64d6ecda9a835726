package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// workload names one kind of traffic.
type workload string

// The workloads of issue 7. mixed draws from the read workloads by
// mixWeights; every other workload is one kind of operation.
const (
	wActor        workload = "actor"        // actor by id, SPOKE_WITH relationships two levels deep
	wList         workload = "list"         // actors of one kind, a page of 50
	wSearch       workload = "search"       // name search, first 10
	wNeighborhood workload = "neighborhood" // depth 2, limit 200
	wPath         workload = "path"         // shortest path between a random pair
	wMixed        workload = "mixed"        // the reads above, mixed
	wWrite        workload = "write"        // createRelationship, then a read-back check
)

// allWorkloads is the order of the tables.
var allWorkloads = []workload{wActor, wList, wSearch, wNeighborhood, wPath, wMixed, wWrite}

// mixWeights is the mixed read workload: mostly lookups, some traversal.
var mixWeights = []struct {
	w      workload
	weight int
}{{wActor, 35}, {wList, 15}, {wSearch, 20}, {wNeighborhood, 15}, {wPath, 15}}

// Workload parameters shared by every system, so each runs the same query.
const (
	relPage          = 10 // relationships per level of the actor workload
	listPage         = 50
	searchFirst      = 10
	neighborhoodLim  = 200
	neighborhoodHops = 2
	pathMaxHops      = 6
)

// op is one operation with its parameters; each system turns it into its
// own query.
type op struct {
	kind     workload // never wMixed
	id       string   // wActor, wNeighborhood: the actor
	actorKnd string   // wList: the kind filter
	text     string   // wSearch
	from, to string   // wPath, wWrite
	relID    string   // wWrite: the new relationship's id
	eventID  string   // wWrite: shared by one cell's writes, for the read-back
}

// graphData is what the generators draw from: the loaded graph's actors.
type graphData struct {
	name          string
	actors        []actorgraph.Actor
	relationships []actorgraph.Relationship
	active        []string // ids of actors with at least one relationship, sorted
	kinds         []string // actor kinds present, sorted
	words         []string // search texts: the first word of each actor's name
}

// newGraphData indexes a graph for the generators.
func newGraphData(name string, actors []actorgraph.Actor, rels []actorgraph.Relationship) *graphData {
	d := &graphData{name: name, actors: actors, relationships: rels}
	active := map[string]bool{}
	for i := range rels {
		active[rels[i].From], active[rels[i].To] = true, true
	}
	kinds := map[string]bool{}
	for i := range actors {
		kinds[string(actors[i].Kind)] = true
		if word, _, _ := strings.Cut(actors[i].Name, " "); actorgraph.Fold(word) != "" {
			d.words = append(d.words, word)
		}
	}
	for id := range active {
		d.active = append(d.active, id)
	}
	for k := range kinds {
		d.kinds = append(d.kinds, k)
	}
	slices.Sort(d.active)
	slices.Sort(d.kinds)
	return d
}

// generator draws operations from a seeded RNG; one per worker.
type generator struct {
	d       *graphData
	rng     *rand.Rand
	prefix  string // write ids: prefix + a counter
	eventID string
	n       int
}

// newGenerator returns worker's generator for a cell; the same seed and
// worker give the same operations on every system.
func newGenerator(d *graphData, seed uint64, worker int, prefix, eventID string) *generator {
	return &generator{d: d, rng: rand.New(rand.NewPCG(seed, uint64(worker))), prefix: fmt.Sprintf("%s-w%d-", prefix, worker), eventID: eventID}
}

// next returns the next operation of workload w.
func (g *generator) next(w workload) op {
	if w == wMixed {
		w = g.pickMixed()
	}
	switch w {
	case wActor, wNeighborhood:
		return op{kind: w, id: g.actor()}
	case wList:
		return op{kind: w, actorKnd: g.d.kinds[g.rng.IntN(len(g.d.kinds))]}
	case wSearch:
		return op{kind: w, text: g.d.words[g.rng.IntN(len(g.d.words))]}
	case wPath:
		from, to := g.pair()
		return op{kind: w, from: from, to: to}
	case wWrite:
		from, to := g.pair()
		g.n++
		return op{kind: w, from: from, to: to, relID: fmt.Sprintf("%s%d", g.prefix, g.n), eventID: g.eventID}
	}
	panic("unknown workload " + string(w))
}

func (g *generator) pickMixed() workload {
	total := 0
	for _, m := range mixWeights {
		total += m.weight
	}
	x := g.rng.IntN(total)
	for _, m := range mixWeights {
		if x < m.weight {
			return m.w
		}
		x -= m.weight
	}
	panic("unreachable")
}

// actor draws an actor that has relationships.
func (g *generator) actor() string { return g.d.active[g.rng.IntN(len(g.d.active))] }

// pair draws two different actors that have relationships.
func (g *generator) pair() (string, string) {
	from := g.actor()
	to := g.actor()
	for to == from {
		to = g.actor()
	}
	return from, to
}
