import { setFlagsFromString } from 'node:v8';

/**
 * Semi-space size of V8's young generation for `strata serve`, in MiB. V8 sizes its heap when the
 * process starts, so this one works only on node's command line (`npm start`, the workers of `serve
 * --workers N`, the bench): set later, it changes nothing. Against Node's default of 16 MiB, measured
 * on 2026-12-07 at saturation with 32 connections: peak RSS 157 → 145 MiB for JSON and 161 → 150 MiB
 * for streams, at about 4% more CPU per call (interval 1–10%, ten fresh pairs at saturation); at 300
 * requests/s no difference (1.01x, 0.87–1.05).
 */
const youngGenerationSemiSpaceMiB = 8;

/**
 * How far V8 lets the old generation grow past what the last full collection kept before it collects
 * again, in percent. Rows wait up to 250 ms for their batch, long enough to outlive two young
 * collections, so each call leaves a few kB of garbage in the old generation; V8's own factor (up to 4x
 * on a fast collector) let it pile up to about 100 MB of a 215 MiB peak under load. At 30% the peak was
 * 156-161 MiB for JSON and 176-182 MiB for streams, with 8-20 full collections in ten seconds whose
 * main-thread pauses add up to about 2 µs per JSON call and 7 µs per stream (marking on helper threads
 * not counted).
 */
const oldGenerationGrowthPercent = 30;

/** The V8 flags of a serving process that only node's command line can set. */
export const startupV8Flags: readonly string[] = [`--max-semi-space-size=${youngGenerationSemiSpaceMiB}`];

/**
 * The V8 flags a serving process sets for itself: V8 reads them when it uses them. `--liftoff-only`:
 * undici parses HTTP/1 with llhttp compiled to WebAssembly, and optimising that one large state machine
 * holds about 35 MiB of compiler memory for a moment after the first upstream answer (most of a JSON
 * call's peak RSS), while its baseline code measured no more CPU per request.
 */
const runtimeV8Flags: readonly string[] = [
  `--heap-growing-percent=${oldGenerationGrowthPercent}`,
  '--liftoff-only',
];

/** Every V8 flag of a serving process, for processes that take them all on their command line. */
export const servingV8Flags: readonly string[] = [...startupV8Flags, ...runtimeV8Flags];

/** The flag's name without `no-` or a value: `--no-liftoff-only` and `--liftoff-only` both choose it. */
function flagName(flag: string): string {
  return flag.replace(/^--(no-)?/, '').replace(/=.*$/, '');
}

/** `flags` that `execArgv` does not already choose. */
function unchosen(flags: readonly string[], execArgv: readonly string[]): string[] {
  const chosen = new Set(execArgv.map(flagName));
  return flags.filter((flag) => !chosen.has(flagName(flag)));
}

/** node's arguments for a serving child process: `execArgv` and each startup flag it leaves unchosen. */
export function withStartupFlags(execArgv: readonly string[]): string[] {
  return [...execArgv, ...unchosen(startupV8Flags, execArgv)];
}

/** Tunes the running process's V8 for serving, leaving each flag its command line already chose. */
export function tuneForServing(): void {
  // `node --heap-growing-percent=50 … serve` trades a higher peak for fewer collections; respect that.
  for (const flag of unchosen(runtimeV8Flags, process.execArgv)) setFlagsFromString(flag);
}
