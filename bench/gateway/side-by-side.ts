/**
 * Two targets measured side by side: both loaded at once, at the same fixed rate, while they share the
 * measured core. A machine that speeds up or slows down between rounds moves both sides of a window
 * alike, which back-to-back saturation rounds cannot promise.
 */
import { runLoad } from './load-runner.js';
import { specOf, type Target } from './measure.js';
import { processTree, readTreeCpuTicks } from './proc-stats.js';

/** How the side-by-side windows run. */
export interface SideBySideSettings {
  /** Requests per second each target gets. */
  rate: number;
  windows: number;
  windowSeconds: number;
  connections: number;
}

/** CPU ticks per completed request of one target over one fixed-rate run. */
async function ticksPerRequest(target: Target, settings: SideBySideSettings): Promise<number> {
  const pids = processTree(target.server.pid);
  const before = readTreeCpuTicks(pids);
  const spec = specOf(target, settings.connections, settings.windowSeconds, settings.rate);
  const load = await runLoad(spec);
  const ticks = readTreeCpuTicks(pids) - before;
  return load.completed > 0 ? ticks / load.completed : Number.NaN;
}

/** Per window, `top`'s CPU per request over `bottom`'s, both loaded at once; windows that failed to measure are left out. */
export async function sideBySideRatios(
  top: Target,
  bottom: Target,
  settings: SideBySideSettings,
): Promise<number[]> {
  const ratios: number[] = [];
  for (let window = 0; window < settings.windows; window++) {
    const [a, b] = await Promise.all([ticksPerRequest(top, settings), ticksPerRequest(bottom, settings)]);
    const ratio = a / b;
    if (Number.isFinite(ratio) && ratio > 0) ratios.push(ratio);
  }
  return ratios;
}
