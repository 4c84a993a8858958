/** Runs the gateway overhead bench: the same load on the mock directly, on a bare Node pass-through, and on Strata. */

import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { youngGenerationSemiSpaceMiB } from '../../src/cli/v8-tuning.js';
import { cpuFor } from './cpu-pinning.js';
import { runLoad } from './load-runner.js';
import type { LoadResult, LoadSpec } from './load-spec.js';
import { clockTicksPerSecond, readCpuTicks, readMemory, resetPeakMemory } from './proc-stats.js';
import type {
  GatewayBenchReport,
  GatewayRatios,
  TargetMeasurement,
  TargetName,
  TargetResult,
} from './report.js';
import { type ServerProcess, startServerProcess } from './server-process.js';
import { benchMasterKey, benchModel, startStrataServer } from './strata-server.js';

export { formatGatewayReport } from './format-report.js';
export type { GatewayBenchReport } from './report.js';

/** Knobs of one bench run; every target gets the same load. */
export interface GatewayBenchOptions {
  connections?: number;
  durationSeconds?: number;
  warmupSeconds?: number;
  /** Measure streamed (SSE) responses instead of JSON ones. */
  stream?: boolean;
  /** Measured runs per target, interleaved across targets so slow drifts of the machine hit all alike. */
  rounds?: number;
  /** The built Strata CLI to start; defaults to this build's. */
  strataEntry?: string;
  /** Called with a line of progress now and then; silent when absent. */
  onProgress?: (message: string) => void;
}

type Settings = Required<
  Pick<GatewayBenchOptions, 'connections' | 'durationSeconds' | 'warmupSeconds' | 'stream' | 'rounds'>
>;

const defaults = {
  connections: 32,
  durationSeconds: 10,
  warmupSeconds: 2,
  stream: false,
  rounds: 1,
} satisfies Settings;

/** The acceptance goal: Strata may spend at most this many times the bare pass-through's CPU per request. */
export const cpuRatioGoal = 2;

const targetNames: readonly TargetName[] = ['direct', 'bare', 'strata'];

const descriptions: Record<TargetName, string> = {
  direct: 'load straight to the mock upstream (no proxy)',
  bare: 'node:http server relaying to the mock through an undici Pool (the floor for Node)',
  strata: 'strata serve, full pipeline, provider pointed at the mock',
};

const portLine = /^listening (\d+)$/;
const headers = { 'content-type': 'application/json', authorization: `Bearer ${benchMasterKey}` };

function script(name: string): string {
  return fileURLToPath(new URL(name, import.meta.url));
}

function requestBody(stream: boolean): string {
  return JSON.stringify({
    model: benchModel,
    messages: [
      { role: 'system', content: 'You are a concise assistant. Answer in one sentence.' },
      { role: 'user', content: 'Why should an AI gateway add as little work per request as it can?' },
    ],
    max_tokens: 64,
    temperature: 0.2,
    ...(stream ? { stream: true } : {}),
  });
}

