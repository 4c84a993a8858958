/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToStaticMarkup } from 'react-dom/server';
import type { BenchPolicy, ProviderHealth, RouteOutcomes } from '../src/api.js';
import { ProviderHealthTable } from '../src/components/provider-health-table.js';
import { BenchFrontier, frontierOf } from '../src/pages/routing/bench-frontier.js';
import { RouteOutcomesView } from '../src/pages/routing/route-outcomes-view.js';

/** The text a reader sees in rendered markup, tags and repeated spaces removed. */
function text(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const policy = (name: string, cost: number, accuracy: number, oracle = false): BenchPolicy => ({
  name,
  family: name,
  accuracy,
  cost_per_1k: cost,
  escalation_rate: 0,
  oracle,
});

test('the frontier keeps each policy no cheaper one beats, and never the oracle', () => {
  const frontier = frontierOf([
    policy('strong', 4, 0.9),
    policy('cheap', 0.2, 0.6),
    policy('random', 2, 0.7),
    policy('cascade', 1.5, 0.88),
    policy('same cost, worse', 1.5, 0.8),
    policy('oracle', 0.1, 1, true),
  ]);
  assert.deepEqual(
    frontier.map((point) => point.name),
    ['cheap', 'cascade', 'strong'],
  );
});

test('without a kept bench report the Routing page says how to make one', () => {
  const markup = renderToStaticMarkup(<BenchFrontier bench={{ saved_at: null, report: null }} />);
  assert.match(text(markup), /No routing bench has been run here yet\. strata bench routing --data/);
});

test("a route's outcomes read as an escalation rate, the tiers calls ended at, and a verdict table", () => {
  const outcomes: RouteOutcomes = {
    route: 'support',
    truncated: false,
    calls: 5,
    cascade_calls: 4,
    escalated: 1,
    escalation_rate: 0.25,
    ended_at_tier: [
      { tier: 1, calls: 3 },
      { tier: 2, calls: 1 },
    ],
    verdicts: [{ tier: 1, verifier: 'regex', verdicts: 4, passed: 3, pass_rate: 0.75, mean_score: 0.75 }],
  };
  const shown = text(renderToStaticMarkup(<RouteOutcomesView outcomes={outcomes} />));
  assert.match(shown, /Cascade: 1 of 4 calls escalated past the first tier \(25%\)\./);
  assert.match(shown, /tier 1: 3 \(75%\) tier 2: 1 \(25%\)/);
  assert.match(shown, /1 regex 4 3 \(75%\) 0\.75/);
  const plain = renderToStaticMarkup(<RouteOutcomesView outcomes={{ ...outcomes, cascade_calls: 0 }} />);
  assert.equal(plain, '', 'a route without cascades shows nothing of them');
});

test('provider health is a word on each row, so colour is not the only sign', () => {
  const provider = (id: string, status: ProviderHealth['status']): ProviderHealth => ({
    id,
    kind: 'openai',
    status,
    window: { from: '2026-12-07T00:00:00.000Z', requests: 4, server_errors: 2, p95_latency_ms: 1500 },
    breakers: status === 'degraded' ? [{ model: `${id}/gpt-4o`, state: 'open' }] : [],
  });
  const shown = text(
    renderToStaticMarkup(
      <ProviderHealthTable
        providers={[provider('a', 'failing'), provider('b', 'degraded'), provider('c', 'idle')]}
      />,
    ),
  );
  assert.match(shown, /a openai Failing 4 2 1\.50 s none/);
  assert.match(shown, /b openai Degraded 4 2 1\.50 s b\/gpt-4o open/);
  assert.match(shown, /c openai Idle/);
});
