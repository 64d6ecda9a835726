// Runs graphql-http's server audits (the reference suite of the GraphQL
// over HTTP specification) against a running actorgraph and prints each
// result. Exits 1 unless every audit is ok: no error, no warning, no notice.
//
//   node audit.mjs http://127.0.0.1:8080/graphql
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}
const counts = { ok: 0, warn: 0, notice: 0, error: 0 };
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  counts[result.status] = (counts[result.status] ?? 0) + 1;
  const line = `${result.status.toUpperCase().padEnd(6)} ${audit.id} ${audit.name}`;
  console.log(result.status === 'ok' ? line : `${line}\n       ${result.reason}`);
}
console.log(`graphql-http audits: ${counts.ok} ok, ${counts.warn} warnings, ${counts.notice} notices, ${counts.error} errors`);
process.exit(counts.ok > 0 && counts.warn + counts.notice + counts.error === 0 ? 0 : 1);
