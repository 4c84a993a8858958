import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFixture } from '../testing/fixtures.js';
import { assertSigned, bodyOf, serveJson, startBedrockAgainst } from './testing/bedrock-harness.js';

const titan = 'amazon.titan-embed-text-v2:0';
const cohere = 'cohere.embed-english-v3';

test('Titan embeds one text per signed invoke call, keeping input order', async (t) => {
  const fixture: { embedding: number[] } = JSON.parse(readFixture('bedrock/titan-embedding.json'));
  // Each answer is marked with its text's length so order can be checked whatever the call order.
  const { upstream, provider } = await startBedrockAgainst(t, (request, response) => {
    const { inputText } = JSON.parse(request.body) as { inputText: string };
    const answer = { ...fixture, embedding: [inputText.length, ...fixture.embedding.slice(1)] };
    response.writeHead(200, { 'content-type': 'application/json', 'x-amzn-bedrock-input-token-count': '7' });
    setTimeout(() => response.end(JSON.stringify(answer)), 20 - inputText.length);
  });
  const texts = Array.from({ length: 12 }, (_, index) => 'x'.repeat(index + 1));
  const response = await provider.embed({ model: titan, input: texts, dimensions: 256 });
  assert.equal(upstream.requests.length, 12);
  for (const received of upstream.requests) {
    assert.equal(received.path, '/model/amazon.titan-embed-text-v2%3A0/invoke');
    assertSigned(received);
  }
  assert.deepEqual(bodyOf(upstream.requests[0]), { inputText: 'x', normalize: true, dimensions: 256 });
  assert.deepEqual(
    response.data.map((item) => [item.index, (item.embedding as number[])[0]]),
    texts.map((text, index) => [index, text.length]),
  );
  assert.deepEqual(response.usage, { prompt_tokens: 84, total_tokens: 84 });
  assert.equal(response.model, titan);
});

test('a single Titan text returns the recorded vector', async (t) => {
  const { provider } = await startBedrockAgainst(t, serveJson(200, 'bedrock/titan-embedding.json'));
  const response = await provider.embed({ model: titan, input: 'hello world' });
  const fixture: { embedding: number[] } = JSON.parse(readFixture('bedrock/titan-embedding.json'));
  assert.deepEqual(response.data, [{ object: 'embedding', index: 0, embedding: fixture.embedding }]);
  assert.deepEqual(response.usage, { prompt_tokens: 7, total_tokens: 7 });
});

test('base64 encoding returns little-endian float32 bytes', async (t) => {
  const { provider } = await startBedrockAgainst(t, serveJson(200, 'bedrock/titan-embedding.json'));
  const response = await provider.embed({ model: titan, input: 'hello', encoding_format: 'base64' });
  const fixture: { embedding: number[] } = JSON.parse(readFixture('bedrock/titan-embedding.json'));
  const bytes = Buffer.from(String(response.data[0]?.embedding), 'base64');
  const decoded = Array.from({ length: bytes.length / 4 }, (_, index) => bytes.readFloatLE(index * 4));
  assert.deepEqual(decoded, Array.from(new Float32Array(fixture.embedding)));
});

test('Cohere embeds in batches of 96 search documents and counts tokens from the header', async (t) => {
  const { upstream, provider } = await startBedrockAgainst(t, (request, response) => {
    const { texts } = JSON.parse(request.body) as { texts: string[] };
    response.writeHead(200, { 'content-type': 'application/json', 'x-amzn-bedrock-input-token-count': '3' });
    response.end(
      JSON.stringify({
        embeddings: texts.map((text) => [Number(text.slice(4)), 0.5]),
        id: 'example',
        response_type: 'embeddings_floats',
        texts,
      }),
    );
  });
  const texts = Array.from({ length: 100 }, (_, index) => `doc ${index}`);
  const response = await provider.embed({ model: cohere, input: texts });
  assert.deepEqual(
    upstream.requests.map((received) => bodyOf(received).texts),
    [texts.slice(0, 96), texts.slice(96)],
  );
  assert.equal(bodyOf(upstream.requests[0]).input_type, 'search_document');
  assert.equal(upstream.requests[0]?.path, '/model/cohere.embed-english-v3/invoke');
  assert.deepEqual(
    response.data.map((item) => (item.embedding as number[])[0]),
    texts.map((_, index) => index),
  );
  assert.deepEqual(response.usage, { prompt_tokens: 6, total_tokens: 6 });
});

test('the recorded Cohere answer maps to one embedding per text', async (t) => {
  const { provider } = await startBedrockAgainst(t, serveJson(200, 'bedrock/cohere-embedding.json'));
  const fixture: { embeddings: number[][] } = JSON.parse(readFixture('bedrock/cohere-embedding.json'));
  const response = await provider.embed({ model: cohere, input: ['first document', 'second document'] });
  assert.deepEqual(
    response.data.map((item) => item.embedding),
    fixture.embeddings,
  );
});

test('token inputs and Cohere dimensions are refused, upstream errors come through', async (t) => {
  const { upstream, provider } = await startBedrockAgainst(
    t,
    serveJson(400, 'bedrock/error-validation.json', 'ValidationException'),
  );
  await assert.rejects(provider.embed({ model: titan, input: [[1, 2, 3]] }), {
    code: 'unsupported_parameter',
    param: 'input',
  });
  await assert.rejects(provider.embed({ model: cohere, input: 'a', dimensions: 256 }), {
    code: 'unsupported_parameter',
    param: 'dimensions',
  });
  assert.equal(upstream.requests.length, 0);
  await assert.rejects(provider.embed({ model: titan, input: 'a' }), {
    code: 'upstream_invalid_request',
    message: /The provided model identifier is invalid/,
  });
});
