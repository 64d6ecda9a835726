// The playground at /: GraphiQL served by the Go binary, working with no
// network beyond the server (browser.mjs blocks and reports anything else).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertClean, baseURL, openBrowser } from './browser.mjs';

// Monaco draws spaces as U+00A0; compare text as a person reads it.
const text = (s) => (s ?? '').replaceAll('\u00a0', ' ');

async function responseText(page) {
  return text(await page.locator('.graphiql-response').innerText());
}

async function waitForResponse(page, needle) {
  await page.waitForFunction(
    (needle) => (document.querySelector('.graphiql-response')?.innerText ?? '').replaceAll('\u00a0', ' ').includes(needle),
    needle,
    { timeout: 30_000 },
  );
}

describe('playground', { timeout: 120_000 }, () => {
  let browser;
  let page;

  before(async () => {
    browser = await openBrowser();
    page = browser.page;
  });
  after(async () => {
    await browser?.close();
  });

  it('loads with every example as a tab, and nothing from outside', async () => {
    await page.goto(`${baseURL}/`);
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
    const tabs = (await page.locator('.graphiql-tab').allTextContents()).join(' | ');
    for (const op of ['WhoSpokeWithPutin', 'StubbToPutin', 'Search', 'Neighborhood', 'CreateActor']) {
      assert.ok(tabs.includes(op), `tab ${op} missing from ${tabs}`);
    }
    assertClean(browser.problems, assert);
  });

  it('runs the first example and shows the result', async () => {
    await page.locator('.graphiql-execute-button').click();
    await waitForResponse(page, '"name": "Vladimir Putin"');
    const out = await responseText(page);
    assert.match(out, /"totalCount": \d+/);
    assert.ok(!out.includes('"errors"'), out);
    assertClean(browser.problems, assert);
  });

  it('has the schema: docs and autocompletion come from introspection', async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().waitFor();

    await page.locator('.graphiql-tab-add').click();
    const editor = page.locator('.graphiql-query-editor .monaco-editor .view-lines');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('{ shortest');
    const suggestion = page.locator('.suggest-widget.visible .monaco-list-row', { hasText: 'shortestPath' });
    await suggestion.first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Escape');
    assertClean(browser.problems, assert);
  });

  it('sends the header editor\'s token with the mutation example', { skip: !process.env.ACTORGRAPH_TOKEN && 'ACTORGRAPH_TOKEN is not set' }, async () => {
    await page.locator('.graphiql-tab', { hasText: 'CreateActor' }).click();
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    const headers = page.locator('.graphiql-editor-tool .monaco-editor .view-lines').last();
    await headers.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    // insertText, not type: Monaco would auto-close the braces and quotes.
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${process.env.ACTORGRAPH_TOKEN}` }));
    await page.locator('.graphiql-execute-button').click();
    await waitForResponse(page, '"id": "recep-tayyip-erdogan"');
    assertClean(browser.problems, assert);
  });
});
