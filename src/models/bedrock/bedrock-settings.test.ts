import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProvider, providersFromEnvironment } from '../create-provider.js';

const keys = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret-example' };

test('AWS variables enable a bedrock provider, with the session token when set', () => {
  const found = (variables: Record<string, string>) =>
    providersFromEnvironment(variables).find(([id]) => id === 'bedrock')?.[1];
  assert.deepEqual(found({ ...keys, AWS_REGION: 'us-east-1', AWS_SESSION_TOKEN: 'token' }), {
    kind: 'bedrock',
    region: 'us-east-1',
    aws_access_key_id: 'AKIDEXAMPLE',
    aws_secret_access_key: 'secret-example',
    aws_session_token: 'token',
  });
  assert.equal(found({ ...keys, AWS_DEFAULT_REGION: 'eu-west-1' })?.region, 'eu-west-1');
  assert.equal(found(keys), undefined);
  assert.equal(found({ AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_REGION: 'us-east-1' }), undefined);
});

test('kind bedrock builds the adapter and names a missing setting', () => {
  const provider = createProvider('aws', {
    kind: 'bedrock',
    region: 'us-east-1',
    aws_access_key_id: 'AKIDEXAMPLE',
    aws_secret_access_key: 'secret-example',
  });
  assert.equal(provider.kind, 'bedrock');
  assert.equal(provider.id, 'aws');
  assert.throws(() => createProvider('aws', { kind: 'bedrock', region: 'us-east-1' }), {
    code: 'config_invalid',
    message: /providers\.aws.*aws_access_key_id/,
  });
  assert.throws(
    () => createProvider('aws', { kind: 'bedrock', aws_access_key_id: 'a', aws_secret_access_key: 'b' }),
    {
      code: 'config_invalid',
      message: /region/,
    },
  );
});
