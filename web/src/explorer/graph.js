// The drawing: a Cytoscape.js instance, its style, and the operations the
// page needs (merge a subgraph, filter, lay out, highlight a path).
import cytoscape from 'cytoscape';

/** Colours by actor kind (also drawn in the legend). */
export const KIND_COLORS = {
  LEADER: '#d97706',
  GOVERNMENT: '#2563eb',
  MEDIATOR: '#7c3aed',
  OFFICIAL: '#0891b2',
  JOURNALIST: '#db2777',
  ORGANIZATION: '#475569',
  GROUP: '#92400e',
};

/** Colours by Goldstein score: cooperation above 0, conflict below. */
export const TONE_COLORS = {
  cooperation: '#16a34a',
  conflict: '#dc2626',
  neutral: '#9ca3af',
};

/** tone classifies a relationship by its Goldstein score. */
export function tone(goldstein) {
  if (goldstein == null || goldstein === 0) return 'neutral';
  return goldstein > 0 ? 'cooperation' : 'conflict';
}

// Above this many edges, edges are drawn straight (haystack) rather than
// as bundled curves.
const BIG = 400;
// Above this many nodes, the layout is fCoSE (see layoutOptions).
const BIG_LAYOUT = 200;

const style = [
  {
    selector: 'node',
    style: {
      'background-color': '#94a3b8',
      label: 'data(name)',
      'font-size': 11,
      'font-family': 'system-ui, sans-serif',
      color: '#111827',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'ellipsis',
      'text-max-width': '110px',
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
      'min-zoomed-font-size': 7,
      width: 22,
      height: 22,
      'border-width': 0,
      'border-color': '#111827',
    },
  },
  ...Object.entries(KIND_COLORS).map(([kind, color]) => ({
    selector: `node[kind = "${kind}"]`,
    style: { 'background-color': color },
  })),
  { selector: 'node.expanded', style: { width: 28, height: 28, 'border-width': 2, 'border-color': '#ffffff' } },
  { selector: 'node.seed', style: { 'border-width': 3, 'border-color': '#111827' } },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111827', 'z-index': 20 } },
  {
    selector: 'edge',
    style: {
      width: 2,
      'curve-style': 'bezier',
      'line-color': TONE_COLORS.neutral,
      'target-arrow-color': TONE_COLORS.neutral,
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      opacity: 0.85,
    },
  },
  ...Object.entries(TONE_COLORS).map(([t, color]) => ({
    selector: `edge.${t}`,
    style: { 'line-color': color, 'target-arrow-color': color },
  })),
  { selector: 'edge.modal', style: { 'line-style': 'dashed' } },
  { selector: 'edge:selected', style: { width: 5, opacity: 1, 'z-index': 20 } },
  // An aggregated edge (the server's, one per dyad and direction): as wide
  // as log2 of its count allows, with the count as its label.
  {
    selector: 'edge.agg',
    style: {
      width: 'data(width)',
      label: 'data(label)',
      'font-size': 10,
      'font-family': 'system-ui, sans-serif',
      color: '#111827',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': 1,
      'text-background-shape': 'roundrectangle',
      'min-zoomed-font-size': 6,
    },
  },
  {
    selector: 'edge.agg:selected',
    style: { width: 'data(width)', 'underlay-color': '#111827', 'underlay-opacity': 0.3, 'underlay-padding': 3 },
  },
  { selector: '.filtered, .pending', style: { display: 'none' } },
  { selector: '.faded', style: { opacity: 0.22 } },
  { selector: 'node.on-path', style: { 'border-width': 4, 'border-color': '#111827', 'z-index': 30, opacity: 1 } },
  { selector: 'edge.on-path', style: { width: 6, opacity: 1, 'z-index': 30 } },
];

