// The graph explorer at /explore, used as a person would: search, click a
// node, click an edge, filter, find a path. Any console error, failed
// request or request to another host fails the test (browser.mjs).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { assertClean, baseURL, openBrowser } from './browser.mjs';

/** Waits until the explorer has no request or layout in flight. */
async function idle(page) {
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && !document.body.hasAttribute('data-busy'));
}

/**
 * The graph as the page draws it. Read after the next frame: right after a
 * filter changes classes, Cytoscape's visible() can still give an element's
 * display before the change (seen with the date filter, whose two inputs
 * change it twice in a row).
 */
function graphState(page) {
  return page.evaluate(async () => {
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const cy = window.actorgraphExplorer.cy;
    const shown = (el) => el.visible();
    return {
      nodes: cy.nodes().filter(shown).map((n) => ({ id: n.id(), name: n.data('name'), classes: n.classes() })),
      edges: cy.edges().filter(shown).map((e) => ({ id: e.id(), type: e.data('type'), date: e.data('date') ?? null })),
    };
  });
}

/**
 * Where on the page to click to hit one element: a node's centre, or an
 * edge's midpoint (one given edge, or any edge of edgeFrom), chosen among
 * those at least `clear` pixels from every other node so the click cannot
 * land on something else.
 */
function clickPoint(page, { node, edge, edgeFrom, clear = 24 }) {
  return page.evaluate(
    ({ node, edge, edgeFrom, clear }) => {
      const cy = window.actorgraphExplorer.cy;
      const box = cy.container().getBoundingClientRect();
      const inView = (p) => p.x > 10 && p.y > 10 && p.x < box.width - 10 && p.y < box.height - 10;
      const farFromNodes = (p, except) =>
        cy.nodes(':visible').every((n) => {
          if (except.includes(n.id())) return true;
          const q = n.renderedPosition();
          return Math.hypot(p.x - q.x, p.y - q.y) >= clear;
        });
      if (node) {
        const p = cy.getElementById(node).renderedPosition();
        return inView(p) && farFromNodes(p, [node]) ? { x: box.left + p.x, y: box.top + p.y, id: node } : null;
      }
      // An edge of edgeFrom whose midpoint is clear of nodes and of other
      // edges' midpoints (parallel relationships are drawn as a fan).
      const mids = cy.edges(':visible').map((e) => ({ e, p: e.renderedMidpoint() }));
      for (const { e, p } of mids) {
        if (edge ? e.id() !== edge : e.data('source') !== edgeFrom && e.data('target') !== edgeFrom) continue;
        if (!inView(p) || !farFromNodes(p, [])) continue;
        if (mids.some((m) => m.e !== e && Math.hypot(m.p.x - p.x, m.p.y - p.y) < 12)) continue;
        return { x: box.left + p.x, y: box.top + p.y, id: e.id() };
      }
      return null;
    },
    { node, edge, edgeFrom, clear },
  );
}

/**
 * clickPoint for one edge; when it is not clear of the rest (a fan of
 * parallel relationships drawn small), zooms to its two actors first, which
 * spreads the fan, and tries again.
 */
async function edgeClickPoint(page, edge) {
  const target = await clickPoint(page, { edge });
  if (target) return target;
  await page.evaluate((id) => {
    const cy = window.actorgraphExplorer.cy;
    cy.fit(cy.getElementById(id).connectedNodes(), 120);
  }, edge);
  return clickPoint(page, { edge });
}

/** Types into a picker and chooses the suggestion with that name. */
async function pick(page, input, typed, name) {
  await page.locator(input).fill(typed);
  const option = page.locator(`${input} ~ .suggestions li[role=option]`, { hasText: name });
  await option.first().click();
}

