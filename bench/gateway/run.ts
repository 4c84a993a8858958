/**
 * Runs the gateway race: the same load, against the same mock upstream, on the mock directly, a bare Node
 * pass-through, Strata minimal and with everything on, Portkey, and Strata with several workers.
 */

import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bootstrapInterval } from '../../src/value/statistics.js';
import { cpuFor, pinToCpu, unpin } from './cpu-pinning.js';
import {
  firstByte,
  fixedRate,
  median,
  probe,
  round,
  sample,
  specOf,
  summarise,
  type Target,
  ticksPerRequest,
} from './measure.js';
import { installPortkey, portkeyVersion } from './portkey-server.js';
import { clockTicksPerSecond, processTree, readTreeMemory, resetPeakMemory } from './proc-stats.js';
import type {
  GatewayBenchReport,
  GatewayRatios,
  GoalResult,
  ModeReport,
  PairedRatio,
  TargetMeasurement,
  TargetName,
  TargetResult,
} from './report.js';
import { observabilityParts, raceTargetNames, targetNames } from './report.js';
import { type ServerProcess, startServerProcess } from './server-process.js';
import { type StartTarget, sideBySideRatios } from './side-by-side.js';
import { benchModel } from './strata-server.js';
import { targetDefinitions } from './targets.js';

export { formatGatewayReport } from './format-report.js';
export type { GatewayBenchReport } from './report.js';

/** Knobs of one bench run; every target gets the same load. */
export interface GatewayBenchOptions {
  connections?: number;
  durationSeconds?: number;
  /**
   * Seconds at saturation per target and mode before its rounds. A Node process is still compiling its
   * hot code for its first 10–20 s of load, and Strata, with more code on the path, for longer than the
   * bare pass-through; a gateway's cost per call is what it spends after that.
   */
  warmupSeconds?: number;
  /** Which answers to measure: JSON, SSE streams, or both (the default). */
  modes?: Array<'json' | 'stream'>;
  /** Measured saturation runs per target, interleaved across targets so slow drifts hit all alike. */
  rounds?: number;
  /** Fixed request rates (requests/s) at which latency is measured. */
  rates?: number[];
  rateDurationSeconds?: number;
  /** Requests sent one at a time to measure the time to first byte. */
  firstByteRequests?: number;
  /**
   * Fresh pairs of `strata_full` and `strata_full_unobserved` processes loaded at once, at `sideBySideRate`
   * requests/s each, to price the observability layer side by side; 0 skips them.
   */
  sideBySidePairs?: number;
  /** Measured windows of `rateDurationSeconds` per pair, after a warm-up of two. */
  sideBySideWindows?: number;
  sideBySideRate?: number;
  /** The targets to run; all by default. */
  targets?: TargetName[];
  /** Workers of the `strata_full_workers` target. */
  workers?: number;
  /** The built Strata CLI to start; defaults to this build's. */
  strataEntry?: string;
  /** Called with a line of progress now and then; silent when absent. */
  onProgress?: (message: string) => void;
}

type Settings = Required<Omit<GatewayBenchOptions, 'strataEntry' | 'onProgress'>>;

const defaults = {
  connections: 32,
  durationSeconds: 10,
  warmupSeconds: 20,
  modes: ['json', 'stream'],
  rounds: 1,
  rates: [100, 300],
  rateDurationSeconds: 5,
  firstByteRequests: 200,
  sideBySidePairs: 6,
  sideBySideWindows: 3,
  sideBySideRate: 300,
  targets: [...raceTargetNames],
  workers: 2,
} satisfies Settings;

/** The goals for Strata with everything on, checked in each mode. */
export const goals = {
  /** CPU per request at most this many times the bare pass-through's. */
  cpuVsBare: 1.5,
  /** CPU per request at most this share of Portkey's. */
  cpuVsPortkey: 0.2,
  /** Added time to first byte, in milliseconds. */
  firstByteAddedMs: 1,
  /** Peak RSS under load, in MiB. */
  peakRssMib: 150,
  /** Saturation throughput of two workers over one. */
  workersVsOne: 1.7,
  /** CPU per request of Strata full over the same config with traces, metrics and logs off. */
  observabilityVsOff: 1.1,
};

