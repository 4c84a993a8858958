import assert from 'node:assert/strict';
import { test } from 'node:test';
import { routeOutcomes } from './route-outcomes.js';
import { createRouteTrace } from './route-trace.js';

test('cascade calls are counted by the tier that ended them, with their verdicts per tier and verifier', () => {
  const kept = createRouteTrace('support', 'cascade');
  kept.verdicts.push({ tier: 1, verifier: 'regex', score: 1, pass: true, reason: 'matched' });
  const escalated = createRouteTrace('support', 'cascade');
  escalated.verdicts.push({ tier: 1, verifier: 'regex', score: 0, pass: false, reason: 'no match' });
  escalated.escalations.push('tier 1 -> 2: regex 0.00 (no match)');
  const failedOver = createRouteTrace('support', 'cascade');
  failedOver.escalations.push('tier 1 -> 2: failed upstream_error');
  const fallback = createRouteTrace('support', 'fallback');

  const outcomes = routeOutcomes([kept, escalated, failedOver, fallback]);
  assert.deepEqual(outcomes, {
    calls: 4,
    cascadeCalls: 3,
    escalated: 2,
    endedAtTier: [
      { tier: 1, calls: 1 },
      { tier: 2, calls: 2 },
    ],
    verdicts: [{ tier: 1, verifier: 'regex', verdicts: 2, passed: 1, meanScore: 0.5 }],
  });
});

test('a route without calls has nothing to count', () => {
  assert.deepEqual(routeOutcomes([]), {
    calls: 0,
    cascadeCalls: 0,
    escalated: 0,
    endedAtTier: [],
    verdicts: [],
  });
});
