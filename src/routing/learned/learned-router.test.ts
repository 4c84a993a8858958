import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLearnedRouter, type RoutingExample, trainLearnedRouter } from './learned-router.js';
import { decodeRouter, encodeRouter } from './router-codec.js';

// Maths prompts: only `big` is right. Greetings: both are right. `big` costs ten times more.
const examples: RoutingExample[] = [
  ...[
    'integral of x squared',
    'derivative of sine x',
    'solve the quadratic equation',
    'integral of cosine x',
  ].map((prompt, index) => ({
    id: `math-${index}`,
    prompt,
    scores: { small: 0, big: 1 },
    costs: { small: 0.001, big: 0.01 },
  })),
  ...['hello there friend', 'good morning friend', 'hello and good evening', 'say hello to my friend'].map(
    (prompt, index) => ({
      id: `chat-${index}`,
      prompt,
      scores: { small: 1, big: 1 },
      costs: { small: 0.001, big: 0.01 },
    }),
  ),
];
const options = { k: 3, prior: 0.1, minDf: 1, maxDfRatio: 1, maxFeatures: 1000, maxTermsPerText: 64 };

test('routes hard prompts to the strong model and easy ones to the cheap model at a middle lambda', () => {
  const router = createLearnedRouter(trainLearnedRouter(examples, options));
  assert.equal(router.choose('what is the integral of x', 0.5).model, 'big');
  assert.equal(router.choose('hello my friend', 0.5).model, 'small');
  // lambda 0 buys quality at any price; a huge lambda always takes the cheapest model.
  assert.equal(router.choose('hello my friend', 0).model, 'big');
  assert.equal(router.choose('integral of x', 100).model, 'small');
  assert.equal(router.choose('integral of x', 0, ['small']).model, 'small');
  const prediction = router.predict('derivative of x');
  assert.ok((prediction.quality[0] ?? 0) > 0.8, 'big is predicted right on maths');
  assert.ok(Math.abs((prediction.cost[0] ?? 0) - 0.01) < 1e-6);
});

test('training is deterministic whatever the row order, and survives the store codec unchanged', () => {
  const first = encodeRouter(trainLearnedRouter(examples, options));
  const second = encodeRouter(trainLearnedRouter([...examples].reverse(), options));
  assert.equal(first, second);
  const decoded = createLearnedRouter(decodeRouter(first));
  const original = createLearnedRouter(trainLearnedRouter(examples, options));
  for (const prompt of ['integral of sine', 'good evening', 'unrelated words entirely']) {
    assert.deepEqual(decoded.predict(prompt), original.predict(prompt));
  }
  assert.throws(() => decodeRouter('{"format":"other"}'), /not a Strata kNN router/);
});

test('predicts the global mean for a prompt with no known words', () => {
  const router = createLearnedRouter(trainLearnedRouter(examples, options));
  const prediction = router.predict('zzz qqq');
  assert.deepEqual(
    prediction.quality.map((value) => Number(value.toFixed(3))),
    [1, 0.5],
  );
});
