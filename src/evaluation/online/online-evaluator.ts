import type { Config } from '../../config/schema.js';
import { newId } from '../../core/ids.js';
import type { ChatMessage, ChatResponse } from '../../core/types.js';
import type { Stack } from '../../pipeline/stack.js';
import type { RequestLogRow } from '../../store/request-log.js';
import type { Assertion } from '../assertions/assertion.js';
import { createAssertion } from '../assertions/create-assertion.js';
import { stackTarget } from '../stack-target.js';

type OnlineConfig = Config['evaluation']['online'];

/** What one pass over new traffic did. */
export interface OnlineRun {
  /** Calls scored. */
  scored: number;
  /** Sampled calls that could not be scored: their content was not captured. */
  skipped: number;
}

/** A running online evaluator. */
export interface OnlineEvaluator {
  /** Scores the sampled calls logged since the last run, if this replica holds the lease. */
  runOnce(): Promise<OnlineRun>;
  stop(): Promise<void>;
}

/** The score name of a sampled call's overall verdict (1 when every assertion passed). */
export const onlinePassScore = 'online:pass';

/** A stable number in [0, 1) from a request id (FNV-1a), so every replica samples the same calls. */
export function sampleUnit(requestId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < requestId.length; index++) {
    hash ^= requestId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 4_294_967_296;
}

/**
 * Scores a sampled share of live calls off the request path. Each run, in one replica at a time (a lease
 * in the store), reads the calls logged since the last one (waiting out the request log's batching),
 * scores the sampled ones whose content was captured with the configured assertions (judge calls go
 * through the pipeline), stores each verdict as an `online` score on the request and a
 * `gen_ai.evaluation.result` event on its trace, and raises `evaluation_pass_rate_dropped` when the pass
 * rate over the alert window falls below its floor.
 */
export function startOnlineEvaluator(
  stack: Stack,
  options: { onError?: (error: unknown) => void; now?: () => number; schedule?: boolean } = {},
): OnlineEvaluator {
  const config: OnlineConfig = stack.config.evaluation.online;
  const now = options.now ?? Date.now;
  const owner = newId('online');
  const intervalMs = config.interval_seconds * 1000;
  // Rows reach the log in batches: a call is read only once its batch must have been written.
  const lagMs = stack.config.request_log.flush_interval_ms * 2 + 1000;
  const defaults = config.judge === undefined ? {} : { judge: config.judge };
  const assertions: Assertion[] = config.assertions.map((entry) => createAssertion(entry, defaults));
  const target = stackTarget(stack);
  const controller = new AbortController();
  let cursor = new Date(now()).toISOString();

  async function newRows(until: string): Promise<RequestLogRow[]> {
    const rows: RequestLogRow[] = [];
    let page: string | undefined;
    do {
      const found = await stack.requests.list(
        { from: cursor, to: until, status: 'ok' },
        { limit: 200, cursor: page },
      );
      rows.push(...found.rows);
      page = found.nextCursor;
    } while (page !== undefined && rows.length < 10_000);
    return rows.reverse();
  }

  async function score(row: RequestLogRow): Promise<boolean> {
    const trace = await stack.traces.byRequest(row.requestId);
    const attributes = (trace?.spans[0] as { attributes?: Record<string, unknown> } | undefined)?.attributes;
    const input = attributes?.['gen_ai.input.messages'];
    const output = attributes?.['gen_ai.output.messages'];
    if (typeof input !== 'string' || typeof output !== 'string') return false;
    let messages: ChatMessage[];
    try {
      const parsed: unknown = JSON.parse(input);
      messages = Array.isArray(parsed) ? (parsed as ChatMessage[]) : [{ role: 'user', content: input }];
    } catch {
      messages = [{ role: 'user', content: input }];
    }
    const request = { model: row.requestedModel ?? '', messages };
    const response: ChatResponse = {
      id: row.requestId,
      object: 'chat.completion',
      created: Math.floor(Date.parse(row.createdAt) / 1000),
      model: row.servedModel ?? '',
      choices: [{ index: 0, message: { role: 'assistant', content: output }, finish_reason: 'stop' }],
    };
    const subject = { output, request, response, vars: {}, costUsd: row.costUsd, latencyMs: row.latencyMs };
    const context = target.assertionContext({ experimentId: 'online', variant: 'live' }, controller.signal);
    const events = [];
    let passed = true;
    for (const assertion of assertions) {
      const verdict = await assertion.evaluate(subject, context);
      passed &&= verdict.pass;
      await stack.evaluation.scores.add({
        requestId: row.requestId,
        sessionId: null,
        name: `online:${assertion.metric}`,
        kind: 'number',
        value: verdict.score,
        category: null,
        comment: verdict.reason,
        source: 'online',
      });
      events.push({
        name: 'gen_ai.evaluation.result',
        time: now(),
        attributes: {
          'gen_ai.evaluation.name': assertion.metric,
          'gen_ai.evaluation.score.value': verdict.score,
          'gen_ai.evaluation.score.label': verdict.pass ? 'pass' : 'fail',
          'gen_ai.evaluation.explanation': verdict.reason,
          'gen_ai.response.id': row.requestId,
        },
      });
    }
    await stack.evaluation.scores.add({
      requestId: row.requestId,
      sessionId: null,
      name: onlinePassScore,
      kind: 'number',
      value: passed ? 1 : 0,
      category: null,
      comment: null,
      source: 'online',
    });
    await stack.evaluation.appendTraceEvents(row.requestId, events);
    return true;
  }

  async function checkDrop(): Promise<void> {
    const since = new Date(now() - config.alert.window_minutes * 60_000).toISOString();
    const { mean, count } = await stack.evaluation.scores.mean(onlinePassScore, 'online', since);
    if (mean === null || count < config.alert.min_samples || mean >= config.alert.min_pass_rate) return;
    stack.alerts.raise({
      kind: 'evaluation_pass_rate_dropped',
      subject: 'online',
      severity: 'warning',
      message: `Online evaluation: ${(mean * 100).toFixed(1)}% of ${count} sampled calls passed in the last ${config.alert.window_minutes} minutes, below ${(config.alert.min_pass_rate * 100).toFixed(1)}%.`,
      value: mean,
      threshold: config.alert.min_pass_rate,
    });
  }

  let running: Promise<OnlineRun> = Promise.resolve({ scored: 0, skipped: 0 });
  const runOnce = () => {
    running = running
      .catch(() => ({ scored: 0, skipped: 0 }))
      .then(async () => {
        const result = { scored: 0, skipped: 0 };
        if (!(await stack.evaluation.claimOnline(owner, Math.max(intervalMs * 2, 10_000)))) return result;
        const until = new Date(now() - lagMs).toISOString();
        if (until <= cursor) return result;
        for (const row of await newRows(until)) {
          if (!config.endpoints.includes(row.endpoint)) continue;
          if (sampleUnit(row.requestId) >= config.sample_rate) continue;
          if (await score(row)) result.scored += 1;
          else result.skipped += 1;
        }
        // `from` is inclusive and `to` exclusive, so the next run starts exactly where this one stopped.
        cursor = until;
        if (result.scored > 0) await checkDrop();
        return result;
      });
    return running;
  };
  const onError =
    options.onError ??
    ((error: unknown) => process.emitWarning(`Online evaluation failed: ${String(error)}`));
  const timer =
    options.schedule === false ? undefined : setInterval(() => void runOnce().catch(onError), intervalMs);
  timer?.unref();
  return {
    runOnce,
    async stop() {
      if (timer) clearInterval(timer);
      controller.abort();
      await running.catch(() => undefined);
    },
  };
}