describe('explorer', { timeout: 180_000 }, () => {
  let browser;
  let page;

  before(async () => {
    browser = await openBrowser();
    page = browser.page;
    await page.goto(`${baseURL}/explore`);
    await idle(page);
  });
  after(async () => {
    await browser?.close();
  });

  it('finds Putin and draws his neighbourhood', async () => {
    await page.locator('#search').fill('Putin');
    await page.locator('#search-form .suggestions li[data-id="vladimir-putin"]').click();
    await page.waitForFunction(() => window.actorgraphExplorer.cy.nodes().length > 1);
    await idle(page);
    const g = await graphState(page);
    const putin = g.nodes.find((n) => n.id === 'vladimir-putin');
    assert.ok(putin, 'Putin is drawn');
    assert.ok(putin.classes.includes('seed') && putin.classes.includes('expanded'));
    assert.ok(g.nodes.some((n) => n.id === 'donald-trump'), 'Trump, who spoke with him, is drawn');
    assert.equal(await page.locator('#details .actor-name').innerText(), 'Vladimir Putin');
    assert.match(page.url(), /\?actor=vladimir-putin$/);
    assertClean(browser.problems, assert);
  });

  it('expands a neighbour when it is clicked', async () => {
    const before = await graphState(page);
    // Trump (who has many relationships of his own), or else any neighbour
    // drawn clear of the others.
    const candidates = ['donald-trump', ...before.nodes.map((n) => n.id).filter((id) => id !== 'vladimir-putin')];
    let target = null;
    for (const id of candidates) {
      target = await clickPoint(page, { node: id });
      if (target) break;
    }
    assert.ok(target, 'a neighbour is drawn clear of other nodes');
    const name = before.nodes.find((n) => n.id === target.id).name;
    await page.mouse.click(target.x, target.y);
    await page.waitForFunction((id) => window.actorgraphExplorer.cy.getElementById(id).hasClass('expanded'), target.id);
    await idle(page);
    const g = await graphState(page);
    assert.ok(g.nodes.length > before.nodes.length, `expanding ${name} adds actors (${before.nodes.length} → ${g.nodes.length})`);
    assert.equal(await page.locator('#details .actor-name').innerText(), name);
    assertClean(browser.problems, assert);
  });

  it('shows an edge\'s type, date, CAMEO code, Goldstein score and quotes when it is clicked', async () => {
    const target = await clickPoint(page, { edgeFrom: 'vladimir-putin' });
    assert.ok(target, 'an edge of Putin is drawn clear of other elements');
    await page.mouse.click(target.x, target.y);
    const rel = await page.evaluate((id) => window.actorgraphExplorer.cy.getElementById(id).data(), target.id);
    const details = await page.locator('#details').innerText();
    for (const label of ['Type', 'Date', 'CAMEO code', 'Goldstein', 'Evidence']) {
      assert.ok(details.includes(label), `details lack ${label}:\n${details}`);
    }
    assert.ok(details.includes(rel.type), `details name the type ${rel.type}`);
    assert.ok(rel.evidence.length > 0);
    for (const ev of rel.evidence) assert.ok(details.includes(ev.quote), `details quote "${ev.quote}"`);
    assertClean(browser.problems, assert);
  });

  it('filters by relationship type and by date', async () => {
    await page.locator('#types-none').click();
    await page.locator('#type-list label', { hasText: /^spoke with$/ }).locator('input').check();
    let g = await graphState(page);
    assert.ok(g.edges.length > 0, 'some conversations are drawn');
    assert.deepEqual([...new Set(g.edges.map((e) => e.type))], ['SPOKE_WITH']);

    await page.locator('#types-all').click();
    await page.locator('#since').fill('2025-05-19');
    await page.locator('#until').fill('2025-05-19');
    g = await graphState(page);
    assert.ok(g.edges.length > 0, 'something happened on 19 May');
    assert.ok(g.edges.every((e) => e.date === '2025-05-19'), JSON.stringify(g.edges));

    await page.locator('#since').fill('');
    await page.locator('#until').fill('');
    g = await graphState(page);
    assert.ok(g.edges.some((e) => e.date === null), 'undated relationships are back');
    assertClean(browser.problems, assert);
  });

  it('narrows the drawn graph to the timeline\'s window, and plays it through time', async () => {
    const all = await graphState(page);
    const bars = await page.locator('#timeline .bar').count();
    assert.ok(bars > 1, `the histogram has bars for more than one day (${bars})`);
    const svg = await page.locator('#timeline svg').boundingBox();
    const hi = await page.locator('#timeline .handle[data-handle="hi"]').boundingBox();
    // Drag the right handle to a third of the way: only the earliest days.
    await page.mouse.move(hi.x + hi.width / 2, hi.y + hi.height / 2);
    await page.mouse.down();
    await page.mouse.move(svg.x + svg.width * 0.33, svg.y + svg.height / 2, { steps: 5 });
    await page.mouse.up();
    const until = await page.locator('#until').inputValue();
    assert.match(until, /^\d{4}-\d{2}-\d{2}$/, 'the window drives the date filter');
    let g = await graphState(page);
    assert.ok(g.edges.length > 0 && g.edges.length < all.edges.length, `fewer edges drawn: ${all.edges.length} → ${g.edges.length}`);
    assert.ok(g.edges.every((e) => e.date && e.date <= until), JSON.stringify(g.edges));
    assert.match(await page.locator('#timeline .label').innerText(), /of \d+ dated/);

    // Play: the window steps forward through time.
    await page.locator('#timeline .play').click();
    const since0 = await page.locator('#since').inputValue();
    await page.waitForFunction((s) => document.querySelector('#since').value > s, since0);
    await page.locator('#timeline .play').click(); // pause
    g = await graphState(page);
    const since = await page.locator('#since').inputValue();
    const until1 = await page.locator('#until').inputValue();
    assert.ok(since > since0, `the window moved: ${since0} → ${since}`);
    assert.ok(g.edges.every((e) => e.date && e.date >= since && e.date <= until1), JSON.stringify(g.edges));

    await page.locator('#since').fill('');
    await page.locator('#until').fill('');
    g = await graphState(page);
    assert.equal(g.edges.length, all.edges.length, 'clearing the dates draws everything again');
    assertClean(browser.problems, assert);
  });

  it('exports the drawing as PNG and SVG, and the shown graph as GraphML', async () => {
    const download = async (format) => {
      await page.locator('#export-menu summary').click();
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`#export-menu button[data-format="${format}"]`).click()]);
      await idle(page);
      return { name: dl.suggestedFilename(), body: await readFile(await dl.path()) };
    };
    const png = await download('png');
    assert.equal(png.name, 'actorgraph-explorer.png');
    assert.ok(png.body.length > 1000, `PNG of ${png.body.length} bytes`);
    assert.deepEqual([...png.body.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG signature');

    const shown = await graphState(page);
    const svg = await download('svg');
    assert.equal(svg.name, 'actorgraph-explorer.svg');
    const svgText = svg.body.toString('utf8');
    assert.match(svgText, /^<\?xml[^]*<svg /);
    assert.equal((svgText.match(/<circle /g) ?? []).length, shown.nodes.length, 'one circle per drawn actor');

    const graphml = await download('graphml');
    assert.equal(graphml.name, 'actorgraph-graphml.graphml');
    const xml = graphml.body.toString('utf8');
    assert.match(xml, /<graphml/);
    const edgeIds = [...xml.matchAll(/<edge\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]).sort();
    assert.deepEqual(edgeIds, shown.edges.map((e) => e.id).sort(), 'the GraphML holds exactly the drawn relationships');
    for (const n of shown.nodes) assert.ok(xml.includes(`<node id="${n.id}"`), `the GraphML holds ${n.id}`);
    assertClean(browser.problems, assert);
  });

  it('finds the path Stubb → Putin: two hops, each with its evidence, highlighted', async () => {
    await pick(page, '#path-from-input', 'Stubb', 'Alexander Stubb');
    await pick(page, '#path-to-input', 'Putin', 'Vladimir Putin');
    await page.locator('#path-run').click();
    const result = page.locator('#path-result .path').first();
    await result.waitFor();
    await idle(page);
    assert.equal(await result.getAttribute('data-length'), '2');
    const heading = await result.locator('h3').innerText();
    assert.match(heading, /2 hops: Alexander Stubb → .+ → Vladimir Putin/);
    const steps = result.locator('li.step');
    assert.equal(await steps.count(), 2);
    for (let i = 0; i < 2; i++) {
      // Quotes, or a coded event's description where imported data gives
      // the step (the ci.sh store holds GDELT and ICEWS events too).
      const evidence = await steps.nth(i).locator('.quotes > li').allInnerTexts();
      assert.ok(evidence.length > 0 && evidence.every((q) => q.length > 10), `step ${i + 1} has evidence: ${evidence}`);
    }
    const onPath = await page.evaluate(() => window.actorgraphExplorer.cy.$('.on-path').map((el) => el.id()));
    assert.equal(onPath.length, 5, `3 actors and 2 relationships highlighted: ${onPath}`);
    assert.ok(onPath.includes('alexander-stubb') && onPath.includes('vladimir-putin'));

    if (process.env.EXPLORER_SCREENSHOT) {
      await page.screenshot({ path: process.env.EXPLORER_SCREENSHOT });
    }
    assertClean(browser.problems, assert);
  });

  it('lists the k shortest paths when the server has kShortestPaths', async (t) => {
    const choice = page.locator('#path-k-wrap');
    if (await choice.isHidden()) {
      t.skip('this server has no kShortestPaths query');
      return;
    }
    await page.locator('#path-k').selectOption('3');
    await page.locator('#path-run').click();
    await page.waitForFunction(() => document.querySelectorAll('#path-result .path').length > 1);
    await idle(page);
    const paths = page.locator('#path-result .path');
    const lengths = (await paths.evaluateAll((ps) => ps.map((p) => Number(p.dataset.length))));
    assert.ok(lengths.length >= 2 && lengths.length <= 3, `lengths ${lengths}`);
    assert.equal(lengths[0], 2);
    assert.deepEqual([...lengths].sort((a, b) => a - b), lengths, 'shorter paths first');
    for (let i = 0; i < lengths.length; i++) {
      assert.equal(await paths.nth(i).locator('li.step').count(), lengths[i]);
      const steps = paths.nth(i).locator('li.step');
      for (let j = 0; j < lengths[i]; j++) {
        assert.ok((await steps.nth(j).locator('.quotes > li').count()) > 0, `path ${i + 1} step ${j + 1} has evidence`);
      }
    }
    // Choosing the second path highlights it instead of the first.
    await paths.nth(1).locator('h3').click();
    const onPath = await page.evaluate(() => window.actorgraphExplorer.cy.$('.on-path').length);
    assert.equal(onPath, 2 * lengths[1] + 1);
    await page.locator('#path-k').selectOption('1');
    assertClean(browser.problems, assert);
  });

  it('applies the date filter to the path search', async () => {
    // Stubb's call with Trump is undated in the article, so a window that
    // starts on 19 May leaves every path from Stubb without it.
    const before = await page.locator('#path-result').innerText();
    assert.match(before, /undated/, 'the previous answer used the undated call');
    await page.locator('#since').fill('2025-05-19');
    await page.locator('#path-run').click();
    await page.waitForFunction((old) => {
      const r = document.querySelector('#path-result');
      return r && r.innerText !== old && /No path|hops?:/.test(r.innerText);
    }, before);
    await idle(page);
    const text = await page.locator('#path-result').innerText();
    assert.ok(!/undated/.test(text), `a path step outside the date window: ${text}`);
    assert.ok(/No path from Alexander Stubb to Vladimir Putin/.test(text) || /hops?:/.test(text), text);
    await page.locator('#since').fill('');
    assertClean(browser.problems, assert);
  });

  // ci.sh imports a GDELT 2.0 export and an ICEWS file
  // (internal/importer/testdata/resolution) over the article, so curated
  // actors have source names joined to them and the coded events have
  // mentions.
  it('shows how an actor was resolved: rule, dictionary entry, source names', async () => {
    // Lavrov comes only from GDELT: a dictionary actor.
    await pick(page, '#search', 'Lavrov', 'Sergey Lavrov');
    await page.waitForFunction(() => document.querySelector('#details .actor-name')?.innerText === 'Sergey Lavrov');
    await idle(page);
    let res = page.locator('#details .resolution');
    let text = await res.innerText();
    assert.match(text, /Rule\s+DICTIONARY/, text);
    assert.match(text, /Dictionary entry\s+\S+:\d+ SERGEY_LAVROV_/, text);
    assert.match(text, /Mention count\s+[1-9]/, text);
    let names = await res.locator('.source-names li').allInnerTexts();
    assert.ok(names.some((n) => n.startsWith('SERGEI LAVROV · GDELT · RUSGOV · DICTIONARY')), names.join('\n'));

    // Putin is curated, and GDELT's and ICEWS's names for him joined him.
    await pick(page, '#search', 'Putin', 'Vladimir Putin');
    await page.waitForFunction(() => document.querySelector('#details .actor-name')?.innerText === 'Vladimir Putin');
    await idle(page);
    res = page.locator('#details .resolution');
    text = await res.innerText();
    assert.match(text, /Rule\s+CURATED/, text);
    assert.ok(!text.includes('Dictionary entry'), text);
    assert.match(text, /Sources \(\d+\)/, text);
    names = await res.locator('.source-names li').allInnerTexts();
    for (const want of ['VLADIMIR PUTIN · GDELT · RUSGOV · STORED_NAME', 'PUTIN · GDELT · RUSGOV · STORED_NAME', 'Vladimir Putin · ICEWS · STORED_NAME']) {
      assert.ok(names.includes(want), `Sources lack "${want}":\n${names.join('\n')}`);
    }
    assert.equal(new Set(names).size, names.length, `a source name is listed twice:\n${names.join('\n')}`);
    assert.ok(names.length <= 21, 'at most 20 names and a "+N more" line');
    // The rule's meaning, from the schema, is its tooltip.
    assert.match(await res.locator('.rule').first().getAttribute('title'), /curated/i);
    assertClean(browser.problems, assert);
  });

  it('shows what the source said about each end of a coded event', async () => {
    // Trump → Putin as GDELT coded it: GDELT wrote PUTIN, which matched the
    // curated actor's name.
    const target = await edgeClickPoint(page, 'gdelt-1300000002');
    assert.ok(target, 'the GDELT call Trump → Putin is drawn clear of other elements');
    await page.mouse.click(target.x, target.y);
    await page.locator('#details .mentions').waitFor();
    assert.match(await page.locator('#details .edge-title').innerText(), /^Donald Trump\s+SPOKE_WITH\s+Vladimir Putin$/);
    const to = await page.locator('#details .mention[data-end="to"]').innerText();
    assert.match(to, /To Vladimir Putin as PUTIN · GDELT/, to);
    assert.match(to, /Code\s+RUSGOV/, to);
    assert.match(to, /Roles\s+GOV/, to);
    assert.match(to, /Rule\s+STORED_NAME/, to);
    const from = await page.locator('#details .mention[data-end="from"]').innerText();
    assert.match(from, /From Donald Trump as DONALD TRUMP · GDELT/, from);
    assert.match(from, /Code\s+USAGOV/, from);

    // A curated relationship (the article's) has none.
    const curated = await page.evaluate(() =>
      window.actorgraphExplorer.cy
        .getElementById('vladimir-putin')
        .connectedEdges(':visible')
        .filter((e) => !e.data('fromMention') && !e.data('toMention'))
        .map((e) => e.id()),
    );
    let point = null;
    for (const id of curated) {
      point = await clickPoint(page, { edge: id });
      if (point) break;
    }
    assert.ok(point, `one of Putin's curated relationships is drawn clear of other elements: ${curated}`);
    await page.mouse.click(point.x, point.y);
    await page.locator('#details .mentions').waitFor({ state: 'detached' });
    assert.ok((await page.locator('#details').innerText()).includes('Evidence'));
    assertClean(browser.problems, assert);
  });

  it('labels background evidence as such, not as a quote', async () => {
    await page.goto(`${baseURL}/explore?actor=holy-see`);
    await page.waitForFunction(() => window.actorgraphExplorer.cy.getElementById('pope-leo-xiv-leads-holy-see').length > 0);
    await idle(page);
    const target = await clickPoint(page, { edge: 'pope-leo-xiv-leads-holy-see' });
    assert.ok(target, 'the Pope–Holy See edge is drawn clear of other elements');
    await page.mouse.click(target.x, target.y);
    const item = page.locator('#details .quotes > li[data-kind="BACKGROUND"]');
    await item.first().waitFor();
    assert.match(await item.first().innerText(), /^Background \(not in the source\): /);
    assert.equal(await item.locator('blockquote.quote').count(), 0, 'background evidence is not shown as a quote');
    assertClean(browser.problems, assert);
  });
});

