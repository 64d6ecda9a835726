// Shared set-up for the browser tests: Debian's Chromium driven by
// playwright-core (never a downloaded browser), a fresh profile, no network
// beyond the server under test, and a record of everything that went wrong
// in the page: console errors, uncaught exceptions, failed requests, HTTP
// errors, and any attempt to reach another host.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

/** The server under test, e.g. http://127.0.0.1:41234 (set by ci.sh). */
export const baseURL = (process.env.ACTORGRAPH_URL ?? '').replace(/\/$/, '');
if (!baseURL) {
  throw new Error('ACTORGRAPH_URL is not set: run the browser tests with web/ci.sh, or set it to a running server');
}

const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

// What the machine rules ask for: headless, no sandbox (root), and none of
// Chromium's own background traffic.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Opens a browser with a fresh profile and one page. Returns the page, the
 * list of problems seen so far (checked by assertClean) and close().
 */
export async function openBrowser({ viewport = { width: 1400, height: 900 } } = {}) {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'actorgraph-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: chromiumArgs,
    viewport,
    serviceWorkers: 'block',
  });
  const problems = [];
  const origin = new URL(baseURL).origin;

  // Nothing leaves the machine: requests to another origin are aborted and
  // recorded. data: and blob: URLs never reach the network.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url === origin) return route.continue();
    problems.push(`request to another origin: ${url}`);
    return route.abort('blockedbyclient');
  });
  context.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()} (${msg.location()?.url ?? ''})`);
  });
  context.on('weberror', (err) => problems.push(`uncaught: ${err.error().stack ?? err.error()}`));
  context.on('requestfailed', (req) => {
    problems.push(`request failed: ${req.method()} ${req.url()}: ${req.failure()?.errorText}`);
  });
  context.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  });

  const page = context.pages()[0] ?? (await context.newPage());
  page.on('worker', (worker) => {
    worker.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`worker console error: ${msg.text()}`);
    });
  });
  page.setDefaultTimeout(20_000);

  return {
    page,
    context,
    problems,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Fails with every problem the page had. */
export function assertClean(problems, assert) {
  assert.deepEqual(problems, [], `the page had problems:\n${problems.join('\n')}`);
}
