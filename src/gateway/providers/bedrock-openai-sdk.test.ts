import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import {
  assertSigned,
  encodeEventFixture,
  testCredentials,
  testRegion,
} from '../../models/bedrock/testing/bedrock-harness.js';
import { type FakeUpstream, startFakeUpstream } from '../../models/testing/fake-upstream.js';
import { readFixture } from '../../models/testing/fixtures.js';
import { startGateway, type TestGateway } from '../testing/start-gateway.js';

const modelId = 'anthropic.claude-3-5-sonnet-20240620-v1:0';

/** Serves recorded Bedrock answers: the action in the path and the presence of tools pick the fixture. */
function startRecordedBedrock(): Promise<FakeUpstream> {
  return startFakeUpstream((recorded, response) => {
    const hasTools = (JSON.parse(recorded.body) as { toolConfig?: unknown }).toolConfig !== undefined;
    if (recorded.path.endsWith('/converse-stream')) {
      response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
      response.end(
        encodeEventFixture(hasTools ? 'bedrock/stream-tool-use.json' : 'bedrock/stream-text.json'),
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(readFixture(hasTools ? 'bedrock/converse-tool-use.json' : 'bedrock/converse-text.json'));
  });
}

describe('the gateway with a bedrock provider, driven by the official openai SDK', () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startRecordedBedrock();
    gateway = await startGateway({
      providers: {
        aws: {
          kind: 'bedrock',
          base_url: upstream.url,
          region: testRegion,
          aws_access_key_id: testCredentials.accessKeyId,
          aws_secret_access_key: testCredentials.secretAccessKey,
          aws_session_token: testCredentials.sessionToken,
        },
      },
      models: [{ name: 'claude', provider: 'aws', model: modelId }],
    });
    client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.masterKey, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  test('chat: a signed Converse call answers in OpenAI shape', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'claude', messages: [{ role: 'user', content: 'What is Bedrock?' }] })
      .withResponse();
    assert.match(data.choices[0]?.message.content ?? '', /^Amazon Bedrock is a fully managed service/);
    assert.equal(data.choices[0]?.finish_reason, 'stop');
    assert.equal(data.usage?.prompt_tokens, 1536);
    assert.equal(data.usage?.prompt_tokens_details?.cached_tokens, 1024);
    assert.equal(response.headers.get('x-strata-provider'), 'aws');
    const sent = upstream.requests.at(-1);
    assert.equal(sent?.path, `/model/${encodeURIComponent(modelId)}/converse`);
    assertSigned(sent);
  });

  test('streaming with include_usage: deltas, a finish reason and one usage chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'Hello' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    const finishReasons: string[] = [];
    const usages: OpenAI.CompletionUsage[] = [];
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      const reason = chunk.choices[0]?.finish_reason;
      if (reason) finishReasons.push(reason);
      if (chunk.usage) usages.push(chunk.usage);
    }
    assert.equal(text, 'Hello! How can I help you today?');
    assert.deepEqual(finishReasons, ['stop']);
    assert.equal(usages.length, 1);
    assert.deepEqual(
      { prompt: usages[0]?.prompt_tokens, completion: usages[0]?.completion_tokens },
      { prompt: 10, completion: 12 },
    );
    assert.ok(upstream.requests.at(-1)?.path.endsWith('/converse-stream'));
  });

  test('a tool call comes back parsed, and the tool reaches Bedrock as a toolSpec', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Current weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ];
    const completion = await client.chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'Weather in Seattle?' }],
      tools,
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
    assert.ok(call?.type === 'function');
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Seattle', unit: 'celsius' });
    const sent = JSON.parse(upstream.requests.at(-1)?.body ?? '{}');
    assert.deepEqual(sent.toolConfig.tools[0].toolSpec.name, 'get_weather');

    const stream = await client.chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'Weather in Seattle?' }],
      tools,
      stream: true,
    });
    let streamedArguments = '';
    for await (const chunk of stream) {
      streamedArguments += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '';
    }
    assert.deepEqual(JSON.parse(streamedArguments), { city: 'Seattle', unit: 'celsius' });
  });
});
