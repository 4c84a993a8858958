/**
 * The load generator, run as its own process so its CPU never lands on a measured server:
 * `node load.js '<LoadSpec JSON>'` drives the target and prints a LoadResult as JSON on stdout.
 */
import autocannon from 'autocannon';
import type { LoadResult, LoadSpec } from './load-spec.js';

/** The q-quantile of ascending-sorted samples, nearest rank. */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? 0;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as LoadSpec;
  // autocannon's own histogram keeps whole milliseconds; record the exact times to get sub-ms percentiles.
  let samples = new Float64Array(1 << 16);
  let count = 0;
  const options: autocannon.Options = {
    url: spec.url,
    method: 'POST',
    headers: spec.headers,
    body: spec.body,
    connections: spec.connections,
    duration: spec.durationSeconds,
    ...(spec.rate !== undefined && { overallRate: spec.rate }),
  };
  const record = (statusCode: number, responseTime: number): void => {
    if (statusCode < 200 || statusCode > 299) return;
    if (count === samples.length) {
      const grown = new Float64Array(samples.length * 2);
      grown.set(samples);
      samples = grown;
    }
    samples[count++] = responseTime;
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, finished) => (error ? reject(error) : resolve(finished)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => record(statusCode, responseTime));
  });
  const sorted = samples.subarray(0, count).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  const completed = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  const report: LoadResult = {
    completed,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
    requestsPerSecond: result.duration > 0 ? completed / result.duration : 0,
    latencyMs: {
      p50: quantile(sorted, 0.5),
      p90: quantile(sorted, 0.9),
      p99: quantile(sorted, 0.99),
      mean: count > 0 ? sum / count : 0,
      max: quantile(sorted, 1),
    },
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`load generator failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
