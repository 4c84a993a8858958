import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type Anthropic from '@anthropic-ai/sdk';
import { type MessagesGateway, startMessagesGateway, weatherTool } from './testing/messages-gateway.js';

describe('POST /v1/messages, driven by the official Anthropic SDK', () => {
  let running: MessagesGateway;
  let client: Anthropic;
  let gateway: MessagesGateway['gateway'];
  const sent = () => running.sent();

  before(async () => {
    running = await startMessagesGateway();
    client = running.client;
    gateway = running.gateway;
  });
  after(() => running.close());

  test('a text answer comes back as an Anthropic message, and the call is logged', async () => {
    const { data, response } = await client.messages
      .create({ model: 'fast', max_tokens: 64, messages: [{ role: 'user', content: 'Say hello' }] })
      .withResponse();
    assert.match(data.id, /^msg_/);
    assert.equal(data.type, 'message');
    assert.equal(data.role, 'assistant');
    assert.equal(data.model, 'fast');
    assert.deepEqual(data.content, [{ type: 'text', text: 'Hello! How can I assist you today?' }]);
    assert.equal(data.stop_reason, 'end_turn');
    assert.equal(data.usage.input_tokens, 19);
    assert.equal(data.usage.output_tokens, 10);
    assert.equal(response.headers.get('x-strata-provider'), 'fake');
    assert.deepEqual(sent().messages, [{ role: 'user', content: 'Say hello' }]);
    assert.equal(sent().max_tokens, 64);
    await gateway.stack.flush();
    const row = await gateway.stack.requestLog.get(response.headers.get('x-request-id') ?? '');
    assert.equal(row?.endpoint, '/v1/messages');
    assert.equal(row?.status, 200);
  });

  test('the system prompt, sampling and metadata reach the upstream in OpenAI form', async () => {
    // Sampling fields older clients send; the current SDK types no longer list them, so no object literal.
    const params = {
      model: 'fast',
      max_tokens: 32,
      system: [
        { type: 'text' as const, text: 'You are terse.' },
        { type: 'text' as const, text: 'Answer in French.', cache_control: { type: 'ephemeral' as const } },
      ],
      messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }],
      stop_sequences: ['END'],
      temperature: 0.2,
      top_k: 40,
      metadata: { user_id: 'user-7' },
    };
    await client.messages.create(params);
    const body = sent();
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'You are terse.\n\nAnswer in French.' },
      { role: 'user', content: 'Hi' },
    ]);
    assert.deepEqual(body.stop, ['END']);
    assert.equal(body.temperature, 0.2);
    assert.equal(body.top_k, 40);
    assert.equal(body.user, 'user-7');
  });

  test('tools: tool_use comes back with parsed input, and a tool_result turn goes up as a tool message', async () => {
    const first = await client.messages.create({
      model: 'fast',
      max_tokens: 64,
      tools: [weatherTool],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      messages: [{ role: 'user', content: 'Weather in Boston?' }],
    });
    assert.equal(first.stop_reason, 'tool_use');
    const toolUse = first.content.find((block) => block.type === 'tool_use');
    assert.ok(toolUse && toolUse.type === 'tool_use');
    assert.equal(toolUse.id, 'call_abc123');
    assert.equal(toolUse.name, 'get_current_weather');
    assert.deepEqual(toolUse.input, { location: 'Boston, MA' });
    const firstBody = sent();
    assert.equal(firstBody.tool_choice, 'required');
    assert.equal(firstBody.parallel_tool_calls, false);
    assert.deepEqual(firstBody.tools, [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: weatherTool.description,
          parameters: weatherTool.input_schema,
        },
      },
    ]);

    await client.messages.create({
      model: 'fast',
      max_tokens: 64,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Boston?' },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: toolUse.id, content: '22°C, sunny' },
            { type: 'text', text: 'Thanks. Shorts?' },
          ],
        },
      ],
    });
    const messages = sent().messages ?? [];
    assert.deepEqual(messages[1]?.tool_calls, [
      {
        id: 'call_abc123',
        type: 'function',
        function: { name: 'get_current_weather', arguments: '{"location":"Boston, MA"}' },
      },
    ]);
    assert.deepEqual(messages[2], { role: 'tool', tool_call_id: 'call_abc123', content: '22°C, sunny' });
    assert.deepEqual(messages[3], { role: 'user', content: 'Thanks. Shorts?' });
  });

  test('streaming: the SDK assembles the text, and usage arrives in message_delta', async () => {
    const stream = client.messages.stream({
      model: 'fast',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    let text = '';
    const eventTypes: string[] = [];
    stream.on('text', (delta) => {
      text += delta;
    });
    stream.on('streamEvent', (event) => eventTypes.push(event.type));
    const message = await stream.finalMessage();
    assert.equal(text, 'Hello! How can I help you today? ☀️ Grüße');
    assert.deepEqual(message.content, [{ type: 'text', text }]);
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.model, 'fast');
    assert.equal(message.usage.output_tokens, 12);
    assert.equal(message.usage.input_tokens, 11);
    assert.equal(eventTypes[0], 'message_start');
    assert.equal(eventTypes.at(-1), 'message_stop');
    assert.equal(sent().stream, true);
  });

  test('streamed tool use: input_json_delta fragments are assembled into the tool input', async () => {
    const stream = client.messages.stream({
      model: 'fast',
      max_tokens: 64,
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    const message = await stream.finalMessage();
    assert.equal(message.stop_reason, 'tool_use');
    assert.equal(message.content.length, 1);
    const block = message.content[0];
    assert.ok(block && block.type === 'tool_use');
    assert.equal(block.id, 'call_DdmO9pD3xa9XTPNJ32zg2hcA');
    assert.equal(block.name, 'get_weather');
    assert.deepEqual(block.input, { location: 'Paris, France' });
    assert.equal(message.usage.output_tokens, 16);
  });
});
