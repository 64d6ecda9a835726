// Monaco runs its language services in web workers. They are bundled by
// build.mjs into assets/*.worker.js beside this page's script, so nothing is
// loaded from a CDN (graphiql's own setup-workers/* modules assume a bundler
// with worker imports, or esm.sh).
const worker = (name) => new Worker(new URL(`${name}.worker.js`, import.meta.url), { name });

globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    switch (label) {
      case 'graphql':
        return worker('graphql');
      case 'json':
        return worker('json');
      default:
        return worker('editor');
    }
  },
};
