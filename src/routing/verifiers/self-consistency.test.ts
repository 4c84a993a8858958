import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifierConfigSchema } from '../../config/verifiers.js';
import { createVerifier } from './create-verifier.js';
import { answer, recordingContext, userRequest } from './testing/verify-fixtures.js';

const build = (config: unknown) => createVerifier(verifierConfigSchema.parse(config));

test('self_consistency asks the other models and passes when their final answers agree', async () => {
  const replies: Record<string, string> = { mid: 'Let me think. The answer is B.', other: 'A' };
  const context = recordingContext((request) => replies[request.model] ?? 'none');
  const verifier = build({ type: 'self_consistency', models: ['mid', 'other'], threshold: 0.5 });
  const verdict = await verifier.verify(userRequest('Which?'), answer('B) Jupiter'), context);
  assert.equal(verdict.score, 0.5);
  assert.equal(verdict.pass, true);
  assert.match(verdict.reason, /1 of 2 other answer\(s\) agree with "B"/);
  assert.deepEqual(
    context.calls.map((call) => [call.request.model, call.purpose, call.request.stream]),
    [
      ['mid', 'verifier', false],
      ['other', 'verifier', false],
    ],
  );
});

test('self_consistency without models resamples the same model at a non-zero temperature', async () => {
  let count = 0;
  const context = recordingContext(() => (++count === 1 ? '42' : 'It is 41'));
  const verifier = build({ type: 'self_consistency', samples: 2 });
  const verdict = await verifier.verify(userRequest('6*7?'), answer('The answer is 42'), context);
  assert.equal(verdict.score, 0.5);
  assert.deepEqual(
    context.calls.map((call) => [call.request.model, call.request.temperature]),
    [
      ['small', 0.7],
      ['small', 0.7],
    ],
  );
});

test('self_consistency reports failed calls in the verdict instead of throwing', async () => {
  const context = recordingContext(() => new Error('upstream 503'));
  const verdict = await build({ type: 'self_consistency', models: ['mid'] }).verify(
    userRequest('q'),
    answer('A'),
    context,
  );
  assert.equal(verdict.pass, false);
  assert.match(verdict.reason, /no second answer could be had: upstream 503/);
});
