import assert from 'node:assert/strict';
import { test } from 'node:test';
import { masked, redactConfig } from './redact-config.js';

test('credentials, header values, URL passwords and queries are masked; the rest reads as configured', () => {
  const redacted = redactConfig({
    providers: {
      openai: {
        base_url: 'https://api.openai.com/v1',
        api_key: 'sk-live-1234',
        headers: { 'x-org': 'acme' },
      },
      bedrock: { aws_access_key_id: 'AKIA123', aws_secret_access_key: 'shh', aws_session_token: 'tok' },
    },
    keys: [{ name: 'ci', key: 'sk-fixed-0123456789', team: 'search' }],
    store: { home: './.strata', database_url: 'postgres://strata:hunter2@db:5432/strata' },
    observability: {
      metrics_token: 'scrape-me',
      alerts: { webhooks: [{ url: 'https://hooks.example/services/T1?token=abc' }] },
    },
    limits: { rate_limits: [{ scope: 'key', match: 'ci', tokens_per_minute: 1000 }] },
    budgets: [{ scope: 'key', match: 'ci', limit_usd: 5 }],
  });
  assert.deepEqual(redacted, {
    providers: {
      openai: { base_url: 'https://api.openai.com/v1', api_key: masked, headers: { 'x-org': masked } },
      bedrock: { aws_access_key_id: masked, aws_secret_access_key: masked, aws_session_token: masked },
    },
    keys: [{ name: 'ci', key: masked, team: 'search' }],
    store: { home: './.strata', database_url: `postgres://strata:${masked}@db:5432/strata` },
    observability: {
      metrics_token: masked,
      alerts: { webhooks: [{ url: `https://hooks.example/services/T1?${masked}` }] },
    },
    limits: { rate_limits: [{ scope: 'key', match: 'ci', tokens_per_minute: 1000 }] },
    budgets: [{ scope: 'key', match: 'ci', limit_usd: 5 }],
  });
  assert.doesNotMatch(JSON.stringify(redacted), /sk-live|hunter2|AKIA|shh|scrape-me|token=abc|sk-fixed/);
});
