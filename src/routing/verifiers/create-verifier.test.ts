import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifierConfigSchema } from '../../config/verifiers.js';
import { StrataError } from '../../core/errors.js';
import { createVerifier } from './create-verifier.js';
import { answer, recordingContext, userRequest } from './testing/verify-fixtures.js';

const build = (config: unknown) => createVerifier(verifierConfigSchema.parse(config));
const context = recordingContext(() => 'unused');
const check = (config: unknown, text: string, request = userRequest('q')) =>
  build(config).verify(request, answer(text), context);

test('json_schema passes valid JSON in a code fence and names the path of each schema issue', async () => {
  const schema = {
    type: 'object',
    required: ['name', 'age'],
    properties: { name: { type: 'string', minLength: 1 }, age: { type: 'integer', minimum: 0 } },
    additionalProperties: false,
  };
  const good = await check({ type: 'json_schema', schema }, '```json\n{"name":"Ada","age":36}\n```');
  assert.equal(good.pass, true);
  assert.equal(good.score, 1);
  const bad = await check({ type: 'json_schema', schema }, '{"name":"","age":-1.5,"extra":true}');
  assert.equal(bad.pass, false);
  assert.match(bad.reason, /\$\.name shorter than 1/);
  assert.match(bad.reason, /\$\.age expected integer/);
  assert.match(bad.reason, /\$\.extra is not an allowed property/);
  const notJson = await check({ type: 'json_schema' }, 'Sure! {name: Ada}');
  assert.equal(notJson.pass, false);
  assert.match(notJson.reason, /not valid JSON/);
});

test('json_schema falls back to the schema of the request response_format', async () => {
  const request = {
    ...userRequest('q'),
    response_format: {
      type: 'json_schema' as const,
      json_schema: { name: 'x', schema: { type: 'array', items: { enum: ['a', 'b'] }, maxItems: 2 } },
    },
  };
  assert.equal((await check({ type: 'json_schema' }, '["a","b"]', request)).pass, true);
  const bad = await check({ type: 'json_schema' }, '["a","c","b"]', request);
  assert.match(bad.reason, /\$ more than 2 items; \$\[1\] expected one of "a", "b"/);
});

test('regex passes on a match and rejects a pattern that does not compile at build time', async () => {
  const verdict = await check({ type: 'regex', pattern: '^[A-D]$', flags: 'm' }, 'I think\nC');
  assert.equal(verdict.pass, true);
  assert.equal((await check({ type: 'regex', pattern: '^[A-D]$' }, 'E')).pass, false);
  assert.throws(
    () => build({ type: 'regex', pattern: '(' }),
    (error) => error instanceof StrataError && error.code === 'config_invalid',
  );
});

test('contains scores the share of required strings found, case-insensitively by default', async () => {
  const all = await check(
    { type: 'contains', values: ['refund', 'order number'] },
    'Your REFUND is on its way',
  );
  assert.equal(all.score, 0.5);
  assert.equal(all.pass, false);
  assert.match(all.reason, /lacks "order number"/);
  const any = await check({ type: 'contains', values: ['refund', 'order'], mode: 'any' }, 'a Refund');
  assert.equal(any.pass, true);
  const strict = await check({ type: 'contains', values: ['Refund'], case_sensitive: true }, 'a refund');
  assert.equal(strict.pass, false);
});

test('confidence is the mean token probability, and fails saying so when logprobs are absent', async () => {
  const verifier = build({ type: 'confidence', threshold: 0.6 });
  const logprobs = {
    content: [
      { token: 'B', logprob: Math.log(0.9) },
      { token: '.', logprob: Math.log(0.5) },
    ],
  };
  const sure = await verifier.verify(userRequest('q'), answer('B.', 'small', logprobs), context);
  assert.ok(Math.abs(sure.score - 0.7) < 1e-9);
  assert.equal(sure.pass, true);
  const absent = await verifier.verify(userRequest('q'), answer('B.'), context);
  assert.equal(absent.pass, false);
  assert.match(absent.reason, /no token logprobs/);
});

test('grounded uses the knowledge layer check, and fails clearly without one', async () => {
  const verifier = build({ type: 'grounded', threshold: 0.5 });
  const without = await verifier.verify(userRequest('q'), answer('Paris'), context);
  assert.equal(without.pass, false);
  assert.match(without.reason, /no knowledge layer/);
  const withLayer = recordingContext(() => 'unused', {
    grounded: async (text) => ({
      score: text === 'Paris' ? 0.9 : 0.1,
      reason: 'sentence 1 supported by doc 3',
    }),
  });
  const grounded = await verifier.verify(userRequest('q'), answer('Paris'), withLayer);
  assert.deepEqual(grounded, { score: 0.9, pass: true, reason: 'sentence 1 supported by doc 3' });
});
