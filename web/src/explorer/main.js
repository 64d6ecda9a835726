// The graph explorer: search an actor, draw its neighbourhood, expand nodes,
// read an edge's evidence, filter, and find the path between two actors.
// Everything comes from the public GraphQL API (api.js).
import './explorer.css';
import { actorDetails, aggregatedNeighborhood, capabilities, findPaths, neighborhood, searchActors } from './api.js';
import { exportRequest, fetchExport, image, save, svgDocument } from './export.js';
import { Graph, KIND_COLORS, TONE_COLORS, tone } from './graph.js';
import { Timeline } from './timeline.js';

const $ = (sel) => document.querySelector(sel);

/** h builds an element; strings become text nodes, never HTML. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const graph = new Graph($('#graph'));
const cy = graph.cy;
const state = {
  types: new Set(), // checked relationship types
  allTypes: [],
  since: '',
  until: '',
  expanded: new Set(),
  path: null,
  kShortest: null, // set when the server has kShortestPaths
  rules: new Map(), // resolution rule → what it means (from the schema)
  aggregate: false, // draw the server's aggregated edges instead of the relationships
};

// ---- status ----------------------------------------------------------------

let busy = 0;
let lastError = ''; // shown until the next action starts
function status(extra = '') {
  const { nodes, edges } = graph.counts();
  const parts = [`${nodes} actors · ${edges} ${state.aggregate ? 'aggregated edges' : 'relationships'}`];
  if (busy) parts.push('loading…');
  if (extra) parts.push(extra);
  if (lastError) parts.push(lastError);
  $('#status').textContent = parts.join(' · ');
  $('#hint').hidden = cy.nodes().length > 0;
  document.body.toggleAttribute('data-busy', busy > 0);
}

async function withBusy(fn) {
  busy++;
  lastError = '';
  status();
  try {
    return await fn();
  } catch (err) {
    showError(err);
    return undefined;
  } finally {
    busy--;
    status();
  }
}

function showError(err) {
  // Shown, not thrown: a failed request is the user's to retry.
  lastError = `error: ${err.message}`;
  status();
  console.warn('actorgraph explorer:', err);
}

// ---- drawing ----------------------------------------------------------------

async function relayout(opts) {
  const ms = await graph.layout(opts);
  if (ms == null) return; // a newer layout is on its way
  status(`layout ${Math.round(ms)} ms`);
}

/** Draws an actor's neighbourhood, from scratch or added to the graph. */
async function show(id, { fresh = false } = {}) {
  await withBusy(async () => {
    // The relationships are always fetched, so turning aggregation off
    // draws them without asking again.
    const [sub, agg] = await Promise.all([neighborhood(id), state.aggregate ? aggregatedNeighborhood(id) : null]);
    if (fresh) {
      graph.clear();
      state.expanded.clear();
      setPath(null);
    }
    graph.add(sub, fresh ? null : id);
    if (agg) graph.add(agg, fresh ? null : id);
    state.expanded.add(id);
    const node = cy.getElementById(id);
    node.addClass('expanded');
    if (fresh) node.addClass('seed');
    applyFilters();
    await relayout({ randomize: fresh });
    if (state.path) graph.highlight(state.path);
    if (fresh) history.replaceState(null, '', `?actor=${encodeURIComponent(id)}`);
    cy.$(':selected').unselect();
    node.select();
    await showActor(id);
  });
}

// ---- details panel ----------------------------------------------------------

function field(label, value) {
  if (value == null || value === '' || (Array.isArray(value) && !value.length)) return null;
  return [h('dt', {}, label), h('dd', {}, Array.isArray(value) ? value.join(', ') : value)];
}

/** A resolution rule, with what it means as its tooltip. */
function rule(name) {
  if (!name) return null;
  return h('span', { class: 'rule', title: state.rules.get(name) ?? null }, name);
}

// The Sources list shows this many names; the rest are counted.
const MAX_SOURCE_NAMES = 20;
// The server keeps at most this many names per actor (Resolution.names).
const SERVER_MAX_NAMES = 100;

/**
 * The distinct source names, in the server's order (source, name, code).
 * The API leaves out what else may tell two apart (the roles given with
 * the name), so the same line would show twice.
 */
