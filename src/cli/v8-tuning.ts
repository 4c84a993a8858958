import { setFlagsFromString } from 'node:v8';

/**
 * Semi-space size of V8's young generation for `strata serve`. Every request allocates short-lived
 * objects (bodies, responses, log rows); at Node's default of 16 MiB the scavenger runs several times as
 * often, and measured CPU per request is 15-20% higher.
 */
export const youngGenerationSemiSpaceMiB = 32;

/**
 * How far V8 lets the old generation grow past what the last full collection kept before it collects
 * again, in percent. Rows wait up to 250 ms for their batch, long enough to outlive two young
 * collections, so each call leaves a few kB of garbage in the old generation; V8's own factor (up to 4x
 * on a fast collector) let it pile up to about 100 MB of a 215 MiB peak under load. At 30% the peak was
 * 156-161 MiB for JSON and 176-182 MiB for streams, with 8-20 full collections in ten seconds whose
 * main-thread pauses add up to about 2 µs per JSON call and 7 µs per stream (marking on helper threads
 * not counted).
 */
export const oldGenerationGrowthPercent = 30;

/**
 * The V8 flags `strata serve` sets for itself. `--liftoff-only`: undici parses HTTP/1 with llhttp
 * compiled to WebAssembly, and optimising that one large state machine holds about 35 MiB of compiler
 * memory for a moment after the first upstream answer (most of a JSON call's peak RSS), while its
 * baseline code measured no more CPU per request.
 */
export const servingV8Flags: readonly string[] = [
  `--max-semi-space-size=${youngGenerationSemiSpaceMiB}`,
  `--heap-growing-percent=${oldGenerationGrowthPercent}`,
  '--liftoff-only',
];

/** The flag's name without `no-` or a value: `--no-liftoff-only` and `--liftoff-only` both choose it. */
function flagName(flag: string): string {
  return flag.replace(/^--(no-)?/, '').replace(/=.*$/, '');
}

/** Tunes the running process's V8 for serving, leaving each flag its command line already chose. */
export function tuneForServing(): void {
  // `node --max-semi-space-size=16 … serve` trades some CPU for a smaller peak RSS; respect that choice.
  const chosen = new Set(process.execArgv.map(flagName));
  for (const flag of servingV8Flags) if (!chosen.has(flagName(flag))) setFlagsFromString(flag);
}
