import type { ReportGuardrail } from '../core/call-report.js';
import type { StrataError } from '../core/errors.js';
import type { TraceContext } from '../core/trace-context.js';
import type {
  ChatChunk,
  ChatRequest,
  ChatResponse,
  EmbeddingRequest,
  EmbeddingResponse,
  Principal,
  WireUsage,
} from '../core/types.js';
import type { ResolvedModel } from '../models/model-registry.js';
import type { RouteReport } from '../routing/router.js';
import type { Accounting } from './pricing.js';

/** Which model served a call, for headers and logs. */
export interface ServedBy {
  provider: string;
  model: string;
}

/** One model call as it travels through the pipeline. */
export interface Call<R> {
  requestId: string;
  /** The public endpoint or caller that started the call, e.g. `/v1/chat/completions`. */
  endpoint: string;
  request: R;
  principal: Principal;
  /** Aborted when the client goes away; every upstream call listens to it. */
  signal: AbortSignal;
  /** `performance.now()` when the call arrived. */
  startedAt: number;
  /** Set by the route stage once the model is resolved. */
  resolved?: ResolvedModel;
  /** Set when the model named a route: its attempts and its explanation. */
  routing?: RouteReport;
  /** The caller's trace (an incoming `traceparent`); absent, the call starts a trace of its own. */
  trace?: TraceContext;
  /** Groups calls into a conversation (`x-strata-session-id` or `metadata.session_id`). */
  sessionId?: string;
  /** The caller's id for the business event (`x-strata-correlation-id`), which outcomes may name later. */
  correlationId?: string;
  /** Set when an A/B experiment assigned the call: the experiment and the variant it got. */
  experiment?: { id: string; variant: string };
  /** Present when the call is traced: each named stage pushes when it ran its part. */
  timings?: StageTiming[];
  /** The managed prompt version the call's messages came from, recorded on its row and trace. */
  prompt?: { name: string; version: number };
  /** Guardrail verdicts, pushed by the guardrail stage when rules apply; times from `performance.now()`. */
  guardrails?: ReportGuardrail[];
  /** Hides values the call must not store (ones a guardrail redacted and put back) in captured content. */
  conceal?: (text: string) => string;
}

/** When a stage started and when it handed the call on (0 while it has not, or never did). */
export interface StageTiming {
  stage: string;
  start: number;
  handedOn: number;
}

/** What a finished stream turned out to be, known once its last chunk is through. */
export interface StreamSummary {
  usage: WireUsage | undefined;
  /** Milliseconds from arrival to the first chunk. */
  ttftMs: number | undefined;
  /** Set when the stream broke after it started. */
  error: StrataError | undefined;
  /** True when the consumer stopped reading early (e.g. the client disconnected). */
  aborted: boolean;
  /** The text and tool-call fragments the stream carried, to count when it reported no usage. */
  output: StreamOutput;
}

/** What a stream said, kept as pieces: joined only when its usage has to be estimated. */
export interface StreamOutput {
  text: string[];
  toolCalls: Array<{ function?: { name?: string; arguments?: string } }>;
}

/** The result of a chat call: a whole response, or a stream of chunks plus a promise of its summary. */
export type ChatOutcome =
  | {
      kind: 'response';
      response: ChatResponse;
      servedBy: ServedBy;
      accounting?: Accounting;
      headers?: Headers;
      /** Set when the answer came from the response cache: no provider was called. */
      cacheHit?: CacheHit;
      /** The `x-strata-route` summary when the call was routed. */
      route?: string;
    }
  | {
      kind: 'stream';
      chunks: AsyncIterable<ChatChunk>;
      summary: Promise<StreamSummary>;
      servedBy: ServedBy;
      headers?: Headers;
      /** The `x-strata-route` summary when the call was routed. */
      route?: string;
    };

/** A cached answer: free now, and worth what the call that produced it cost (null when unpriced). */
export interface CacheHit {
  savedUsd: number | null;
}

/** Response headers stages add to an outcome, e.g. the rate-limit windows a call left. */
export type Headers = Record<string, string>;

/** The result of an embeddings call. */
export interface EmbeddingOutcome {
  response: EmbeddingResponse;
  servedBy: ServedBy;
  /** What the call cost, set by the record stage. */
  accounting?: Accounting;
  headers?: Headers;
}

/** A chat call. */
export type ChatCall = Call<ChatRequest>;
/** An embeddings call. */
export type EmbeddingCall = Call<EmbeddingRequest>;

/**
 * Chat stages a layer above the pipeline adds (after record, before the model is resolved), e.g. an A/B
 * assignment. `stages()` is read again on every `onChange`, so a feature that is off adds no stage.
 */
export interface ChatExtension {
  stages(): Array<Stage<ChatCall, ChatOutcome>>;
  onChange(listener: () => void): void;
  /** Stops the extension's timers when the stack closes. */
  close(): void;
}

/** A pipeline stage: does its part around `next`, onion style. A named stage shows as a span in traces. */
export type Stage<C, O> = ((call: C, next: () => Promise<O>) => Promise<O>) & { stageName?: string };

/** Names a stage, so a traced call records when it ran (a span named `strata.<name>`). */
export function named<C, O>(name: string, stage: Stage<C, O>): Stage<C, O> {
  return Object.assign(stage, { stageName: name });
}

/**
 * Runs a call through stages in order, ending with `last` (timed as stage `lastName` when given). A call
 * that carries `timings` gets one entry per named stage; an untraced call pays one property read.
 */
export function compose<C extends { timings?: StageTiming[] }, O>(
  stages: ReadonlyArray<Stage<C, O>>,
  last: (call: C) => Promise<O>,
  lastName?: string,
): (call: C) => Promise<O> {
  return (call) => {
    const timings = call.timings;
    const dispatch = (index: number): Promise<O> => {
      const stage = stages[index];
      const name = stage ? stage.stageName : lastName;
      if (timings === undefined || name === undefined)
        return stage ? stage(call, () => dispatch(index + 1)) : last(call);
      const timing: StageTiming = { stage: name, start: performance.now(), handedOn: 0 };
      timings.push(timing);
      if (!stage) return last(call);
      return stage(call, () => {
        timing.handedOn = performance.now();
        return dispatch(index + 1);
      });
    };
    return dispatch(0);
  };
}
