import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { test } from 'node:test';
import axe from 'axe-core';
import { evaluationServices } from '../evaluation/evaluation-services.js';
import { evalConfigSchema } from '../evaluation/experiments/eval-config.js';
import { launchChromium } from './testing/browser.js';
import { startGateway } from './testing/start-gateway.js';

const screenshots = new URL('../../test-artifacts/dashboard/', import.meta.url);

test('the evaluation page shows experiments side by side, datasets and prompt versions', async (t) => {
  const launched = await launchChromium();
  if (typeof launched === 'string') return t.skip(launched);
  const gateway = await startGateway({ knowledge: { ingest_project_docs: false } });
  t.after(async () => {
    await launched.close();
    await gateway.close();
  });
  const { experiments, datasets } = evaluationServices(gateway.stack);
  await datasets.create('moons', 'Questions about moons');
  await datasets.put('moons', [
    { input: [{ role: 'user', content: 'How many moons has Mars?' }], expected: 'two', metadata: {} },
  ]);
  const passage = 'Mars has two moons, Phobos and Deimos.';
  const report = await experiments.run(
    evalConfigSchema.parse({
      description: 'Moons, two prompts',
      prompts: ['{{input}}', 'Answer: {{input}}'],
      providers: ['local/extractive'],
      tests: [
        {
          vars: { input: 'How many moons does Mars have?', passages: [passage] },
          assert: [{ type: 'icontains', value: 'two' }],
        },
        {
          vars: { input: 'What are the moons of Mars called?', passages: [passage] },
          assert: [{ type: 'icontains', value: 'Titan' }],
        },
      ],
    }),
  );
  const prompts = gateway.stack.evaluation.prompts;
  await prompts.create({
    name: 'moons',
    messages: [{ role: 'user', content: 'Q: {{q}}' }],
    settings: {},
    note: '',
    labels: ['production'],
  });
  await prompts.create({
    name: 'moons',
    messages: [{ role: 'user', content: 'Question: {{q}}' }],
    settings: {},
    note: 'longer',
    labels: ['staging'],
  });

  const page = await launched.newPage({ viewport: { width: 1280, height: 860 } });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  await page.goto(gateway.url);
  await page.getByLabel('API key').fill(gateway.masterKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto(`${gateway.url}/#/evaluation`);
  await page.getByRole('heading', { name: 'Evaluation', level: 1 }).waitFor();
  await page.getByRole('link', { name: /\d/ }).first().waitFor();
  assert.match((await page.locator('main').textContent()) ?? '', /Moons, two prompts/);
  await page.getByRole('row', { name: /moons\s+1\s+1/ }).waitFor();
  await page.getByText('moons: v2 (production → v1, staging → v2)').click();
  await page.getByText('+ user: Question: {{q}}', { exact: false }).waitFor();
  await page.evaluate(axe.source);
  const audit = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as axe.AxeResults;
  const serious = audit.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  assert.deepEqual(
    serious.map((violation) => violation.id),
    [],
  );
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: new URL('evaluation-desktop.png', screenshots).pathname, fullPage: true });

  await page.goto(`${gateway.url}/#/evaluation/experiments/${report.id}`);
  await page.getByRole('table', { name: 'Side by side' }).waitFor();
  const header = await page.getByRole('table', { name: 'Side by side' }).locator('thead').textContent();
  assert.match(header ?? '', /local\/extractive · prompt-1.*local\/extractive · prompt-2/);
  const failing = report.run.results.filter((result) => !result.pass).length;
  assert.ok(failing >= 2, 'the Titan test fails for both prompts');
  assert.equal(
    await page
      .getByRole('table', { name: 'Side by side' })
      .getByText(/^Fail /)
      .count(),
    failing,
  );
  await page.screenshot({
    path: new URL('evaluation-experiment-desktop.png', screenshots).pathname,
    fullPage: true,
  });
  assert.deepEqual(problems, []);
});
