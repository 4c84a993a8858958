import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseWithEmbedding, type Embed, trainEmbeddedRouter } from './embedding-features.js';
import { createLearnedRouter, defaultLearnedRouterOptions } from './learned-router.js';
import { decodeRouter, encodeRouter } from './router-codec.js';

// A stand-in embedding model: one dimension for maths words, one for greetings, one constant.
const embed: Embed = async (texts) =>
  texts.map((text) => [
    (text.match(/integral|derivative|equation/g) ?? []).length,
    (text.match(/hello|morning|friend/g) ?? []).length,
    0.1,
  ]);

const examples = ['integral of x', 'derivative of y', 'hello friend', 'good morning'].map(
  (prompt, index) => ({
    id: `row-${index}`,
    prompt,
    scores: index < 2 ? { small: 0, big: 1 } : { small: 1, big: 1 },
    costs: { small: 0.001, big: 0.01 },
  }),
);

test('an embedded router routes by embedding similarity and survives the store codec', async () => {
  const trained = await trainEmbeddedRouter(
    examples,
    { ...defaultLearnedRouterOptions, k: 2, prior: 0.1 },
    'local/embedder',
    embed,
  );
  const router = createLearnedRouter(decodeRouter(encodeRouter(trained)));
  assert.equal((await chooseWithEmbedding(router, embed, 'solve this equation', 0.5)).model, 'big');
  assert.equal((await chooseWithEmbedding(router, embed, 'hello there', 0.5)).model, 'small');
  assert.equal(router.trained.embeddingModel, 'local/embedder');
  assert.throws(() => router.predict('hello'), /trained on embeddings/);
});
