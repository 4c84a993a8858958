import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyOf, rejectsWith, serveJson, testApiKey } from '../testing/provider-harness.js';
import { embeddingBatchSize, type GeminiEmbeddingBatch } from './embeddings.js';
import { startGeminiAgainst } from './gemini-test-kit.js';

const model = 'gemini-embedding-001';

function batchOf(body: string): GeminiEmbeddingBatch {
  return JSON.parse(body);
}

test('embeddings post batchEmbedContents with one request per input', async (t) => {
  const { upstream, provider } = await startGeminiAgainst(
    t,
    serveJson(200, 'gemini/batch-embed-contents.json'),
  );
  const response = await provider.embed({
    model,
    input: ['What is the meaning of life?', 'How much wood?'],
    dimensions: 4,
  });
  const received = upstream.requests[0];
  assert.equal(received?.path, '/v1beta/models/gemini-embedding-001:batchEmbedContents');
  assert.equal(received?.headers['x-goog-api-key'], testApiKey);
  assert.deepEqual(bodyOf(received), {
    requests: [
      {
        model: `models/${model}`,
        content: { parts: [{ text: 'What is the meaning of life?' }] },
        outputDimensionality: 4,
      },
      { model: `models/${model}`, content: { parts: [{ text: 'How much wood?' }] }, outputDimensionality: 4 },
    ],
  });
  assert.deepEqual(response, {
    object: 'list',
    data: [
      { object: 'embedding', index: 0, embedding: [-0.0220875, 0.0048421, 0.0118632, -0.0694281] },
      { object: 'embedding', index: 1, embedding: [0.0312544, -0.0109376, 0.0025417, -0.051893] },
    ],
    model,
    // Estimated: 42 characters at four per token.
    usage: { prompt_tokens: 11, total_tokens: 11 },
  });
});

test('base64 encoding returns float32 little-endian bytes', async (t) => {
  const { provider } = await startGeminiAgainst(t, serveJson(200, 'gemini/batch-embed-contents.json'));
  const response = await provider.embed({ model, input: ['a', 'b'], encoding_format: 'base64' });
  const encoded = response.data[1]?.embedding;
  assert.equal(typeof encoded, 'string');
  const bytes = Buffer.from(String(encoded), 'base64');
  const decoded = Array.from({ length: bytes.length / 4 }, (_, index) => bytes.readFloatLE(index * 4));
  assert.deepEqual(decoded, [0.0312544, -0.0109376, 0.0025417, -0.051893].map(Math.fround));
});

test('more than 100 inputs are sent in several calls and come back in order', async (t) => {
  const { upstream, provider } = await startGeminiAgainst(t, (recorded, response) => {
    const embeddings = batchOf(recorded.body).requests.map((request) => ({
      values: [Number(request.content.parts[0]?.text)],
    }));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ embeddings }));
  });
  const input = Array.from({ length: 2 * embeddingBatchSize + 50 }, (_, index) => String(index));
  const response = await provider.embed({ model, input });
  assert.deepEqual(
    upstream.requests.map((request) => batchOf(request.body).requests.length),
    [100, 100, 50],
  );
  assert.deepEqual(
    response.data.map((item) => item.embedding),
    input.map((text) => [Number(text)]),
  );
  assert.deepEqual(
    response.data.map((item) => item.index),
    input.map((_, index) => index),
  );
});

test('token arrays are refused, and a short answer is malformed', async (t) => {
  const { upstream, provider } = await startGeminiAgainst(
    t,
    serveJson(200, 'gemini/batch-embed-contents.json'),
  );
  await rejectsWith(provider.embed({ model, input: [1, 2, 3] }), 'invalid_request');
  assert.equal(upstream.requests.length, 0);
  await rejectsWith(
    provider.embed({ model, input: ['only', 'three', 'inputs'] }),
    'upstream_malformed_response',
  );
});

test('embedding errors map like chat errors', async (t) => {
  const { provider } = await startGeminiAgainst(t, serveJson(429, 'gemini/error-429.json'));
  await rejectsWith(provider.embed({ model, input: 'x' }), 'upstream_rate_limited');
});
