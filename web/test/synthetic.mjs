// A synthetic subgraph shaped like the API's neighborhood answer, for the
// 1,000-node test: a random tree (so it is connected) plus extra edges,
// seeded so every run draws the same graph.
const KINDS = ['LEADER', 'GOVERNMENT', 'MEDIATOR', 'OFFICIAL', 'JOURNALIST', 'ORGANIZATION', 'GROUP'];
const TYPES = ['SPOKE_WITH', 'MET_WITH', 'NEGOTIATED_WITH', 'PROPOSED', 'URGED', 'ACCUSED', 'SUPPORTED'];

function rng(seed) {
  // mulberry32
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticSubgraph(nodeCount = 1000, extraEdges = 500, seed = 42) {
  const rand = rng(seed);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const nodes = [];
  for (let i = 0; i < nodeCount; i++) {
    nodes.push({ id: `synthetic-${i}`, name: `Actor ${i}`, kind: pick(KINDS), title: null, country: null });
  }
  const edges = [];
  const edge = (a, b) => {
    const g = Math.round((rand() * 20 - 10) * 10) / 10;
    const day = 1 + Math.floor(rand() * 28);
    edges.push({
      id: `synthetic-rel-${edges.length}`,
      type: pick(TYPES),
      source: nodes[a].id,
      target: nodes[b].id,
      date: `2025-05-${String(day).padStart(2, '0')}`,
      cameoCode: '040',
      goldstein: g,
      quadClass: g >= 0 ? 1 : 3,
      modality: 'ASSERTED',
      summary: null,
      evidence: [{ quote: `synthetic quote ${edges.length}`, source: 'synthetic' }],
    });
  };
  for (let i = 1; i < nodeCount; i++) edge(i, Math.floor(rand() * i));
  for (let k = 0; k < extraEdges; k++) {
    const a = Math.floor(rand() * nodeCount);
    const b = Math.floor(rand() * nodeCount);
    if (a !== b) edge(a, b);
  }
  return { nodes, edges };
}
