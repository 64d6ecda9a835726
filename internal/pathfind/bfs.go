package pathfind

import (
	"context"
	"errors"
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
// edges (a Graph's Forward or Backward).
type bfs struct {
	edges    func(node string) []Edge
	dist     map[string]int // every node seen, with its distance
	frontier []string       // the nodes at distance depth
	depth    int
}

func newBFS(start string, edges func(string) []Edge) *bfs {
	return &bfs{edges: edges, dist: map[string]int{start: 0}, frontier: []string{start}}
}

// exhausted reports whether the search has seen every node it can reach.
func (b *bfs) exhausted() bool { return len(b.frontier) == 0 }

// grow visits the next level: the nodes one edge beyond the frontier that
// the search has not seen. It returns those of them that appear in other
// (which may be nil). It costs the frontier's edges.
func (b *bfs) grow(c *canceler, other map[string]int) (met []string, err error) {
	if err := c.ctx.Err(); err != nil {
		return nil, err
	}
	b.depth++
	var next []string
	for _, n := range b.frontier {
		if err := c.check(); err != nil {
			return nil, err
		}
		for _, e := range b.edges(n) {
			if _, seen := b.dist[e.To]; seen {
				continue
			}
			b.dist[e.To] = b.depth
			next = append(next, e.To)
			if _, ok := other[e.To]; ok {
				met = append(met, e.To)
			}
		}
	}
	b.frontier = next
	return met, nil
}
