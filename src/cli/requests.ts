import { createStack, type Stack } from '../pipeline/stack.js';
import { bucketSizes, type RequestFilter, seriesDimensions } from '../store/request-queries.js';
import { CliError, loadConfigOrFail } from './common.js';
import { formatTable } from './table.js';

/** Flags shared by `strata requests` and `strata stats`. */
export interface QueryOptions {
  config?: string;
  json: boolean;
  from?: string;
  to?: string;
  model?: string;
  key?: string;
  status?: string;
  session?: string;
  route?: string;
  limit?: number;
  bucket?: string;
  by?: string;
}

const isoDateOrTime = /^\d{4}-\d{2}-\d{2}([T ].+)?$/;

function time(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isoDateOrTime.test(value) || Number.isNaN(Date.parse(value)))
    throw new CliError(`--${flag} must be an ISO date such as 2026-11-01, got \`${value}\``);
  return new Date(value).toISOString();
}

function status(value: string | undefined): RequestFilter['status'] {
  if (value === undefined || value === 'ok' || value === 'error') return value;
  const code = Number(value);
  if (!Number.isInteger(code) || code < 100 || code > 599)
    throw new CliError(`--status must be ok, error or an HTTP status, got \`${value}\``);
  return code;
}

function filterOf(options: QueryOptions): RequestFilter {
  return {
    from: time('from', options.from),
    to: time('to', options.to),
    model: options.model,
    keyId: options.key,
    status: status(options.status),
    session: options.session,
    route: options.route,
  };
}

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  const found = choices.find((choice) => choice === value);
  if (found === undefined)
    throw new CliError(`--${flag} must be one of ${choices.join(', ')}, got \`${value}\``);
  return found;
}

const usd = (value: number | null) => (value === null ? '—' : `$${value.toFixed(6)}`);

async function withStack(options: QueryOptions, run: (stack: Stack) => Promise<void>): Promise<void> {
  const { config, environment } = await loadConfigOrFail(options.config);
  const stack = await createStack(config, environment);
  try {
    await run(stack);
  } finally {
    await stack.close();
  }
}

/** Prints one request: its row, its attempts and its span tree. */
async function showRequest(stack: Stack, id: string, json: boolean): Promise<void> {
  const [row, trace, attempts] = await Promise.all([
    stack.requestLog.get(id),
    stack.traces.byRequest(id),
    stack.ledger.rowsOf(id),
  ]);
  if (!row) throw new CliError(`No request \`${id}\` in the request log.`);
  if (json) {
    console.log(JSON.stringify({ request: row, trace: trace ?? null, attempts }));
    return;
  }
  console.log(
    `${row.requestId}  ${row.createdAt}  ${row.requestedModel ?? ''} → ${row.provider ?? '?'}/${row.servedModel ?? '?'}  ${row.status}${row.errorCode ? ` ${row.errorCode}` : ''}  ${row.latencyMs} ms  ${usd(row.costUsd)}`,
  );
  if (trace) console.log(`trace ${trace.traceId}${trace.sessionId ? `  session ${trace.sessionId}` : ''}`);
  if (attempts.length > 0)
    console.log(
      `\n${formatTable([
        ['attempt', 'purpose', 'model', 'status', 'input', 'output', 'cost'],
        ...attempts.map((attempt) => [
          attempt.attempt,
          attempt.purpose,
          `${attempt.provider}/${attempt.model}`,
          attempt.status,
          attempt.inputTokens + attempt.cachedInputTokens + attempt.cacheWriteTokens,
          attempt.outputTokens,
          usd(attempt.costUsd),
        ]),
      ])}`,
    );
  const spans = (trace?.spans ?? []) as Array<{
    name: string;
    startedAt: number;
    endedAt: number;
    parentSpanId?: string;
  }>;
  const start = spans[0]?.startedAt ?? 0;
  if (spans.length > 0)
    console.log(
      `\n${formatTable([
        ['span', 'starts', 'takes'],
        ...spans.map((span, index) => [
          `${index === 0 ? '' : '  '}${span.name}`,
          `+${(span.startedAt - start).toFixed(1)} ms`,
          `${(span.endedAt - span.startedAt).toFixed(1)} ms`,
        ]),
      ])}`,
    );
}

/** `strata requests [id]`: the request log, filtered, newest first; or one request with its trace. */
export async function requestsCommand(id: string | undefined, options: QueryOptions): Promise<void> {
  const filter = filterOf(options);
  await withStack(options, async (stack) => {
    if (id !== undefined) return showRequest(stack, id, options.json);
    const { rows } = await stack.requests.list(filter, { limit: options.limit ?? 20 });
    if (options.json) return console.log(JSON.stringify({ data: rows }));
    if (rows.length === 0) return console.log('No requests match.');
    console.log(
      formatTable([
        ['request', 'time', 'model', 'served by', 'status', 'ms', 'tokens in/out', 'cost'],
        ...rows.map((row) => [
          row.requestId,
          row.createdAt.replace('T', ' ').slice(0, 19),
          row.requestedModel ?? '',
          row.provider ? `${row.provider}/${row.servedModel ?? '?'}` : '—',
          row.errorCode ? `${row.status} ${row.errorCode}` : row.status,
          row.latencyMs,
          `${row.inputTokens ?? 0}/${row.outputTokens ?? 0}`,
          usd(row.costUsd),
        ]),
      ]),
    );
  });
}

/** `strata stats`: requests, errors, tokens, cost and latency percentiles per time bucket and group. */
export async function statsCommand(options: QueryOptions): Promise<void> {
  const filter = filterOf(options);
  const bucket = oneOf('bucket', options.bucket, bucketSizes) ?? 'hour';
  const groupBy = oneOf('by', options.by, seriesDimensions);
  await withStack(options, async (stack) => {
    const points = await stack.requests.series(filter, { bucket, groupBy });
    if (options.json) return console.log(JSON.stringify({ bucket, group_by: groupBy ?? null, data: points }));
    if (points.length === 0) return console.log('No requests match.');
    console.log(
      formatTable([
        [
          bucket,
          ...(groupBy ? [groupBy] : []),
          'requests',
          'errors',
          'tokens in/out',
          'cost',
          'p50 ms',
          'p95 ms',
          'p99 ms',
        ],
        ...points.map((point) => [
          point.bucket,
          ...(groupBy ? [point.group ?? '(none)'] : []),
          point.requests,
          point.errors,
          `${point.inputTokens}/${point.outputTokens}`,
          usd(point.costUsd),
          point.latencyMs.p50,
          point.latencyMs.p95,
          point.latencyMs.p99,
        ]),
      ]),
    );
  });
}
