import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { configReference, configReferenceCommand } from './config-reference.js';

const committed = new URL('../../../docs/configuration.md', import.meta.url);

test('docs/configuration.md is the reference the config schema generates', () => {
  const current = readFileSync(committed, 'utf8');
  assert.ok(
    current === configReference(),
    `docs/configuration.md is out of date with src/config/schema.ts; run \`${configReferenceCommand}\``,
  );
});

test('the reference lists every section and field with its default and description', () => {
  const reference = configReference();
  for (const section of [
    'server',
    'store',
    'limits',
    'providers',
    'budgets',
    'catalog',
    'routes',
    'knowledge',
  ]) {
    assert.match(reference, new RegExp(`^## \`${section}\`$`, 'm'));
  }
  assert.match(reference, /\| `server\.port` \| integer \(≥ 0, ≤ 65535\) \| `4100` \| The port to listen on/);
  assert.match(
    reference,
    /\| `budgets\[\]\.limit_usd` \| number \(≥ 0\.000001, ≤ 1000000000\) \| required \| /,
  );
  assert.match(reference, /\| `routes\.<name>\.cascade\[\]\.use` \| plan \| required \| /);
});
