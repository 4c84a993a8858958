import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { type FakeUpstream, startFakeUpstream } from '../../models/testing/fake-upstream.js';
import { readFixture } from '../../models/testing/fixtures.js';
import { startGateway, type TestGateway } from '../testing/start-gateway.js';

/** Serves recorded Gemini answers: the method in the path and whether tools were sent pick the fixture. */
function startRecordedGemini(): Promise<FakeUpstream> {
  return startFakeUpstream((recorded, response) => {
    const withTools = JSON.parse(recorded.body).tools !== undefined;
    if (recorded.path.includes(':streamGenerateContent')) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      return void response.end(
        readFixture(`gemini/${withTools ? 'stream-function-call' : 'stream-text'}.sse`),
      );
    }
    const fixture = recorded.path.includes(':batchEmbedContents')
      ? 'batch-embed-contents'
      : withTools
        ? 'function-call'
        : 'generate-content';
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(readFixture(`gemini/${fixture}.json`));
  });
}

describe('the gateway serving a gemini provider to the official openai SDK', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startRecordedGemini();
    gateway = await startGateway({
      providers: {
        google: { kind: 'gemini', base_url: `${upstream.url}/v1beta`, api_key: 'gemini-upstream-key' },
      },
      models: [{ name: 'flash', provider: 'google', model: 'gemini-2.5-flash' }],
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  test('chat: the Gemini answer comes back as a chat completion with usage', async () => {
    const completion = await client.chat.completions.create({
      model: 'flash',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Capital of France?' },
      ],
    });
    assert.equal(completion.choices[0]?.message.content, 'Paris is the capital of France.');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.equal(completion.usage?.prompt_tokens_details?.cached_tokens, 1024);
    assert.equal(completion.usage?.completion_tokens_details?.reasoning_tokens, 94);
    const sent = upstream.requests.at(-1);
    assert.equal(sent?.path, '/v1beta/models/gemini-2.5-flash:generateContent');
    assert.equal(sent?.headers['x-goog-api-key'], 'gemini-upstream-key');
    assert.deepEqual(JSON.parse(sent?.body ?? '{}').systemInstruction, { parts: [{ text: 'Be brief.' }] });
  });

  test('streaming with include_usage: text deltas in order, then the usage chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'flash',
      messages: [{ role: 'user', content: 'Why is the sky blue?' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined;
    const finishReasons: string[] = [];
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      const reason = chunk.choices[0]?.finish_reason;
      if (reason) finishReasons.push(reason);
      usage = chunk.usage ?? usage;
    }
    assert.equal(
      text,
      'The sky looks blue because air scatters short wavelengths — Rayleigh scattering — more than long ones.',
    );
    assert.deepEqual(finishReasons, ['stop']);
    assert.equal(usage?.total_tokens, 166);
    assert.match(upstream.requests.at(-1)?.path ?? '', /:streamGenerateContent\?alt=sse$/);
  });

  test('a tool call comes back parsed, and the declaration reaches Gemini', async () => {
    const completion = await client.chat.completions.create({
      model: 'flash',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: {
              type: 'object',
              properties: { location: { type: 'string' } },
              required: ['location'],
              additionalProperties: false,
            },
          },
        },
      ],
      tool_choice: 'auto',
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
    assert.ok(call && call.type === 'function');
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { location: 'Paris, France', unit: 'celsius' });
    const sent = JSON.parse(upstream.requests.at(-1)?.body ?? '{}');
    assert.deepEqual(sent.tools, [
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            parameters: {
              type: 'object',
              properties: { location: { type: 'string' } },
              required: ['location'],
            },
          },
        ],
      },
    ]);
    assert.deepEqual(sent.toolConfig, { functionCallingConfig: { mode: 'AUTO' } });
  });

  test('embeddings come back as an OpenAI embedding list', async () => {
    const embeddings = await client.embeddings.create({
      model: 'google/gemini-embedding-001',
      input: ['first', 'second'],
      encoding_format: 'float',
    });
    assert.equal(embeddings.data.length, 2);
    assert.deepEqual(embeddings.data[0]?.embedding, [-0.0220875, 0.0048421, 0.0118632, -0.0694281]);
    assert.ok(embeddings.usage.prompt_tokens > 0);
    assert.equal(upstream.requests.at(-1)?.path, '/v1beta/models/gemini-embedding-001:batchEmbedContents');
  });
});
