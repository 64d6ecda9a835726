package pathfind

import (
	"strings"
	"sync"
)

// Arc is an edge of an IndexedGraph: like Edge, but the node it leads to
// is given by its number.
type Arc struct {
	ID string // the edge (relationship) id
	// Weight is the cost of taking the arc, as Edge.Weight.
	Weight int64
	To     int32 // the number of the node the arc leads to
}

// IndexedGraph is a Graph that also numbers its nodes densely, from 0 up
// to NodeCount()-1, and gives each node's edges as Arcs. The searches
// detect it and run their inner loops on node numbers, keeping visited
// sets and distances in slices instead of maps keyed by string ids, which
// on large graphs is most of the cost of a search; ids are looked up only
// where paths are compared (ids, not numbers, decide the path order, so
// the numbering may be arbitrary) and in the answers.
//
// ForwardArcs(n) must list the edges of Forward(NodeID(n)), and
// BackwardArcs those of Backward. NodeIndex may be false only for nodes
// without edges (the searches give such an end a number of their own).
// The numbering must not change during a search.
type IndexedGraph interface {
	Graph
	// NodeCount bounds the node numbers: each is below it.
	NodeCount() int
	// NodeIndex returns a node's number.
	NodeIndex(id string) (n int32, ok bool)
	// NodeID returns the id of a node number.
	NodeID(n int32) string
	ForwardArcs(n int32) []Arc
	BackwardArcs(n int32) []Arc
}

// graph is what the searches work on: an IndexedGraph (the caller's, or an
// interner numbering a plain Graph's nodes as the search meets them), plus
// numbers for search ends the IndexedGraph does not know.
type graph struct {
	ix IndexedGraph
	// extra names the nodes numbered from extraBase up: ends without edges.
	extra     []string
	extraBase int32
}

// newGraph wraps g for a search.
func newGraph(g Graph) *graph {
	if ix, ok := g.(IndexedGraph); ok {
		return &graph{ix: ix, extraBase: -1}
	}
	return &graph{ix: newInterner(g), extraBase: -1}
}

// index returns the number of a node, numbering it when g does not know it.
func (g *graph) index(id string) int32 {
	if n, ok := g.ix.NodeIndex(id); ok {
		return n
	}
	for i, x := range g.extra {
		if x == id {
			return g.extraBase + int32(i)
		}
	}
	if g.extraBase < 0 {
		g.extraBase = int32(g.ix.NodeCount())
	}
	g.extra = append(g.extra, id)
	return g.extraBase + int32(len(g.extra)-1)
}

// count bounds the node numbers known so far (an interner's grows).
func (g *graph) count() int { return g.ix.NodeCount() + len(g.extra) }

func (g *graph) isExtra(n int32) bool { return g.extraBase >= 0 && n >= g.extraBase }

// name returns a node's id.
func (g *graph) name(n int32) string {
	if g.isExtra(n) {
		return g.extra[n-g.extraBase]
	}
	return g.ix.NodeID(n)
}

func (g *graph) forward(n int32) []Arc {
	if g.isExtra(n) {
		return nil
	}
	return g.ix.ForwardArcs(n)
}

func (g *graph) backward(n int32) []Arc {
	if g.isExtra(n) {
		return nil
	}
	return g.ix.BackwardArcs(n)
}

// arcs returns forward or backward.
func (g *graph) arcs(backward bool) func(int32) []Arc {
	if backward {
		return g.backward
	}
	return g.forward
}

// degree returns a function that counts a node's arcs without converting
// them, for an interner; nil for an IndexedGraph, whose arcs cost nothing
// to fetch.
func (g *graph) degree(backward bool) func(int32) int {
	in, ok := g.ix.(*interner)
	if !ok {
		return nil
	}
	return func(n int32) int {
		if g.isExtra(n) {
			return 0
		}
		return len(in.edges(n, backward))
	}
}

// interner returns g's interner, nil when g is an IndexedGraph.
func (g *graph) interner() *interner {
	in, _ := g.ix.(*interner)
	return in
}

// degreeOf returns how many arcs a node has, converting none for an
// interner.
func (g *graph) degreeOf(n int32, backward bool) int {
	if deg := g.degree(backward); deg != nil {
		return deg(n)
	}
	return len(g.arcs(backward)(n))
}

// step turns an arc into a path step.
func (g *graph) step(a Arc) Step { return Step{Edge: a.ID, Node: g.name(a.To)} }

// compareArcs orders two arcs as steps of a path: by the id of the node
// they reach, then by edge id.
func (g *graph) compareArcs(a, b Arc) int {
	if a.To == b.To {
		return strings.Compare(a.ID, b.ID)
	}
	return compareStep(g.name(a.To), a.ID, g.name(b.To), b.ID)
}

