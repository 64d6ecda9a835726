package pathfind

// detour keeps a search from one start off some nodes and some of the
// start's edges, as Yen's algorithm needs for its spur searches, without
// copying the graph's edge lists: the searches ask blocks where they read
// an edge that could lead somewhere banned. A nil detour blocks nothing.
type detour struct {
	start       string
	bannedNodes map[string]bool
	bannedEdges map[string]bool // ids of edges leaving start
	special     idFilter        // the banned nodes and start: a cheap first test
	edgeFilter  idFilter        // the banned edges' ids, likewise
}

func newDetour(start string, bannedNodes, bannedEdges map[string]bool) *detour {
	d := &detour{start: start, bannedNodes: bannedNodes, bannedEdges: bannedEdges}
	d.special.add(start)
	for n := range bannedNodes {
		d.special.add(n)
	}
	for id := range bannedEdges {
		d.edgeFilter.add(id)
	}
	return d
}

// blocks reports whether a search may not follow e: e leads to a banned
// node, or, read backward (e.To is where the edge starts), e is a banned
// edge leaving the start.
func (d *detour) blocks(e Edge, backward bool) bool {
	if d == nil || !d.special.mayContain(e.To) {
		return false
	}
	return d.bannedNodes[e.To] || (backward && e.To == d.start && d.bannedEdges[e.ID])
}

// leaving returns the start's forward edges es without the banned ones,
// copying only when it drops one (the graph's slices are never modified).
func (d *detour) leaving(es []Edge) []Edge {
	if d == nil {
		return es
	}
	var out []Edge
	for i, e := range es {
		drop := (d.edgeFilter.mayContain(e.ID) && d.bannedEdges[e.ID]) ||
			(d.special.mayContain(e.To) && d.bannedNodes[e.To])
		switch {
		case drop && out == nil:
			out = append(make([]Edge, 0, len(es)-1), es[:i]...)
		case !drop && out != nil:
			out = append(out, e)
		}
	}
	if out == nil {
		return es
	}
	return out
}
