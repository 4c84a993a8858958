import { readFile, writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { StrataError } from '../core/errors.js';
import { evaluationServices } from '../evaluation/evaluation-services.js';
import { type EvalConfig, evalConfigSchema } from '../evaluation/experiments/eval-config.js';
import type { ExperimentReport } from '../evaluation/experiments/experiment-service.js';
import { htmlReport } from '../evaluation/experiments/html-report.js';
import { createStack } from '../pipeline/stack.js';
import { CliError, loadConfigOrFail, openingStore } from './common.js';
import { formatTable } from './table.js';

/** The flags `strata eval run` reads. */
export interface EvalOptions {
  config?: string;
  json: boolean;
  html?: string;
  failUnder?: number;
  name?: string;
}

/** The exit code of a run whose gate failed, apart from 1 (the run itself could not be made). */
export const gateFailedExitCode = 2;

/** `strata eval run <eval.yaml>`: runs an experiment through the pipeline and gates on its results. */
export async function evalCommand(
  action: string | undefined,
  file: string | undefined,
  options: EvalOptions,
) {
  if (action !== 'run' || file === undefined)
    throw new CliError(
      'Usage: strata eval run <eval.yaml> [--config strata.yaml] [--fail-under 0.8] [--json] [--html report.html]',
    );
  const evalConfig = await readEvalConfig(file);
  const baseDirectory = dirname(resolve(file));
  const datasetFile =
    evalConfig.dataset_file && (await readDatasetFile(resolve(baseDirectory, evalConfig.dataset_file)));
  const { config, environment } = await loadConfigOrFail(options.config);
  const stack = await openingStore(config, () => createStack(config, environment));
  let report: ExperimentReport;
  try {
    const progress = progressBar(process.stderr);
    report = await evaluationServices(stack).experiments.run(evalConfig, {
      baseDirectory,
      ...(options.name !== undefined && { name: options.name }),
      ...(datasetFile && { datasetFile }),
      ...(options.failUnder !== undefined && { failUnder: options.failUnder }),
      onResult: (_result, done, total) => progress(done, total),
    });
  } catch (error) {
    if (error instanceof StrataError && (error.status < 500 || error.code === 'config_invalid'))
      throw new CliError(error.message);
    throw error;
  } finally {
    await stack.close();
  }
  if (options.html !== undefined) await writeFile(options.html, htmlReport(report));
  if (options.json) console.log(JSON.stringify(report));
  else console.log(formatReport(report, options.html));
  if (!report.gate.passed) process.exitCode = gateFailedExitCode;
}

async function readEvalConfig(file: string): Promise<EvalConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read the eval file ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new CliError(`The eval file ${file} is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = evalConfigSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(top level)'}: ${issue.message}`,
    );
    throw new CliError(`The eval file ${file} is invalid:\n${issues.join('\n')}`);
  }
  return parsed.data;
}

async function readDatasetFile(path: string) {
  const format = extname(path).toLowerCase() === '.csv' ? ('csv' as const) : ('jsonl' as const);
  try {
    return { text: await readFile(path, 'utf8'), format };
  } catch (error) {
    throw new CliError(`Cannot read the dataset file ${path}: ${(error as Error).message}`);
  }
}

/** A bar redrawn in place on a terminal; nothing in logs, where it would only add noise. */
function progressBar(stream: NodeJS.WriteStream): (done: number, total: number) => void {
  if (stream.isTTY !== true) return () => {};
  return (done, total) => {
    const width = 24;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    stream.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}\u001b[K${done === total ? '\n' : ''}`,
    );
  };
}

/** The run as text: variants, comparisons, differing cases and the gate. */
export function formatReport(report: ExperimentReport, htmlPath?: string): string {
  const { summary } = report;
  const lines = [`Experiment ${report.id}: ${report.name}`, ''];
  lines.push(
    formatTable([
      ['variant', 'passed', 'pass rate', 'score', 'cost', 'p50 ms', 'p95 ms', 'errors'],
      ...summary.variants.map((variant) => [
        variant.label,
        `${variant.passed}/${variant.items}`,
        `${(variant.passRate * 100).toFixed(1)}%`,
        variant.meanScore.toFixed(3),
        `$${variant.costUsd.toFixed(6)}${variant.unpriced > 0 ? '*' : ''}`,
        variant.latencyMs.p50.toFixed(0),
        variant.latencyMs.p95.toFixed(0),
        variant.errors,
      ]),
    ]),
  );
  if (summary.variants.some((variant) => variant.unpriced > 0))
    lines.push('* some calls have no known price');
  for (const comparison of summary.comparisons) {
    const [low, high] = comparison.interval;
    lines.push(
      '',
      `${comparison.candidate} vs ${comparison.baseline}: mean score ${signed(comparison.meanDifference)} (95% CI ${signed(low)} to ${signed(high)}), ${comparison.wins} better, ${comparison.losses} worse, ${comparison.ties} same${comparison.significant ? '' : ' — not significant'}`,
    );
  }
  if (summary.differences.length > 0) {
    lines.push('', `${summary.differences.length} case(s) where the verdicts differ:`);
    for (const difference of summary.differences.slice(0, 10)) {
      const verdicts = Object.entries(difference.answers)
        .map(([variant, answer]) => `${variant} ${answer.pass ? 'pass' : 'FAIL'}`)
        .join(', ');
      lines.push(`  ${difference.key}: ${verdicts}`);
    }
  }
  lines.push(
    '',
    `Spent $${summary.costUsd.toFixed(6)}${report.run.stopReason ? `; stopped: ${report.run.stopReason}` : ''}.`,
  );
  if (htmlPath !== undefined) lines.push(`HTML report: ${htmlPath}`);
  lines.push(
    report.gate.passed
      ? 'Gate passed.'
      : `Gate FAILED:\n${report.gate.failures.map((failure) => `  - ${failure}`).join('\n')}`,
  );
  return lines.join('\n');
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
}
