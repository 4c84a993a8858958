import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { alertRulesFile, exposedMetricNames, metricsReadBy } from '../observability/testing/rule-metrics.js';
import { type CueUpstream, startCueUpstream } from '../routing/testing/cue-upstream.js';
import { startGateway, type TestGateway } from './testing/start-gateway.js';

describe('the shipped Prometheus alert rules read metrics a gateway serves', () => {
  let upstream: CueUpstream;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startCueUpstream();
    gateway = await startGateway({
      providers: { local: { kind: 'openai-compatible', base_url: `${upstream.url}/v1` } },
      routes: {
        backup: {
          fallback: ['local/broken', 'local/good'],
          retries: { max: 0 },
          breaker: { enabled: true, failures: 1, cooldown_ms: 600_000 },
        },
      },
      budgets: [{ scope: 'global', period: 'daily', limit_usd: 10, unpriced: 'allow' }],
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  async function scrape(): Promise<string> {
    const response = await fetch(`${gateway.url}/metrics`, {
      headers: { authorization: `Bearer ${gateway.masterKey}` },
    });
    assert.equal(response.status, 200);
    return response.text();
  }

  test('every metric name in strata-alerts.yml is exposed at GET /metrics', async () => {
    const exposed = exposedMetricNames(await scrape());
    const read = [...metricsReadBy(alertRulesFile)];
    assert.ok(read.length >= 5, 'the rule file was read');
    assert.deepEqual(
      read.filter((name) => !exposed.has(name)),
      [],
      'metrics the rules read that the gateway does not serve',
    );
  });

  test('an opened breaker shows as 1 in strata_breaker_state, which StrataBreakerOpen reads', async () => {
    upstream.cue('broken', { status: 500, message: 'down' });
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'backup', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(response.status, 200, 'the fallback answered');
    assert.match(await scrape(), /^strata_breaker_state\{target="local\/broken"\} 1$/m);
  });
});
