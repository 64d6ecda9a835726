// Builds dist/ from src/ with esbuild: one script and stylesheet per page,
// Monaco's web workers for the playground, and the two HTML pages. File
// names carry no hashes and no timestamps, so a rebuild from the same
// sources and lockfile gives the same bytes; CI rebuilds and compares them
// with the committed dist/ (ci.sh).
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(root, 'dist');

const common = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  target: ['es2022', 'chrome120', 'firefox120', 'safari17'],
  legalComments: 'linked',
  logLevel: 'warning',
  outdir: path.join(dist, 'assets'),
  entryNames: '[name]',
  assetNames: '[name]',
  charset: 'utf8',
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'dataurl', '.png': 'dataurl' },
  metafile: true,
};

// graphiql/style.css already carries Monaco's stylesheet (and its icon font
// as a data URL); Monaco's modules import their own pieces of it too, which
// would duplicate it and, in lazily loaded chunks, leave stylesheets that no
// page links. Those imports become empty.
const monacoCSSOnce = {
  name: 'monaco-css-once',
  setup(build) {
    build.onResolve({ filter: /\.css$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}monaco-editor${path.sep}`)
        ? { path: args.path, namespace: 'monaco-css-once' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'monaco-css-once' }, () => ({ contents: '', loader: 'js' }));
  },
};

await rm(dist, { recursive: true, force: true });
await mkdir(path.join(dist, 'assets'), { recursive: true });

const results = await Promise.all([
  // The pages: ES modules (the playground's worker URLs use import.meta.url),
  // split so that what GraphiQL imports lazily (Monaco, prettier) loads
  // after the page shell. Chunk names carry a hash of their content only.
  esbuild.build({
    ...common,
    format: 'esm',
    splitting: true,
    chunkNames: '[name]-[hash]',
    jsx: 'automatic',
    plugins: [monacoCSSOnce],
    entryPoints: {
      playground: 'src/playground/main.jsx',
      explorer: 'src/explorer/main.js',
    },
  }),
  // The workers: classic scripts. Monaco's are started by
  // src/playground/workers.js, the layout worker by src/explorer/graph.js.
  esbuild.build({
    ...common,
    format: 'iife',
    entryPoints: {
      'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
      'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
      'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
      'layout.worker': 'src/explorer/layout.worker.js',
    },
  }),
]);

await copyFile(path.join(root, 'src/playground/index.html'), path.join(dist, 'playground.html'));
await copyFile(path.join(root, 'src/explorer/index.html'), path.join(dist, 'explore.html'));

for (const r of results) {
  for (const m of [...r.errors, ...r.warnings]) console.error(m.text);
}

// A size report, sorted by name so it reads the same on every run.
const files = [];
async function walk(dir) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await walk(p);
    else files.push([path.relative(root, p), (await stat(p)).size]);
  }
}
await walk(dist);
files.sort((a, b) => (a[0] < b[0] ? -1 : 1));
let total = 0;
for (const [name, size] of files) {
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(9)} KiB  ${name}`);
}
console.log(`${(total / 1024).toFixed(1).padStart(9)} KiB  total`);
