/** The gateway bench's flags, usage and command, shared by `strata bench gateway` and `node main.js`. */
import { writeFile } from 'node:fs/promises';
import { type GatewayBenchFlagValues, gatewayBenchFlags } from './flags.js';
import { formatGatewayReport } from './format-report.js';
import { plotGatewayRace } from './plot.js';
import { raceTargetNames, type TargetName, targetNames } from './report.js';
import { type GatewayBenchOptions, runGatewayBench } from './run.js';

export { type GatewayBenchFlagValues, gatewayBenchFlags };

/** Every flag of the gateway bench, as `--help` prints it. */
export const gatewayBenchUsage = `Usage: strata bench gateway [--json] [--stream | --modes json,stream] [--connections 32]
                            [--duration 10] [--warmup 20] [--rounds 1] [--rates 100,300]
                            [--rate-duration 5] [--first-byte-requests 200] [--targets a,b,…]
                            [--side-by-side-pairs 6] [--side-by-side-windows 3]
                            [--side-by-side-rate 300]
                            [--workers 2] [--no-portkey] [--plot race.svg]

Races, against one loopback mock upstream in one run: the mock directly, a bare node:http + undici
pass-through, the same keeping a priced row per call in SQLite (the floor of a recording gateway),
Strata minimal (master key), Strata full (virtual key in a team, team and global budgets, a key rate
limit, request log and ledger on SQLite), Portkey's gateway (installed on first use into a temporary
folder) and Strata full with several workers. Each gets the same load from a separate process.
  --json                 the report as JSON (ratios.strata_full_vs_bare, ratios.strata_full_vs_portkey, …)
  --stream               measure SSE streams only (same as --modes stream)
  --modes                json, stream or both (default json,stream)
  --connections          connections kept busy at saturation (default 32)
  --duration             seconds of each measured saturation run (default 10)
  --warmup               seconds of warm-up at saturation per target and mode (default 20)
  --rounds               saturation runs per target, interleaved across targets (default 1)
  --rates                fixed request rates (req/s) at which p50/p99 are measured (default 100,300)
  --rate-duration        seconds at each fixed rate (default 5)
  --first-byte-requests  requests sent one at a time for the time to first byte (default 200)
  --side-by-side-pairs   fresh pairs of strata_full and strata_full_unobserved processes loaded at once
                         to price the observability layer (default 6; 0 skips them)
  --side-by-side-windows measured windows of --rate-duration s per pair, after two to warm up (default 3)
  --side-by-side-rate    requests/s each of the two gets in those windows (default 300)
  --targets              any of ${targetNames.join(', ')}
                         (default: all but the strata_full_no_* ones, which price one observability part each)
  --workers              workers of strata_full_workers (default 2)
  --no-portkey           leave Portkey out (it needs the npm registry the first time)
  --plot                 also write the CPU-per-request chart as SVG to this file`;

function nonNegative(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${flag} must be a non-negative number`);
  return parsed;
}

/** Turns flag values into bench options; throws a one-line reason on a bad value. */
export function gatewayBenchOptions(values: GatewayBenchFlagValues): GatewayBenchOptions {
  const modes = values.stream ? ['stream'] : (values.modes?.split(',') ?? ['json', 'stream']);
  for (const mode of modes)
    if (mode !== 'json' && mode !== 'stream') throw new Error('--modes takes json and/or stream');
  let targets = (values.targets?.split(',') ?? [...raceTargetNames]) as TargetName[];
  for (const target of targets) {
    if (!targetNames.includes(target))
      throw new Error(`--targets: unknown target \`${target}\` (${targetNames.join(', ')})`);
  }
  if (values['no-portkey']) targets = targets.filter((target) => target !== 'portkey');
  const rates = values.rates?.split(',').map((rate) => nonNegative(rate, 'rates') ?? 0);
  if (rates?.some((rate) => rate <= 0)) throw new Error('--rates must be positive numbers');
  const integer = (flag: keyof GatewayBenchFlagValues, minimum: number): number | undefined => {
    const value = nonNegative(values[flag] as string | undefined, flag);
    return value === undefined ? undefined : Math.max(minimum, Math.round(value));
  };
  const options: GatewayBenchOptions = {
    modes: modes as Array<'json' | 'stream'>,
    targets,
    ...(rates !== undefined && { rates }),
  };
  const set = <Key extends keyof GatewayBenchOptions>(
    key: Key,
    value: GatewayBenchOptions[Key] | undefined,
  ) => {
    if (value !== undefined) options[key] = value;
  };
  set('connections', integer('connections', 1));
  set('durationSeconds', nonNegative(values.duration, 'duration'));
  set('warmupSeconds', nonNegative(values.warmup, 'warmup'));
  set('rounds', integer('rounds', 1));
  set('rateDurationSeconds', nonNegative(values['rate-duration'], 'rate-duration'));
  set('firstByteRequests', integer('first-byte-requests', 1));
  set('sideBySidePairs', integer('side-by-side-pairs', 0));
  set('sideBySideWindows', integer('side-by-side-windows', 1));
  set('sideBySideRate', integer('side-by-side-rate', 1));
  set('workers', integer('workers', 2));
  return options;
}

/** Runs the bench with parsed flags, prints the report, writes the plot; true when every target ran. */
export async function runGatewayBenchCommand(values: GatewayBenchFlagValues): Promise<boolean> {
  const report = await runGatewayBench({
    ...gatewayBenchOptions(values),
    onProgress: (message) => process.stderr.write(`${message}\n`),
  });
  process.stdout.write(
    values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatGatewayReport(report)}\n`,
  );
  if (values.plot !== undefined) {
    await writeFile(values.plot, plotGatewayRace(report, 'Gateway race: server CPU per request, one run'));
  }
  return report.modes.every((mode) =>
    Object.values(mode.targets).every((target) => target.ok || target.skipped),
  );
}
