import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StrataError } from '../../core/errors.js';
import { readFixture } from '../testing/fixtures.js';
import {
  assertSigned,
  bodyOf,
  helloRequest,
  serveJson,
  startBedrockAgainst,
  testCredentials,
} from './testing/bedrock-harness.js';

async function failure(promise: Promise<unknown>, code: string): Promise<StrataError> {
  const error = await promise.then(
    () => assert.fail(`expected ${code}`),
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof StrataError, String(error));
  assert.equal(error.code, code, error.message);
  assert.doesNotMatch(error.message, new RegExp(testCredentials.secretAccessKey));
  return error;
}

test('chat posts a signed Converse request and maps text, stop reason and cached usage', async (t) => {
  const { upstream, provider } = await startBedrockAgainst(t, serveJson(200, 'bedrock/converse-text.json'));
  const response = await provider.chat({ ...helloRequest, max_tokens: 50 });
  const received = upstream.requests[0];
  assert.equal(received?.method, 'POST');
  assert.equal(received?.path, '/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse');
  assert.equal(received?.headers.accept, 'application/json');
  assertSigned(received);
  assert.deepEqual(bodyOf(received), {
    messages: [{ role: 'user', content: [{ text: 'Hello' }] }],
    inferenceConfig: { maxTokens: 50 },
  });
  assert.equal(provider.kind, 'bedrock');
  assert.equal(provider.capabilities.embeddings, true);
  assert.equal(response.object, 'chat.completion');
  assert.equal(response.model, helloRequest.model);
  assert.match(response.id, /^chatcmpl_/);
  assert.deepEqual(response.choices, [
    {
      index: 0,
      message: {
        role: 'assistant',
        content:
          'Amazon Bedrock is a fully managed service that offers a choice of high-performing foundation models through a single API.',
      },
      finish_reason: 'stop',
    },
  ]);
  assert.deepEqual(response.usage, {
    prompt_tokens: 1536,
    completion_tokens: 25,
    total_tokens: 1561,
    prompt_tokens_details: { cached_tokens: 1024, cache_creation_tokens: 500 },
  });
});

test('inference profile ARNs stay one path segment and are signed as sent', async (t) => {
  const { upstream, provider } = await startBedrockAgainst(t, serveJson(200, 'bedrock/converse-text.json'));
  const arn =
    'arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0';
  await provider.chat({ ...helloRequest, model: arn });
  const received = upstream.requests[0];
  assert.equal(
    received?.path,
    '/model/arn%3Aaws%3Abedrock%3Aus-west-2%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-3-haiku-20240307-v1%3A0/converse',
  );
  assertSigned(received);
});

test('a tool use answer becomes tool_calls with JSON arguments', async (t) => {
  const { provider } = await startBedrockAgainst(t, serveJson(200, 'bedrock/converse-tool-use.json'));
  const response = await provider.chat(helloRequest);
  assert.deepEqual(response.choices[0], {
    index: 0,
    message: {
      role: 'assistant',
      content: "I'll look up the current weather in Seattle for you.",
      tool_calls: [
        {
          id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Seattle","unit":"celsius"}' },
        },
      ],
    },
    finish_reason: 'tool_calls',
  });
  assert.deepEqual(response.usage, { prompt_tokens: 397, completion_tokens: 71, total_tokens: 468 });
});

test('a JSON schema answer arrives as message text from the forced tool', async (t) => {
  const { upstream, provider } = await startBedrockAgainst(
    t,
    serveJson(200, 'bedrock/converse-json-schema.json'),
  );
  const response = await provider.chat({
    ...helloRequest,
    response_format: { type: 'json_schema', json_schema: { name: 'city_facts', schema: { type: 'object' } } },
  });
  assert.deepEqual(bodyOf(upstream.requests[0]).toolConfig, {
    tools: [
      {
        toolSpec: {
          name: 'city_facts',
          description: 'Respond with JSON that matches this schema.',
          inputSchema: { json: { type: 'object' } },
        },
      },
    ],
    toolChoice: { tool: { name: 'city_facts' } },
  });
  assert.deepEqual(response.choices[0]?.message, {
    role: 'assistant',
    content: '{"city":"Paris","country":"France","population":2102650}',
  });
  assert.equal(response.choices[0]?.finish_reason, 'stop');
});

test('max_tokens and guardrail stops map to length and content_filter', async (t) => {
  const length = await startBedrockAgainst(t, serveJson(200, 'bedrock/converse-max-tokens.json'));
  assert.equal((await length.provider.chat(helloRequest)).choices[0]?.finish_reason, 'length');
  const guarded = await startBedrockAgainst(t, serveJson(200, 'bedrock/converse-guardrail.json'));
  assert.equal((await guarded.provider.chat(helloRequest)).choices[0]?.finish_reason, 'content_filter');
});

test("AWS error answers map to catalogue errors and keep AWS's message", async (t) => {
  const cases: Array<[number, string, string, string, boolean]> = [
    [429, 'error-throttling.json', 'ThrottlingException', 'upstream_rate_limited', true],
    [429, 'error-model-not-ready.json', 'ModelNotReadyException', 'upstream_rate_limited', true],
    [400, 'error-validation.json', 'ValidationException', 'upstream_invalid_request', false],
    [503, 'error-service-unavailable.json', 'ServiceUnavailableException', 'upstream_unavailable', true],
  ];
  for (const [status, fixture, errorType, code, retryable] of cases) {
    const { provider } = await startBedrockAgainst(t, serveJson(status, `bedrock/${fixture}`, errorType));
    const error = await failure(provider.chat(helloRequest), code);
    assert.equal(error.retryable, retryable);
    const message: string = JSON.parse(readFixture(`bedrock/${fixture}`)).message;
    assert.ok(error.message.includes(message), error.message);
  }
});

test('access denied names the AWS settings and model access to check', async (t) => {
  const { provider } = await startBedrockAgainst(
    t,
    serveJson(403, 'bedrock/error-access-denied.json', 'AccessDeniedException'),
  );
  const error = await failure(provider.chat(helloRequest), 'upstream_auth_failed');
  assert.match(error.message, /aws_access_key_id/);
  assert.match(error.message, /model is enabled/);
});

test('a 200 body that is not a Converse response is a malformed response', async (t) => {
  const { provider } = await startBedrockAgainst(t, (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"Output":{"__type":"com.amazon.coral.service#UnknownOperationException"}}');
  });
  await failure(provider.chat(helloRequest), 'upstream_malformed_response');
});

test('unsupported parameters are refused before any call', async (t) => {
  const { upstream, provider } = await startBedrockAgainst(t, serveJson(200, 'bedrock/converse-text.json'));
  const error = await failure(provider.chat({ ...helloRequest, seed: 1 }), 'unsupported_parameter');
  assert.equal(error.param, 'seed');
  assert.equal(upstream.requests.length, 0);
});
