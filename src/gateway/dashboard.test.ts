import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { type CueUpstream, startCueUpstream } from '../routing/testing/cue-upstream.js';
import { saveBenchReport } from '../store/bench-reports.js';
import { builtDashboard } from './routes/dashboard.js';
import { launchChromium } from './testing/browser.js';
import { gzippedWeight } from './testing/page-weight.js';
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

/** Waits until the page's heading is shown and nothing on it is still loading. */
async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  // A page's loading notes render with its heading, so once none is left every load has answered.
  await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 10_000 });
}

/** A routing-bench report as `strata bench routing` keeps it, cut to a few policies. */
const benchReport = {
  data: 'fixture/outcomes.jsonl',
  train_split: 'train',
  test_split: 'test',
  test_queries: 200,
  best_single: { model: 'strong', accuracy: 0.9, cost_per_1k: 4 },
  policies: [
    { name: 'always cheap', family: 'single', accuracy: 0.6, cost_per_1k: 0.2, escalation_rate: 0 },
    { name: 'always strong', family: 'single', accuracy: 0.9, cost_per_1k: 4, escalation_rate: 0 },
    { name: 'random (uniform)', family: 'random', accuracy: 0.7, cost_per_1k: 2.1, escalation_rate: 0 },
    {
      name: 'cascade cheap→strong',
      family: 'cascade',
      accuracy: 0.88,
      cost_per_1k: 1.5,
      escalation_rate: 0.35,
    },
    { name: 'oracle', family: 'oracle', accuracy: 0.97, cost_per_1k: 0.5, escalation_rate: 0, oracle: true },
  ],
};

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
      routes: {
        fast: { fallback: ['openai/gpt-4o-mini', 'local/extractive'] },
        checked: {
          cascade: [
            { use: 'openai/gpt-4o-mini', verifiers: [{ type: 'regex', pattern: 'good' }] },
            { use: 'openai/gpt-4o' },
          ],
          retries: { max: 0 },
        },
      },
      catalog: { models: [{ provider: 'openai', id: 'gpt-4o-mini', input: 1, output: 2 }] },
      cache: { enabled: true },
      guardrails: { rules: [{ name: 'no-fruit', detectors: { deny_list: ['pineapple'] }, action: 'flag' }] },
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

  it('the first page weighs under 300 kB gzipped, and so does the Overview after sign-in', (t) => {
    const signIn = gzippedWeight(builtDashboard, ['index.html']);
    const overview = gzippedWeight(builtDashboard, ['index.html', 'src/pages/overview/overview-page.tsx']);
    t.diagnostic(`gzipped: sign-in ${signIn} B, with the Overview ${overview} B`);
    assert.ok(signIn < overview, 'the Overview and its charts load after sign-in');
    assert.ok(overview < 300_000, `the Overview loads ${overview} B gzipped`);
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
      {
        object: 'key',
        kind: 'virtual',
        id: null,
        name: 'browser-app',
        team: null,
        knowledge: ['docs'],
        role: null,
        permissions: [],
      },
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
    // The stream's cost is read from the request log once the call is settled, a moment after its last chunk.
    const facts = page.locator('.answer-facts', {
      hasText: /^Served by local\/extractive · .* · cost \$0 · /,
    });
    await facts.waitFor();
    assert.match(
      (await facts.getByRole('link', { name: 'Trace of this request' }).getAttribute('href')) ?? '',
      /^#\/requests\/req_/,
    );
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
    // Only priced calls cost more than nothing: the playground's local/extractive answer is filtered out.
    const free = page.getByRole('row', { name: /local\/extractive/ }).first();
    await free.waitFor();
    await page.getByLabel('Costlier than (USD)').fill('0.000001');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page
      .getByRole('row', { name: /local\/extractive/ })
      .first()
      .waitFor({ state: 'detached' });
    const rows = page.getByRole('table', { name: 'Requests, newest first' }).locator('tbody tr');
    assert.equal(await rows.count(), 1);
    const row = rows.first();
    assert.match((await row.textContent()) ?? '', /openai\/gpt-4o-mini/);
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

  it('routing shows each route with the models that served it, its cascade escalations and verdicts, and the bench frontier', async (t) => {
    if (skip) return t.skip(skip);
    const route = async (model: string, content: string) => {
      const routed = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model, messages: [{ role: 'user', content }] }),
      });
      assert.equal(routed.status, 200, await routed.text());
    };
    await route('fast', 'hi');
    // The first answer passes the cascade's regex, the second does not and escalates to tier 2.
    upstream.cue('gpt-4o-mini', { text: 'a good answer' }, { text: 'a poor answer' });
    await route('checked', 'first question');
    await route('checked', 'second question');
    await gateway.stack.flush();
    saveBenchReport(gateway.stack.config.store.home, 'routing', benchReport);
    await page.goto(`${gateway.url}/#/routing`);
    const served = page.getByRole('list', { name: 'Models that served fast' });
    await served.waitFor();
    assert.match((await served.textContent()) ?? '', /gpt-4o-mini: 1 \(100%\)/);
    await page.getByText('Cascade: 1 of 2 calls escalated past the first tier (50%).').waitFor();
    const endings = page.getByRole('list', { name: 'Where checked calls ended' });
    assert.deepEqual(await endings.getByRole('listitem').allTextContents(), [
      'tier 1: 1 (50%)',
      'tier 2: 1 (50%)',
    ]);
    const verdicts = page.getByRole('table', { name: 'Verifier verdicts of checked' });
    assert.deepEqual(await verdicts.getByRole('row', { name: /regex/ }).getByRole('cell').allTextContents(), [
      '1',
      '2',
      '1 (50%)',
      '0.50',
    ]);
    // The oracle reads the answers, so it is never on the frontier; random is beaten by the cascade.
    const frontier = page.getByRole('table', { name: 'Policies on the frontier, cheapest first' });
    assert.deepEqual(await frontier.locator('tbody th').allTextContents(), [
      'always cheap',
      'cascade cheap→strong',
      'always strong',
    ]);
    await page.getByText('fixture/outcomes.jsonl (test split, 200 queries)', { exact: false }).waitFor();
    await page.screenshot({
      path: new URL('routing-frontier-desktop.png', screenshots).pathname,
      fullPage: true,
    });
    assert.deepEqual(await accessibilityViolations(page), []);
    assert.deepEqual(problems, []);
  });

  it('the overview shows the cache hit rate and what the cache saved', async (t) => {
    if (skip) return t.skip(skip);
    const ask = async () => {
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'openai/gpt-4o-mini',
          messages: [{ role: 'user', content: 'A question asked twice' }],
        }),
      });
      assert.equal(response.status, 200);
      return response.headers.get('x-strata-cache');
    };
    assert.deepEqual([await ask(), await ask()], ['miss', 'hit']);
    await gateway.stack.flush();
    await page.goto(`${gateway.url}/#/overview`);
    await settled(page);
    const tile = (name: string) => page.locator('.stat-tile', { has: page.getByText(name, { exact: true }) });
    assert.match((await tile('Cache hit rate').textContent()) ?? '', /1 answered from the cache/);
    // The hit saved what the miss cost: 10 input tokens at $1/M and 5 output tokens at $2/M.
    assert.equal(await tile('Cache savings').locator('.stat-value').textContent(), '$0.000020');
    await page.getByRole('figure', { name: /^Cache hit rate: / }).waitFor();
    assert.deepEqual(problems, []);
  });

  it('settings show the version, the store, provider health and the config with secrets masked', async (t) => {
    if (skip) return t.skip(skip);
    await page.goto(`${gateway.url}/#/settings`);
    await settled(page);
    const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    const facts = page.getByRole('definition');
    assert.deepEqual((await facts.allTextContents()).slice(0, 2), [version, 'SQLite']);
    const health = page.getByRole('table', { name: /Provider health over the last hour/ });
    const cells = (provider: string) =>
      health
        .getByRole('row', { name: new RegExp(`^${provider} `) })
        .getByRole('cell')
        .allTextContents();
    assert.deepEqual((await cells('openai')).slice(0, 2), ['openai', 'Healthy']);
    // Kind, status, calls (the playground's one local/extractive answer) and server errors.
    assert.deepEqual((await cells('local')).slice(0, 4), ['local', 'Healthy', '1', '0']);
    const config = (await page.locator('main pre code').textContent()) ?? '';
    assert.match(config, /"api_key": "REDACTED"/);
    assert.doesNotMatch(config, /sk-upstream/);
    // The Models page shows the same health to the master key.
    await page.goto(`${gateway.url}/#/models`);
    await settled(page);
    await page.getByRole('heading', { name: 'Provider health' }).waitFor();
    assert.equal(await page.getByRole('table', { name: /Provider health over the last hour/ }).count(), 1);
    assert.deepEqual(problems, []);
  });

  it('guardrails show the rules as configured and the calls they acted on', async (t) => {
    if (skip) return t.skip(skip);
    const flagged = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'local/extractive',
        messages: [{ role: 'user', content: 'Does pineapple belong in the docs?' }],
      }),
    });
    assert.equal(flagged.status, 200, await flagged.text());
    await gateway.stack.flush();
    await page.goto(`${gateway.url}/#/guardrails`);
    await settled(page);
    const rule = page.getByRole('region', { name: 'Guardrail rules' }).getByRole('row', { name: /no-fruit/ });
    assert.deepEqual(await rule.getByRole('cell').allTextContents(), [
      'no-fruit',
      'deny_list',
      'flag',
      'prompts',
      'every call',
    ]);
    const verdicts = page.getByRole('region', { name: 'Recent guardrail verdicts' });
    assert.match(
      (await verdicts.getByRole('row').nth(1).textContent()) ?? '',
      /local\/extractive.*no-fruit: flag on the prompt/,
    );
    assert.deepEqual(problems, []);
  });

  it('every page has no serious accessibility violation or console error, at desktop and phone width', async (t) => {
    if (skip) return t.skip(skip);
    for (const viewport of [desktop, phone]) {
      await page.setViewportSize(viewport);
      const width = viewport === desktop ? 'desktop' : 'phone';
      // Every page in the menu, pages added by later layers included, and the sessions view.
      await page.goto(`${gateway.url}/#/overview`);
      const menu = page.getByRole('navigation', { name: 'Pages' }).getByRole('link');
      await menu.first().waitFor();
      const linked: string[] = [];
      for (let index = 0; index < (await menu.count()); index += 1)
        linked.push(((await menu.nth(index).getAttribute('href')) ?? '').replace(/^#\//, ''));
      assert.ok(linked.includes('settings') && linked.includes('routing'), linked.join(', '));
      const newest = await fetch(`${gateway.url}/admin/v1/requests?limit=1&model=openai/gpt-4o-mini`, {
        headers: { authorization: `Bearer ${gateway.masterKey}` },
      });
      const [request] = ((await newest.json()) as { data: { id: string }[] }).data;
      assert.ok(request, 'an earlier test made a priced call');
      for (const path of [...linked, 'requests/sessions', `requests/${request.id}`]) {
        await page.goto(`${gateway.url}/#/${path}`);
        await settled(page);
        assert.deepEqual(await accessibilityViolations(page), [], `${path} at ${width}`);
        // Nothing wider than the screen: a page that scrolls sideways is not responsive.
        const pageWidth = await page.evaluate('document.documentElement.scrollWidth');
        if (Number(pageWidth) > viewport.width) {
          const wide = await page.evaluate(
            `[...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > ${viewport.width}).slice(0, 8).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().width)).join(', ')`,
          );
          assert.fail(`${path} at ${width} is ${pageWidth} px wide: ${wide}`);
        }
        await page.screenshot({
          path: new URL(
            `${path.startsWith('requests/req_') ? 'request-detail' : path.replace('/', '-')}-${width}.png`,
            screenshots,
          ).pathname,
          fullPage: true,
        });
      }
    }
    await page.setViewportSize(desktop);
    await page.getByRole('button', { name: 'Dark theme' }).click();
    // The pages with the most colour: charts, badges and the frontier.
    for (const path of ['overview', 'routing', 'settings']) {
      await page.goto(`${gateway.url}/#/${path}`);
      await settled(page);
      assert.deepEqual(await accessibilityViolations(page), [], `${path}, dark theme`);
      await page.screenshot({
        path: new URL(`${path}-dark-desktop.png`, screenshots).pathname,
        fullPage: true,
      });
    }
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
    await page.getByText('Virtual key', { exact: true }).waitFor();
    const menu = await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allTextContents();
    assert.deepEqual(menu, ['Knowledge', 'Playground', 'Models']);
    await settled(page);
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.screenshot({ path: new URL('virtual-key-desktop.png', screenshots).pathname, fullPage: true });
    assert.deepEqual(problems, []);
  });
});
