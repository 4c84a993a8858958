import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertionConfigSchema } from '../../config/assertions.js';
import { StrataError } from '../../core/errors.js';
import type { ChatRequest } from '../../core/types.js';
import { answer, recordingContext, userRequest } from '../../routing/verifiers/testing/verify-fixtures.js';
import type { AssertionContext, AssertionSubject } from './assertion.js';
import { type AssertionDefaults, createAssertion } from './create-assertion.js';

const quiet = recordingContext(() => 'unused');

function subject(output: string, extra: Partial<AssertionSubject> = {}): AssertionSubject {
  return {
    output,
    request: userRequest('What is the capital of France?'),
    response: answer(output),
    vars: {},
    costUsd: 0.0001,
    latencyMs: 120,
    ...extra,
  };
}

async function check(
  config: Record<string, unknown>,
  output: string,
  extra: Partial<AssertionSubject> = {},
  context: AssertionContext = quiet,
  defaults: AssertionDefaults = {},
) {
  return createAssertion(assertionConfigSchema.parse(config), defaults).evaluate(
    subject(output, extra),
    context,
  );
}

test('equals compares trimmed text, fills {{vars}}, and compares JSON objects whatever their key order', async () => {
  assert.equal((await check({ type: 'equals', value: 'Paris' }, ' Paris\n')).pass, true);
  assert.equal((await check({ type: 'equals' }, 'Paris', { expected: 'Paris' })).pass, true);
  assert.equal(
    (await check({ type: 'equals', value: '{{city}}' }, 'Lyon', { vars: { city: 'Paris' } })).pass,
    false,
  );
  const json = await check({ type: 'equals', value: { a: 1, b: [2] } }, '{"b":[2],"a":1}');
  assert.equal(json.pass, true);
  assert.match((await check({ type: 'equals', value: 'x' }, 'y')).reason, /expected "x", got "y"/);
});

test('contains family: case-sensitive, case-insensitive, any and all, and not- inverts', async () => {
  assert.equal((await check({ type: 'contains', value: 'Paris' }, 'it is paris')).pass, false);
  assert.equal((await check({ type: 'icontains', value: 'Paris' }, 'it is paris')).pass, true);
  assert.equal((await check({ type: 'contains-any', value: ['Rome', 'Paris'] }, 'Paris')).pass, true);
  const all = await check({ type: 'icontains-all', value: ['paris', 'france'] }, 'PARIS');
  assert.equal(all.pass, false);
  assert.equal(all.score, 0.5);
  const negated = await check({ type: 'not-icontains', value: 'sorry' }, 'Sorry, no');
  assert.equal(negated.pass, false);
  assert.match(negated.reason, /^not: /);
});

test('regex and is-json run through the routing verifiers, schema issues named', async () => {
  assert.equal((await check({ type: 'regex', value: '^[A-D]$', flags: 'm' }, 'so\nB')).pass, true);
  const schema = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };
  assert.equal((await check({ type: 'is-json', value: schema }, '```json\n{"name":"Ada"}\n```')).pass, true);
  const bad = await check({ type: 'is-json', value: schema }, '{"age":3}');
  assert.equal(bad.pass, false);
  assert.match(bad.reason, /missing required property "name"/);
  assert.equal((await check({ type: 'is-json' }, 'not json')).pass, false);
});

test('numeric reads the first number of the answer and allows the tolerance', async () => {
  assert.equal(
    (await check({ type: 'numeric', value: '3.14', tolerance: 0.01 }, 'Pi is about 3.1416')).pass,
    true,
  );
  assert.equal((await check({ type: 'numeric', value: 1000 }, 'It costs 1,000 dollars')).pass, true);
  assert.equal((await check({ type: 'numeric', value: 41 }, 'The answer is 42')).pass, false);
  assert.match((await check({ type: 'numeric', value: 4 }, 'none')).reason, /no number/);
});

test('f1, rouge-l and bleu score against the value or the expected output', async () => {
  const f1 = await check({ type: 'f1' }, 'The capital is Paris', { expected: 'Paris is the capital' });
  assert.equal(f1.score, 1);
  const rouge = await check({ type: 'rouge-l', value: 'the cat sat on the mat' }, 'the cat lay on the mat');
  assert.ok(rouge.score > 0.7 && rouge.score < 1, String(rouge.score));
  const exact = await check(
    { type: 'bleu', value: 'the quick brown fox jumps' },
    'the quick brown fox jumps',
  );
  assert.ok(Math.abs(exact.score - 1) < 1e-9);
  const far = await check({ type: 'bleu', threshold: 0.3 }, 'completely different words here', {
    expected: 'the quick brown fox jumps',
  });
  assert.equal(far.pass, false);
});

test('similar uses the configured embeddings, and fails saying why without them', async () => {
  const none = await check({ type: 'similar', value: 'Paris' }, 'Paris');
  assert.match(none.reason, /needs an embedding model/);
  const vectors: Record<string, number[]> = { Paris: [1, 0], 'City of Paris': [0.9, 0.1], Bananas: [0, 1] };
  const context = {
    ...quiet,
    embed: async (texts: string[]) => texts.map((text) => vectors[text] ?? [0, 0]),
  };
  assert.equal((await check({ type: 'similar', value: 'Paris' }, 'City of Paris', {}, context)).pass, true);
  assert.equal((await check({ type: 'similar', value: 'Paris' }, 'Bananas', {}, context)).pass, false);
});

