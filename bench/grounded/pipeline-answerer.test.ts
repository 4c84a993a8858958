import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readEnvironment } from '../../src/config/env.js';
import { parseConfig } from '../../src/config/load.js';
import type { ChatRequest } from '../../src/core/types.js';
import { startFakeUpstream } from '../../src/models/testing/fake-upstream.js';
import { createPipelineAnswerer } from './pipeline-answerer.js';
import { runGroundedBench } from './run.js';

test('a configured model answers through the pipeline with a citation prompt, and the bench scores it', async (t) => {
  // The fake model quotes the first three words of passage 1, or abstains when asked about Mars.
  const upstream = await startFakeUpstream((request, response) => {
    const body = JSON.parse(request.body) as ChatRequest;
    const prompt = String(body.messages.at(-1)?.content);
    const first = /\[1\] (?:[^:\n]*: )?(\S+ \S+ \S+)/.exec(prompt)?.[1];
    const content =
      prompt.includes('Mars') || first === undefined ? 'Insufficient information.' : `${first} [1]`;
    // No keep-alive: the bench builds its index between calls, longer than a server keeps a socket idle.
    response.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
    response.end(
      JSON.stringify({
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 1,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 50, completion_tokens: 5, total_tokens: 55 },
      }),
    );
  });
  const home = await mkdtemp(join(tmpdir(), 'strata-grounded-bench-'));
  t.after(async () => {
    await upstream.close();
    await rm(home, { recursive: true, force: true });
  });
  const environment = readEnvironment({ STRATA_HOME: home });
  const parsed = parseConfig(
    {
      providers: { fake: { kind: 'openai-compatible', base_url: `${upstream.url}/v1`, api_key: 'sk-fake' } },
      models: [{ name: 'fast', provider: 'fake', model: 'gpt-4o-mini' }],
    },
    environment,
  );
  assert.ok(parsed.ok);
  const answerer = await createPipelineAnswerer('fast', parsed.value, environment);
  t.after(() => answerer.close());

  const passages = [
    { id: 'a', text: 'Paris is the capital of France.' },
    { id: 'b', text: 'Berlin is the capital of Germany.' },
  ];
  const answer = await answerer.answer('What is the capital of France?', passages);
  assert.deepEqual(answer, {
    answer: 'Paris is the [1]',
    citations: [{ index: 1, chunkId: 'a', start: 0, end: passages[0]?.text.length, text: passages[0]?.text }],
    abstained: false,
  });
  const sent = JSON.parse(upstream.requests[0]?.body ?? '{}') as ChatRequest;
  assert.equal(sent.model, 'gpt-4o-mini');
  assert.match(String(sent.messages[0]?.content), /Insufficient information\./);
  assert.match(
    String(sent.messages[1]?.content),
    /\[2\] Berlin is the capital of Germany\.\n\nQuestion: What is/,
  );
  assert.deepEqual(await answerer.answer('What is on Mars?', passages), {
    answer: 'Insufficient information.',
    citations: [],
    abstained: true,
  });

  const report = await runGroundedBench({
    dataDirectory: fileURLToPath(
      new URL('../../../bench/grounded/__fixtures__/harbour-town', import.meta.url),
    ),
    answerer,
    limit: 8,
  });
  assert.equal(report.model, 'fast');
  assert.equal(report.threshold, null);
  assert.equal(report.calibrated_threshold, null);
  assert.equal(report.all.questions, 8);
  assert.equal(report.all.citations, 8);
  assert.equal(report.all.citation_validity, 100);
});