// interner numbers a plain Graph's nodes in the order the search meets
// them, and keeps each node's edges, and once converted its arcs, so a
// search asks the graph for a node's edges at most once per direction.
// Converting costs a map lookup per edge, so the searches count edges
// (degree) where they only need the number.
type interner struct {
	g     Graph
	ids   map[string]int32
	names []string
	// lists holds the edges of the nodes whose edges were asked for, a
	// few of the nodes numbered (those met as neighbours are numbered).
	lists map[int32]*internedLists
}

// internedLists is one node's edges and, once converted, arcs, per
// direction (0 forward, 1 backward).
type internedLists struct {
	edges   [2][]Edge
	arcs    [2][]Arc
	fetched [2]bool
	arced   [2]bool
}

func newInterner(g Graph) *interner {
	return &interner{g: g, ids: map[string]int32{}, lists: map[int32]*internedLists{}}
}

func (in *interner) Forward(id string) []Edge  { return in.g.Forward(id) }
func (in *interner) Backward(id string) []Edge { return in.g.Backward(id) }
func (in *interner) NodeCount() int            { return len(in.names) }
func (in *interner) NodeID(n int32) string     { return in.names[n] }

func (in *interner) NodeIndex(id string) (int32, bool) {
	if n, ok := in.ids[id]; ok {
		return n, true
	}
	n := int32(len(in.names))
	in.ids[id] = n
	in.names = append(in.names, id)
	return n, true
}

func (in *interner) ForwardArcs(n int32) []Arc  { return in.arcs(n, false) }
func (in *interner) BackwardArcs(n int32) []Arc { return in.arcs(n, true) }

func (in *interner) listsOf(n int32) *internedLists {
	l := in.lists[n]
	if l == nil {
		l = new(internedLists)
		in.lists[n] = l
	}
	return l
}

// edges returns a node's edges, fetched once.
func (in *interner) edges(n int32, backward bool) []Edge {
	l, dir := in.listsOf(n), 0
	if backward {
		dir = 1
	}
	if !l.fetched[dir] {
		if backward {
			l.edges[dir] = in.g.Backward(in.names[n])
		} else {
			l.edges[dir] = in.g.Forward(in.names[n])
		}
		l.fetched[dir] = true
	}
	return l.edges[dir]
}

func (in *interner) arcs(n int32, backward bool) []Arc {
	l, dir := in.listsOf(n), 0
	if backward {
		dir = 1
	}
	if l.arced[dir] {
		return l.arcs[dir]
	}
	es := in.edges(n, backward)
	var arcs []Arc
	if len(es) > 0 {
		arcs = make([]Arc, len(es))
		for i, e := range es {
			to, _ := in.NodeIndex(e.To)
			arcs[i] = Arc{ID: e.ID, Weight: e.Weight, To: to}
		}
	}
	l.arcs[dir], l.arced[dir] = arcs, true
	return arcs
}

// nodeMap maps node numbers to int32 values, in a slice stamped with an
// epoch so that it can be emptied in O(1) and reused across searches
// (through nodeMaps) without clearing its memory.
type nodeMap struct {
	slots []nodeSlot
	epoch uint32
}

type nodeSlot struct {
	epoch uint32
	val   int32
}

// nodeMaps recycles nodeMaps: a search on a large graph needs a couple of
// slices as long as the graph has nodes, too costly to allocate each time.
var nodeMaps = sync.Pool{New: func() any { return new(nodeMap) }}

// getNodeMap returns an empty nodeMap with room for n nodes.
func getNodeMap(n int) *nodeMap {
	m := nodeMaps.Get().(*nodeMap)
	m.epoch++
	if m.epoch == 0 { // wrapped: old stamps could look current
		clear(m.slots)
		m.epoch = 1
	}
	if len(m.slots) < n {
		m.slots = make([]nodeSlot, n)
	}
	return m
}

// release returns m to the pool; m must not be used afterwards.
func (m *nodeMap) release() {
	if m != nil {
		nodeMaps.Put(m)
	}
}

func (m *nodeMap) get(n int32) (int32, bool) {
	if int(n) < len(m.slots) {
		if s := m.slots[n]; s.epoch == m.epoch {
			return s.val, true
		}
	}
	return 0, false
}

func (m *nodeMap) has(n int32) bool {
	return int(n) < len(m.slots) && m.slots[n].epoch == m.epoch
}

func (m *nodeMap) set(n int32, v int32) {
	if int(n) >= len(m.slots) {
		m.grow(int(n) + 1)
	}
	m.slots[n] = nodeSlot{epoch: m.epoch, val: v}
}

// grow makes room for n nodes (an interner numbers nodes as the search
// meets them), keeping the entries.
func (m *nodeMap) grow(n int) {
	slots := make([]nodeSlot, max(n, 2*len(m.slots), 64))
	copy(slots, m.slots)
	m.slots = slots
}
