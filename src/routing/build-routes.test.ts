import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readEnvironment } from '../config/env.js';
import { parseConfig } from '../config/load.js';
import type { RoutesConfig } from '../config/routes.js';
import { createCatalog } from '../models/catalog/catalog.js';
import { createProvider } from '../models/create-provider.js';
import { createModelRegistry } from '../models/model-registry.js';
import { type BuildRoutesDeps, compileRoutes } from './build-routes.js';
import { reachableGroups } from './plan.js';
import { createVerifier } from './verifiers/create-verifier.js';

function compile(routes: unknown, deps: Pick<BuildRoutesDeps, 'createVerifier'> = {}) {
  const environment = readEnvironment({});
  const parsed = parseConfig({ routes }, environment);
  if (!parsed.ok) throw new Error(parsed.issues.join('; '));
  const local = createProvider('local', { kind: 'openai-compatible', base_url: 'http://127.0.0.1:9/v1' });
  const registry = createModelRegistry({ providers: new Map([['local', local]]), models: [], aliases: {} });
  return compileRoutes(parsed.value.routes as RoutesConfig, {
    registry,
    catalog: createCatalog([]),
    ...deps,
  });
}

test('unknown model and route names are reported with their path', async () => {
  const result = await compile({ auto: { fallback: ['local/a', 'nowhere'] } });
  assert.deepEqual(result.ok ? [] : result.issues, [
    'routes.auto.fallback[1].model: `nowhere` is neither a route nor a model a configured provider serves (add it under models, or write provider/model)',
  ]);
});

test('routes nest by name, but not in a cycle, and a cascade route only as a whole candidate', async () => {
  const nested = await compile({
    inner: { fallback: ['local/a'] },
    outer: { fallback: ['inner', 'local/b'] },
  });
  assert.ok(nested.ok);
  const outer = nested.routes.get('outer');
  assert.equal(outer?.body.kind === 'plan' && outer.body.node.kind, 'fallback');
  const cycle = await compile({ one: { fallback: ['two'] }, two: { fallback: ['one'] } });
  assert.ok(!cycle.ok && cycle.issues.some((issue) => issue.includes('refers back to itself')));
  const chosen = await compile({
    tiers: { cascade: [{ use: 'local/a' }, { use: 'local/c' }] },
    others: { cascade: [{ use: 'local/d' }, { use: 'local/c' }] },
    outer: { balance: { targets: ['tiers', 'local/b', 'others'] } },
  });
  assert.ok(chosen.ok);
  const balance = chosen.routes.get('outer');
  const target = balance?.body.kind === 'plan' && balance.body.node.kind === 'balance' && balance.body.node;
  assert.ok(target);
  assert.equal(target.children[0]?.kind, 'cascade');
  assert.deepEqual(
    target.candidates.map((candidate) => [candidate.name, candidate.key]),
    [
      ['tiers', 'local/a'],
      ['local/b', 'local/b'],
      ['others', 'local/d'],
    ],
  );
  // Step one may be any candidate's first answer; step two only a cascade's second tier.
  assert.deepEqual(
    reachableGroups(balance).map((group) => group.map((leaf) => leaf.key)),
    [
      ['local/a', 'local/b', 'local/d'],
      ['local/c', 'local/c'],
    ],
  );
  const inTier = await compile({
    tiers: { cascade: [{ use: 'local/a' }] },
    outer: { cascade: [{ use: 'tiers' }, { use: 'local/b' }] },
  });
  assert.ok(!inTier.ok && inTier.issues[0]?.includes('a cascade tier cannot hold another cascade'));
  const inline = await compile({ outer: { fallback: [{ cascade: [{ use: 'local/a' }] }] } });
  assert.ok(!inline.ok && inline.issues[0]?.includes('must be a route of its own'));
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

test("a cascade's reachable steps include every model call its verifiers may make, for the budget hold", async () => {
  const checked = {
    cascade: [
      {
        use: 'local/a',
        verifiers: [
          { type: 'self_consistency', models: ['local/x'], samples: 2 },
          { type: 'self_consistency' },
          { type: 'llm_judge', model: 'local/judge', rubric: 'Correct?' },
          { type: 'contains', values: ['ok'] },
        ],
      },
      { use: 'local/b' },
    ],
  };
  const compiled = await compile({ checked }, { createVerifier });
  assert.ok(compiled.ok);
  const route = compiled.routes.get('checked');
  assert.ok(route);
  // Tier 1, two samples of x, one resample of a, the judge, then tier 2.
  assert.deepEqual(
    reachableGroups(route).map((group) => group.map((leaf) => leaf.key)),
    [['local/a'], ['local/x'], ['local/x'], ['local/a'], ['local/judge'], ['local/b']],
  );
  const typo = await compile(
    {
      typo: {
        cascade: [{ use: 'local/a', verifiers: [{ type: 'llm_judge', model: 'nowhere', rubric: 'r' }] }],
      },
    },
    { createVerifier },
  );
  assert.ok(!typo.ok);
  assert.match(
    typo.issues[0] ?? '',
    /^routes\.typo\.cascade\[0\]\.verifiers\[0\]\.model: `nowhere` is neither/,
  );
});
