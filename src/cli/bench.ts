import { formatGatewayReport, runGatewayBench } from '../../bench/gateway/run.js';
import { CliError } from './common.js';

/** `strata bench gateway`: runs the gateway overhead benchmark and prints a table or JSON. */
export async function benchGatewayCommand(options: {
  json: boolean;
  stream: boolean;
  connections?: number;
  durationSeconds?: number;
}): Promise<void> {
  const { json, ...benchOptions } = options;
  const report = await runGatewayBench(benchOptions);
  console.log(json ? JSON.stringify(report, null, 2) : formatGatewayReport(report));
}

/** `strata bench retrieval`: BM25 / hybrid / LSA quality and speed on BEIR-layout datasets. */
export async function benchRetrievalCommand(options: {
  json: boolean;
  data: string;
  mode?: string;
  k1?: string;
  b?: string;
  fusion?: string;
  weights?: string;
  synthetic?: string;
}): Promise<void> {
  const { runRetrievalSuite } = await import('../../bench/retrieval/suite.js');
  const { formatRetrievalReports } = await import('../../bench/retrieval/format-report.js');
  const modes = (options.mode ?? 'bm25').split(',');
  for (const mode of modes) {
    if (mode !== 'bm25' && mode !== 'hybrid' && mode !== 'lsa')
      throw new CliError(`--mode must be bm25, hybrid or lsa (comma-separated for several), got \`${mode}\``);
  }
  const number = (flag: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < 0) throw new CliError(`--${flag} must be a non-negative number`);
    return parsed;
  };
  if (options.fusion !== undefined && options.fusion !== 'weighted' && options.fusion !== 'rrf')
    throw new CliError('--fusion must be weighted or rrf');
  const synthetic = number('synthetic', options.synthetic);
  const k1 = number('k1', options.k1);
  const b = number('b', options.b);
  const bm25Weight = number('weights', options.weights);
  if (bm25Weight !== undefined && bm25Weight > 1) throw new CliError('--weights must be between 0 and 1');
  let reports: Awaited<ReturnType<typeof runRetrievalSuite>>;
  try {
    reports = await runRetrievalSuite({
      data: options.data,
      modes: modes as Array<'bm25' | 'hybrid' | 'lsa'>,
      ...(k1 !== undefined && { k1 }),
      ...(b !== undefined && { b }),
      ...(options.fusion !== undefined && { fusion: options.fusion as 'weighted' | 'rrf' }),
      ...(synthetic !== undefined && { synthetic: Math.floor(synthetic) }),
      ...(bm25Weight !== undefined && { bm25Weight }),
    });
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === 'ENOENT' ||
      (error as Error).message.includes('corpus.jsonl')
    )
      throw new CliError((error as Error).message);
    throw error;
  }
  const single = reports.length === 1 ? reports[0] : undefined;
  console.log(options.json ? JSON.stringify(single ?? reports, null, 2) : formatRetrievalReports(reports));
}
