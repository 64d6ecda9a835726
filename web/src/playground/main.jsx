// The playground: GraphiQL with the server's prepared examples as tabs, and
// an Examples panel that loads any of them into the current tab.
import './workers.js';
import 'graphiql/style.css';
import './playground.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { pick, useGraphiQL } from '@graphiql/react';

// The server inlines its examples (internal/server/examples/*.graphql) into
// the page as JSON: [{name, query, headers}].
function readExamples() {
  const el = document.getElementById('examples');
  if (!el) return [];
  try {
    return JSON.parse(el.textContent);
  } catch {
    return [];
  }
}

const examples = readExamples();

// fetcher posts to the API beside this page. GraphiQL passes the header
// editor's contents (e.g. Authorization: Bearer <token> for mutations).
async function fetcher(params, opts) {
  const res = await fetch(new URL('graphql', document.baseURI), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(opts?.headers ?? {}) },
    body: JSON.stringify(params),
  });
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `HTTP ${res.status}: ${text.slice(0, 500)}` }] };
  }
}

function ExamplesPanel() {
  const { queryEditor, variableEditor, headerEditor } = useGraphiQL(pick('queryEditor', 'variableEditor', 'headerEditor'));
  // Like the history panel: load the example into the current tab.
  const open = (ex) => {
    queryEditor?.setValue(ex.query);
    variableEditor?.setValue(ex.variables ?? '');
    headerEditor?.setValue(ex.headers ?? '');
  };
  return (
    <section className="ag-examples" aria-label="Examples">
      <div className="graphiql-doc-explorer-title">Examples</div>
      <p>Prepared queries, each run by the server's tests. Click to load one into the current tab.</p>
      <ul>
        {examples.map((ex) => (
          <li key={ex.name}>
            <button type="button" className="ag-example" data-example={ex.name} onClick={() => open(ex)}>
              {ex.name}
            </button>
            {ex.headers ? <span className="ag-note"> needs a token</span> : null}
          </li>
        ))}
      </ul>
      <p>
        Mutations need the header <code>Authorization: Bearer &lt;token&gt;</code> (the server's{' '}
        <code>ACTORGRAPH_API_TOKEN</code>): open <em>Headers</em> below the query editor.
      </p>
      <p>
        <a href="explore">Graph explorer →</a>
      </p>
    </section>
  );
}

function ExamplesIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M4 5h16M4 12h16M4 19h10" strokeLinecap="round" />
    </svg>
  );
}

const EXAMPLES_PLUGIN = { title: 'Examples', icon: ExamplesIcon, content: ExamplesPanel };

const defaultTabs = examples.map((ex) => ({ query: ex.query, variables: ex.variables, headers: ex.headers }));

createRoot(document.getElementById('graphiql')).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={defaultTabs.length ? defaultTabs : undefined}
      plugins={[EXAMPLES_PLUGIN, HISTORY_PLUGIN]}
      defaultEditorToolsVisibility={true}
      isHeadersEditorEnabled={true}
    >
      <GraphiQL.Logo>
        <a className="ag-logo" href="./">actorgraph</a>
        <a className="ag-explore" href="explore">explorer</a>
      </GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