function failure(description: string, error: unknown, server?: ServerProcess, skipped = false): TargetResult {
  const message = error instanceof Error ? error.message : String(error);
  const output = server?.outputTail() ?? '';
  return {
    ok: false,
    description,
    error: output === '' ? message : `${message}; server output:\n${output}`,
    ...(skipped && { skipped }),
  };
}

function measured(targets: ModeReport['targets'], name: TargetName): TargetMeasurement | undefined {
  const target = targets[name];
  return target?.ok ? target : undefined;
}

function ratio(
  targets: ModeReport['targets'],
  top: TargetName,
  bottom: TargetName,
  pick: (target: TargetMeasurement) => number,
): number | null {
  const a = measured(targets, top);
  const b = measured(targets, bottom);
  if (a === undefined || b === undefined || pick(b) === 0) return null;
  return round(pick(a) / pick(b), 3);
}

/**
 * Per round, one target's CPU per request over another's, the round's two runs back to back: drift in
 * the machine's load moves both sides of a round together. The median of them cannot be moved by one
 * noisy round.
 */
function pairedCpuRatios(top: Target, bottom: Target): number[] {
  return top.samples
    .map((sample, index) => {
      const other = bottom.samples[index];
      return other === undefined ? Number.NaN : ticksPerRequest(sample) / ticksPerRequest(other);
    })
    .filter((value) => Number.isFinite(value));
}

/**
 * A pair's paired ratios summed up: their median and, with three rounds or more, its 95% bootstrap
 * interval. A machine whose speed drifts between rounds shows here as a wide interval.
 */
function pairedRatio(top: Target, bottom: Target): PairedRatio | null {
  return pairedSummary(pairedCpuRatios(top, bottom));
}

/** Paired ratios summed up: their median and, from three of them, its 95% bootstrap interval. */
function pairedSummary(ratios: number[]): PairedRatio | null {
  if (ratios.length === 0) return null;
  const interval =
    ratios.length < 3 ? null : bootstrapInterval(ratios, (sample) => median(sample as number[]));
  return {
    ratio: round(median(ratios), 3),
    interval: interval && [round(interval.low, 3), round(interval.high, 3)],
  };
}

/** The target of that name, unless it is absent or failed. */
function measuredTarget(targets: readonly Target[], name: TargetName): Target | undefined {
  return targets.find((target) => target.name === name && target.error === undefined);
}

/** The observability pairs: the whole layer against none of it, and each part against the rest. */
function observabilityRatios(targets: readonly Target[], sideBySide: number[]): Partial<GatewayRatios> {
  const ran = (name: TargetName) => measuredTarget(targets, name);
  const full = ran('strata_full');
  if (!full) return {};
  const ratios: Partial<GatewayRatios> = {};
  const unobserved = ran('strata_full_unobserved');
  if (unobserved) {
    const whole = pairedRatio(full, unobserved);
    ratios.observability_cpu_vs_off = whole?.ratio ?? null;
    ratios.observability_cpu_vs_off_interval = whole?.interval ?? null;
    const together = pairedSummary(sideBySide);
    if (together) ratios.observability_side_by_side = together;
  }
  for (const [part, name] of Object.entries(observabilityParts)) {
    const off = ran(name);
    const priced = off && pairedRatio(full, off);
    if (priced) ratios.observability_parts = { ...ratios.observability_parts, [part]: priced };
  }
  return ratios;
}

