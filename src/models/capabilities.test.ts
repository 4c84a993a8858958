import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StrataError } from '../core/errors.js';
import type { ChatRequest } from '../core/types.js';
import { assertCapabilities, capabilitiesOf } from './capabilities.js';

const hello: ChatRequest = { model: 'x', messages: [{ role: 'user', content: 'hello' }] };
const tools: ChatRequest['tools'] = [
  { type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } },
];

function refusal(model: string, request: ChatRequest): StrataError | undefined {
  try {
    assertCapabilities(model, request);
    return undefined;
  } catch (error) {
    if (error instanceof StrataError) return error;
    throw error;
  }
}

test('known families are recognised, also behind a provider prefix; unknown models are not checked', () => {
  assert.equal(capabilitiesOf('gpt-4o-mini')?.images, true);
  assert.equal(capabilitiesOf('anthropic.claude-3-5-sonnet-20241022-v2:0')?.tools, true);
  assert.equal(capabilitiesOf('models/gemini-2.5-flash')?.contextWindow, 1_048_576);
  assert.equal(capabilitiesOf('my-finetune-7b'), undefined);
  assert.equal(refusal('my-finetune-7b', { ...hello, tools }), undefined);
});

test('a request a model cannot serve is refused naming the capability', () => {
  const image: ChatRequest = {
    model: 'x',
    messages: [
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] },
    ],
  };
  assert.equal(refusal('deepseek-chat', image)?.param, 'messages');
  assert.match(refusal('deepseek-chat', image)?.message ?? '', /image inputs/);
  assert.equal(refusal('gpt-4o', image), undefined);
  const schema: ChatRequest = {
    ...hello,
    response_format: { type: 'json_schema', json_schema: { name: 'a', schema: {} } },
  };
  assert.equal(refusal('gpt-3.5-turbo', schema)?.param, 'response_format');
  assert.equal(refusal('gpt-4o-mini', schema), undefined);
  const embedding = refusal('text-embedding-3-small', hello);
  assert.equal(embedding?.status, 400);
  assert.match(embedding?.message ?? '', /embedding model/);
});

test('only a prompt certainly longer than the context window is refused; images do not count as text', () => {
  const long: ChatRequest = { model: 'x', messages: [{ role: 'user', content: 'word '.repeat(30_000) }] };
  assert.equal(refusal('gpt-3.5-turbo', long)?.param, 'messages');
  assert.equal(refusal('gpt-4o', long), undefined);
  const bigImage: ChatRequest = {
    model: 'x',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: `data:image/png;base64,${'A'.repeat(2_000_000)}` } },
        ],
      },
    ],
  };
  assert.equal(refusal('gpt-4o', bigImage), undefined);
});
