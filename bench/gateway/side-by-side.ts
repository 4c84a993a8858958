/**
 * Two targets measured side by side: both loaded at once, at the same fixed rate, while they share the
 * measured core, so a machine that speeds up or slows down moves both sides of a window alike. Each pair
 * of processes is started fresh: a Node process keeps the speed its start left it with (what the
 * optimizing compiler chose, where its heap landed), so one pair of identical processes can differ by
 * several percent over all its windows. Pairs of fresh processes average that out.
 */
import { sample, specOf, type Target, ticksPerRequest } from './measure.js';
import type { TargetName } from './report.js';
import type { ServerProcess } from './server-process.js';

/** How the side-by-side pairs run. */
export interface SideBySideSettings {
  /** Requests per second each target gets. */
  rate: number;
  /** Pairs of freshly started processes. */
  pairs: number;
  /** Measured windows per pair, after a warm-up as long as two of them. */
  windows: number;
  windowSeconds: number;
  connections: number;
}

/** Starts a fresh process of a target, ready to be loaded. */
export type StartTarget = (name: TargetName) => Promise<Target>;

const geometricMean = (values: readonly number[]) =>
  Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);

/** Starts the targets together; if one fails, the others are stopped before the error is passed on. */
async function startAll(start: StartTarget, names: readonly TargetName[]): Promise<Target[]> {
  const started = await Promise.allSettled(names.map(start));
  const failed = started.find((result) => result.status === 'rejected');
  const targets = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  if (failed === undefined) return targets;
  await Promise.all(targets.map((target) => target.server.stop()));
  throw failed.reason;
}

/**
 * Per pair of fresh processes, `top`'s CPU per request over `bottom`'s: the geometric mean of its
 * windows' ratios. Windows that failed to measure are left out, and pairs without any window.
 */
export async function sideBySideRatios(
  start: StartTarget,
  top: TargetName,
  bottom: TargetName,
  upstream: ServerProcess,
  settings: SideBySideSettings,
): Promise<number[]> {
  const ratios: number[] = [];
  for (let pair = 0; pair < settings.pairs; pair++) {
    // Every other pair starts and loads `bottom` first, so neither side always goes first.
    const names = pair % 2 === 0 ? [top, bottom] : [bottom, top];
    const targets = await startAll(start, names);
    const load = (seconds: number) =>
      Promise.all(
        targets.map((target) =>
          sample(target, upstream, specOf(target, settings.connections, seconds, settings.rate)),
        ),
      );
    try {
      await load(2 * settings.windowSeconds);
      const windows: number[] = [];
      for (let window = 0; window < settings.windows; window++) {
        const [first = Number.NaN, second = Number.NaN] = (await load(settings.windowSeconds)).map(
          ticksPerRequest,
        );
        const ratio = names[0] === top ? first / second : second / first;
        if (Number.isFinite(ratio) && ratio > 0) windows.push(ratio);
      }
      if (windows.length > 0) ratios.push(geometricMean(windows));
    } finally {
      await Promise.all(targets.map((target) => target.server.stop()));
    }
  }
  return ratios;
}
