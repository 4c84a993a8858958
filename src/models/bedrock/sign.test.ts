import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createBedrockSigner } from './sign.js';
import { checkSignature, sha256 } from './testing/sigv4-check.js';

const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const body = '{"messages":[{"role":"user","content":[{"text":"Hello"}]}]}';
const path = `/model/${encodeURIComponent('anthropic.claude-3-haiku-20240307-v1:0')}/converse`;
const origin = 'https://bedrock-runtime.us-east-1.amazonaws.com';

/*
 * Known answer, derived once by hand from AWS's published Signature Version 4 steps with node:crypto
 * (testing/sigv4-check.ts) and pinned here. The canonical request is:
 *
 *   POST
 *   /model/anthropic.claude-3-haiku-20240307-v1%253A0/converse     (the ':' encoded twice)
 *
 *   accept:application/json
 *   content-type:application/json
 *   host:bedrock-runtime.us-east-1.amazonaws.com
 *   x-amz-content-sha256:7421da8d1a0949a481724fee62d5886aacde03836bf58248adb73e8b61ac0d54
 *   x-amz-date:20240501T120000Z
 *
 *   accept;content-type;host;x-amz-content-sha256;x-amz-date
 *   7421da8d1a0949a481724fee62d5886aacde03836bf58248adb73e8b61ac0d54
 *
 * signed with the key derived from the secret for 20240501 / us-east-1 / bedrock / aws4_request.
 */
const knownSignature = '01dfc047442850c31da2505bb2a53c19b4bf652fbe36908db9c87371f8a845c8';

test('a fixed request at a fixed date signs to the known signature', async () => {
  const sign = createBedrockSigner('us-east-1', { accessKeyId: 'AKIDEXAMPLE', secretAccessKey });
  const headers = await sign(
    {
      method: 'POST',
      origin,
      path,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body,
    },
    new Date('2024-05-01T12:00:00Z'),
  );
  assert.deepEqual(headers, {
    'content-type': 'application/json',
    accept: 'application/json',
    host: 'bedrock-runtime.us-east-1.amazonaws.com',
    'x-amz-date': '20240501T120000Z',
    'x-amz-content-sha256': sha256(body),
    authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240501/us-east-1/bedrock/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, Signature=${knownSignature}`,
  });
  assert.equal(
    checkSignature({ method: 'POST', path, headers, body }, secretAccessKey).expected,
    knownSignature,
  );
});

test('temporary credentials add a signed x-amz-security-token', async () => {
  const sign = createBedrockSigner('eu-central-1', {
    accessKeyId: 'ASIAEXAMPLE',
    secretAccessKey,
    sessionToken: 'session-token-example',
  });
  const headers = await sign({ method: 'POST', origin, path, headers: {}, body });
  assert.equal(headers['x-amz-security-token'], 'session-token-example');
  const check = checkSignature({ method: 'POST', path, headers, body }, secretAccessKey);
  assert.ok(check.signedHeaders.includes('x-amz-security-token'));
  assert.match(check.scope, /^\d{8}\/eu-central-1\/bedrock\/aws4_request$/);
  assert.equal(check.signature, check.expected);
});

test('the host signed includes a non-default port', async () => {
  const sign = createBedrockSigner('us-east-1', { accessKeyId: 'AKIDEXAMPLE', secretAccessKey });
  const headers = await sign({ method: 'POST', origin: 'http://127.0.0.1:8123', path, headers: {}, body });
  assert.equal(headers.host, '127.0.0.1:8123');
});

test('a different body gives a different signature', async () => {
  const sign = createBedrockSigner('us-east-1', { accessKeyId: 'AKIDEXAMPLE', secretAccessKey });
  const date = new Date('2024-05-01T12:00:00Z');
  const first = await sign({ method: 'POST', origin, path, headers: {}, body }, date);
  const second = await sign({ method: 'POST', origin, path, headers: {}, body: `${body} ` }, date);
  assert.notEqual(first.authorization, second.authorization);
});
