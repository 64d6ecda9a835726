// The explorer at 1,000 actors: a synthetic subgraph, shaped like the API's
// answer, goes through the page's own drawing code (the test handle
// window.actorgraphExplorer), then the layout runs and a person pans and
// zooms. It checks that the layout completes and the page keeps drawing;
// the timings are reported, not judged (this machine is shared and draws
// without a GPU).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertClean, baseURL, openBrowser } from './browser.mjs';
import { syntheticSubgraph } from './synthetic.mjs';

const NODES = 1000;
const EXTRA_EDGES = 500;

describe('explorer at 1,000 actors', { timeout: 240_000 }, () => {
  let browser;
  let page;

  before(async () => {
    browser = await openBrowser();
    page = browser.page;
    await page.goto(`${baseURL}/explore`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
  });
  after(async () => {
    await browser?.close();
  });

  it('lays out the graph and stays responsive while panning and zooming', async (t) => {
    const sub = syntheticSubgraph(NODES, EXTRA_EDGES);
    const drawn = await page.evaluate(async (sub) => {
      const x = window.actorgraphExplorer;
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const t0 = performance.now();
      x.add(sub);
      await frame();
      const t1 = performance.now();

      // Frames drawn while the layout runs in its worker.
      const gaps = [];
      let last = performance.now();
      let running = true;
      const tick = () => {
        const now = performance.now();
        gaps.push(now - last);
        last = now;
        if (running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const layoutMs = await x.layout({ randomize: true });
      running = false;
      await frame();

      const cy = x.cy;
      const placed = cy.nodes().filter((n) => {
        const p = n.position();
        return Number.isFinite(p.x) && Number.isFinite(p.y) && n.visible();
      }).length;
      const spread = cy.nodes().boundingBox();
      return {
        addMs: Math.round(t1 - t0),
        layoutMs: Math.round(layoutMs),
        framesDuringLayout: gaps.length,
        longestFrameDuringLayoutMs: Math.round(Math.max(...gaps)),
        nodes: cy.nodes().length,
        edges: cy.edges().length,
        placed,
        width: Math.round(spread.w),
        height: Math.round(spread.h),
      };
    }, sub);
    t.diagnostic(`layout: ${JSON.stringify(drawn)}`);
    assert.equal(drawn.nodes, NODES);
    assert.equal(drawn.placed, NODES, 'every node has a position and is shown');
    assert.ok(drawn.width > 200 && drawn.height > 200, `the nodes are spread out (${drawn.width}×${drawn.height})`);

    // A person zooms in with the wheel and drags the canvas.
    await page.evaluate(() => {
      window.__gaps = [];
      let last = performance.now();
      const tick = () => {
        const now = performance.now();
        window.__gaps.push(now - last);
        last = now;
        if (!window.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const box = await page.locator('#graph').boundingBox();
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const started = Date.now();
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 8; i++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(40);
    }
    await page.mouse.down();
    for (let i = 1; i <= 30; i++) {
      await page.mouse.move(cx + i * 8, cy + i * 4);
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
    const gestureMs = Date.now() - started;
    const frames = await page.evaluate(() => {
      window.__stop = true;
      const g = window.__gaps.slice(1).sort((a, b) => a - b);
      const at = (q) => Math.round(g[Math.min(g.length - 1, Math.floor(g.length * q))]);
      return { frames: g.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: at(1) };
    });
    t.diagnostic(`pan and zoom over ${gestureMs} ms: ${JSON.stringify(frames)}`);
    assert.ok(frames.frames > 10, 'the page kept drawing while panned and zoomed');

    // Expanding a node of the big graph: 20 new neighbours are placed
    // around it at once, and the rest stays where it was.
    const grown = await page.evaluate(async () => {
      const x = window.actorgraphExplorer;
      const hub = 'synthetic-0';
      const nodes = Array.from({ length: 20 }, (_, i) => ({ id: `grown-${i}`, name: `New ${i}`, kind: 'OFFICIAL' }));
      const edges = nodes.map((n, i) => ({
        id: `grown-rel-${i}`, type: 'MET_WITH', source: hub, target: n.id, date: null, cameoCode: null,
        goldstein: null, quadClass: null, modality: 'ASSERTED', summary: null, evidence: [{ quote: 'q', source: 's' }],
      }));
      const before = x.cy.getElementById('synthetic-500').position();
      x.add({ nodes, edges });
      const ms = await x.layout({ randomize: false, fit: false });
      const after = x.cy.getElementById('synthetic-500').position();
      const placed = nodes.every((n) => x.cy.getElementById(n.id).visible());
      return { ms: Math.round(ms), placed, movedOther: Math.round(Math.hypot(after.x - before.x, after.y - before.y)) };
    });
    t.diagnostic(`expand at 1,000: ${JSON.stringify(grown)}`);
    assert.ok(grown.placed, 'the new neighbours are drawn');
    assert.equal(grown.movedOther, 0, 'the rest of the graph stays put');
    assertClean(browser.problems, assert);
  });
});