test('cost and latency are ceilings; an unpriced call fails its cost ceiling', async () => {
  assert.equal((await check({ type: 'cost', threshold: 0.001 }, 'x', { costUsd: 0.0005 })).pass, true);
  const over = await check({ type: 'cost', threshold: 0.001 }, 'x', { costUsd: 0.004 });
  assert.equal(over.pass, false);
  assert.equal(over.score, 0.25);
  assert.match((await check({ type: 'cost', threshold: 1 }, 'x', { costUsd: null })).reason, /unknown/);
  assert.equal((await check({ type: 'latency', threshold: 100 }, 'x', { latencyMs: 250 })).pass, false);
});

test('grounded uses the knowledge check; citations must name a passage that supports the sentence', async () => {
  const withKnowledge = recordingContext(() => 'unused', {
    grounded: async (text) => ({ score: text.includes('Paris') ? 0.9 : 0.2, reason: 'checked' }),
  });
  assert.equal((await check({ type: 'grounded' }, 'Paris', {}, withKnowledge)).pass, true);
  assert.match((await check({ type: 'context-faithfulness' }, 'Paris')).reason, /no knowledge layer/);
  const passages = ['Paris is the capital of France.', 'Berlin is the capital of Germany.'];
  const good = await check({ type: 'citations' }, 'Paris is the capital of France [1].', {
    vars: { passages },
  });
  assert.equal(good.pass, true, good.reason);
  const wrong = await check({ type: 'citations' }, 'Paris is the capital of France [3].', {
    vars: { passages },
  });
  assert.equal(wrong.pass, false);
  assert.match(wrong.reason, /\[3\] names no passage/);
  assert.match((await check({ type: 'citations' }, 'Paris [1].')).reason, /no passages/);
});

test('is-refusal spots declines and abstentions, and not-is-refusal passes answers', async () => {
  assert.equal((await check({ type: 'is-refusal' }, "I'm sorry, but I can't help with that.")).pass, true);
  assert.equal((await check({ type: 'is-refusal' }, 'Insufficient information.')).pass, true);
  assert.equal((await check({ type: 'is-refusal' }, 'The capital is Paris.')).pass, false);
  assert.equal((await check({ type: 'not-is-refusal' }, 'The capital is Paris.')).pass, true);
});

test('javascript runs in a sandbox with a timeout and turns every failure into a verdict', async () => {
  assert.equal((await check({ type: 'javascript', value: 'output.length < 10' }, 'short')).pass, true);
  const scored = await check({ type: 'javascript', value: 'return { score: 0.4, reason: "meh" }' }, 'x');
  assert.deepEqual(scored, { score: 0.4, pass: false, reason: 'meh' });
  const vars = await check({ type: 'javascript', value: 'output === vars.want' }, 'ok', {
    vars: { want: 'ok' },
  });
  assert.equal(vars.pass, true);
  const loop = await check({ type: 'javascript', value: 'while (true) {}', timeout_ms: 50 }, 'x');
  assert.match(loop.reason, /timed out/);
  assert.match(
    (await check({ type: 'javascript', value: 'process.exit(1)' }, 'x')).reason,
    /process is not defined/,
  );
  const folder = await mkdtemp(join(tmpdir(), 'strata-assert-'));
  try {
    await writeFile(join(folder, 'check.mjs'), 'export const short = ({ answer }) => answer.length < 3;');
    const fromFile = await check({ type: 'javascript', value: 'file://./check.mjs:short' }, 'ab', {}, quiet, {
      baseDirectory: folder,
    });
    assert.equal(fromFile.pass, true);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test('llm-rubric asks the judge repeat times at temperature 0 with seeds seed..seed+N-1', async () => {
  // A judge whose grade depends on the seed: seeds 3 and 5 fail, the rest pass.
  const judge = (request: ChatRequest) =>
    request.seed === 3 || request.seed === 5 ? 'Score: 2' : 'Score: 9';
  const context = recordingContext(judge);
  const config = {
    type: 'llm-rubric',
    value: 'Names the capital of {{country}}',
    repeat: 5,
    pass_rate: 0.6,
    seed: 1,
  };
  const first = await check(config, 'Paris', { vars: { country: 'France' } }, context, {
    judge: 'judge-model',
  });
  assert.equal(first.pass, true);
  assert.match(first.reason, /3 of 5 judge runs passed/);
  assert.deepEqual(
    context.calls.map((call) => [
      call.request.model,
      call.request.seed,
      call.request.temperature,
      call.purpose,
    ]),
    [1, 2, 3, 4, 5].map((seed) => ['judge-model', seed, 0, 'judge']),
  );
  assert.match(String(context.calls[0]?.request.messages[0]?.content), /capital of France/);
  for (let rerun = 0; rerun < 3; rerun++) {
    const again = await check(config, 'Paris', { vars: { country: 'France' } }, recordingContext(judge), {
      judge: 'judge-model',
    });
    assert.deepEqual(again, first);
  }
  const stricter = await check({ ...config, pass_rate: 0.8 }, 'Paris', {}, recordingContext(judge), {
    judge: 'judge-model',
  });
  assert.equal(stricter.pass, false);
  assert.throws(
    () => createAssertion(assertionConfigSchema.parse({ type: 'llm-rubric', value: 'x' })),
    (error) => error instanceof StrataError && error.code === 'config_invalid',
  );
});