function ratiosOf(targets: ModeReport['targets']): GatewayRatios {
  const cpu = (target: TargetMeasurement) => target.cpu_us_per_request;
  const full = measured(targets, 'strata_full');
  const direct = measured(targets, 'direct');
  return {
    strata_full_vs_bare: ratio(targets, 'strata_full', 'bare', cpu),
    strata_full_vs_portkey: ratio(targets, 'strata_full', 'portkey', cpu),
    strata_minimal_vs_bare: ratio(targets, 'strata_minimal', 'bare', cpu),
    bare_recording_vs_bare: ratio(targets, 'bare_recording', 'bare', cpu),
    // Paired by round in observabilityRatios, when both targets ran.
    observability_cpu_vs_off: null,
    portkey_vs_bare: ratio(targets, 'portkey', 'bare', cpu),
    strata_full_first_byte_added_ms:
      full && direct ? round(full.first_byte_ms.p50 - direct.first_byte_ms.p50, 3) : null,
    strata_full_latency_p50_vs_bare: ratio(targets, 'strata_full', 'bare', (target) => target.latency_ms.p50),
    strata_full_latency_p99_vs_bare: ratio(targets, 'strata_full', 'bare', (target) => target.latency_ms.p99),
    strata_full_rps_vs_bare: ratio(targets, 'strata_full', 'bare', (target) => target.requests_per_second),
    bare_cpu_vs_direct: ratio(targets, 'bare', 'direct', cpu),
    workers_vs_one_rps: ratio(
      targets,
      'strata_full_workers',
      'strata_full',
      (target) => target.requests_per_second,
    ),
  };
}

function goalsOf(modes: ModeReport[]): GoalResult[] {
  const results: GoalResult[] = [];
  const check = (goal: string, value: number | null, limit: number, atLeast = false): void => {
    results.push({
      goal,
      value,
      comparison: atLeast ? 'at least' : 'at most',
      limit,
      met: value === null ? null : atLeast ? value >= limit : value <= limit,
    });
  };
  for (const { mode, ratios, targets } of modes) {
    check(`${mode}: strata_full CPU/request vs bare`, ratios.strata_full_vs_bare, goals.cpuVsBare);
    check(`${mode}: strata_full CPU/request vs portkey`, ratios.strata_full_vs_portkey, goals.cpuVsPortkey);
    check(
      `${mode}: strata_full added time to first byte (ms)`,
      ratios.strata_full_first_byte_added_ms,
      goals.firstByteAddedMs,
    );
    check(
      `${mode}: strata_full peak RSS (MiB)`,
      measured(targets, 'strata_full')?.peak_rss_mib ?? null,
      goals.peakRssMib,
    );
    check(
      `${mode}: strata_full_workers req/s vs one worker`,
      ratios.workers_vs_one_rps,
      goals.workersVsOne,
      true,
    );
    check(
      `${mode}: observability CPU/request vs off (saturation rounds)`,
      ratios.observability_cpu_vs_off,
      goals.observabilityVsOff,
    );
    check(
      `${mode}: observability CPU/request vs off (side by side)`,
      ratios.observability_side_by_side?.ratio ?? null,
      goals.observabilityVsOff,
    );
  }
  return results;
}

/** What every target is started with: the mock upstream, the workers, and the Strata build to run. */
function startContext(settings: Settings, options: GatewayBenchOptions, upstream: ServerProcess) {
  return {
    upstreamPort: upstream.port,
    workers: settings.workers,
    ...(options.strataEntry !== undefined && { strataEntry: options.strataEntry }),
  };
}

/** Starts every selected target once; the ones that cannot start are reported, not fatal. */
async function startTargets(
  settings: Settings,
  options: GatewayBenchOptions,
  upstream: ServerProcess,
  started: ServerProcess[],
  progress: (message: string) => void,
): Promise<Map<TargetName, ServerProcess | TargetResult>> {
  const servers = new Map<TargetName, ServerProcess | TargetResult>();
  let portkeyEntry: string | undefined;
  if (settings.targets.includes('portkey')) {
    progress(`portkey: installing @portkey-ai/gateway@${portkeyVersion} (once, into the temporary folder)`);
    try {
      portkeyEntry = await installPortkey();
    } catch (error) {
      progress(`portkey: not measured: ${error instanceof Error ? error.message : String(error)}`);
      servers.set('portkey', failure(targetDefinitions.portkey.description, error, undefined, true));
    }
  }
  for (const name of settings.targets) {
    if (servers.has(name)) continue;
    if (name === 'direct') {
      servers.set(name, upstream);
      continue;
    }
    progress(`${name}: starting`);
    try {
      const server = await targetDefinitions[name].start({
        ...startContext(settings, options, upstream),
        ...(portkeyEntry !== undefined && { portkeyEntry }),
      });
      started.push(server);
      servers.set(name, server);
    } catch (error) {
      progress(`${name}: could not start (${String(error).split('\n')[0]})`);
      servers.set(name, failure(targetDefinitions[name].description, error));
    }
  }
  return servers;
}

