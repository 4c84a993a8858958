/** Measuring one running target: its load runs, its CPU and memory from /proc, and their summary. */
import { request } from 'undici';
import { runFirstByte, runLoad } from './load-runner.js';
import type { FirstByteResult, LoadResult, LoadSpec } from './load-spec.js';
import { processTree, readCpuTicks, readTreeCpuTicks, readTreeMemory } from './proc-stats.js';
import type { FixedRateLatency, TargetMeasurement, TargetName } from './report.js';
import type { ServerProcess } from './server-process.js';

/** One measured load run. */
export interface Sample {
  load: LoadResult;
  serverTicks: number;
  upstreamTicks: number;
}

/** A target under measurement in one mode: how to load it, and what has been measured so far. */
export interface Target {
  name: TargetName;
  description: string;
  server: ServerProcess;
  url: string;
  headers: Record<string, string>;
  body: string;
  samples: Sample[];
  fixedRate: FixedRateLatency[];
  firstByte?: FirstByteResult;
  idleRssBytes?: number;
  error?: string;
}

/** The load spec of a target for a duration, at saturation or at a fixed rate. */
export function specOf(
  target: Target,
  connections: number,
  durationSeconds: number,
  rate?: number,
): LoadSpec {
  return {
    url: target.url,
    connections,
    durationSeconds,
    headers: target.headers,
    body: target.body,
    ...(rate !== undefined && { rate }),
  };
}

/** Sends one request and checks the answer looks like a chat completion, so a broken target fails loudly. */
export async function probe(target: Target, stream: boolean): Promise<void> {
  const response = await request(target.url, { method: 'POST', headers: target.headers, body: target.body });
  const text = await response.body.text();
  const looksRight = stream
    ? text.includes('data:') && text.includes('chat.completion.chunk')
    : text.includes('"chat.completion"') && text.includes('"choices"');
  if (response.statusCode !== 200 || !looksRight) {
    throw new Error(`probe request got status ${response.statusCode}: ${text.slice(0, 400)}`);
  }
}

/** Runs one load and reads the CPU the target's processes and the upstream spent on it. */
export async function sample(target: Target, upstream: ServerProcess, spec: LoadSpec): Promise<Sample> {
  const pids = processTree(target.server.pid);
  const serverBefore = readTreeCpuTicks(pids);
  const upstreamBefore = readCpuTicks(upstream.pid);
  const load = await runLoad(spec);
  return {
    load,
    serverTicks: readTreeCpuTicks(pids) - serverBefore,
    upstreamTicks: readCpuTicks(upstream.pid) - upstreamBefore,
  };
}

/** The target's CPU ticks per completed request over one run; NaN when none completed. */
export function ticksPerRequest(run: Sample): number {
  return run.load.completed > 0 ? run.serverTicks / run.load.completed : Number.NaN;
}

/** Runs one fixed-rate load and keeps its latencies. */
export async function fixedRate(spec: LoadSpec & { rate: number }): Promise<FixedRateLatency> {
  const load = await runLoad(spec);
  return {
    rate: spec.rate,
    requests_per_second: round(load.requestsPerSecond, 1),
    p50: round(load.latencyMs.p50, 3),
    p99: round(load.latencyMs.p99, 3),
    errors: load.errors + load.non2xx,
  };
}

/** Measures the time to first byte with requests one at a time. */
export function firstByte(target: Target, requests: number): Promise<FirstByteResult> {
  return runFirstByte({ url: target.url, headers: target.headers, body: target.body, requests });
}

/** Rounds to a number of decimal digits. */
export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const mib = (bytes: number): number => round(bytes / 2 ** 20, 1);

/** Everything measured of a target, summed over its rounds. */
export function summarise(target: Target, ticksPerSecond: number): TargetMeasurement {
  const sum = (pick: (sample: Sample) => number): number =>
    target.samples.reduce((total, each) => total + pick(each), 0);
  const requests = sum((each) => each.load.completed);
  const perRequest = (ticks: number): number =>
    requests > 0 ? round(((ticks / ticksPerSecond) * 1e6) / requests, 2) : 0;
  const latency = (pick: (result: LoadResult) => number): number =>
    round(median(target.samples.map((each) => pick(each.load))), 3);
  const pids = processTree(target.server.pid);
  const memory = readTreeMemory(pids);
  const seconds = sum((each) => each.load.durationSeconds);
  const firstByte = target.firstByte ?? { p50: 0, p99: 0, mean: 0 };
  return {
    ok: true,
    description: target.description,
    processes: pids.length,
    requests,
    requests_per_second: seconds > 0 ? round(requests / seconds, 1) : 0,
    latency_ms: {
      p50: latency((result) => result.latencyMs.p50),
      p90: latency((result) => result.latencyMs.p90),
      p99: latency((result) => result.latencyMs.p99),
      mean: latency((result) => result.latencyMs.mean),
    },
    fixed_rate: target.fixedRate,
    first_byte_ms: {
      p50: round(firstByte.p50, 3),
      p99: round(firstByte.p99, 3),
      mean: round(firstByte.mean, 3),
    },
    errors: sum((each) => each.load.errors + each.load.non2xx),
    non2xx: sum((each) => each.load.non2xx),
    cpu_us_per_request: perRequest(sum((each) => each.serverTicks)),
    upstream_cpu_us_per_request: perRequest(sum((each) => each.upstreamTicks)),
    idle_rss_mib: mib(target.idleRssBytes ?? 0),
    rss_mib: mib(memory.rssBytes),
    peak_rss_mib: mib(memory.peakRssBytes),
  };
}
