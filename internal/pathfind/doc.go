// Package pathfind holds pure graph algorithms over a small interface
// (Graph), so the embedded store, the Neo4j store and tests share them
// without any storage concern.
//
// # Paths
//
// A path is a list of Steps from a start node; each step names the edge
// taken and the node it reaches. Every path this package returns is simple
// (loopless): no node occurs twice, the start included. A search from a
// node to itself finds the one empty path. maxHops bounds the number of
// edges of every path; with maxHops < 1 only the empty path exists.
//
// # The path order
//
// Every function orders paths by one rule, so answers never depend on map
// or adjacency order and both stores return the same paths:
//
//  1. cost, the sum of the edges' Weight, lower first (CheapestPath only;
//     every other function ignores weights);
//  2. length, the number of edges, fewer first;
//  3. the steps read from the start, compared step by step, each step as
//     the pair (node id, edge id): the smaller node id first and, between
//     parallel edges to the same node, the smaller edge id. Ids compare as
//     Go strings (byte-wise).
//
// ComparePaths implements rules 2 and 3. ShortestPath and
// BidirectionalShortestPath return the first shortest path in this order,
// AllShortestPaths lists the shortest paths in it, SimplePaths yields every
// simple path in it, KShortestPaths returns its first k paths and
// CheapestPath the first path by cost, then length, then steps.
//
// # Graphs
//
// Graph.Backward must mirror Graph.Forward: an edge e from a to b appears
// in Forward(a) with To b exactly when it appears in Backward(b) with To a.
// The searches that work from both ends (BidirectionalShortestPath,
// ShortestPath, AllShortestPaths, KShortestPaths, CheapestPath, and
// SimplePaths for its pruning bound) rely on it.
//
// A Graph that also implements IndexedGraph numbers its nodes densely; the
// searches then keep their visited sets and distances in slices indexed
// by node number (reused across searches) rather than in maps keyed by
// string ids, which on large graphs is most of the cost of a search. The
// nodes of any other Graph are numbered as the search meets them, which
// costs a map lookup per edge read. Either way ids, not numbers, break
// ties, so the answers are the same.
//
// Every function checks ctx before it touches the graph and then
// periodically, and returns ctx.Err() when the context ends.
package pathfind
