// End to end: the official OpenAI SDK reaches an Anthropic upstream through a real gateway.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { type FakeUpstream, startFakeUpstream } from '../../models/testing/fake-upstream.js';
import { readFixture } from '../../models/testing/fixtures.js';
import { startGateway, type TestGateway } from '../testing/start-gateway.js';

/** Serves recorded Anthropic answers: streamed or not, with tools or without. */
function startRecordedAnthropic(): Promise<FakeUpstream> {
  return startFakeUpstream((recorded, response) => {
    const body = JSON.parse(recorded.body) as { stream?: boolean; tools?: unknown };
    if (body.stream) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      return void response.end(
        readFixture(body.tools ? 'anthropic/stream-tool-use.sse' : 'anthropic/stream-text.sse'),
      );
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(readFixture(body.tools ? 'anthropic/message-tool-use.json' : 'anthropic/message-text.json'));
  });
}

describe('an OpenAI client reaches Anthropic through the gateway', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startRecordedAnthropic();
    gateway = await startGateway({
      providers: { claude: { kind: 'anthropic', base_url: upstream.url, api_key: 'sk-ant-upstream-secret' } },
      models: [{ name: 'sonnet', provider: 'claude', model: 'claude-sonnet-4-20250514' }],
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  test('prompt-caching markers from the client reach Anthropic', async () => {
    const cached = { type: 'ephemeral' as const };
    await client.chat.completions.create({
      model: 'sonnet',
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'text',
              text: 'A long shared prefix',
              cache_control: cached,
            } as OpenAI.ChatCompletionContentPartText,
          ],
        },
      ],
    });
    const body = JSON.parse(upstream.requests.at(-1)?.body ?? '{}');
    assert.deepEqual(body.messages[0].content[0].cache_control, cached);
  });

  test('chat: the Messages answer comes back as a chat completion', async () => {
    const completion = await client.chat.completions.create({
      model: 'sonnet',
      messages: [
        { role: 'system', content: 'Be friendly.' },
        { role: 'user', content: 'Say hello' },
      ],
    });
    assert.equal(completion.choices[0]?.message.content, 'Hello! How can I help you today?');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.equal(completion.usage?.total_tokens, 24);
    const sent = upstream.requests.at(-1);
    assert.equal(sent?.path, '/v1/messages');
    assert.equal(sent?.headers['x-api-key'], 'sk-ant-upstream-secret');
    const body = JSON.parse(sent?.body ?? '{}');
    assert.equal(body.system, 'Be friendly.');
    assert.equal(body.model, 'claude-sonnet-4-20250514');
  });

  test('streaming with include_usage: text deltas, a finish reason and a final usage chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'sonnet',
      messages: [{ role: 'user', content: 'Say hello' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finishReason: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(text, 'Hello! How can I help you today? ☀️ Grüße');
    assert.equal(finishReason, 'stop');
    assert.equal(usage?.prompt_tokens, 25 + 1024);
    assert.equal(usage?.completion_tokens, 15);
    assert.equal(usage?.prompt_tokens_details?.cached_tokens, 1024);
  });

  test('a tool call, whole and streamed', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { location: { type: 'string' } } },
        },
      },
    ];
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in SF?' }];
    const completion = await client.chat.completions.create({ model: 'sonnet', messages, tools });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
    assert.equal(call?.type === 'function' ? call.function.name : undefined, 'get_weather');
    assert.deepEqual(JSON.parse(call?.type === 'function' ? call.function.arguments : '{}'), {
      location: 'San Francisco, CA',
      unit: 'celsius',
    });
    assert.equal(JSON.parse(upstream.requests.at(-1)?.body ?? '{}').tools[0].name, 'get_weather');

    const runner = client.chat.completions.stream({ model: 'sonnet', messages, tools });
    const streamed = await runner.finalChatCompletion();
    const calls = streamed.choices[0]?.message.tool_calls ?? [];
    assert.deepEqual(
      calls.map((item) =>
        item.type === 'function' ? [item.function.name, JSON.parse(item.function.arguments)] : [],
      ),
      [
        ['get_weather', { location: 'San Francisco, CA', unit: 'fahrenheit' }],
        ['get_time', { timezone: 'America/Los_Angeles' }],
      ],
    );
  });
});
