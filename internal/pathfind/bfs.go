package pathfind

import (
	"context"
	"errors"
	"math"
)

// errNotMirrored reports a Graph whose Backward edges do not mirror its
// Forward edges, which the searches from both ends cannot work with.
var errNotMirrored = errors.New("pathfind: Graph.Backward does not mirror Graph.Forward")

// checkEvery is how many loop iterations pass between two looks at the
// context: often enough to stop within microseconds, rarely enough to cost
// nothing.
const checkEvery = 256

// canceler checks a context every checkEvery calls of check.
type canceler struct {
	ctx context.Context
	n   int
}

func (c *canceler) check() error {
	c.n++
	if c.n%checkEvery == 0 {
		return c.ctx.Err()
	}
	return nil
}

// banned is the distance a bfs records for the nodes its detour bans:
// they count as seen, so the search never enters them, but they are at no
// distance, so no other search meets them.
const banned = -1

// bfs is a breadth-first search over node numbers that grows one level at
// a time, following arcs (a graph's forward or backward). It keeps each
// level's nodes and, once fetched, their arcs, so later passes need not
// ask the graph again.
type bfs struct {
	arcs func(node int32) []Arc
	// degree, when set, counts a node's arcs without fetching them.
	degree func(node int32) int
	// raw is the interner numbering a plain Graph, nil for an IndexedGraph.
	raw       *interner
	rawFilter *idFilter // like filter, over ids
	dist      *nodeMap  // every node seen, with its distance (from getNodeMap)
	levels    [][]int32 // levels[d]: the nodes at distance d
	adj       [][][]Arc // adj[d][i]: the arcs of levels[d][i], nil until fetched
	filter    *idFilter // over the frontier, when it is small; nil until built
	// priced frontier nodes hold pricedEdges arcs (see price).
	priced, pricedEdges int

	// detour, when set, keeps the search off some nodes and edges;
	// backward says the search follows edges against their direction.
	detour   *detour
	backward bool
}

// newBFS starts a search at start; d, which may be nil, bans nodes.
func newBFS(g *graph, start int32, backward bool, d *detour) *bfs {
	b := &bfs{
		arcs:     g.arcs(backward),
		degree:   g.degree(backward),
		raw:      g.interner(),
		dist:     getNodeMap(g.count()),
		levels:   [][]int32{{start}},
		adj:      [][][]Arc{nil},
		detour:   d,
		backward: backward,
	}
	if d != nil {
		for _, n := range d.bannedNodes {
			b.dist.set(n, banned)
		}
	}
	b.dist.set(start, 0)
	return b
}

// release gives the search's memory back; b must not be used afterwards.
func (b *bfs) release() {
	if b != nil {
		b.dist.release()
		b.dist = nil
	}
}

// at returns the distance of a node the search has reached.
func (b *bfs) at(n int32) (int, bool) {
	d, ok := b.dist.get(n)
	return int(d), ok && d >= 0
}

// depth is the distance of the frontier, the last level found.
func (b *bfs) depth() int { return len(b.levels) - 1 }

// exhausted reports whether the search has seen every node it can reach.
func (b *bfs) exhausted() bool { return len(b.levels[b.depth()]) == 0 }

// frontierEdges fetches the frontier's arcs, once, and returns how many
// there are: the cost of growing the next level.
func (b *bfs) frontierEdges(c *canceler) (int, error) {
	n, _, err := b.price(c, math.MaxInt)
	if err != nil {
		return 0, err
	}
	d := b.depth()
	for i := len(b.adj[d]); i < len(b.levels[d]); i++ {
		if err := c.check(); err != nil {
			return 0, err
		}
		b.fetch(d, i)
	}
	return n, nil
}

// fetch appends the arcs of levels[d][i] to adj[d].
func (b *bfs) fetch(d, i int) []Arc {
	as := b.arcs(b.levels[d][i])
	b.adj[d] = append(b.adj[d], as)
	return as
}

