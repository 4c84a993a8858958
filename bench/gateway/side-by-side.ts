/**
 * Two targets measured side by side: both loaded at once, at the same fixed rate, while they share the
 * measured core. A machine that speeds up or slows down between rounds moves both sides of a window
 * alike, which back-to-back saturation rounds cannot promise.
 */
import { sample, specOf, type Target, ticksPerRequest } from './measure.js';
import type { ServerProcess } from './server-process.js';

/** How the side-by-side windows run. */
export interface SideBySideSettings {
  /** Requests per second each target gets. */
  rate: number;
  windows: number;
  windowSeconds: number;
  connections: number;
}

/** Per window, `top`'s CPU per request over `bottom`'s, both loaded at once; windows that failed to measure are left out. */
export async function sideBySideRatios(
  top: Target,
  bottom: Target,
  upstream: ServerProcess,
  settings: SideBySideSettings,
): Promise<number[]> {
  const load = (target: Target) =>
    sample(target, upstream, specOf(target, settings.connections, settings.windowSeconds, settings.rate));
  const ratios: number[] = [];
  for (let window = 0; window < settings.windows; window++) {
    const [a, b] = await Promise.all([load(top), load(bottom)]);
    const ratio = ticksPerRequest(a) / ticksPerRequest(b);
    if (Number.isFinite(ratio) && ratio > 0) ratios.push(ratio);
  }
  return ratios;
}
