import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { StrataError } from '../../core/errors.js';
import type { ChatChunk, ChatRequest } from '../../core/types.js';
import { createProvider } from '../create-provider.js';
import { createReplayProvider } from './replay-provider.js';
import { sampleOutcomes, writeOutcomesFile } from './testing/outcomes-file.js';

const planetPrompt = sampleOutcomes[0]?.prompt ?? '';

function ask(model: string, prompt: string): ChatRequest {
  return {
    model,
    messages: [
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: 'an earlier question' },
      { role: 'assistant', content: 'an earlier answer' },
      { role: 'user', content: prompt },
    ],
  };
}

function isCode(code: string, status: number, message: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof StrataError);
    assert.equal(error.code, code);
    assert.equal(error.status, status);
    assert.match(error.message, message);
    return true;
  };
}

describe('the replay provider', () => {
  test('chat answers with the recorded response, estimated usage and the recorded cost', async (t) => {
    const file = await writeOutcomesFile();
    t.after(() => file.remove());
    const provider = createReplayProvider(
      { id: 'replay', dataPath: file.path },
      { now: () => 1_700_000_000_000 },
    );
    const response = await provider.chat(ask('big/model-v2', planetPrompt));
    assert.equal(response.choices[0]?.message.content, 'B) Jupiter is the largest planet.');
    assert.equal(response.choices[0]?.finish_reason, 'stop');
    assert.equal(response.model, 'big/model-v2');
    assert.equal(response.created, 1_700_000_000);
    assert.deepEqual(response.strata_replay, {
      query_id: 'q1',
      cost_usd: 0.004,
      score: 1,
      cost_kind: 'recorded',
      response_recorded: true,
    });
    assert.equal(
      response.usage?.completion_tokens,
      Math.ceil('B) Jupiter is the largest planet.'.length / 4),
    );
    assert.ok((response.usage?.prompt_tokens ?? 0) > Math.ceil(planetPrompt.length / 4));
    const usage = response.usage;
    assert.ok(usage !== undefined && 'estimated' in usage);
    assert.equal(usage.estimated, true);
  });

  test('a model without a recorded response answers empty and says so', async (t) => {
    const file = await writeOutcomesFile();
    t.after(() => file.remove());
    const provider = createReplayProvider({ id: 'replay', dataPath: file.path });
    const response = await provider.chat(ask('big/model-v2', 'Write a python function to add two numbers.'));
    assert.equal(response.choices[0]?.message.content, '');
    assert.deepEqual(response.strata_replay, {
      query_id: 'q2',
      cost_usd: null,
      score: null,
      cost_kind: 'recorded',
      response_recorded: false,
    });
  });

  test('an unknown prompt is 404 not_found naming the file', async (t) => {
    const file = await writeOutcomesFile();
    t.after(() => file.remove());
    const provider = createReplayProvider({ id: 'replay', dataPath: file.path });
    await assert.rejects(
      provider.chat(ask('small-model', 'What is the capital of France?')),
      isCode('not_found', 404, /no recorded outcome for this prompt in .*outcomes\.jsonl/),
    );
  });

  test('a replay_query_id in metadata picks the exact recorded line of a repeated prompt', async (t) => {
    const file = await writeOutcomesFile();
    t.after(() => file.remove());
    const provider = createReplayProvider({ id: 'replay', dataPath: file.path });
    const prompt = 'Write a python function to add two numbers.';
    const first = await provider.chat(ask('small-model', prompt));
    assert.equal((first.strata_replay as { query_id: string }).query_id, 'q2');
    const again = await provider.chat({
      ...ask('small-model', prompt),
      metadata: { replay_query_id: 'q2-again' },
    });
    assert.deepEqual(again.strata_replay, {
      query_id: 'q2-again',
      cost_usd: 0.5,
      score: 0,
      cost_kind: 'recorded',
      response_recorded: false,
    });
    await assert.rejects(
      provider.chat({ ...ask('small-model', prompt), metadata: { replay_query_id: 'nope' } }),
      isCode('not_found', 404, /no recorded outcome/),
    );
  });

  test('an unknown model is 404 model_not_found listing known models', async (t) => {
    const file = await writeOutcomesFile();
    t.after(() => file.remove());
    const provider = createReplayProvider({ id: 'replay', dataPath: file.path });
    await assert.rejects(
      provider.chat(ask('gpt-5', planetPrompt)),
      isCode('model_not_found', 404, /no model `gpt-5`; it has big\/model-v2, small-model\./),
    );
  });

  test('stream sends role, content pieces, finish and a usage-only chunk', async (t) => {
    const file = await writeOutcomesFile();
    t.after(() => file.remove());
    const provider = createReplayProvider({ id: 'replay', dataPath: file.path });
    const chunks: ChatChunk[] = [];
    for await (const chunk of await provider.stream(ask('big/model-v2', planetPrompt))) chunks.push(chunk);
    assert.equal(chunks[0]?.choices[0]?.delta.role, 'assistant');
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    assert.equal(text, 'B) Jupiter is the largest planet.');
    assert.ok(chunks.length >= 5, `expected several content chunks, got ${chunks.length} chunks`);
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
    const last = chunks.at(-1);
    assert.deepEqual(last?.choices, []);
    assert.equal(
      last?.usage?.total_tokens,
      (last?.usage?.prompt_tokens ?? 0) + (last?.usage?.completion_tokens ?? 0),
    );
    assert.deepEqual(last?.strata_replay, chunks.at(-2)?.strata_replay);
    await assert.rejects(provider.stream(ask('small-model', 'unknown')), isCode('not_found', 404, /prompt/));
  });

  test('loads lazily on the first call, once, shared by concurrent calls', async (t) => {
    const file = await writeOutcomesFile();
    t.after(() => file.remove());
    const later = join(file.path, '..', 'later.jsonl');
    const provider = createReplayProvider({ id: 'replay', dataPath: later });
    await writeFile(later, `${JSON.stringify(sampleOutcomes[0])}\n`);
    const answers = await Promise.all([1, 2, 3].map(() => provider.chat(ask('small-model', planetPrompt))));
    assert.deepEqual(
      answers.map((answer) => answer.choices[0]?.message.content),
      ['A', 'A', 'A'],
    );
    await writeFile(
      later,
      `${JSON.stringify({ ...sampleOutcomes[0], responses: { 'small-model': 'changed' } })}\n`,
    );
    const again = await provider.chat(ask('small-model', planetPrompt));
    assert.equal(again.choices[0]?.message.content, 'A');
  });

  test('offers no embeddings', async () => {
    const provider = createReplayProvider({ id: 'replay', dataPath: '/nonexistent.jsonl' });
    assert.equal(provider.capabilities.embeddings, false);
    await assert.rejects(
      provider.embed({ model: 'small-model', input: 'x' }),
      isCode('unsupported_parameter', 400, /embeddings/),
    );
  });

  test('createProvider builds kind replay and demands `data`', () => {
    assert.equal(createProvider('bench', { kind: 'replay', data: '/tmp/x.jsonl' }).kind, 'replay');
    assert.throws(
      () => createProvider('bench', { kind: 'replay' }),
      isCode('config_invalid', 500, /providers\.bench\.data/),
    );
  });
});