/** A started server as a target to load in one mode. */
function targetOf(
  name: TargetName,
  server: ServerProcess,
  upstream: ServerProcess,
  mode: 'json' | 'stream',
): Target {
  const definition = targetDefinitions[name];
  return {
    name,
    description: definition.description,
    server,
    url: `http://127.0.0.1:${server.port}/v1/chat/completions`,
    headers: definition.headers(upstream.port),
    body: requestBody(definition.model, mode === 'stream'),
    samples: [],
    fixedRate: [],
  };
}

async function measureMode(
  mode: 'json' | 'stream',
  upstream: ServerProcess,
  servers: Map<TargetName, ServerProcess | TargetResult>,
  settings: Settings,
  context: {
    progress: (message: string) => void;
    ticksPerSecond: number;
    idle: Map<TargetName, number>;
    /** Starts a fresh server of a target, for the side-by-side pairs. */
    start: (name: TargetName) => Promise<ServerProcess>;
  },
): Promise<ModeReport> {
  const { progress } = context;
  const results: ModeReport['targets'] = {};
  const targets: Target[] = [];
  for (const name of settings.targets) {
    const server = servers.get(name);
    if (server === undefined) continue;
    if ('ok' in server) {
      results[name] = server;
      continue;
    }
    targets.push(targetOf(name, server, upstream, mode));
  }
  const attempt = async (target: Target, what: string, run: () => Promise<void>): Promise<void> => {
    if (target.error !== undefined) return;
    progress(`${mode} ${target.name}: ${what}`);
    try {
      await run();
    } catch (error) {
      target.error = String(error);
      results[target.name] = failure(target.description, error, target.server);
    }
  };
  for (const target of targets) {
    await attempt(target, `probe and ${settings.warmupSeconds} s warm-up`, async () => {
      await probe(target, mode === 'stream');
      const pids = processTree(target.server.pid);
      // Idle: started and one request served, before any load (the first mode's reading is kept).
      if (!context.idle.has(target.name)) context.idle.set(target.name, readTreeMemory(pids).rssBytes);
      target.idleRssBytes = context.idle.get(target.name) ?? 0;
      for (const pid of pids) resetPeakMemory(pid);
      if (settings.warmupSeconds > 0)
        await sample(target, upstream, specOf(target, settings.connections, settings.warmupSeconds));
    });
  }
  for (let index = 1; index <= settings.rounds; index++) {
    // Every other round runs the targets in reverse, so no target always follows the same neighbour.
    for (const target of index % 2 === 1 ? targets : [...targets].reverse()) {
      await attempt(
        target,
        `${settings.durationSeconds} s at saturation (round ${index}/${settings.rounds})`,
        async () => {
          target.samples.push(
            await sample(target, upstream, specOf(target, settings.connections, settings.durationSeconds)),
          );
        },
      );
    }
  }
  const fresh = async (name: TargetName) => targetOf(name, await context.start(name), upstream, mode);
  const sideBySide = await observabilitySideBySide(mode, upstream, targets, settings, progress, fresh);
  for (const rate of settings.rates) {
    for (const target of targets) {
      await attempt(target, `${settings.rateDurationSeconds} s at ${rate} req/s`, async () => {
        const spec = { ...specOf(target, settings.connections, settings.rateDurationSeconds, rate), rate };
        target.fixedRate.push(await fixedRate(spec));
      });
    }
  }
  for (const target of targets) {
    await attempt(
      target,
      `time to first byte (${settings.firstByteRequests} requests, one at a time)`,
      async () => {
        target.firstByte = await firstByte(target, settings.firstByteRequests);
      },
    );
  }
  for (const target of targets) {
    if (target.error === undefined) results[target.name] = summarise(target, context.ticksPerSecond);
  }
  const ordered: ModeReport['targets'] = {};
  for (const name of targetNames) if (results[name] !== undefined) ordered[name] = results[name];
  return {
    mode,
    targets: ordered,
    ratios: { ...ratiosOf(ordered), ...observabilityRatios(targets, sideBySide) },
  };
}