// price counts the frontier's edges until there are more than limit or
// all are counted, and returns how many it counted and whether that is all
// of them. It fetches the arc lists it counts (and keeps them) unless the
// graph can count a node's edges without: an interner would convert them.
func (b *bfs) price(c *canceler, limit int) (edges int, complete bool, err error) {
	d := b.depth()
	front := b.levels[d]
	if b.adj[d] == nil {
		if err := c.ctx.Err(); err != nil {
			return 0, false, err
		}
		b.adj[d] = make([][]Arc, 0, len(front))
		b.priced, b.pricedEdges = 0, 0
	}
	for ; b.priced < len(front) && b.pricedEdges <= limit; b.priced++ {
		if err := c.check(); err != nil {
			return 0, false, err
		}
		if b.degree != nil {
			b.pricedEdges += b.degree(front[b.priced])
		} else {
			b.pricedEdges += len(b.fetch(d, b.priced))
		}
	}
	return b.pricedEdges, b.priced == len(front), nil
}

// cheaper reports whether growing fwd costs no more edges than growing
// bwd. It prices both frontiers against a limit that doubles until one
// is known to be the cheaper, so the dearer frontier's lists are fetched
// only up to about twice the cheaper one's edges: fetching can cost
// as much as scanning (a filtering Graph copies lists).
func cheaper(c *canceler, fwd, bwd *bfs) (bool, error) {
	for limit := firstPriceLimit; ; limit *= 2 {
		costF, completeF, err := fwd.price(c, limit)
		if err != nil {
			return false, err
		}
		costB, completeB, err := bwd.price(c, limit)
		if err != nil {
			return false, err
		}
		smallF, smallB := completeF && costF <= limit, completeB && costB <= limit
		switch {
		case smallF && smallB:
			return costF <= costB, nil
		case smallF || smallB:
			return smallF, nil
		}
	}
}

func countArcs(lists [][]Arc) int {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	return n
}

// contact is an arc from a frontier node to a node another search has
// seen: where two searches meet.
type contact struct {
	near int32 // the frontier node
	a    Arc   // its arc, a.To seen by the other search
}

// grow visits the next level: the nodes one edge beyond the frontier that
// the search has not seen. It first collects every arc from the frontier
// to a node other (which may be nil) has seen; if there is one, the
// searches have met and the next level is left empty, else it is found.
// It costs the frontier's edges.
func (b *bfs) grow(c *canceler, other *bfs) ([]contact, error) {
	var contacts []contact
	var err error
	switch {
	case other != nil && b.raw != nil:
		contacts, err = b.rawContacts(c, other)
	case other != nil:
		contacts, err = b.contacts(c, other)
	}
	if err != nil {
		return nil, err
	}
	var next []int32
	if len(contacts) == 0 {
		edges, err := b.frontierEdges(c)
		if err != nil {
			return nil, err
		}
		if next, err = b.visit(c, edges); err != nil {
			return nil, err
		}
	}
	b.levels = append(b.levels, next)
	b.adj = append(b.adj, nil)
	b.filter, b.rawFilter = nil, nil
	return contacts, nil
}

// contacts returns the arcs from the frontier to other's nodes. Before
// the level is grown the searches share no node, so an edge from this
// frontier can only reach the other's frontier.
func (b *bfs) contacts(c *canceler, other *bfs) ([]contact, error) {
	if _, err := b.frontierEdges(c); err != nil {
		return nil, err
	}
	d := b.depth()
	var contacts []contact
	filter := other.frontierFilter()
	for i, n := range b.levels[d] {
		if err := c.check(); err != nil {
			return nil, err
		}
		for _, a := range b.adj[d][i] {
			if !filter.mayContain(a.To) {
				continue
			}
			if _, ok := other.at(a.To); ok && !b.blocks(d, a) {
				contacts = append(contacts, contact{near: n, a: a})
			}
		}
	}
	return contacts, nil
}

// blocks reports whether the detour keeps the search from following a out
// of a node at distance d: a banned edge leaving the start, read either
// way. (Banned nodes are kept out by marking them seen.) The start's arcs
// are checked as they are read rather than filtered once: a hub's list
// would be copied for every spur search from it.
func (b *bfs) blocks(d int, a Arc) bool {
	if b.detour == nil {
		return false
	}
	if b.backward {
		return b.detour.blocksEdge(a, true)
	}
	return d == 0 && b.detour.bansLeaving(a)
}

