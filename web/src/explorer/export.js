// Exports of what is on screen: the drawing as PNG, JPG or SVG (made here
// from the drawn positions: no library), and the data through the server's
// /export endpoint, saved under the file name the server gives.

/** save downloads a blob under a file name. */
export function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The drawing as a PNG or JPG blob (Cytoscape's own renderer), whole, at 2×. */
export function image(cy, format) {
  const opts = { output: 'blob', full: true, scale: 2, bg: '#ffffff' };
  return format === 'jpg' ? cy.jpg({ ...opts, quality: 0.92 }) : cy.png(opts);
}

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const num = (n) => Math.round(n * 10) / 10;

/** An edge's tooltip: a relationship's type and date, or an aggregated edge's count and types. */
function title(e) {
  if (e.hasClass('agg')) {
    const types = e.data('types').map((t) => `${t.type} ${t.count}`).join(', ');
    return `${e.data('count')} relationships (${types}) ${e.data('firstDate') ?? 'undated'}–${e.data('lastDate') ?? ''}`;
  }
  return `${e.data('type')} ${e.data('date') ?? 'undated'}`;
}

/**
 * The drawn elements as an SVG document: each edge as Cytoscape draws it
 * (straight, or the curve through its control points), its colour, width,
 * dash and arrow; each node as a circle with its colour, border and label.
 */
export function svgDocument(cy) {
  const shown = cy.elements(':visible');
  const bb = shown.boundingBox({ includeLabels: true });
  const pad = 20;
  const parts = [];
  shown.edges().forEach((e) => {
    const s = e.sourceEndpoint();
    const t = e.targetEndpoint();
    const cps = e.controlPoints?.() ?? null;
    let d = `M${num(s.x)},${num(s.y)}`;
    if (cps && cps.length === 1) d += ` Q${num(cps[0].x)},${num(cps[0].y)} ${num(t.x)},${num(t.y)}`;
    else if (cps && cps.length > 1) {
      const pts = [...cps, t].map((p) => `${num(p.x)},${num(p.y)}`);
      d += ` L${pts.join(' L')}`;
    } else d += ` L${num(t.x)},${num(t.y)}`;
    const color = e.style('line-color');
    const dash = e.style('line-style') === 'dashed' ? ' stroke-dasharray="6,4"' : '';
    const arrow = e.style('target-arrow-shape') !== 'none' ? ' marker-end="url(#arrow)"' : '';
    parts.push(
      `<path d="${d}" fill="none" stroke="${esc(color)}" stroke-width="${parseFloat(e.style('width'))}" opacity="${e.style('opacity')}"${dash}${arrow} style="color:${esc(color)}"><title>${esc(title(e))}</title></path>`,
    );
    if (e.hasClass('agg')) {
      const m = e.midpoint();
      parts.push(
        `<text x="${num(m.x)}" y="${num(m.y + 3.5)}" text-anchor="middle" font-family="system-ui, sans-serif" font-size="10" fill="#111827" stroke="#ffffff" stroke-width="3" paint-order="stroke">${esc(e.data('label'))}</text>`,
      );
    }
  });
  shown.nodes().forEach((n) => {
    const p = n.position();
    const r = n.width() / 2;
    const bw = parseFloat(n.style('border-width'));
    const border = bw ? ` stroke="${esc(n.style('border-color'))}" stroke-width="${bw}"` : '';
    parts.push(
      `<circle cx="${num(p.x)}" cy="${num(p.y)}" r="${num(r)}" fill="${esc(n.style('background-color'))}"${border}/>`,
      `<text x="${num(p.x)}" y="${num(p.y + r + 14)}" text-anchor="middle" font-family="system-ui, sans-serif" font-size="11" fill="#111827" stroke="#ffffff" stroke-width="3" paint-order="stroke">${esc(n.data('name'))}</text>`,
    );
  });
  const x = num(bb.x1 - pad);
  const y = num(bb.y1 - pad);
  const w = num(bb.w + 2 * pad);
  const h = num(bb.h + 2 * pad);
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x} ${y} ${w} ${h}" width="${w}" height="${h}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>
<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="#ffffff"/>
${parts.join('\n')}
</svg>
`;
}

/**
 * The GraphQL request /export runs for what is on screen: each shown actor
 * by id, and the neighbourhoods the explorer drew (of the expanded actors)
 * under the current type and date filter, for their relationships. The
 * server adds the actors at both ends of each relationship.
 */
export function exportRequest({ actors, expanded, types, since, until }) {
  const vars = {};
  const decl = [];
  const fields = [];
  actors.forEach((id, i) => {
    decl.push(`$a${i}: ID!`);
    vars[`a${i}`] = id;
    fields.push(`a${i}: actor(id: $a${i}) { id }`);
  });
  const filter = {};
  if (types) filter.types = types;
  if (since) filter.since = since;
  if (until) filter.until = until;
  if (expanded.length) {
    decl.push('$filter: PathFilter');
    vars.filter = filter;
  }
  expanded.forEach((id, i) => {
    decl.push(`$n${i}: ID!`);
    vars[`n${i}`] = id;
    fields.push(`n${i}: neighborhood(id: $n${i}, depth: 1, filter: $filter) { edges { id } }`);
  });
  return { query: `query Shown(${decl.join(', ')}) { ${fields.join(' ')} }`, variables: vars };
}

/** Runs an export; resolves with the file's blob and the name the server gave it. */
export async function fetchExport(format, request) {
  const res = await fetch(new URL(`export?format=${encodeURIComponent(format)}`, document.baseURI), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  if (!res.ok) {
    let msg = `export answered ${res.status}`;
    try {
      const body = await res.json();
      if (body.errors?.[0]) msg = `export: ${body.errors[0].message}`;
    } catch {
      // not JSON: keep the status
    }
    throw new Error(msg);
  }
  const cd = res.headers.get('Content-Disposition') ?? '';
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
  return { blob: await res.blob(), name: m ? decodeURIComponent(m[1]) : `actorgraph.${format}` };
}
