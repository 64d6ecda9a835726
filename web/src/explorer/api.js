// The explorer's only data source: the public GraphQL API beside the page.

// What a source said about each end (null for curated data): shown with the
// edge, so it comes with it rather than in a second request on click.
const EDGE_FIELDS = `
  fragment EdgeFields on Relationship {
    id type source target date cameoCode goldstein quadClass modality summary
    evidence { kind quote source }
    fromMention { ...MentionFields } toMention { ...MentionFields }
  }
  fragment MentionFields on Mention {
    source name code country roles knownGroup ethnic religions sectors rule entry
  }`;

const NODE_FIELDS = `
  fragment NodeFields on Actor { id name kind title country }`;

/** An error from the API, with its extensions.code when there is one. */
export class APIError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/** Posts a query; resolves to data, rejects with an APIError. */
export async function gql(query, variables = {}) {
  const res = await fetch(new URL('graphql', document.baseURI), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await res.json();
  } catch {
    throw new APIError(`the server answered ${res.status} without JSON`);
  }
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new APIError(e.message, e.extensions?.code);
  }
  return body.data;
}

/** Actors whose name or alias matches, best first. */
export async function searchActors(text, first = 8) {
  const data = await gql(
    `query Search($text: String!, $first: Int) { search(text: $text, first: $first) { ...NodeFields } } ${NODE_FIELDS}`,
    { text, first },
  );
  return data.search;
}

/**
 * One actor with the fields the details panel shows, its resolution (how it
 * was made, the source names joined to it, the ids merged into it) included;
 * null if unknown.
 */
export async function actorDetails(id) {
  const data = await gql(
    `query Actor($id: ID!) { actor(id: $id) { ...NodeFields aliases description cameoCode wikidataId
       resolution { rule entry key candidates names { source name code rule } merged mentionCount } } } ${NODE_FIELDS}`,
    { id },
  );
  return data.actor;
}

/** The actors one hop from id and the relationships among them. */
export async function neighborhood(id) {
  const data = await gql(
    `query Neighborhood($id: ID!) { neighborhood(id: $id, depth: 1) {
       nodes { ...NodeFields } edges { ...EdgeFields } } } ${NODE_FIELDS} ${EDGE_FIELDS}`,
    { id },
  );
  return data.neighborhood;
}

/**
 * The actors one hop from id and the server's aggregated edges among them:
 * one per dyad and direction, standing for the relationships `neighborhood`
 * gives (counts by type, dates, Goldstein sum and mean, a representative
 * evidence).
 */
export async function aggregatedNeighborhood(id) {
  const data = await gql(
    `query AggregatedNeighborhood($id: ID!) { neighborhood(id: $id, depth: 1, aggregate: true) {
       nodes { ...NodeFields }
       aggregatedEdges { id source target count types { type count } goldsteinSum goldsteinAvg firstDate lastDate
         evidence { kind quote source } }
       truncatedBy } } ${NODE_FIELDS}`,
    { id },
  );
  return data.neighborhood;
}

/**
 * What the server offers beyond the basics, read from its schema
 * (introspection is public): the relationship types, the resolution rules
 * with what each means, and whether it has a k-shortest-paths query
 * (kShortestPaths(from, to, k, filter | types)).
 */
export async function capabilities() {
  const data = await gql(`{
    types: __type(name: "RelationshipType") { enumValues { name description } }
    rules: __type(name: "ResolutionRule") { enumValues { name description } }
    query: __type(name: "Query") { fields { name args { name type { kind name ofType { kind name } } } } }
  }`);
  const fields = data.query?.fields ?? [];
  const k = fields.find((f) => f.name === 'kShortestPaths');
  let kShortest = null;
  if (k) {
    const arg = (name) => k.args.find((a) => a.name === name);
    const typeName = (a) => a?.type?.name ?? a?.type?.ofType?.name;
    if (arg('from') && arg('to') && arg('k')) {
      kShortest = { filterType: arg('filter') ? typeName(arg('filter')) : null, hasTypes: !!arg('types') };
    }
  }
  return { relationshipTypes: data.types?.enumValues ?? [], resolutionRules: data.rules?.enumValues ?? [], kShortest };
}

const PATH_FIELDS = `length nodes { ...NodeFields } relationships { ...EdgeFields }`;

/**
 * Paths from one actor to another, shortest first: up to k of them when
 * the server has kShortestPaths (see capabilities), else the one
 * shortestPath gives. types limits the relationship types (null: all);
 * since and until ("YYYY-MM-DD" or '') keep relationships dated in that
 * window, as the API's PathFilter does.
 */
export async function findPaths(from, to, { types = null, since = '', until = '' } = {}, { k = 1, kShortest = null } = {}) {
  const filter = {};
  if (types) filter.types = types;
  if (since) filter.since = since;
  if (until) filter.until = until;
  if (k > 1 && kShortest) {
    const data = await gql(
      `query Paths($from: ID!, $to: ID!, $k: Int, $filter: PathFilter) {
         kShortestPaths(from: $from, to: $to, k: $k, filter: $filter) { ${PATH_FIELDS} } } ${NODE_FIELDS} ${EDGE_FIELDS}`,
      { from, to, k, filter },
    );
    return data.kShortestPaths;
  }
  const data = await gql(
    `query Path($from: ID!, $to: ID!, $filter: PathFilter) {
       shortestPath(from: $from, to: $to, filter: $filter) { ${PATH_FIELDS} } } ${NODE_FIELDS} ${EDGE_FIELDS}`,
    { from, to, filter },
  );
  return data.shortestPath ? [data.shortestPath] : [];
}
