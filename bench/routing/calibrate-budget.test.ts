import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ModelOutcome, RecordedQuery } from '../../src/models/replay/outcomes.js';
import { budgetMargin, calibrateToBudget, gatePlan } from './calibrate-budget.js';
import { checkedPlans } from './checked-plans.js';

// Maths prompts: only `big` is right, and the two small models give different answers. Greetings:
// every model is right and the small ones agree. `big` costs $10 per 1k queries, the small ones $1.
const topics = {
  math: [
    'integral of x squared',
    'derivative of sine x',
    'solve the quadratic equation',
    'integral of cosine',
  ],
  chat: ['hello there friend', 'good morning friend', 'hello and good evening', 'say hello to my friend'],
};
const outcome = (score: number, costUsd: number, response: string): ModelOutcome => ({
  score,
  costUsd,
  response,
});
const train: RecordedQuery[] = Object.entries(topics).flatMap(([topic, prompts]) =>
  Array.from({ length: 40 }, (_, index) => ({
    id: `${topic}-${index}`,
    split: 'train',
    task: topic,
    prompt: `${prompts[index % prompts.length]} number ${index}`,
    costKind: 'recorded',
    outcomes: new Map([
      ['small', outcome(topic === 'chat' ? 1 : 0, 0.001, topic === 'chat' ? 'Answer: A' : 'Answer: B')],
      ['mate', outcome(topic === 'chat' ? 1 : 0, 0.001, topic === 'chat' ? 'Answer: A' : 'Answer: C')],
      ['big', outcome(1, 0.01, 'Answer: A')],
    ]),
  })),
);
const options = { k: 5, prior: 0.1, minDf: 1, maxDfRatio: 1, maxFeatures: 1000, maxTermsPerText: 64 };
const gate = { cheap: ['small', 'mate'], partner: (model: string) => (model === 'small' ? 'mate' : 'small') };

test('a budget that affords the strong model on maths only buys full accuracy at half its cost', () => {
  const calibration = calibrateToBudget(train, options, 6, gate);
  assert.equal(calibration.lambda?.accuracy, 1);
  // Half the queries at $10/1k, half at $1/1k.
  assert.ok(Math.abs((calibration.lambda?.cost_per_1k ?? 0) - 5.5) < 1e-9);
  assert.ok((calibration.lambda?.setting ?? 0) > 0);
});

test('calibration never exceeds the budget times the margin, and says when nothing fits', () => {
  const tight = calibrateToBudget(train, options, 3, gate);
  assert.ok((tight.lambda?.cost_per_1k ?? Number.POSITIVE_INFINITY) <= 3 * budgetMargin);
  assert.equal(tight.lambda?.accuracy, 0.5);
  const none = calibrateToBudget(train, options, 0.5, undefined);
  assert.equal(none.lambda, undefined);
  assert.equal(none.gate, undefined);
});

test('the gated cascade pays the check and escalates only where the cheap pair disagrees', () => {
  const calibration = calibrateToBudget(train, options, 100, gate);
  const result = calibration.gate;
  assert.equal(result?.accuracy, 1);
  // Maths: a small model answers, its mate disagrees, `big` answers ($12/1k). Greetings: at the chosen
  // λs the escalation pick is the first model itself, so it answers unchecked ($1/1k).
  assert.ok(Math.abs((result?.cost_per_1k ?? 0) - 6.5) < 1e-9);
});

test('gatePlan answers unchecked when escalating would pick the first model again', () => {
  const same = gatePlan(() => 'small', { first: 0.5, escalate: 0 }, gate);
  assert.deepEqual(same, { first: 'small' });
  const picks = gatePlan(
    (_, candidates) => (candidates === undefined ? 'big' : 'mate'),
    { first: 0.5, escalate: 0 },
    gate,
  );
  assert.deepEqual(picks, { first: 'mate', partner: 'small', escalate: 'big' });
});

test("the router over models and checked cascades is calibrated from the cascades' recorded outcomes", () => {
  const plans = checkedPlans(['small', 'mate'], 'big');
  const calibration = calibrateToBudget(train, options, 6, gate, plans);
  assert.equal(calibration.plans?.accuracy, 1);
  assert.ok((calibration.plans?.cost_per_1k ?? Number.POSITIVE_INFINITY) <= 6 * budgetMargin);
  assert.equal(calibrateToBudget(train, options, 6, gate).plans, undefined, 'no plans, no calibration');
});
