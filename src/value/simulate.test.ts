import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulate, simulationSchema } from './simulate.js';

const close = (actual: number | null | undefined, expected: number) =>
  assert.ok(
    actual != null && Math.abs(actual - expected) < 1e-9 * Math.max(1, Math.abs(expected)),
    `${actual} ≠ ${expected}`,
  );

test('a business case: monthly cost, CPSO, ROI, the human process, break-even and sensitivity', () => {
  const input = simulationSchema.parse({
    daily_volume: 1000,
    tokens: { input: 1000, output: 500 },
    candidates: [{ model: 'm', success_rate: 0.8 }],
    value_per_success_usd: 0.5,
    human_cost_per_task_usd: 2,
  });
  // $1 and $2 per million tokens: $0.002 a request, 30,000 requests a month.
  const [forecast] = simulate(input, { input: 1000, output: 500, source: 'given' }, () => ({
    input: 1,
    output: 2,
  })).candidates;
  close(forecast?.monthly_cost_usd, 60);
  close(forecast?.cpso_usd, 60 / 24_000);
  close(forecast?.monthly_value_usd, 12_000);
  close(forecast?.roi, (12_000 - 60) / 60);
  close(forecast?.human_monthly_cost_usd, 60_000);
  close(forecast?.with_model_monthly_cost_usd, 60 + 6000 * 2);
  close(forecast?.break_even_success_rate, 0.002 / 0.5);
  close(forecast?.break_even_vs_human_success_rate, 0.002 / 2);
  const [rate, value, tokens] = forecast?.sensitivity ?? [];
  close(rate?.roi_low, (0.7 * 30_000 * 0.5 - 60) / 60);
  close(value?.roi_high, (24_000 * 0.75 - 60) / 60);
  assert.equal(tokens?.low, '×2');
  close(tokens?.roi_low, (12_000 - 120) / 120);
  assert.throws(
    () => simulate(input, { input: 1, output: 1, source: 'given' }, () => undefined),
    /has no catalog price/,
  );
});
