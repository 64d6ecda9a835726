package pathfind

// detour keeps a search from one start off some nodes and some of the
// start's edges, as Yen's algorithm needs for its spur searches, without
// copying the graph's edge lists. The searches mark the banned nodes as
// seen (see banned), and check the edges they read out of the start
// (bansLeaving) and backwards into it (blocksEdge). A nil detour blocks
// nothing.
type detour struct {
	start       int32
	bannedNodes []int32
	bannedEdges map[string]bool // ids of edges leaving start
	edgeFilter  idFilter        // the banned edges' ids: a cheap first test
	// special holds the nodes the banned edges lead to: bansLeaving
	// tests each of the start's arcs, thousands for a hub, against it
	// before anything dearer.
	special idFilter
}

// newDetour bans nodes and edges leaving start; targets lists the nodes
// the banned edges lead to.
func newDetour(start int32, bannedNodes []int32, bannedEdges map[string]bool, targets []int32) *detour {
	d := &detour{start: start, bannedNodes: bannedNodes, bannedEdges: bannedEdges}
	for id := range bannedEdges {
		d.edgeFilter.addBits(idBits(id))
	}
	for _, n := range targets {
		d.special.add(n)
	}
	return d
}

// bansEdge reports whether id is one of the banned edges.
func (d *detour) bansEdge(id string) bool {
	return d.edgeFilter.mayContainBits(idBits(id)) && d.bannedEdges[id]
}

// blocksEdge reports whether a search may not follow a because, read
// backward (a.To is where the edge starts), it is a banned edge leaving
// the start.
func (d *detour) blocksEdge(a Arc, backward bool) bool {
	return d != nil && backward && a.To == d.start && d.bansEdge(a.ID)
}

// bansLeaving reports whether a, an arc out of the start, is banned.
func (d *detour) bansLeaving(a Arc) bool {
	return d.special.mayContain(a.To) && d.bansEdge(a.ID)
}