function sourceNames(names) {
  const seen = new Set();
  return names.filter((n) => {
    const key = [n.source, n.name, n.code ?? '', n.rule ?? ''].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * How an actor was made (rule, dictionary entry, resolver key, candidates),
 * the ids merged into it, its mention count, and the source names joined
 * to it: the first MAX_SOURCE_NAMES, then a count of the rest.
 */
function resolution(res) {
  if (!res) return null;
  const names = sourceNames(res.names ?? []);
  const shown = names.slice(0, MAX_SOURCE_NAMES);
  const more = names.length - shown.length;
  const capped = (res.names?.length ?? 0) >= SERVER_MAX_NAMES;
  return h(
    'div',
    { class: 'resolution' },
    h('h4', {}, 'Resolution'),
    h(
      'dl',
      {},
      field('Rule', rule(res.rule)),
      field('Dictionary entry', res.entry),
      field('Key', res.key),
      field('Candidates', res.candidates),
      field('Merged ids', res.merged),
      field('Mention count', String(res.mentionCount)),
    ),
    names.length
      ? [
          h('h4', {}, `Sources (${names.length}${capped ? '+' : ''})`),
          h(
            'ul',
            { class: 'source-names' },
            shown.map((n) =>
              h(
                'li',
                { 'data-source': n.source },
                h('span', { class: 'source-name' }, n.name),
                h('span', { class: 'muted' }, ` · ${n.source}`, n.code ? ` · ${n.code}` : null, n.rule ? ' · ' : null, rule(n.rule)),
              ),
            ),
            more > 0 || capped
              ? h('li', { class: 'muted more' }, `+${more} more`, capped ? ` (the server keeps the first ${SERVER_MAX_NAMES})` : null)
              : null,
          ),
        ]
      : null,
  );
}

/** What a source said about one end of a relationship; null for curated data. */
function mention(end, actorId, m) {
  if (!m) return null;
  return h(
    'div',
    { class: 'mention', 'data-end': end },
    h(
      'p',
      { class: 'mention-head' },
      h('span', { class: 'muted' }, `${end === 'from' ? 'From' : 'To'} ${actorId ? nameOf(actorId) : 'unknown'} as `),
      h('span', { class: 'source-name' }, m.name ?? '(no name)'),
      h('span', { class: 'muted' }, ` · ${m.source}`),
    ),
    h(
      'dl',
      {},
      field('Code', m.code),
      field('Country', m.country),
      field('Roles', m.roles),
      field('Known group', m.knownGroup),
      field('Ethnic', m.ethnic),
      field('Religions', m.religions),
      field('Sectors', m.sectors),
      field('Rule', rule(m.rule)),
      field('Dictionary entry', m.entry),
    ),
  );
}

function setDetails(...children) {
  $('#details-body').replaceChildren(...children.flat().filter(Boolean));
}

async function showActor(id) {
  const a = await actorDetails(id);
  if (!a) return;
  const node = cy.getElementById(id);
  setDetails(
    h('h3', { class: 'actor-name' }, h('span', { class: 'swatch', style: `background:${KIND_COLORS[a.kind] ?? '#94a3b8'}` }), a.name),
    h(
      'dl',
      {},
      field('Kind', a.kind.toLowerCase()),
      field('Title', a.title),
      field('Country', a.country),
      field('Also known as', a.aliases),
      field('CAMEO actor code', a.cameoCode),
      field('Wikidata', a.wikidataId),
      field('Relationships drawn', String(node.connectedEdges().not('.agg').length)),
    ),
    a.description ? h('p', {}, a.description) : null,
    h(
      'div',
      { class: 'actions' },
      state.expanded.has(id) ? null : h('button', { type: 'button', onclick: () => show(id) }, 'Expand'),
      h('button', { type: 'button', class: 'quiet', onclick: () => pickers.from.set(a) }, 'Path from here'),
      h('button', { type: 'button', class: 'quiet', onclick: () => pickers.to.set(a) }, 'Path to here'),
    ),
    resolution(a.resolution),
  );
}

function nameOf(id) {
  const n = cy.getElementById(id);
  return n.nonempty() ? n.data('name') : id;
}

function toneLabel(g) {
  if (g == null) return 'none (structural)';
  return `${g > 0 ? '+' : ''}${g} (${tone(g)})`;
}

// Evidence items: a verbatim quote in quotation marks; a coded event's
// description and a background fact (from a reference, not the source)
// labelled as what they are, never dressed as quotes.
const EVIDENCE_LABELS = { CODED_EVENT: 'Coded event', BACKGROUND: 'Background (not in the source)' };

function quotes(evidence) {
  return h(
    'ul',
    { class: 'quotes' },
    evidence.map((ev) =>
      h(
        'li',
        { 'data-kind': ev.kind },
        ev.kind === 'QUOTE'
          ? h('blockquote', { class: 'quote' }, `“${ev.quote}”`)
          : h('p', { class: 'evidence-note' }, h('span', { class: 'evidence-kind' }, `${EVIDENCE_LABELS[ev.kind] ?? ev.kind}: `), ev.quote),
        h('cite', {}, ev.source),
      ),
    ),
  );
}

function showEdge(rel) {
  setDetails(
    h(
      'h3',
      { class: 'edge-title' },
      nameOf(rel.source),
      h('span', { class: `rel-type ${tone(rel.goldstein)}` }, ` ${rel.type} `),
      nameOf(rel.target),
    ),
    h(
      'dl',
      {},
      field('Type', rel.type),
      field('Date', rel.date ?? 'undated'),
      field('CAMEO code', rel.cameoCode ?? 'none'),
      field('Goldstein', toneLabel(rel.goldstein)),
      field('QuadClass', rel.quadClass == null ? null : String(rel.quadClass)),
      field('Modality', rel.modality?.toLowerCase()),
    ),
    rel.summary ? h('p', {}, rel.summary) : null,
    rel.fromMention || rel.toMention
      ? h(
          'div',
          { class: 'mentions' },
          h('h4', {}, 'Mentions'),
          mention('from', rel.source, rel.fromMention),
          mention('to', rel.target, rel.toMention),
        )
      : null,
    h('h4', {}, `Evidence (${rel.evidence.length})`),
    quotes(rel.evidence),
  );
}

/**
 * An aggregated edge: how many relationships it stands for, by type, their
 * dates, Goldstein sum and mean, the representative evidence, and a button
 * that lists the relationships themselves, 20 at a time. They are the
 * neighbourhood's relationships from source to target, which the page
 * always fetches with it (the API pages an aggregated edge's relationships
 * only inside a whole neighbourhood, over its complexity limit).
 */
function showAggregatedEdge(e) {
  const PAGE = 20;
  const list = h('ol', { class: 'agg-relationships' });
  const rels = cy
    .edges()
    .not('.agg')
    .filter((r) => r.data('source') === e.source && r.data('target') === e.target)
    .map((r) => r.data())
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const more = h('button', { type: 'button', class: 'quiet', id: 'agg-more' }, `List the ${rels.length} relationships`);
  more.hidden = !rels.length;
  more.addEventListener('click', () => {
    const start = list.children.length;
    for (const rel of rels.slice(start, start + PAGE)) {
      list.append(
        h(
          'li',
          { class: `step ${tone(rel.goldstein)}`, 'data-rel': rel.id, title: 'Show this relationship', onclick: () => showEdge(rel) },
          `${rel.type} · ${rel.date ?? 'undated'}${rel.cameoCode ? ` · CAMEO ${rel.cameoCode}` : ''}`,
        ),
      );
    }
    more.textContent = 'More';
    more.hidden = list.children.length >= rels.length;
  });
  const num = (x) => (x == null ? null : String(Math.round(x * 100) / 100));
  setDetails(
    h(
      'h3',
      { class: 'edge-title agg-title' },
      nameOf(e.source),
      h('span', { class: `rel-type ${tone(e.goldsteinAvg)}` }, ` → `),
      nameOf(e.target),
    ),
    h(
      'dl',
      {},
      field('Relationships', String(e.count)),
      field('First date', e.firstDate ?? 'undated'),
      field('Last date', e.lastDate ?? 'undated'),
      field('Goldstein sum', num(e.goldsteinSum) ?? 'none'),
      field('Goldstein mean', e.goldsteinAvg == null ? 'none' : toneLabel(Math.round(e.goldsteinAvg * 100) / 100)),
    ),
    h('h4', {}, 'By type'),
    h(
      'ul',
      { class: 'agg-types' },
      e.types.map((t) => h('li', { 'data-type': t.type }, h('span', { class: 'rel-type' }, t.type), ` ${t.count}`)),
    ),
    h('h4', {}, 'Representative evidence'),
    e.evidence ? quotes([e.evidence]) : h('p', { class: 'muted' }, 'none'),
    h('div', { class: 'actions' }, more),
    list,
  );
}

// A click on a node expands it (and then shows it), or shows it when it is
// expanded already.
cy.on('tap', 'node', (evt) => {
  const id = evt.target.id();
  if (state.expanded.has(id)) withBusy(() => showActor(id));
  else show(id);
});
cy.on('tap', 'edge', (evt) => (evt.target.hasClass('agg') ? showAggregatedEdge(evt.target.data()) : showEdge(evt.target.data())));

// ---- actor pickers (search box, path ends) ----------------------------------

/** Picker is a text box with search suggestions; it remembers the pick. */
class Picker {
  constructor(root, onPick) {
    this.input = root.querySelector('input');
    this.list = root.querySelector('.suggestions');
    this.onPick = onPick;
    this.actor = null;
    this.active = -1;
    this.seq = 0;
    let timer;
    this.input.addEventListener('input', () => {
      this.actor = null;
      clearTimeout(timer);
      timer = setTimeout(() => this.suggest(), 150);
    });
    this.input.addEventListener('keydown', (e) => this.key(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  async suggest() {
    const text = this.input.value.trim();
    const seq = ++this.seq;
    if (!text) return this.close();
    let found;
    try {
      found = await searchActors(text);
    } catch (err) {
      showError(err);
      return;
    }
    // A newer keystroke, or a pick, won; and a box left alone stays closed.
    if (seq !== this.seq || this.actor || document.activeElement !== this.input) return;
    this.items = found;
    this.active = found.length ? 0 : -1;
    this.list.replaceChildren(
      ...(found.length
        ? found.map((a, i) =>
            h(
              'li',
              { role: 'option', 'data-id': a.id, class: i === 0 ? 'active' : null, onmousedown: (e) => (e.preventDefault(), this.pick(a)) },
              h('span', { class: 'swatch', style: `background:${KIND_COLORS[a.kind] ?? '#94a3b8'}` }),
              a.name,
              a.title ? h('span', { class: 'muted' }, ` — ${a.title}`) : null,
            ),
          )
        : [h('li', { class: 'muted' }, 'No actor matches')]),
    );
    this.list.hidden = false;
  }

  key(e) {
    const n = this.items?.length ?? 0;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!n || this.list.hidden) return;
      e.preventDefault();
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      [...this.list.children].forEach((li, i) => li.classList.toggle('active', i === this.active));
    } else if (e.key === 'Escape') {
      this.close();
    } else if (e.key === 'Enter' && !this.list.hidden && this.active >= 0 && n) {
      e.preventDefault();
      this.pick(this.items[this.active]);
    }
  }

  set(actor) {
    this.seq++; // drops suggestions still on their way
    this.actor = actor;
    this.input.value = actor.name;
    this.close();
  }

  pick(actor) {
    this.set(actor);
    this.onPick?.(actor);
  }

  close() {
    this.list.hidden = true;
  }

  /** The picked actor, or the best match for the text typed. */
  async resolve() {
    if (this.actor) return this.actor;
    const text = this.input.value.trim();
    if (!text) return null;
    const [best] = await searchActors(text, 1);
    if (best) this.set(best);
    return best ?? null;
  }
}

const pickers = {
  search: new Picker($('#search-form'), (a) => show(a.id, { fresh: true })),
  from: new Picker($('#path-from')),
  to: new Picker($('#path-to')),
};

$('#search-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const a = await withBusy(() => pickers.search.resolve());
  if (a) show(a.id, { fresh: true });
  else if (a === null && pickers.search.input.value.trim()) status('no actor matches');
});

$('#clear').addEventListener('click', () => {
  graph.clear();
  state.expanded.clear();
  setPath(null);
  setDetails(h('p', { class: 'muted' }, 'Click a node or an edge.'));
  history.replaceState(null, '', location.pathname);
  timeline.stop();
  applyFilters();
});
$('#relayout').addEventListener('click', () => withBusy(() => relayout({ randomize: true })));

// ---- filters ----------------------------------------------------------------

// Why the timeline is off while aggregated edges are drawn.
const TIMELINE_OFF = 'Timeline off while parallel edges are aggregated: an aggregated edge has a first and a last date, not one. The date filter keeps the edges whose span meets it.';

function applyFilters() {
  graph.filter({ types: state.types, since: state.since, until: state.until, aggregate: state.aggregate });
  // The timeline counts the relationships of the checked types, whatever
  // their date: its window is the date filter.
  const dates = cy
    .edges()
    .not('.agg')
    .filter((e) => state.types.has(e.data('type')))
    .map((e) => e.data('date') ?? null);
  timeline.update(dates, state.since, state.until);
  timeline.disable(state.aggregate ? TIMELINE_OFF : '');
  status();
}

/** Sets the date filter (from the timeline, or the date inputs). */
function setDates(since, until) {
  state.since = since;
  state.until = until;
  $('#since').value = since;
  $('#until').value = until;
  graph.filter({ types: state.types, since, until, aggregate: state.aggregate });
  timeline.setWindow(since, until);
  status();
}

const timeline = new Timeline($('#timeline'), setDates);

async function setUpFilters() {
  const caps = await capabilities();
  const values = caps.relationshipTypes;
  state.kShortest = caps.kShortest;
  state.rules = new Map(caps.resolutionRules.map((r) => [r.name, r.description ?? '']));
  $('#path-k-wrap').hidden = !caps.kShortest;
  state.allTypes = values.map((v) => v.name);
  state.types = new Set(state.allTypes);
  $('#type-list').replaceChildren(
    ...values.map((v) =>
      h(
        'label',
        { title: v.description ?? '' },
        h('input', {
          type: 'checkbox',
          value: v.name,
          checked: true,
          onchange: (e) => {
            if (e.target.checked) state.types.add(v.name);
            else state.types.delete(v.name);
            applyFilters();
          },
        }),
        v.name.toLowerCase().replaceAll('_', ' '),
      ),
    ),
  );
}

function setAllTypes(on) {
  state.types = new Set(on ? state.allTypes : []);
  for (const box of document.querySelectorAll('#type-list input')) box.checked = on;
  applyFilters();
}
$('#types-all').addEventListener('click', () => setAllTypes(true));
$('#types-none').addEventListener('click', () => setAllTypes(false));
for (const [id, key] of [
  ['#since', 'since'],
  ['#until', 'until'],
]) {
  $(id).addEventListener('change', (e) => {
    timeline.stop();
    state[key] = e.target.value;
    applyFilters();
  });
}

// ---- aggregation --------------------------------------------------------------

/**
 * Turns aggregation on (the expanded actors' neighbourhoods drawn with the
 * server's aggregated edges, where the actors already are) or off (the
 * aggregated edges removed, the relationships drawn again).
 */
async function setAggregate(on) {
  state.aggregate = on;
  $('#aggregate').checked = on;
  document.body.toggleAttribute('data-aggregate', on);
  if (!on) {
    graph.removeAggregated();
    applyFilters();
    return;
  }
  await withBusy(async () => {
    const ids = [...state.expanded];
    const subs = await Promise.all(ids.map((id) => aggregatedNeighborhood(id)));
    if (!state.aggregate) return; // turned off meanwhile
    const truncated = new Set();
    subs.forEach((sub, i) => {
      graph.add(sub, ids[i]);
      for (const t of sub.truncatedBy ?? []) truncated.add(t);
    });
    cy.elements('.pending').removeClass('pending');
    applyFilters();
    if (state.path) graph.highlight(state.path);
    if (truncated.size) status(`truncated by ${[...truncated].join(', ')}`);
  });
}

$('#aggregate').addEventListener('change', (e) => setAggregate(e.target.checked));

// ---- export -----------------------------------------------------------------

const IMAGE_NAMES = { png: 'actorgraph-explorer.png', jpg: 'actorgraph-explorer.jpg', svg: 'actorgraph-explorer.svg' };

async function exportShown(format) {
  const shown = cy.elements().not('.filtered');
  if (shown.empty()) {
    status('nothing drawn to export');
    return;
  }
  if (format === 'png' || format === 'jpg') {
    save(await image(cy, format), IMAGE_NAMES[format]);
  } else if (format === 'svg') {
    save(new Blob([svgDocument(cy)], { type: 'image/svg+xml' }), IMAGE_NAMES.svg);
  } else {
    const request = exportRequest({
      actors: shown.nodes().map((n) => n.id()),
      expanded: [...state.expanded].filter((id) => cy.getElementById(id).nonempty()),
      types: state.types.size === state.allTypes.length ? null : [...state.types],
      since: state.since,
      until: state.until,
    });
    const { blob, name } = await fetchExport(format, request);
    save(blob, name);
  }
  status(`exported ${format}`);
}

for (const button of document.querySelectorAll('#export-menu button[data-format]')) {
  button.addEventListener('click', () => {
    $('#export-menu').open = false;
    withBusy(() => exportShown(button.dataset.format));
  });
}

// ---- legend -----------------------------------------------------------------

function setUpLegend() {
  $('#legend-kinds').replaceChildren(
    ...Object.entries(KIND_COLORS).map(([kind, color]) =>
      h('li', {}, h('span', { class: 'swatch', style: `background:${color}` }), kind.toLowerCase()),
    ),
  );
  const toneText = { cooperation: 'cooperation (Goldstein > 0)', conflict: 'conflict (Goldstein < 0)', neutral: 'structural or neutral' };
  $('#legend-tones').replaceChildren(
    ...Object.entries(TONE_COLORS).map(([t, color]) => h('li', {}, h('span', { class: 'line', style: `background:${color}` }), toneText[t])),
  );
}

// ---- path finder ------------------------------------------------------------

function setPath(path) {
  state.path = path;
  graph.highlight(path);
  if (!path) $('#path-result').replaceChildren();
}

function renderPaths(paths, from, to) {
  if (!paths.length) {
    $('#path-result').replaceChildren(h('p', { class: 'muted' }, `No path from ${from.name} to ${to.name} within the hop limit.`));
    return;
  }
  $('#path-result').replaceChildren(
    ...paths.map((p, i) =>
      h(
        'div',
        { class: 'path', 'data-length': p.length },
        h(
          'h3',
          paths.length > 1 ? { class: 'path-pick', title: 'Highlight this path', onclick: () => setPath(p) } : {},
          paths.length > 1 ? `Path ${i + 1}: ` : '',
          `${p.length} ${p.length === 1 ? 'hop' : 'hops'}: `,
          p.nodes.map((n) => n.name).join(' → '),
        ),
        h(
          'ol',
          { class: 'steps' },
          p.relationships.map((rel, k) => {
            const a = p.nodes[k];
            const b = p.nodes[k + 1];
            const forward = rel.source === a.id;
            return h(
              'li',
              {
                class: `step ${tone(rel.goldstein)}`,
                'data-rel': rel.id,
                onclick: () => {
                  cy.$(':selected').unselect();
                  cy.getElementById(rel.id).select();
                  showEdge(rel);
                },
              },
              h(
                'div',
                { class: 'step-head' },
                `${a.name} ${forward ? '—' : '←'}${rel.type}${forward ? '→' : '—'} ${b.name}`,
                h('span', { class: 'muted' }, ` · ${rel.date ?? 'undated'}${rel.cameoCode ? ` · CAMEO ${rel.cameoCode}` : ''}`),
              ),
              quotes(rel.evidence),
            );
          }),
        ),
      ),
    ),
  );
}

$('#path-form').addEventListener('submit', (e) => {
  e.preventDefault();
  withBusy(async () => {
    const [from, to] = await Promise.all([pickers.from.resolve(), pickers.to.resolve()]);
    if (!from || !to) {
      $('#path-result').replaceChildren(h('p', { class: 'muted' }, 'Pick both ends: type a name and choose an actor.'));
      return;
    }
    const types = state.types.size === state.allTypes.length ? null : [...state.types];
    const k = Number($('#path-k').value) || 1;
    const paths = await findPaths(from.id, to.id, { types, since: state.since, until: state.until }, { k, kShortest: state.kShortest });
    for (const p of paths) graph.add({ nodes: p.nodes, edges: p.relationships }, from.id);
    setPath(paths[0] ?? null);
    applyFilters();
    if (paths.length) {
      await relayout({ randomize: cy.nodes().length === paths[0].nodes.length });
      graph.highlight(paths[0]);
      // A small graph stays in view whole; in a big one, zoom to the path.
      graph.fit(graph.counts().nodes > 60 ? paths[0].nodes.map((n) => n.id) : undefined);
    }
    renderPaths(paths, from, to);
  });
});
$('#path-clear').addEventListener('click', () => setPath(null));

// ---- start ------------------------------------------------------------------

// A small handle for the browser tests and the console: the Cytoscape
// instance, and the functions the page itself uses to draw.
window.actorgraphExplorer = {
  cy,
  graph,
  add: (sub) => {
    const added = graph.add(sub);
    applyFilters();
    return added.length;
  },
  layout: (opts) => graph.layout(opts),
  show,
  setAggregate,
};

setUpLegend();
status();
withBusy(setUpFilters).then(() => {
  const id = new URLSearchParams(location.search).get('actor');
  if (id) show(id, { fresh: true });
  document.body.dataset.ready = 'true';
});