/** Sends one request and checks the answer looks like a chat completion, so a broken target fails loudly. */
async function probe(url: string, body: string, stream: boolean): Promise<void> {
  const response = await request(url, { method: 'POST', headers, body });
  const text = await response.body.text();
  const looksRight = stream
    ? text.includes('data:') && text.includes('chat.completion.chunk')
    : text.includes('"chat.completion"') && text.includes('"choices"');
  if (response.statusCode !== 200 || !looksRight) {
    throw new Error(`probe request got status ${response.statusCode}: ${text.slice(0, 400)}`);
  }
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** One measured run against one target. */
interface Sample {
  load: LoadResult;
  serverTicks: number;
  upstreamTicks: number;
}

/** A target under measurement: its server, the load it gets, and what has been measured so far. */
interface Target {
  name: TargetName;
  server: ServerProcess;
  spec: (durationSeconds: number) => LoadSpec;
  samples: Sample[];
  error?: string;
}

async function sample(target: Target, upstream: ServerProcess, durationSeconds: number): Promise<Sample> {
  const serverBefore = readCpuTicks(target.server.pid);
  const upstreamBefore = readCpuTicks(upstream.pid);
  const load = await runLoad(target.spec(durationSeconds));
  return {
    load,
    serverTicks: readCpuTicks(target.server.pid) - serverBefore,
    upstreamTicks: readCpuTicks(upstream.pid) - upstreamBefore,
  };
}

function summarise(target: Target, ticksPerSecond: number): TargetMeasurement {
  const sum = (pick: (sample: Sample) => number): number =>
    target.samples.reduce((total, each) => total + pick(each), 0);
  const requests = sum((each) => each.load.completed);
  const perRequest = (ticks: number): number =>
    requests > 0 ? round(((ticks / ticksPerSecond) * 1e6) / requests, 2) : 0;
  const latency = (pick: (result: LoadResult) => number): number =>
    round(median(target.samples.map((each) => pick(each.load))), 3);
  const memory = readMemory(target.server.pid);
  const seconds = sum((each) => each.load.durationSeconds);
  return {
    ok: true,
    description: descriptions[target.name],
    requests,
    requests_per_second: seconds > 0 ? round(requests / seconds, 1) : 0,
    latency_ms: {
      p50: latency((result) => result.latencyMs.p50),
      p90: latency((result) => result.latencyMs.p90),
      p99: latency((result) => result.latencyMs.p99),
      mean: latency((result) => result.latencyMs.mean),
    },
    errors: sum((each) => each.load.errors + each.load.non2xx),
    non2xx: sum((each) => each.load.non2xx),
    cpu_us_per_request: perRequest(sum((each) => each.serverTicks)),
    upstream_cpu_us_per_request: perRequest(sum((each) => each.upstreamTicks)),
    rss_mib: round(memory.rssBytes / 2 ** 20, 1),
    peak_rss_mib: round(memory.peakRssBytes / 2 ** 20, 1),
  };
}

function failure(name: TargetName, error: unknown, server?: ServerProcess): TargetResult {
  const message = error instanceof Error ? error.message : String(error);
  const output = name === 'direct' || server === undefined ? '' : server.outputTail();
  return {
    ok: false,
    description: descriptions[name],
    error: output === '' ? message : `${message}; server output:\n${output}`,
  };
}

function ratio(
  targets: Record<TargetName, TargetResult>,
  top: TargetName,
  bottom: TargetName,
  pick: (target: TargetMeasurement) => number,
): number | null {
  const a = targets[top];
  const b = targets[bottom];
  if (!a.ok || !b.ok || pick(b) === 0) return null;
  return round(pick(a) / pick(b), 3);
}

function ratios(targets: Record<TargetName, TargetResult>): GatewayRatios {
  return {
    strata_full_vs_bare: ratio(targets, 'strata', 'bare', (target) => target.cpu_us_per_request),
    strata_latency_p50_vs_bare: ratio(targets, 'strata', 'bare', (target) => target.latency_ms.p50),
    strata_latency_p99_vs_bare: ratio(targets, 'strata', 'bare', (target) => target.latency_ms.p99),
    strata_rps_vs_bare: ratio(targets, 'strata', 'bare', (target) => target.requests_per_second),
    bare_cpu_vs_direct: ratio(targets, 'bare', 'direct', (target) => target.cpu_us_per_request),
  };
}

async function startServers(
  options: GatewayBenchOptions,
  started: ServerProcess[],
): Promise<{ upstream: ServerProcess; servers: Record<TargetName, ServerProcess | Error> }> {
  const upstream = await startServerProcess({
    name: 'mock upstream',
    command: process.execPath,
    args: [script('./mock-upstream.js')],
    readyPattern: portLine,
    cpu: cpuFor.harness,
  });
  started.push(upstream);
  const bare = await startServerProcess({
    name: 'bare pass-through',
    command: process.execPath,
    // The same young-generation size Strata's `serve` sets for itself, so the floor is tuned alike.
    args: [
      `--max-semi-space-size=${youngGenerationSemiSpaceMiB}`,
      script('./bare-proxy.js'),
      `http://127.0.0.1:${upstream.port}`,
    ],
    readyPattern: portLine,
    cpu: cpuFor.measured,
  });
  started.push(bare);
  let strata: ServerProcess | Error;
  try {
    strata = await startStrataServer(upstream.port, options.strataEntry);
    started.push(strata);
  } catch (error) {
    strata = error instanceof Error ? error : new Error(String(error));
  }
  return { upstream, servers: { direct: upstream, bare, strata } };
}

async function measureAll(
  upstream: ServerProcess,
  servers: Record<TargetName, ServerProcess | Error>,
  settings: Settings,
  progress: (message: string) => void,
  ticksPerSecond: number,
): Promise<Record<TargetName, TargetResult>> {
  const body = requestBody(settings.stream);
  const targets: Target[] = [];
  const results = {} as Record<TargetName, TargetResult>;
  for (const name of targetNames) {
    const server = servers[name];
    if (server instanceof Error) {
      results[name] = failure(name, server);
      progress(`${name}: skipped (${server.message.split('\n')[0]})`);
      continue;
    }
    const url = `http://127.0.0.1:${server.port}/v1/chat/completions`;
    const spec = (durationSeconds: number): LoadSpec => ({
      url,
      connections: settings.connections,
      durationSeconds,
      headers,
      body,
    });
    targets.push({ name, server, spec, samples: [] });
  }
  for (const target of targets) {
    progress(`${target.name}: probe and ${settings.warmupSeconds} s warm-up`);
    try {
      await probe(target.spec(0).url, body, settings.stream);
      resetPeakMemory(target.server.pid);
      if (settings.warmupSeconds > 0) await runLoad(target.spec(settings.warmupSeconds));
    } catch (error) {
      target.error = String(error);
      results[target.name] = failure(target.name, error, target.server);
    }
  }
  for (let index = 1; index <= settings.rounds; index++) {
    for (const target of targets) {
      if (target.error !== undefined) continue;
      progress(`${target.name}: ${settings.durationSeconds} s measured (round ${index}/${settings.rounds})`);
      try {
        target.samples.push(await sample(target, upstream, settings.durationSeconds));
      } catch (error) {
        target.error = String(error);
        results[target.name] = failure(target.name, error, target.server);
      }
    }
  }
  for (const target of targets) {
    if (target.error === undefined) results[target.name] = summarise(target, ticksPerSecond);
  }
  return results;
}

/** Starts the mock, the bare pass-through and Strata as child processes, loads each in turn, and reports. */
export async function runGatewayBench(options: GatewayBenchOptions = {}): Promise<GatewayBenchReport> {
  const settings: Settings = { ...defaults, ...options };
  settings.rounds = Math.max(1, Math.round(settings.rounds));
  const progress = options.onProgress ?? (() => {});
  const ticksPerSecond = clockTicksPerSecond();
  const started: ServerProcess[] = [];
  try {
    const { upstream, servers } = await startServers(options, started);
    const targets = await measureAll(upstream, servers, settings, progress, ticksPerSecond);
    const computed = ratios(targets);
    const strata = targets.strata;
    const met =
      computed.strata_full_vs_bare === null || !strata.ok
        ? null
        : computed.strata_full_vs_bare <= cpuRatioGoal && strata.errors === 0;
    return {
      targets,
      ratios: computed,
      goal: { ratio: 'strata_full_vs_bare', max: cpuRatioGoal, met },
      config: {
        mode: settings.stream ? 'stream' : 'json',
        connections: settings.connections,
        duration_seconds: settings.durationSeconds,
        warmup_seconds: settings.warmupSeconds,
        rounds: settings.rounds,
        model: benchModel,
        request_bytes: Buffer.byteLength(requestBody(settings.stream)),
      },
      machine: {
        cpus: cpus().length,
        cpu_model: cpus()[0]?.model ?? 'unknown',
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        clock_ticks_per_second: ticksPerSecond,
      },
    };
  } finally {
    await Promise.all(started.map((server) => server.stop()));
  }
}
