import { readFile, writeFile } from 'node:fs/promises';
import { experimentSchema } from '../config/value.js';
import { StrataError } from '../core/errors.js';
import { createStack } from '../pipeline/stack.js';
import { type Value, valueLayerOf } from '../value/create-value.js';
import type { Experiment } from '../value/experiments.js';
import { replayForecast } from '../value/replay-forecast.js';
import { money, renderRoiReport } from '../value/roi-report.js';
import { type Simulation, simulationSchema } from '../value/simulate.js';
import { sampleSizePerArm } from '../value/statistics.js';
import { type ValueDimension, type ValueGroup, valueDimensions } from '../value/value-metrics.js';
import { windowOf } from '../value/window.js';
import { CliError, loadConfigOrFail, openingStore } from './common.js';
import { formatTable } from './table.js';

/** Options the value commands share. */
export interface ValueOptions {
  config?: string;
  by?: string;
  period?: string;
  from?: string;
  to?: string;
  out?: string;
  pdf?: boolean;
  file?: string;
  baseline?: string;
  effect?: string;
  /** A routing-outcomes file to replay the candidates on. */
  replay?: string;
  split?: string;
  json: boolean;
}

async function withStack<T>(options: ValueOptions, run: (value: Value) => Promise<T>): Promise<T> {
  const { config, environment } = await loadConfigOrFail(options.config);
  const stack = await openingStore(config, () => createStack(config, environment));
  try {
    return await run(await valueLayerOf(stack));
  } finally {
    await stack.close();
  }
}

/** The report window of the options, or a CLI error naming the bad flag. */
export function windowFrom(options: ValueOptions) {
  try {
    return windowOf({ period: options.period, from: options.from, to: options.to });
  } catch (error) {
    if (error instanceof StrataError)
      throw new CliError(error.message.replace('A period', '--period must be a period'));
    throw error;
  }
}

const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);

/** Value metrics as aligned text, one line per group. */
export function formatValue(by: ValueDimension, groups: readonly ValueGroup[]): string {
  return formatTable([
    [
      by,
      'requests',
      'attempts',
      'cost',
      'outcomes',
      'success',
      'value',
      'per request',
      'per session',
      'CPSO',
      'ROI',
    ],
    ...groups.map((group) => [
      group.group ?? '(none)',
      group.requests,
      group.attempts,
      money(group.cost_usd),
      group.outcomes,
      percent(group.success_rate),
      money(group.value_usd),
      money(group.cost_per_request_usd),
      money(group.cost_per_session_usd),
      money(group.cpso_usd),
      percent(group.roi),
    ]),
  ]);
}

/** `strata value`: cost per request, session and successful outcome, value and ROI, then savings. */
export async function valueCommand(options: ValueOptions): Promise<void> {
  const by = valueDimensions.find((name) => name === (options.by ?? 'total'));
  if (by === undefined)
    throw new CliError(`--by must be one of ${valueDimensions.join(', ')}, got \`${options.by}\``);
  const window = windowFrom(options);
  await withStack(options, async (value) => {
    const metrics = await value.reports.metrics(window, by);
    const savings = await value.reports.savings(window);
    if (options.json) return console.log(JSON.stringify({ ...metrics, savings }));
    console.log(`${window.from} to ${window.to}`);
    console.log(
      metrics.groups.length === 0 ? 'No requests in this period.' : formatValue(by, metrics.groups),
    );
    if (metrics.unmatched_outcomes > 0)
      console.log(`${metrics.unmatched_outcomes} outcomes name calls outside this period or never recorded.`);
    console.log('\nSavings');
    for (const saving of savings)
      console.log(
        `  ${saving.kind}: ${money(saving.saved_usd)} (${saving.requests} requests). ${saving.assumption}`,
      );
  });
}

/** `strata report roi`: the ROI report as self-contained HTML, or a PDF printed by headless Chromium. */
export async function reportCommand(kind: string | undefined, options: ValueOptions): Promise<void> {
  if (kind !== 'roi') throw new CliError('Usage: strata report roi [--period 30d] --out report.html [--pdf]');
  if (options.out === undefined) throw new CliError('--out is required: where to write the report');
  const out = options.out;
  const window = windowFrom(options);
  const html = await withStack(options, async (value) => renderRoiReport(await value.reports.roi(window)));
  if (options.pdf) {
    const { printPdf } = await import('./pdf.js');
    await printPdf(html, out);
  } else await writeFile(out, html);
  console.log(`Wrote ${out} (${window.from.slice(0, 10)} to ${window.to.slice(0, 10)}).`);
}

async function readJson(path: string | undefined, usage: string): Promise<unknown> {
  if (path === undefined) throw new CliError(usage);
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(`Cannot read ${path} as JSON: ${(error as Error).message}`);
  }
}

function parsed<T>(
  result:
    | { success: true; data: T }
    | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } },
  what: string,
): T {
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new CliError(
    `Invalid ${what}: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unknown problem'}`,
  );
}

/** A simulation as text: one block per candidate and its sensitivity table. */
export function formatSimulation(simulation: Simulation): string {
  const lines = simulation.assumptions.map((line) => `- ${line}`);
  for (const candidate of simulation.candidates) {
    lines.push(
      '',
      `${candidate.model}: ${money(candidate.monthly_cost_usd)} a month for ${Math.round(candidate.monthly_requests)} requests; CPSO ${money(candidate.cpso_usd)}; value ${money(candidate.monthly_value_usd)}; ROI ${percent(candidate.roi)}.`,
      `  Human process ${money(candidate.human_monthly_cost_usd)} a month; with the model in front ${money(candidate.with_model_monthly_cost_usd)} (saves ${money(candidate.monthly_saving_vs_human_usd)}). Break-even success rate: ${percent(candidate.break_even_success_rate)} on value, ${percent(candidate.break_even_vs_human_success_rate)} against people.`,
      formatTable([
        ['input', 'low', 'high', 'ROI low', 'ROI high'],
        ...candidate.sensitivity.map((row) => [
          row.input,
          row.low,
          row.high,
          percent(row.roi_low),
          percent(row.roi_high),
        ]),
      ])
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n'),
    );
  }
  return lines.join('\n');
}

