import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './testing/browser.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

const screenshots = new URL('../../test-artifacts/dashboard/', import.meta.url);

/** Serious or critical accessibility violations axe-core finds on the page as it is. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const result = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] })",
  )) as axe.AxeResults;
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => violation.id);
}

describe('the governance page in a real browser', () => {
  let gateway: TestGateway;
  let browser: Browser | undefined;
  let skip: string | undefined;
  let page: Page;
  let viewerKey = '';

  before(async () => {
    gateway = await startGateway({ knowledge: { ingest_project_docs: false } });
    const directory = gateway.stack.access.directory;
    await directory.createTeam({ id: 'search' });
    await directory.createUser({ id: 'vic', name: 'Vic', role: 'viewer', teams: ['search'] }, 'owner');
    viewerKey = (await gateway.stack.keys.create({ name: 'vic', metadata: { user: 'vic' } })).key;
    const launched = await launchChromium();
    if (typeof launched === 'string') skip = launched;
    else {
      browser = launched;
      page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      mkdirSync(screenshots, { recursive: true });
    }
  });
  after(async () => {
    await browser?.close();
    await gateway?.close();
  });

  async function signIn(key: string) {
    await page.goto(gateway.url);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Pages' }).waitFor();
  }

  it('the owner adds a team and a user, changes a role and sees the audit chain verify', async (t) => {
    if (skip) return t.skip(skip);
    await signIn(gateway.masterKey);
    await page.goto(`${gateway.url}/#/governance`);
    await page.getByRole('heading', { name: 'Governance' }).waitFor();
    await page.getByLabel('Team id').fill('payments');
    await page.getByRole('button', { name: 'Add team' }).click();
    await page.getByText('payments', { exact: true }).waitFor();
    const newUser = page.getByRole('form', { name: 'New user' });
    await newUser.getByLabel('Name').fill('Pat');
    await newUser.getByLabel('Role').selectOption('billing');
    await newUser.getByLabel('Teams (comma-separated)').fill('payments');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByLabel('Role of Pat').waitFor();
    await page.getByLabel('Role of Pat').selectOption('viewer');
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Intact: \d+ rows/ })
      .waitFor();
    await page.getByRole('cell', { name: 'PATCH /admin/v1/users/:id' }).first().waitFor();
    const pat = (await gateway.stack.access.directory.listUsers({ team: 'payments' }))[0];
    assert.equal(pat?.role, 'viewer');
    const roles = page.getByRole('table', { name: 'What each role may do' });
    assert.equal(
      await roles
        .getByRole('row', { name: /data:erase/ })
        .getByRole('cell')
        .first()
        .textContent(),
      'Yes',
    );
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.screenshot({ path: new URL('governance-desktop.png', screenshots).pathname, fullPage: true });
  });

  it("a viewer's key sees the page read-only, with no audit log and no forms", async (t) => {
    if (skip) return t.skip(skip);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(viewerKey);
    await page.getByText('Role: viewer').waitFor();
    const menu = await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allTextContents();
    assert.deepEqual(menu, [
      'Overview',
      'Requests',
      'Routing',
      'Costs and budgets',
      'Evaluation',
      'Value',
      'Keys',
      'Knowledge',
      'Governance',
      'Playground',
      'Models',
      'Guardrails',
      'Settings',
    ]);
    await page.goto(`${gateway.url}/#/governance`);
    await page.getByRole('cell', { name: 'viewer' }).first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Add user' }).count(), 0);
    assert.equal(await page.getByRole('heading', { name: 'Audit log' }).count(), 0);
    assert.deepEqual(await accessibilityViolations(page), []);
  });
});
