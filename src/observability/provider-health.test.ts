import assert from 'node:assert/strict';
import { test } from 'node:test';
import { providerStatus } from './provider-health.js';

test('a provider is idle, healthy, degraded or failing by its server errors and breakers', () => {
  assert.equal(providerStatus({ requests: 0, serverErrors: 0, breakers: [] }), 'idle');
  assert.equal(providerStatus({ requests: 40, serverErrors: 1, breakers: [] }), 'healthy');
  assert.equal(providerStatus({ requests: 20, serverErrors: 1, breakers: [] }), 'degraded');
  assert.equal(providerStatus({ requests: 0, serverErrors: 0, breakers: [{ state: 'open' }] }), 'degraded');
  assert.equal(providerStatus({ requests: 4, serverErrors: 2, breakers: [] }), 'failing');
});