const bigStyle = [{ selector: 'edge', style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none' } }];

const MAX_FIT_ZOOM = 1.5;

/**
 * layoutOptions: the tuned CoSE for small graphs (it spreads parallel
 * relationships well), fCoSE for big ones (a spectral start, then its
 * force-directed phase: seconds, not minutes, at 1,000 actors).
 */
export function layoutOptions(n, randomize) {
  if (n <= 1) return { name: 'grid' };
  if (n <= BIG_LAYOUT) {
    return {
      name: 'cose',
      randomize,
      nodeRepulsion: 400000,
      idealEdgeLength: 100,
      edgeElasticity: 100,
      nodeOverlap: 20,
      gravity: 80,
      componentSpacing: 100,
      numIter: 1000,
      initialTemp: 200,
      coolingFactor: 0.95,
      minTemp: 1,
    };
  }
  return { name: 'fcose', quality: 'default', randomize, nodeRepulsion: 6000, idealEdgeLength: 60 };
}

/** LayoutWorker runs layouts in layout.worker.js and hands back positions. */
class LayoutWorker {
  constructor() {
    this.pending = new Map();
    this.worker = new Worker(new URL('layout.worker.js', import.meta.url), { name: 'layout' });
    this.worker.onmessage = ({ data }) => {
      const p = this.pending.get(data.seq);
      if (!p) return;
      this.pending.delete(data.seq);
      if (data.error) p.reject(new Error(`layout failed: ${data.error}`));
      else p.resolve(data.positions);
    };
  }

  /** Resolves with positions by node id; null for a request superseded by a newer one. */
  run(seq, elements, options) {
    for (const [old, p] of this.pending) {
      if (old < seq) {
        this.pending.delete(old);
        p.resolve(null);
      }
    }
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.worker.postMessage({ seq, elements, options });
    });
  }
}

/** aggWidth: an aggregated edge's width, growing with log2 of its count. */
export function aggWidth(count) {
  return Math.min(16, 2 + 2.5 * Math.log2(Math.max(1, count)));
}

/** Graph wraps the Cytoscape instance. */
export class Graph {
  constructor(container) {
    this.cy = cytoscape({
      container,
      style,
      minZoom: 0.05,
      maxZoom: 4,
      wheelSensitivity: 0.4,
      selectionType: 'single',
      boxSelectionEnabled: false,
    });
    this.big = false;
    this.layoutSeq = 0;
    this.layouts = new LayoutWorker();
  }

  /** Adds the nodes and edges not drawn yet; returns the added elements. */
  add({ nodes = [], edges = [], aggregatedEdges = [] }, near) {
    const cy = this.cy;
    const center = near && cy.getElementById(near).nonempty() ? cy.getElementById(near).position() : null;
    const fresh = [];
    for (const n of nodes) {
      if (cy.getElementById(n.id).nonempty()) continue;
      const el = { group: 'nodes', data: { id: n.id, name: n.name, kind: n.kind, title: n.title ?? '' } };
      // New neighbours start on a spiral around the node they were reached
      // from, so an incremental layout keeps the rest of the picture.
      if (center) {
        const k = fresh.length + 1;
        const a = k * 2.39996; // the golden angle
        const r = 40 + 12 * Math.sqrt(k);
        el.position = { x: center.x + r * Math.cos(a), y: center.y + r * Math.sin(a) };
      }
      fresh.push(el);
    }
    for (const e of edges) {
      if (cy.getElementById(e.id).nonempty()) continue;
      fresh.push({
        group: 'edges',
        data: { ...e },
        classes: [tone(e.goldstein), e.modality && e.modality !== 'ASSERTED' ? 'modal' : ''].join(' ').trim(),
      });
    }
    for (const e of aggregatedEdges) {
      if (cy.getElementById(e.id).nonempty()) continue;
      fresh.push({
        group: 'edges',
        data: { ...e, typeNames: e.types.map((t) => t.type), width: aggWidth(e.count), label: String(e.count) },
        classes: `agg ${tone(e.goldsteinAvg)}`,
      });
    }
    // New elements stay hidden until the next layout places them, so the
    // page does not first draw them piled up at the origin.
    const added = cy.add(fresh).addClass('pending');
    this.adaptToSize();
    return added;
  }

  /** Switches to cheaper edge drawing when the graph grows large. */
  adaptToSize() {
    const big = this.cy.edges().length > BIG;
    if (big === this.big) return;
    this.big = big;
    this.cy.style().fromJson(big ? [...style, ...bigStyle] : style).update();
    // While the user pans or zooms a big graph, draw a cached texture of it
    // instead of every element. Cytoscape takes this option only at start;
    // its canvas renderer reads the field on each gesture (3.35, pinned).
    const r = this.cy.renderer();
    if (r && 'textureOnViewport' in r) r.textureOnViewport = big;
  }

