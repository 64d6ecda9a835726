// Lays out graphs off the page's main thread, so a big layout (1,000
// actors) never freezes panning, zooming or the side panel. It runs the
// same Cytoscape.js layouts on a headless instance and posts back the
// positions.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';

cytoscape.use(fcose);

// The layouts draw their random starts from Math.random. This worker does
// nothing else, so it reseeds Math.random before each run: the same graph
// is then laid out the same way every time, which keeps the picture stable
// for a user who re-opens a link and for the browser tests.
function seeded(seed) {
  return () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

self.onmessage = ({ data }) => {
  const { seq, elements, options } = data;
  try {
    const started = performance.now();
    Math.random = seeded(1);
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: [{ selector: 'node', style: { width: 22, height: 22 } }],
      elements,
    });
    // With animate off, both cose and fcose finish within run().
    cy.layout({ ...options, animate: false, fit: false }).run();
    const positions = {};
    cy.nodes().forEach((n) => {
      positions[n.id()] = n.position();
    });
    cy.destroy();
    self.postMessage({ seq, positions, ms: performance.now() - started });
  } catch (err) {
    self.postMessage({ seq, error: String(err?.stack ?? err) });
  }
};