/** The observability pair loaded side by side (both at once, at one fixed rate); none without both targets. */
async function observabilitySideBySide(
  mode: 'json' | 'stream',
  upstream: ServerProcess,
  targets: readonly Target[],
  settings: Settings,
  progress: (message: string) => void,
  start: StartTarget,
): Promise<number[]> {
  const ran = (name: TargetName) => measuredTarget(targets, name) !== undefined;
  const { sideBySidePairs: pairs, sideBySideWindows: windows } = settings;
  if (!ran('strata_full') || !ran('strata_full_unobserved') || pairs === 0 || windows === 0) return [];
  progress(
    `${mode} strata_full and strata_full_unobserved side by side: ${pairs} fresh pairs, ${windows} x ` +
      `${settings.rateDurationSeconds} s each at ${settings.sideBySideRate} req/s`,
  );
  try {
    return await sideBySideRatios(start, 'strata_full', 'strata_full_unobserved', upstream, {
      rate: settings.sideBySideRate,
      pairs,
      windows,
      windowSeconds: settings.rateDurationSeconds,
      connections: settings.connections,
    });
  } catch (error) {
    progress(`${mode} side by side: not measured (${String(error).split('\n')[0]})`);
    return [];
  }
}

function requestBody(model: string, stream: boolean): string {
  return JSON.stringify({
    model,
    messages: [
      { role: 'system', content: 'You are a concise assistant. Answer in one sentence.' },
      { role: 'user', content: 'Why should an AI gateway add as little work per request as it can?' },
    ],
    max_tokens: 64,
    temperature: 0.2,
    ...(stream ? { stream: true } : {}),
  });
}

/** Starts the mock and every target as child processes, loads each in turn per mode, and reports. */
export async function runGatewayBench(options: GatewayBenchOptions = {}): Promise<GatewayBenchReport> {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const settings: Settings = { ...defaults, ...defined };
  settings.rounds = Math.max(1, Math.round(settings.rounds));
  const progress = options.onProgress ?? (() => {});
  const ticksPerSecond = clockTicksPerSecond();
  const started: ServerProcess[] = [];
  try {
    const upstream = await startServerProcess({
      name: 'mock upstream',
      command: process.execPath,
      args: [fileURLToPath(new URL('./mock-upstream.js', import.meta.url))],
      readyPattern: /^listening (\d+)$/,
      cpu: cpuFor.harness,
    });
    started.push(upstream);
    const servers = await startTargets(settings, options, upstream, started, progress);
    // The bench itself drains every server's output (Strata's log lines among them): it belongs with the
    // harness, not on the measured core. Pinned only now, so no target it started inherits the pin.
    pinToCpu(process.pid, cpuFor.harness);
    const idle = new Map<TargetName, number>();
    const start = (name: TargetName) =>
      targetDefinitions[name].start(startContext(settings, options, upstream));
    const modes: ModeReport[] = [];
    for (const mode of settings.modes) {
      modes.push(
        await measureMode(mode, upstream, servers, settings, { progress, ticksPerSecond, idle, start }),
      );
    }
    const first = modes[0];
    return {
      modes,
      ratios: first?.ratios ?? ratiosOf({}),
      goals: goalsOf(modes),
      config: {
        modes: settings.modes,
        connections: settings.connections,
        duration_seconds: settings.durationSeconds,
        warmup_seconds: settings.warmupSeconds,
        rounds: settings.rounds,
        rates: settings.rates,
        rate_duration_seconds: settings.rateDurationSeconds,
        first_byte_requests: settings.firstByteRequests,
        side_by_side_pairs: settings.sideBySidePairs,
        side_by_side_windows: settings.sideBySideWindows,
        side_by_side_rate: settings.sideBySideRate,
        model: benchModel,
        portkey_version: portkeyVersion,
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
    unpin(process.pid);
    await Promise.all(started.map((server) => server.stop()));
  }
}
