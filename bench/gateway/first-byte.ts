/**
 * The time-to-first-byte probe, run as its own process like the load generator:
 * `node first-byte.js '<FirstByteSpec JSON>'` sends the requests one at a time on one kept-alive
 * connection, so nothing queues, and prints a FirstByteResult as JSON on stdout.
 */
import { Pool } from 'undici';
import type { FirstByteResult, FirstByteSpec } from './load-spec.js';

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as FirstByteSpec;
  const url = new URL(spec.url);
  const pool = new Pool(url.origin, { connections: 1 });
  const times: number[] = [];
  try {
    for (let index = 0; index < spec.requests; index++) {
      const started = performance.now();
      const response = await pool.request({
        path: url.pathname,
        method: 'POST',
        headers: spec.headers,
        body: spec.body,
      });
      let first: number | undefined;
      for await (const _chunk of response.body) first ??= performance.now();
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      times.push((first ?? performance.now()) - started);
    }
  } finally {
    await pool.close();
  }
  times.sort((a, b) => a - b);
  const result: FirstByteResult = {
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    mean: times.reduce((sum, time) => sum + time, 0) / Math.max(1, times.length),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `first-byte probe failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
