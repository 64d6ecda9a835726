// The peer for bench/load: @neo4j/graphql on a minimal graphql-yoga server,
// over the same Neo4j database that internal/store/neo4jstore writes.
//
// The type definitions mirror neo4jstore's stored shape (codec.go): nodes
// (:Actor {id, kind, name, aliases, title, country, cameoCode, wikidataId,
// description, searchText}); one relationship type per domain type, with
// properties {id, date, cameoCode, goldstein, quadClass, modality, eventId,
// summary, evidenceQuotes, evidenceSources}. Each type gets an outgoing
// field named after it in lowerCamelCase (SPOKE_WITH -> spokeWith).
//
// Environment: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE,
// PORT (default 4000). Prints "listening <port>" when ready.
import { createServer } from "node:http";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { createYoga } from "graphql-yoga";
import neo4j from "neo4j-driver";

// The relationship types of internal/actorgraph (RelationshipTypes).
const relTypes = [
  "SPOKE_WITH", "MET_WITH", "NEGOTIATED_WITH", "MEDIATED", "OFFERED_TO_HOST",
  "OFFERED_TO_MEDIATE", "PROPOSED", "WELCOMED", "THANKED", "PRAISED",
  "SUPPORTED", "URGED", "DEMANDED", "REJECTED", "DECLINED_TO_MEET",
  "THREATENED_SANCTIONS", "AGREED_TO", "EXCHANGED_PRISONERS", "ATTACKED",
  "ACCUSED", "REPORTED_ON", "LEADS", "SPOKESPERSON_FOR", "MEMBER_OF",
  "WORKS_FOR", "PART_OF", "RELATED_TO",
];

/** fieldName turns SPOKE_WITH into spokeWith. */
function fieldName(type) {
  return type.toLowerCase().replace(/_([a-z])/g, (_, c) => c.toUpperCase());
}

const relFields = relTypes
  .map((t) => `  ${fieldName(t)}: [Actor!]! @relationship(type: "${t}", direction: OUT, properties: "Rel")`)
  .join("\n");

const typeDefs = `
type Actor @node(labels: ["Actor"]) {
  id: ID!
  kind: String!
  name: String!
  aliases: [String!]!
  title: String
  country: String
  cameoCode: String
  wikidataId: String
  description: String
  searchText: String
${relFields}
}

type Rel @relationshipProperties {
  id: ID!
  date: String
  cameoCode: String
  goldstein: Float
  quadClass: Int
  modality: String!
  eventId: String
  summary: String
  evidenceQuotes: [String!]!
  evidenceSources: [String!]!
}
`;

const driver = neo4j.driver(
  process.env.NEO4J_URI,
  neo4j.auth.basic(process.env.NEO4J_USERNAME || "neo4j", process.env.NEO4J_PASSWORD || ""),
  { maxConnectionPoolSize: 100 },
);
await driver.verifyConnectivity();

const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const schema = await neoSchema.getSchema();
const database = process.env.NEO4J_DATABASE || "neo4j";
const yoga = createYoga({
  schema,
  graphiql: false,
  logging: "warn",
  context: () => ({ cypherQueryOptions: {}, sessionConfig: { database } }),
});

const port = Number(process.env.PORT || 4000);
const server = createServer(yoga);
server.listen(port, "127.0.0.1", () => console.log(`listening ${port}`));

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    server.close();
    driver.close().finally(() => process.exit(0));
  });
}
