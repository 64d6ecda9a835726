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

// bfs is a breadth-first search that grows one level at a time, following
// edges (a Graph's Forward or Backward). It keeps each level's nodes and,
// once fetched, their edges, so later passes need not ask the graph again.
type bfs struct {
	edges  func(node string) []Edge
	dist   map[string]int // every node seen, with its distance
	levels [][]string     // levels[d]: the nodes at distance d
	adj    [][][]Edge     // adj[d][i]: the edges of levels[d][i], nil until fetched
	filter *idFilter      // over the frontier, when it is small; nil until built

	// detour, when set, keeps the search off some nodes and edges;
	// backward says the search follows edges against their direction.
	detour   *detour
	backward bool
}

func newBFS(start string, edges func(string) []Edge) *bfs {
	return &bfs{edges: edges, dist: map[string]int{start: 0}, levels: [][]string{{start}}, adj: [][][]Edge{nil}}
}

// depth is the distance of the frontier, the last level found.
func (b *bfs) depth() int { return len(b.levels) - 1 }

// exhausted reports whether the search has seen every node it can reach.
func (b *bfs) exhausted() bool { return len(b.levels[b.depth()]) == 0 }

// frontierEdges fetches the frontier's edges, once, and returns how many
// there are: the cost of growing the next level.
func (b *bfs) frontierEdges(c *canceler) (int, error) {
	n, _, err := b.price(c, math.MaxInt)
	return n, err
}

// price fetches the frontier's edge lists (keeping them) until they hold
// more than limit edges or all are fetched, and returns how many edges the
// fetched lists hold and whether they are all of them.
func (b *bfs) price(c *canceler, limit int) (edges int, complete bool, err error) {
	d := b.depth()
	front := b.levels[d]
	if b.adj[d] == nil {
		if err := c.ctx.Err(); err != nil {
			return 0, false, err
		}
		b.adj[d] = make([][]Edge, 0, len(front))
	}
	edges = countEdges(b.adj[d])
	for i := len(b.adj[d]); i < len(front) && edges <= limit; i++ {
		if err := c.check(); err != nil {
			return 0, false, err
		}
		es := b.edges(front[i])
		if d == 0 && !b.backward {
			es = b.detour.leaving(es)
		}
		b.adj[d] = append(b.adj[d], es)
		edges += len(es)
	}
	return edges, len(b.adj[d]) == len(front), nil
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

func countEdges(lists [][]Edge) int {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	return n
}

// contact is an edge from a frontier node to a node another search has
// seen: where two searches meet.
type contact struct {
	near string // the frontier node
	e    Edge   // its edge, e.To seen by the other search
}

// grow visits the next level: the nodes one edge beyond the frontier that
// the search has not seen. It first collects every edge from the frontier
// to a node other (which may be nil) has seen; if there is one, the
// searches have met and the next level is left empty, else it is found.
// It costs the frontier's edges.
func (b *bfs) grow(c *canceler, other *bfs) ([]contact, error) {
	edges, err := b.frontierEdges(c)
	if err != nil {
		return nil, err
	}
	d := b.depth()
	var contacts []contact
	if other != nil {
		// Before the level is grown the searches share no node, so an
		// edge from this frontier can only reach the other's frontier.
		filter := other.frontierFilter()
		for i, n := range b.levels[d] {
			if err := c.check(); err != nil {
				return nil, err
			}
			for _, e := range b.adj[d][i] {
				if !filter.mayContain(e.To) {
					continue
				}
				if _, ok := other.dist[e.To]; ok && !b.detour.blocks(e, b.backward) {
					contacts = append(contacts, contact{near: n, e: e})
				}
			}
		}
	}
	var next []string
	if len(contacts) == 0 {
		if next, err = b.visit(c, edges); err != nil {
			return nil, err
		}
	}
	b.levels = append(b.levels, next)
	b.adj = append(b.adj, nil)
	b.filter = nil
	return contacts, nil
}

// visit records the unseen ends of the frontier's edges (there are at
// most edges of them) at the next distance and returns them.
func (b *bfs) visit(c *canceler, edges int) ([]string, error) {
	if edges > 2*len(b.dist) {
		// Size the map once rather than let it grow step by step.
		dist := make(map[string]int, len(b.dist)+edges)
		for n, d := range b.dist {
			dist[n] = d
		}
		b.dist = dist
	}
	d := b.depth()
	var next []string
	for i := range b.levels[d] {
		if err := c.check(); err != nil {
			return nil, err
		}
		for _, e := range b.adj[d][i] {
			if _, seen := b.dist[e.To]; !seen && !b.detour.blocks(e, b.backward) {
				b.dist[e.To] = d + 1
				next = append(next, e.To)
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

// idFilter is a one-hash Bloom filter of 4096 bits over node ids: a test
// cheaper than a map lookup (no full hash) that lets the searches skip
// most edges that cannot meet the other search. False positives cost a
// map lookup; there are no false negatives.
type idFilter [64]uint64

// idBits hashes an id's length and last eight bytes (ids tend to differ
// at the end) to 12 bits.
func idBits(id string) uint64 {
	x := uint64(len(id))
	for i := max(0, len(id)-8); i < len(id); i++ {
		x = x<<8 | uint64(id[i])
	}
	return (x * 0x9E3779B97F4A7C15) >> 52
}

func (f *idFilter) add(id string) {
	h := idBits(id)
	f[h>>6] |= 1 << (h & 63)
}

// mayContain reports false when id was certainly not added; a nil filter
// may contain anything.
func (f *idFilter) mayContain(id string) bool {
	if f == nil {
		return true
	}
	h := idBits(id)
	return f[h>>6]&(1<<(h&63)) != 0
}
