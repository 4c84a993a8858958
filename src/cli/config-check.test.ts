import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { strata } from './testing/run-cli.js';

const providers = `providers:
  inhouse:
    kind: openai-compatible
    base_url: http://127.0.0.1:9/v1
models:
  - { name: fast, provider: inhouse, model: llama-3.1-8b }
keys:
  - { name: ci, key: sk-ci-config-key-0123456789 }
`;

test('config check reports every rule, condition, alias and catalog entry that matches nothing', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-config-check-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const file = join(home, 'strata.yaml');
  await writeFile(
    file,
    `${providers}
budgets:
  - { scope: key, match: cj, period: daily, limit_usd: 1 }
  - { scope: model, match: fats, period: daily, limit_usd: 1 }
limits:
  rate_limits:
    - { scope: key, match: nobody, requests_per_minute: 5 }
    - { scope: model, match: gpt-4o, requests_per_minute: 5 }
  context_window:
    fallbacks: { fast: [inhouse/llama-3.1-70b, slow] }
aliases:
  default: quick
catalog:
  models:
    - { provider: in-house, id: llama-3.1-8b, input: 0.1, output: 0.2 }
routes:
  auto:
    rules:
      - when: { key: [ci, robot] }
        use: fast
    default: fast
`,
  );
  const result = await strata(['config', 'check', '--config', file], { STRATA_HOME: home });
  assert.equal(result.code, 1, result.stdout);
  for (const path of [
    'budgets[0].match: no key is named `cj`',
    'budgets[1].match: `fats` is not a model',
    'limits.rate_limits[0].match: no key is named `nobody`',
    'limits.rate_limits[1].match: `gpt-4o` is not a model',
    'limits.context_window.fallbacks.fast[1]: `slow` is not a model',
    'aliases.default: `quick` is not a model',
    'catalog.models[0].provider: `in-house` is neither a configured provider',
    'routes.auto.rules[0].when.key[1]: no key is named `robot`',
  ])
    assert.ok(result.stderr.includes(path), `reports ${path}:\n${result.stderr}`);
  assert.ok(!result.stderr.includes('fallbacks.fast[0]'), 'a provider/model of a configured provider exists');
  assert.ok(!result.stderr.includes('key[0]'), 'the config key ci exists');
  assert.ok(!result.stderr.includes(' at '), 'no stack trace');
});

test('config check accepts keys by name or id, API keys, provider names and kinds in the catalog', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-config-check-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const env = { STRATA_HOME: home };
  const created = await strata(['keys', 'create', '--name', 'nightly', '--json'], env);
  const apiKey = JSON.parse(created.stdout) as { id: string };
  const file = join(home, 'strata.yaml');
  await writeFile(
    file,
    `${providers}
budgets:
  - { scope: key, match: ci, period: daily, limit_usd: 1 }
  - { scope: key, match: "config:ci", period: weekly, limit_usd: 1 }
  - { scope: key, match: nightly, period: daily, limit_usd: 1 }
  - { scope: key, match: ${apiKey.id}, period: weekly, limit_usd: 1 }
  - { scope: model, match: fast, period: daily, limit_usd: 1 }
limits:
  rate_limits:
    - { scope: key, match: master, requests_per_minute: 5 }
catalog:
  models:
    - { provider: inhouse, id: fast, input: 0.1, output: 0.2 }
    - { provider: openai-compatible, id: qwen-7b, input: 0.1, output: 0.2 }
`,
  );
  const result = await strata(['config', 'check', '--config', file], env);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Config OK/);
});
