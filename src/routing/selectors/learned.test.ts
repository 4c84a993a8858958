import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StrataError } from '../../core/errors.js';
import { seededRandom } from '../../core/random.js';
import { createCatalog } from '../../models/catalog/catalog.js';
import { trainEmbeddedRouter } from '../learned/embedding-features.js';
import { trainLearnedRouter } from '../learned/learned-router.js';
import { encodeRouter } from '../learned/router-codec.js';
import { createModelStats } from '../model-stats.js';
import { createSelector } from './create-selector.js';
import type { Candidate, SelectionContext } from './selector.js';

const prompts = {
  hard: ['prove the theorem about primes', 'prove the lemma on graphs', 'prove this theorem by induction'],
  easy: ['translate hello to french', 'translate thanks to german', 'translate goodbye to french'],
};
const stored = encodeRouter(
  trainLearnedRouter(
    [
      ...prompts.hard.map((prompt, index) => ({
        id: `h${index}`,
        prompt,
        scores: { 'small-model': 0, 'big-model': 1 },
        costs: { 'small-model': 0.001, 'big-model': 0.01 },
      })),
      ...prompts.easy.map((prompt, index) => ({
        id: `e${index}`,
        prompt,
        scores: { 'small-model': 1, 'big-model': 1 },
        costs: { 'small-model': 0.001, 'big-model': 0.01 },
      })),
    ],
    { k: 3, prior: 0.1, minDf: 1, maxDfRatio: 1, maxFeatures: 1000, maxTermsPerText: 64 },
  ),
);

const candidates: Candidate[] = [
  { index: 0, name: 'big', weight: 1, key: 'openai/big-model' },
  { index: 1, name: 'small', weight: 1, key: 'openai/small-model' },
  { index: 2, name: 'other', weight: 1, key: 'openai/unknown-model' },
];

function context(content: string): SelectionContext {
  return {
    request: { model: 'auto', messages: [{ role: 'user', content }] },
    principal: { kind: 'anonymous', keyId: null, keyName: null, team: null },
    random: seededRandom(1),
    stats: createModelStats(),
    estimateUsd: () => undefined,
  };
}

const deps = {
  catalog: createCatalog([]),
  load: async (name: string) => (name === 'tutor' ? stored : undefined),
};

test('the learned strategy orders targets by predicted quality minus lambda times cost', async () => {
  const selector = await createSelector(
    { strategy: 'learned', router: 'tutor', lambda: 0.5, targets: [] },
    deps,
  );
  const names = async (prompt: string) =>
    (await selector.order(candidates, context(prompt))).map((candidate) => candidate.name);
  assert.deepEqual(await names('prove the theorem'), ['big', 'small', 'other']);
  assert.deepEqual(await names('translate hello'), ['small', 'big', 'other']);
  const reasons: string[] = [];
  await selector.order(candidates, {
    ...context('translate hello'),
    explain: (reason) => reasons.push(reason),
  });
  assert.match(reasons[0] ?? '', /^learned lambda 0\.5: small \(quality 0\.\d+ cost \$0\.001\d*\) over big /);
  const qualityOnly = await createSelector(
    { strategy: 'learned', router: 'tutor', lambda: 0, targets: [] },
    deps,
  );
  assert.equal((await qualityOnly.order(candidates, context('translate hello')))[0]?.name, 'big');
});

test('a learned balance without a stored router fails at build time with config_invalid', async () => {
  const invalid = (pattern: RegExp) => (error: unknown) =>
    error instanceof StrataError && error.code === 'config_invalid' && pattern.test(error.message);
  await assert.rejects(
    createSelector({ strategy: 'learned', router: 'missing', targets: [] }, deps),
    invalid(/no trained router `missing`/),
  );
  await assert.rejects(createSelector({ strategy: 'learned', targets: [] }, deps), invalid(/needs `router`/));
  await assert.rejects(
    createSelector({ strategy: 'learned', router: 'tutor', targets: [] }, { catalog: createCatalog([]) }),
    invalid(/needs the store/),
  );
});

test('a router trained on embeddings embeds each prompt as the caller, and keeps config order when it cannot', async () => {
  // A stand-in embedding model: one dimension for proofs, one for translations.
  const vectorOf = (text: string) => [
    /prove|theorem|lemma/.test(text) ? 1 : 0,
    /translate/.test(text) ? 1 : 0,
  ];
  const examples = [...prompts.hard, ...prompts.easy].map((prompt, index) => ({
    id: `r${index}`,
    prompt,
    scores: { 'small-model': index < 3 ? 0 : 1, 'big-model': 1 },
    costs: { 'small-model': 0.001, 'big-model': 0.01 },
  }));
  const options = { k: 3, prior: 0.1, minDf: 1, maxDfRatio: 1, maxFeatures: 1000, maxTermsPerText: 64 };
  const trained = await trainEmbeddedRouter(examples, options, 'local/embedder', async (texts) =>
    texts.map(vectorOf),
  );
  const calls: Array<{ model: string; texts: string[]; key: string | null }> = [];
  let failing = false;
  const embeddedDeps = {
    catalog: createCatalog([]),
    load: async () => encodeRouter(trained),
    embed: async (model: string, texts: string[], principal: { keyId: string | null }) => {
      calls.push({ model, texts, key: principal.keyId });
      if (failing) throw new Error('upstream down');
      return texts.map(vectorOf);
    },
  };
  const selector = await createSelector(
    { strategy: 'learned', router: 'tutor', lambda: 0.5, targets: [] },
    embeddedDeps,
  );
  const names = async (prompt: string) =>
    (await selector.order(candidates, context(prompt))).map((candidate) => candidate.name);
  assert.deepEqual(await names('prove it'), ['big', 'small', 'other']);
  assert.deepEqual(await names('translate it'), ['small', 'big', 'other']);
  assert.deepEqual(calls[0], { model: 'local/embedder', texts: ['prove it'], key: null });
  failing = true;
  assert.deepEqual(await names('translate it'), ['big', 'small', 'other'], 'config order');
  const reasons: string[] = [];
  await selector.order(candidates, { ...context('translate it'), explain: (reason) => reasons.push(reason) });
  assert.deepEqual(reasons, ['learned: no embedding from local/embedder (upstream down); config order']);
  await assert.rejects(
    createSelector(
      { strategy: 'learned', router: 'tutor', targets: [] },
      { catalog: createCatalog([]), load: embeddedDeps.load },
    ),
    (error: unknown) => error instanceof StrataError && /trained on embeddings/.test(error.message),
  );
});