/**
 * `strata simulate --file case.json [--replay outcomes.jsonl]`: the business case of a planned or growing
 * use. With `--replay`, each candidate (a model of the file, or a route of the config) answers the file's
 * queries through the real pipeline, and its measured success rate and cost replace the guessed ones.
 */
export async function simulateCommand(options: ValueOptions): Promise<void> {
  const body = await readJson(
    options.file,
    'Usage: strata simulate --file case.json [--replay outcomes.jsonl] [--json]',
  );
  let input = parsed(simulationSchema.safeParse(body), 'simulation');
  const notes: string[] = [];
  if (options.replay !== undefined) {
    const { config } = await loadConfigOrFail(options.config);
    const measures = await replayForecast({
      data: options.replay,
      split: options.split,
      candidates: input.candidates.map((candidate) => candidate.model),
      routes: config.routes,
    });
    input = {
      ...input,
      candidates: input.candidates.map((candidate, index) => ({
        ...candidate,
        success_rate: measures[index]?.success_rate ?? candidate.success_rate,
        cost_per_request_usd: measures[index]?.cost_per_request_usd ?? 0,
      })),
    };
    notes.push(
      `Success rates and costs measured by replaying ${measures[0]?.queries ?? 0} recorded queries of ${options.replay} (split ${options.split ?? 'test'}) through the pipeline: the mean recorded score, and every attempt's recorded cost.`,
    );
  }
  const simulation = await withStack(options, (value) => value.simulate(input));
  const result = { ...simulation, assumptions: [...notes, ...simulation.assumptions] };
  console.log(options.json ? JSON.stringify(result) : formatSimulation(result));
}

function describe(experiment: Experiment): string {
  const variants = experiment.variants
    .map((variant) => `${variant.name}${variant.model ? `→${variant.model}` : ''}`)
    .join(', ');
  return `${experiment.id}  ${experiment.status}  ${experiment.target} by ${experiment.unit}: ${variants}${experiment.holdout > 0 ? `, holdout ${percent(experiment.holdout)}` : ''}; horizon ${experiment.horizon}`;
}

/** `strata experiments list|show|create|start|stop|sample-size`. */
export async function experimentsCommand(
  action: string | undefined,
  id: string | undefined,
  options: ValueOptions,
): Promise<void> {
  if (action === 'sample-size') {
    const baseline = Number(options.baseline);
    const effect = Number(options.effect);
    if (!(baseline > 0 && baseline < 1) || !(effect !== 0 && Math.abs(effect) < 1))
      throw new CliError('Usage: strata experiments sample-size --baseline 0.3 --effect 0.05');
    const perVariant = sampleSizePerArm({ baseline, effect });
    return console.log(
      options.json
        ? JSON.stringify({ baseline, effect, per_variant: perVariant })
        : `${perVariant} outcomes per variant (α 0.05 two-sided, power 0.8). Set it as the horizon and read the result only then.`,
    );
  }
  await withStack(options, async (value) => {
    const experiments = value.experiments;
    const needId = () => {
      if (id === undefined) throw new CliError(`Usage: strata experiments ${action} <id>`);
      return id;
    };
    switch (action) {
      case undefined:
      case 'list': {
        const list = await experiments.list();
        if (options.json) return console.log(JSON.stringify(list));
        return console.log(list.length === 0 ? 'No experiments.' : list.map(describe).join('\n'));
      }
      case 'create': {
        const body = await readJson(options.file, 'Usage: strata experiments create --file experiment.json');
        const created = await experiments.create(parsed(experimentSchema.safeParse(body), 'experiment'));
        return console.log(
          options.json ? JSON.stringify(created) : `Created (stopped): ${describe(created)}`,
        );
      }
      case 'start':
      case 'stop': {
        const changed =
          action === 'start' ? await experiments.start(needId()) : await experiments.stop(needId());
        return console.log(options.json ? JSON.stringify(changed) : describe(changed));
      }
      case 'show': {
        const found = await experiments.get(needId());
        if (!found) throw new CliError(`No experiment \`${id}\`.`);
        const results = await value.reports.results(found);
        if (options.json) return console.log(JSON.stringify({ ...found, results }));
        console.log(describe(found));
        console.log(
          formatTable([
            ['variant', 'requests', 'successes', 'rate', '95% interval', 'CPSO', 'cost', 'p vs control'],
            ...results.variants.map((variant) => [
              variant.variant,
              variant.requests,
              `${variant.successes}/${variant.outcomes}`,
              percent(variant.success_rate),
              variant.success_rate_interval
                ? `${percent(variant.success_rate_interval.low)}–${percent(variant.success_rate_interval.high)}`
                : 'n/a',
              money(variant.cpso_usd),
              money(variant.cost_usd),
              variant.versus_control?.p_value == null ? '' : variant.versus_control.p_value.toPrecision(2),
            ]),
          ]),
        );
        return console.log(results.conclusion);
      }
      default:
        throw new CliError('Usage: strata experiments list|show|create|start|stop|sample-size');
    }
  });
}
