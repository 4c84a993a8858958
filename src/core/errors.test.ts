import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorBody, StrataError, toStrataError } from './errors.js';

test('a catalogue error renders as the OpenAI error shape with its status', () => {
  const error = new StrataError('model_not_found', 'The model `nope` does not exist.', { param: 'model' });
  assert.equal(error.status, 404);
  assert.deepEqual(errorBody(error), {
    error: {
      message: 'The model `nope` does not exist.',
      type: 'invalid_request_error',
      param: 'model',
      code: 'model_not_found',
    },
  });
});

test('an unexpected error becomes a 500 that hides its message', () => {
  const error = toStrataError(new Error('secret database detail'));
  assert.equal(error.status, 500);
  assert.equal(error.code, 'internal_error');
  assert.doesNotMatch(error.message, /secret/);
});