// The toggle that draws the server's aggregated edges (one per dyad and
// direction) instead of the relationships, on a hub the CI store gives
// parallel relationships (the article plus the GDELT and ICEWS fixtures).
// EXPLORER_AGGREGATED_SCREENSHOTS=<dir> saves the hub before and after as
// <dir>/explorer-hub-plain.png and <dir>/explorer-hub-aggregated.png.
describe('explorer: aggregate parallel edges', { timeout: 180_000 }, () => {
  const hub = 'vladimir-putin';
  const shots = process.env.EXPLORER_AGGREGATED_SCREENSHOTS;
  let browser;
  let page;

  before(async () => {
    browser = await openBrowser();
    page = browser.page;
    await page.goto(`${baseURL}/explore?actor=${hub}`);
    await page.waitForFunction(() => window.actorgraphExplorer.cy.nodes().length > 1);
    await idle(page);
  });
  after(async () => {
    await browser?.close();
  });

  /** The shown edges: id, ends, whether aggregated, and an aggregated edge's count. */
  function edges() {
    return page.evaluate(async () => {
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      return window.actorgraphExplorer.cy
        .edges()
        .filter((e) => e.visible())
        .map((e) => ({ id: e.id(), source: e.data('source'), target: e.data('target'), agg: e.hasClass('agg'), count: e.data('count') ?? null }));
    });
  }

  it('draws one edge per pair and direction, counting the relationships drawn before, and restores them when off', async () => {
    const plain = await edges();
    assert.ok(plain.length > 0 && plain.every((e) => !e.agg), 'the relationships are drawn');
    const pairs = new Map();
    for (const e of plain) pairs.set(`${e.source}>${e.target}`, (pairs.get(`${e.source}>${e.target}`) ?? 0) + 1);
    assert.ok(pairs.size < plain.length, `${hub} has parallel relationships in the CI store`);
    if (shots) await page.screenshot({ path: `${shots}/explorer-hub-plain.png` });

    await page.locator('#aggregate').check();
    await page.waitForFunction(() => window.actorgraphExplorer.cy.edges('.agg').length > 0);
    await idle(page);
    const agg = await edges();
    assert.ok(agg.length > 0 && agg.every((e) => e.agg), 'only aggregated edges are drawn');
    assert.ok(agg.length <= plain.length, `fewer or as many edges (${plain.length} → ${agg.length})`);
    assert.equal(agg.length, pairs.size, 'one edge per pair and direction');
    for (const e of agg) {
      assert.equal(e.count, pairs.get(`${e.source}>${e.target}`), `${e.id} counts the relationships drawn from ${e.source} to ${e.target}`);
    }
    assert.match(await page.locator('#status').innerText(), new RegExp(`${agg.length} aggregated edges`));
    assert.match(await page.locator('#timeline .label').innerText(), /Timeline off while parallel edges are aggregated/);
    assert.ok(await page.locator('#timeline .play').isDisabled(), 'the timeline cannot play');

    // Clicking the widest edge shows its counts by type, dates, Goldstein
    // scores and evidence, and pages its relationships.
    const widest = agg.reduce((a, b) => (b.count > a.count ? b : a));
    const target = await edgeClickPoint(page, widest.id);
    assert.ok(target, 'the widest aggregated edge is clear of the rest');
    await page.mouse.click(target.x, target.y);
    await page.locator('#details .agg-title').waitFor();
    const details = await page.locator('#details').innerText();
    assert.match(details, new RegExp(`Relationships\\s+${widest.count}\\b`));
    assert.match(details, /First date/);
    assert.match(details, /Goldstein sum/);
    assert.match(details, /Representative evidence/);
    const typeCounts = await page.locator('#details .agg-types li').allInnerTexts();
    const total = typeCounts.reduce((n, t) => n + Number(t.trim().split(/\s+/).pop()), 0);
    assert.equal(total, widest.count, 'the counts by type add up to the count');
    await page.locator('#agg-more').click();
    await page.waitForFunction(() => document.querySelectorAll('#details .agg-relationships li').length > 0);
    assert.equal(await page.locator('#details .agg-relationships li').count(), Math.min(widest.count, 20));
    await idle(page);
    if (shots) {
      await page.evaluate(() => window.actorgraphExplorer.cy.$(':selected').unselect());
      await page.screenshot({ path: `${shots}/explorer-hub-aggregated.png` });
    }

    await page.locator('#aggregate').uncheck();
    await idle(page);
    const back = await edges();
    assert.deepEqual(
      back.map((e) => e.id).sort(),
      plain.map((e) => e.id).sort(),
      'turning it off draws the same relationships again',
    );
    assert.equal(await page.evaluate(() => window.actorgraphExplorer.cy.edges('.agg').length), 0);
    assert.equal(await page.locator('#timeline').getAttribute('data-disabled'), null, 'the timeline is back');
    assert.ok(!(await page.locator('#timeline .play').isDisabled()), 'and can play');
    assertClean(browser.problems, assert);
  });

  it('exports the aggregated drawing, and the relationships its edges stand for', async () => {
    await page.locator('#aggregate').check();
    await page.waitForFunction(() => window.actorgraphExplorer.cy.edges('.agg').length > 0);
    await idle(page);
    const agg = await edges();
    const download = async (format) => {
      await page.locator('#export-menu summary').click();
      assert.ok(await page.locator('#export-menu .agg-note').isVisible(), 'the menu says what the data formats hold');
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`#export-menu button[data-format="${format}"]`).click()]);
      await idle(page);
      return (await readFile(await dl.path())).toString('utf8');
    };
    const svg = await download('svg');
    assert.equal((svg.match(/<title>\d+ relationships \(/g) ?? []).length, agg.length, 'one path per aggregated edge, titled with its count');
    const graphml = await download('graphml');
    const relationships = [...graphml.matchAll(/<edge\b/g)].length;
    assert.equal(relationships, agg.reduce((n, e) => n + e.count, 0), 'the GraphML holds the relationships the edges count');
    await page.locator('#aggregate').uncheck();
    await idle(page);
    assertClean(browser.problems, assert);
  });
});
