import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { type CueUpstream, startCueUpstream } from '../routing/testing/cue-upstream.js';
import { launchChromium } from './testing/browser.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

/** Screenshots of every page, at desktop and phone width, kept as test artifacts. */
const screenshots = new URL('../../test-artifacts/dashboard/', import.meta.url);

const desktop = { width: 1280, height: 860 };
const phone = { width: 390, height: 844 };

const docsText =
  'Strata is a self-hosted AI gateway. Budgets refuse calls that would spend past their limit. ' +
  'The dashboard shows requests, costs and traces.';

/** What went wrong in the page: console errors (CSP violations among them), failed or refused requests. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  return problems;
}

/** Serious or critical accessibility violations axe-core finds on the page as it is. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline script) does not stop it.
  await page.evaluate(axe.source);
  // Written as text: the function runs in the page, whose globals (window.axe, document) Node does not type.
  const result = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] })",
  )) as axe.AxeResults;
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  // Polled from here: a predicate evaluated in the page would be a string eval, which the page's CSP refuses.
  const deadline = Date.now() + 10_000;
  while ((await page.locator('[aria-busy="true"]').count()) > 0) {
    assert.ok(Date.now() < deadline, 'the page kept loading');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('dashboard in a real browser', () => {
  let upstream: CueUpstream;
  let gateway: TestGateway;
  let browser: Browser | undefined;
  let skip: string | undefined;
  let page: Page;
  let problems: string[];
  let virtualKey = '';

  before(async () => {
    upstream = await startCueUpstream();
    gateway = await startGateway({
      providers: { openai: { base_url: `${upstream.url}/v1`, api_key: 'sk-upstream' } },
      routes: { fast: { fallback: ['openai/gpt-4o-mini', 'local/extractive'] } },
      catalog: { models: [{ provider: 'openai', id: 'gpt-4o-mini', input: 1, output: 2 }] },
    });
    const created = await fetch(`${gateway.url}/admin/v1/knowledge/docs/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ documents: [{ id: 'guide.md', title: 'Guide', text: docsText }] }),
    });
    if (created.status === 404) {
      await fetch(`${gateway.url}/admin/v1/knowledge`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'docs' }),
      });
      const retried = await fetch(`${gateway.url}/admin/v1/knowledge/docs/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ documents: [{ id: 'guide.md', title: 'Guide', text: docsText }] }),
      });
      assert.equal(retried.status, 200, await retried.text());
    }
    const launched = await launchChromium();
    if (typeof launched === 'string') skip = launched;
    else {
      browser = launched;
      page = await browser.newPage({ viewport: desktop });
      problems = watch(page);
    }
    mkdirSync(screenshots, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await gateway.close();
    await upstream.close();
  });

  it('serves the page with a strict CSP and caches hashed assets for a year', async () => {
    const response = await fetch(`${gateway.url}/`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(response.status, 200);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    const html = await response.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, html);
    const asset = await fetch(`${gateway.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(asset.headers.get('content-type') ?? '', /^text\/javascript/);
    const missing = await fetch(`${gateway.url}/assets/nothing-here.js`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'not_found');
    // The API behind it is unchanged.
    const models = await fetch(`${gateway.url}/v1/models`, {
      headers: { authorization: `Bearer ${gateway.masterKey}` },
    });
    assert.equal(models.status, 200);
  });

  it('a first-time visitor signs in with the master key and is shown how to make the first call', async (t) => {
    if (skip) return t.skip(skip);
    await page.goto(gateway.url);
    await page.getByLabel('API key').fill(gateway.masterKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'No calls yet' }).waitFor();
    assert.match((await page.locator('.guide pre').textContent()) ?? '', /local\/extractive/);
    await page.screenshot({
      path: new URL('overview-empty-desktop.png', screenshots).pathname,
      fullPage: true,
    });
    assert.deepEqual(await accessibilityViolations(page), []);
    assert.deepEqual(problems, []);
  });

  it('creates a key whose secret is shown once and works', async (t) => {
    if (skip) return t.skip(skip);
    await page.goto(`${gateway.url}/#/keys`);
    await page.getByLabel('Name').fill('browser-app');
    await page.getByLabel(/Knowledge bases it may read/).fill('docs');
    await page.getByRole('button', { name: 'Create key' }).click();
    virtualKey = ((await page.getByTestId('new-key-secret').textContent()) ?? '').trim();
    assert.match(virtualKey, /^sk-/);
    await page.getByRole('row', { name: /browser-app/ }).waitFor();
    const me = await fetch(`${gateway.url}/v1/key`, { headers: { authorization: `Bearer ${virtualKey}` } });
    assert.deepEqual(
      { ...((await me.json()) as Record<string, unknown>), id: null },
      { object: 'key', kind: 'virtual', id: null, name: 'browser-app', team: null, knowledge: ['docs'] },
    );
    assert.deepEqual(problems, []);
  });

  it('the playground streams a local/extractive answer with its citation', async (t) => {
    if (skip) return t.skip(skip);
    await page.goto(`${gateway.url}/#/playground`);
    await page.getByLabel('Model, alias or route').fill('local/extractive');
    await page.getByLabel('Knowledge base').selectOption('docs');
    await page.getByLabel('Message').fill('What do budgets refuse?');
    await page.getByRole('button', { name: 'Send' }).click();
    const citations = page.getByRole('region', { name: 'Citations' });
    await citations.waitFor();
    assert.match(
      (await citations.textContent()) ?? '',
      /Budgets refuse calls that would spend past their limit/,
    );
    assert.match((await page.locator('.chat-answer').first().textContent()) ?? '', /Budgets refuse calls/);
    await page.getByText(/cost /).first().waitFor();
    await page.screenshot({ path: new URL('playground-desktop.png', screenshots).pathname, fullPage: true });
    assert.deepEqual(problems, []);
  });

  it('a priced call shows in Requests with its cost, and its detail shows the span tree and attempts', async (t) => {
    if (skip) return t.skip(skip);
    await page.goto(`${gateway.url}/#/playground`);
    await page.getByLabel('Model, alias or route').fill('openai/gpt-4o-mini');
    await page.getByLabel('Message').fill('Say hello');
    await page.getByRole('button', { name: 'Send' }).click();
    // 10 input tokens at $1/M and 5 output tokens at $2/M.
    await page.getByText('cost $0.000020').waitFor();
    await page.goto(`${gateway.url}/#/requests`);
    const row = page.getByRole('row', { name: /openai\/gpt-4o-mini/ }).first();
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /\$0\.000020/);
    await row.getByRole('link').click();
    await page.getByRole('heading', { name: 'Spans' }).waitFor();
    const spans = page.locator('table.waterfall tbody tr');
    assert.ok((await spans.count()) >= 2, `spans: ${await spans.count()}`);
    assert.match((await page.locator('table.waterfall').textContent()) ?? '', /chat/);
    assert.match((await page.locator('tfoot').textContent()) ?? '', /\$0\.000020/);
    await page.screenshot({
      path: new URL('request-detail-desktop.png', screenshots).pathname,
      fullPage: true,
    });
    assert.deepEqual(await accessibilityViolations(page), []);
    assert.deepEqual(problems, []);
  });

  it('routing shows each configured route with the models that served it', async (t) => {
    if (skip) return t.skip(skip);
    const routed = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'fast', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(routed.status, 200);
    await gateway.stack.flush();
    await page.goto(`${gateway.url}/#/routing`);
    const served = page.getByRole('list', { name: 'Models that served fast' });
    await served.waitFor();
    assert.match((await served.textContent()) ?? '', /gpt-4o-mini: 1 \(100%\)/);
    assert.deepEqual(problems, []);
  });

  it('every page has no serious accessibility violation or console error, at desktop and phone width', async (t) => {
    if (skip) return t.skip(skip);
    for (const viewport of [desktop, phone]) {
      await page.setViewportSize(viewport);
      const width = viewport === desktop ? 'desktop' : 'phone';
      for (const path of [
        'overview',
        'requests',
        'requests/sessions',
        'costs',
        'value',
        'keys',
        'knowledge',
        'playground',
        'models',
      ]) {
        await page.goto(`${gateway.url}/#/${path}`);
        await settled(page);
        assert.deepEqual(await accessibilityViolations(page), [], `${path} at ${width}`);
        await page.screenshot({
          path: new URL(`${path.replace('/', '-')}-${width}.png`, screenshots).pathname,
          fullPage: true,
        });
      }
    }
    await page.setViewportSize(desktop);
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.goto(`${gateway.url}/#/overview`);
    await settled(page);
    assert.deepEqual(await accessibilityViolations(page), [], 'overview, dark theme');
    await page.screenshot({
      path: new URL('overview-dark-desktop.png', screenshots).pathname,
      fullPage: true,
    });
    await page.getByRole('button', { name: 'Dark theme' }).click();
    assert.deepEqual(problems, []);
  });

  it('the value page forecasts a business case with its sensitivity table', async (t) => {
    if (skip) return t.skip(skip);
    await page.goto(`${gateway.url}/#/value`);
    await page.getByText('Assumption: Each cache hit').waitFor();
    await page.getByLabel('Requests per day').fill('2000');
    await page.getByRole('button', { name: 'Simulate' }).click();
    // 2000 a day for 30 days, 800 in and 300 out at $1 and $2 per million: $0.0014 a request, $84 a month.
    await page.getByText(/openai\/gpt-4o-mini: \$84\.00 a month/).waitFor();
    await page.getByRole('table', { name: /Sensitivity/ }).waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
    assert.deepEqual(problems, []);
  });

  it('a budget edited to a lower limit refuses the next call', async (t) => {
    if (skip) return t.skip(skip);
    await page.goto(`${gateway.url}/#/costs`);
    await page.getByLabel('Scope').selectOption('global');
    await page.getByLabel('Budget period').selectOption('total');
    await page.getByLabel('Limit (USD)').fill('5');
    await page.getByRole('button', { name: 'Create budget' }).click();
    await page.getByText(/\$5\.00 \(0%\)/).waitFor();
    const call = () =>
      fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
      });
    assert.equal((await call()).status, 200);
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Limit (USD)').fill('0.000001');
    await page.getByRole('button', { name: 'Save budget' }).click();
    await page.getByText(/limit reached/).waitFor();
    const refused = await call();
    assert.equal(refused.status, 429);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'budget_exceeded');
    await page.screenshot({
      path: new URL('costs-budget-desktop.png', screenshots).pathname,
      fullPage: true,
    });
    assert.deepEqual(problems, []);
  });

  it('a virtual key sees only the pages it may use', async (t) => {
    if (skip) return t.skip(skip);
    assert.ok(virtualKey, 'the key test ran first');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').fill(virtualKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Virtual key').waitFor();
    const menu = await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allTextContents();
    assert.deepEqual(menu, ['Knowledge', 'Playground', 'Models']);
    await settled(page);
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.screenshot({ path: new URL('virtual-key-desktop.png', screenshots).pathname, fullPage: true });
    assert.deepEqual(problems, []);
  });
});