  /** Removes the aggregated edges. */
  removeAggregated() {
    this.cy.edges('.agg').remove();
    this.adaptToSize();
  }

  clear() {
    this.cy.elements().remove();
    this.adaptToSize();
  }

  /**
   * Shows the edges whose type is in types and whose date lies in
   * [since, until] (undated edges are hidden when a bound is set, as the API
   * does), and the nodes with a shown edge or marked seed. With aggregate,
   * the aggregated edges are drawn instead of the relationships: those with
   * a checked type among theirs, and, when a bound is set, dates
   * [firstDate, lastDate] meeting the window.
   */
  filter({ types, since, until, aggregate = false }) {
    const cy = this.cy;
    cy.batch(() => {
      cy.edges().forEach((e) => {
        const agg = e.hasClass('agg');
        let show;
        if (agg) {
          show = aggregate && e.data('typeNames').some((t) => types.has(t));
          const first = e.data('firstDate');
          const last = e.data('lastDate');
          if (show && (since || until)) show = !!first && (!since || last >= since) && (!until || first <= until);
        } else {
          const d = e.data('date');
          show = (!aggregate || e.hasClass('on-path')) && types.has(e.data('type'));
          if (show && (since || until)) show = !!d && (!since || d >= since) && (!until || d <= until);
        }
        e.toggleClass('filtered', !show);
      });
      cy.nodes().forEach((n) => {
        const shown = n.hasClass('seed') || n.hasClass('on-path') || n.connectedEdges().some((e) => !e.hasClass('filtered'));
        n.toggleClass('filtered', !shown);
      });
    });
  }

  /**
   * Lays out the shown elements in the layout worker and resolves with the
   * milliseconds it took, or null when a newer layout superseded this one.
   * randomize=false starts from the current positions.
   */
  async layout({ randomize = false, fit = true } = {}) {
    const cy = this.cy;
    const shown = cy.elements().not('.filtered');
    const nodes = shown.nodes();
    const seq = ++this.layoutSeq;
    const started = performance.now();
    const elements = [
      ...nodes.map((n) => ({ group: 'nodes', data: { id: n.id() }, position: { ...n.position() } })),
      ...shown.edges().map((e) => ({ group: 'edges', data: { id: e.id(), source: e.data('source'), target: e.data('target') } })),
    ];
    // When a big graph grows, its new nodes stay where add() put them, on
    // a spiral around the node they came from, and nothing else moves: a
    // global re-layout would take seconds and lose the user's bearings
    // (the Re-layout button does one on demand).
    if (!randomize && nodes.length > BIG_LAYOUT) {
      cy.elements('.pending').removeClass('pending');
      return performance.now() - started;
    }
    let positions;
    try {
      positions = await this.layouts.run(seq, elements, layoutOptions(nodes.length, randomize));
    } catch (err) {
      cy.elements('.pending').removeClass('pending'); // drawn where they are
      throw err;
    }
    if (seq !== this.layoutSeq || !positions) return null;
    cy.batch(() => {
      nodes.forEach((n) => {
        const p = positions[n.id()];
        if (p) n.position(p);
      });
      cy.elements('.pending').removeClass('pending');
    });
    if (fit) this.fit();
    return performance.now() - started;
  }

  /** Highlights a path's nodes and edges and fades the rest. */
  highlight(path) {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().removeClass('on-path faded');
      if (!path) return;
      const ids = new Set([...path.nodes.map((n) => n.id), ...path.relationships.map((r) => r.id)]);
      cy.elements().forEach((el) => {
        el.toggleClass('on-path', ids.has(el.id()));
        el.toggleClass('faded', !ids.has(el.id()));
      });
    });
  }

  /**
   * Zooms to the given elements (ids), or to everything shown, but not so
   * close that a handful of nodes fill the screen.
   */
  fit(ids) {
    const cy = this.cy;
    const eles = ids ? cy.collection(ids.map((id) => cy.getElementById(id))) : cy.elements().not('.filtered');
    if (eles.empty()) return;
    cy.fit(eles, 50);
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center(eles);
    }
  }

  counts() {
    const shown = this.cy.elements().not('.filtered');
    return { nodes: shown.nodes().length, edges: shown.edges().length };
  }
}
