import { StrataError, toStrataError } from '../core/errors.js';
import type { ChatChunk, ChatRequest, ChatResponse } from '../core/types.js';
import { assertCapabilities } from '../models/capabilities.js';
import { capabilitiesFromCatalog } from '../models/catalog/capabilities-from-catalog.js';
import type { ResolvedModel } from '../models/model-registry.js';
import type { AttemptOutput, AttemptPurpose, AttemptRecord } from './attempt-log.js';
import { contentFilterError } from './fallback-policy.js';
import type { Leaf } from './plan.js';
import { attemptTimeout, type RouteRun } from './route-run.js';
import type { TraceStep } from './route-trace.js';

/** A model's answer: whole, or a stream whose first chunk has already arrived. */
export type Answer =
  | { kind: 'response'; response: ChatResponse; resolved: ResolvedModel; attempt: number }
  | { kind: 'stream'; chunks: AsyncIterable<ChatChunk>; resolved: ResolvedModel; attempt: number };

/** What one attempt is for and how it may be stopped. */
export interface AttemptPlan {
  purpose: AttemptPurpose;
  stream: boolean;
  /** Aborts this attempt alone (a hedge race lost); the run's signal aborts it too. */
  own?: AbortSignal | undefined;
  /** The request to send (a verifier's own, or the routed request). */
  request: ChatRequest;
}

/** The route's deadline, rather than the caller, ended the attempt. */
function deadlineError(run: RouteRun): StrataError {
  return new StrataError(
    'upstream_timeout',
    `Route \`${run.route.name}\` ran out of time (deadline_ms ${run.route.options.deadline_ms}).`,
  );
}

/** Maps an attempt's error, telling a deadline and a lost hedge apart from the caller leaving. */
function why(thrown: unknown, run: RouteRun, own: AbortSignal | undefined): StrataError {
  if (own?.aborted && !run.signal.aborted)
    return new StrataError('client_closed_request', 'another attempt answered first (hedge)');
  if (run.signal.aborted && !run.callerSignal.aborted) return deadlineError(run);
  return toStrataError(thrown);
}

/**
 * Makes one provider call for a candidate and records it in the attempt log and trace: a whole
 * response, or a stream once its first chunk is in (a failure before then is an ordinary failed attempt).
 */
export async function callAttempt(leaf: Leaf, run: RouteRun, plan: AttemptPlan): Promise<Answer> {
  const { resolved } = leaf;
  const attempt = run.log.next();
  const started = performance.now();
  const finish = run.runtime.stats.start(leaf.key);
  const request = { ...plan.request, model: resolved.upstreamModel };
  const signal = plan.own ? AbortSignal.any([run.signal, plan.own]) : run.signal;
  const base = { attempt, purpose: plan.purpose, resolved, request, stream: plan.stream, startedAt: started };
  const outcomeOf = (errorCode: string | null) =>
    errorCode === null
      ? 'ok'
      : errorCode === 'client_closed_request' && plan.own?.aborted
        ? 'lost'
        : errorCode;
  // A stream is traced when its first chunk arrives (the header goes out then); its step is updated
  // should it break later.
  let step: TraceStep | undefined;
  const trace = (errorCode: string | null) => {
    const ms = Math.round(performance.now() - started);
    if (step) {
      if (errorCode !== null && errorCode !== 'client_closed_request') step.outcome = `broke:${errorCode}`;
      return;
    }
    step = { attempt, purpose: plan.purpose, model: leaf.key, outcome: outcomeOf(errorCode), ms };
    run.trace.steps.push(step);
  };
  const settle = (ending: Partial<AttemptRecord> & Pick<AttemptRecord, 'status' | 'errorCode'>) => {
    run.log.add({
      ...base,
      usage: undefined,
      body: undefined,
      output: undefined,
      generated: false,
      latencyMs: performance.now() - started,
      ...ending,
    });
    trace(ending.errorCode);
  };
  try {
    const entry = run.runtime.catalog.find(resolved.provider, resolved.upstreamModel);
    assertCapabilities(resolved.upstreamModel, request, entry ? capabilitiesFromCatalog(entry) : undefined);
    const options = { signal, timeoutMs: attemptTimeout(run) };
    if (!plan.stream) {
      const response = await resolved.provider.chat(request, options);
      finish(performance.now() - started);
      const filtered = response.choices.some((choice) => choice.finish_reason === 'content_filter');
      settle({
        status: 200,
        errorCode: filtered ? 'content_filter' : null,
        usage: response.usage,
        body: response,
        generated: true,
      });
      if (filtered && run.route.options.content_policy_fallback) throw contentFilterError(leaf.key);
      return { kind: 'response', response, resolved, attempt };
    }
    const iterator = (await resolved.provider.stream(request, options))[Symbol.asyncIterator]();
    const first = await iterator.next();
    finish(performance.now() - started);
    trace(null);
    return {
      kind: 'stream',
      chunks: recorded(iterator, first, settle, (thrown) => why(thrown, run, plan.own)),
      resolved,
      attempt,
    };
  } catch (thrown) {
    const error =
      thrown instanceof StrataError &&
      thrown.code === 'upstream_error' &&
      /content_filter/.test(thrown.message)
        ? thrown
        : why(thrown, run, plan.own);
    if (!run.log.records.some((record) => record.attempt === attempt)) {
      finish();
      settle({ status: error.status, errorCode: error.code });
    }
    throw error;
  }
}

type Settle = (ending: Partial<AttemptRecord> & Pick<AttemptRecord, 'status' | 'errorCode'>) => void;

/** A stream that records its attempt when it ends, however it ends, with what it carried. */
function recorded(
  iterator: AsyncIterator<ChatChunk>,
  first: IteratorResult<ChatChunk>,
  settle: Settle,
  mapError: (thrown: unknown) => StrataError,
): AsyncIterable<ChatChunk> {
  const output: AttemptOutput = { text: [], toolCalls: [] };
  let usage: ChatChunk['usage'];
  let done = false;
  const end = (ending: Parameters<Settle>[0]) => {
    if (done) return;
    done = true;
    settle({ ...ending, usage: usage ?? undefined, output, generated: true });
  };
  const keep = (chunk: ChatChunk) => {
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      if (typeof choice.delta.content === 'string' && choice.delta.content !== '')
        output.text.push(choice.delta.content);
      for (const call of choice.delta.tool_calls ?? [])
        if (call.function) output.toolCalls.push({ function: call.function });
    }
  };
  let pending: IteratorResult<ChatChunk> | undefined = first;
  const chunks: AsyncIterableIterator<ChatChunk> = {
    async next() {
      let result: IteratorResult<ChatChunk>;
      if (pending) {
        result = pending;
        pending = undefined;
      } else {
        try {
          result = await iterator.next();
        } catch (thrown) {
          const error = mapError(thrown);
          end({ status: error.status, errorCode: error.code });
          throw error;
        }
      }
      if (result.done) {
        end({ status: 200, errorCode: null });
        return result;
      }
      keep(result.value);
      return result;
    },
    async return() {
      end({ status: 499, errorCode: 'client_closed_request' });
      await iterator.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => chunks,
  };
  return chunks;
}
