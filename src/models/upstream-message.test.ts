import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactSecrets, upstreamMessage } from './upstream-message.js';

test('messages come from OpenAI, FastAPI and plain-text bodies, flattened and truncated', () => {
  assert.equal(upstreamMessage('{"error":{"message":"bad\\n thing"}}'), 'bad thing');
  assert.equal(upstreamMessage('{"error":"plain error string"}'), 'plain error string');
  assert.equal(upstreamMessage('{"detail":[{"msg":"field required"}]}'), '[{"msg":"field required"}]');
  assert.equal(upstreamMessage('<html>Bad Gateway</html>'), '<html>Bad Gateway</html>');
  assert.equal(upstreamMessage(''), '');
  assert.equal(upstreamMessage('x'.repeat(2000)).length, 501);
});

test('secrets are blanked out wherever they appear', () => {
  assert.equal(redactSecrets('key sk-1 and sk-1 again', ['sk-1', '']), 'key [redacted] and [redacted] again');
  assert.equal(redactSecrets('nothing here'), 'nothing here');
});