// rawContacts is contacts over an interner's edges, unconverted: the
// frontier met last is often the largest level of the search, and
// numbering all its neighbours would cost a map insertion per edge where
// a filter over the other frontier's ids rules most of them out. A node
// the interner has not numbered has not been seen.
func (b *bfs) rawContacts(c *canceler, other *bfs) ([]contact, error) {
	d := b.depth()
	var contacts []contact
	filter := other.rawFrontierFilter()
	for _, n := range b.levels[d] {
		if err := c.check(); err != nil {
			return nil, err
		}
		for _, e := range b.raw.edges(n, b.backward) {
			if !filter.mayContainBits(idBits(e.To)) {
				continue
			}
			to, ok := b.raw.ids[e.To]
			if !ok {
				continue
			}
			a := Arc{ID: e.ID, Weight: e.Weight, To: to}
			if _, ok := other.at(to); ok && !b.blocks(d, a) {
				contacts = append(contacts, contact{near: n, a: a})
			}
		}
	}
	return contacts, nil
}

// rawFrontierFilter is frontierFilter over the frontier's ids.
func (b *bfs) rawFrontierFilter() *idFilter {
	front := b.levels[b.depth()]
	if b.rawFilter == nil && len(front) <= maxFiltered {
		b.rawFilter = new(idFilter)
		for _, n := range front {
			b.rawFilter.addBits(idBits(b.raw.names[n]))
		}
	}
	return b.rawFilter
}

// visit records the unseen ends of the frontier's arcs at the next
// distance and returns them. Banned nodes count as seen.
func (b *bfs) visit(c *canceler, edges int) ([]int32, error) {
	d := b.depth()
	next := make([]int32, 0, min(edges, 1024))
	level := int32(d + 1)
	for i := range b.levels[d] {
		if err := c.check(); err != nil {
			return nil, err
		}
		for _, a := range b.adj[d][i] {
			if !b.dist.has(a.To) && !b.blocks(d, a) {
				b.dist.set(a.To, level)
				next = append(next, a.To)
			}
		}
	}
	return next, nil
}

// Tuning: variables so that tests can force every branch on small graphs.
var (
	// maxFiltered is the largest frontier frontierFilter builds a filter
	// for; beyond it the filter would be too full to save lookups.
	maxFiltered = 512
	// firstPriceLimit is the first limit cheaper prices frontiers against.
	firstPriceLimit = 1024
)

// frontierFilter returns a filter over the frontier's nodes, built once;
// for a large frontier it is nil, which lets everything through.
func (b *bfs) frontierFilter() *idFilter {
	front := b.levels[b.depth()]
	if b.filter == nil && len(front) <= maxFiltered {
		b.filter = new(idFilter)
		for _, n := range front {
			b.filter.add(n)
		}
	}
	return b.filter
}

// idFilter is a one-hash Bloom filter of 4096 bits (512 bytes, in the
// first-level cache) over node numbers: a test cheaper than reading the
// other search's distances, a slice as long as the graph has nodes, at a
// likely cache miss. False positives cost that read; there are no false
// negatives.
type idFilter [64]uint64

// nodeBits hashes a node number to 12 bits.
func nodeBits(n int32) uint64 { return (uint64(uint32(n)) * 0x9E3779B97F4A7C15) >> 52 }

// idBits hashes a string id's length and last eight bytes (ids tend to
// differ at the end) to 12 bits.
func idBits(id string) uint64 {
	x := uint64(len(id))
	for i := max(0, len(id)-8); i < len(id); i++ {
		x = x<<8 | uint64(id[i])
	}
	return (x * 0x9E3779B97F4A7C15) >> 52
}

func (f *idFilter) add(n int32) { f.addBits(nodeBits(n)) }

func (f *idFilter) addBits(h uint64) { f[h>>6] |= 1 << (h & 63) }

// mayContain reports false when n was certainly not added; a nil filter
// may contain anything.
func (f *idFilter) mayContain(n int32) bool { return f.mayContainBits(nodeBits(n)) }

func (f *idFilter) mayContainBits(h uint64) bool {
	return f == nil || f[h>>6]&(1<<(h&63)) != 0
}
