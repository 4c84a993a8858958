import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readEnvironment } from '../config/env.js';
import { parseConfig } from '../config/load.js';
import type { RoutesConfig } from '../config/routes.js';
import { createCatalog } from '../models/catalog/catalog.js';
import { createProvider } from '../models/create-provider.js';
import { createModelRegistry } from '../models/model-registry.js';
import { compileRoutes } from './build-routes.js';

function compile(routes: unknown) {
  const environment = readEnvironment({});
  const parsed = parseConfig({ routes }, environment);
  if (!parsed.ok) throw new Error(parsed.issues.join('; '));
  const local = createProvider('local', { kind: 'openai-compatible', base_url: 'http://127.0.0.1:9/v1' });
  const registry = createModelRegistry({ providers: new Map([['local', local]]), models: [], aliases: {} });
  return compileRoutes(parsed.value.routes as RoutesConfig, { registry, catalog: createCatalog([]) });
}

test('unknown model and route names are reported with their path', async () => {
  const result = await compile({ auto: { fallback: ['local/a', 'nowhere'] } });
  assert.deepEqual(result.ok ? [] : result.issues, [
    'routes.auto.fallback[1].model: `nowhere` is neither a route nor a model a configured provider serves (add it under models, or write provider/model)',
  ]);
});

test('routes nest by name, but not in a cycle and not as a nested cascade', async () => {
  const nested = await compile({
    inner: { fallback: ['local/a'] },
    outer: { fallback: ['inner', 'local/b'] },
  });
  assert.ok(nested.ok);
  const outer = nested.routes.get('outer');
  assert.equal(outer?.body.kind === 'plan' && outer.body.node.kind, 'fallback');
  const cycle = await compile({ one: { fallback: ['two'] }, two: { fallback: ['one'] } });
  assert.ok(!cycle.ok && cycle.issues.some((issue) => issue.includes('refers back to itself')));
  const cascade = await compile({ tiers: { cascade: [{ use: 'local/a' }] }, outer: { fallback: ['tiers'] } });
  assert.ok(!cascade.ok && cascade.issues[0]?.includes('is a cascade route'));
});

test('a cascade without a verifier factory says verifiers are unavailable; a learned balance without its router too', async () => {
  const result = await compile({
    tiers: {
      cascade: [{ use: 'local/a', verifiers: [{ type: 'contains', values: ['x'] }] }, { use: 'local/b' }],
    },
    smart: { balance: { strategy: 'learned', targets: ['local/a', 'local/b'] } },
  });
  assert.ok(!result.ok);
  assert.deepEqual(result.issues, [
    'routes.tiers.cascade[0].verifiers[0]: verifiers (`contains`) are not available in this build',
    'routes.smart.balance: a `learned` balance needs `router`: the name of a trained router',
  ]);
});
