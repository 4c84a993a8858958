import type { ReportGuardrail } from '../core/call-report.js';
import { StrataError } from '../core/errors.js';
import type { ChatChunk, ChatDelta } from '../core/types.js';
import type { Vault } from '../governance/guardrails/redact.js';
import {
  blockedError,
  type CompiledRule,
  mergeVerdicts,
  type RuleVerdict,
} from '../governance/guardrails/rules.js';
import { StreamGuard } from '../governance/guardrails/stream-guard.js';
import type { ChatCall, ChatOutcome, StreamSummary } from './call.js';

/** Adds a guardrail verdict to the call's record, from which its span and request-log entry are built. */
export function keepVerdict(call: { guardrails?: ReportGuardrail[] }, verdict: ReportGuardrail): void {
  call.guardrails ??= [];
  call.guardrails.push(verdict);
}

/** Per-rule totals of a stream's checks, recorded as one verdict per rule when the stream ends. */
type StreamVerdicts = Map<CompiledRule, { verdict: RuleVerdict | undefined; spentMs: number }>;

/**
 * Checks a stream as it passes, one sliding-window guard per choice's text and one per tool call's
 * arguments. A blocking rule ends the stream with an error event (the gateway writes the thrown error
 * as one); the summary then carries that error, and the text actually sent instead of what the model said.
 */
export function guardStream(
  call: ChatCall,
  outcome: Extract<ChatOutcome, { kind: 'stream' }>,
  rules: readonly CompiledRule[],
  vault: Vault | undefined,
  windowChars: number,
): ChatOutcome {
  const source = outcome.chunks[Symbol.asyncIterator]();
  const guards = new Map<string, Guarded>();
  const totals: StreamVerdicts = new Map(rules.map((rule) => [rule, { verdict: undefined, spentMs: 0 }]));
  const sent: string[] = [];
  let firstCheck: number | undefined;
  let stopped: StrataError | undefined;
  let last: ChatChunk | undefined;
  let finished = false;
  let endOwn!: () => void;
  const ownEnd = new Promise<void>((resolve) => {
    endOwn = resolve;
  });
  const finish = () => {
    if (finished) return;
    finished = true;
    for (const [rule, total] of totals) {
      const startedAt = firstCheck ?? performance.now();
      keepVerdict(call, {
        rule: rule.name,
        side: 'output',
        outcome: total.verdict ? total.verdict.action : 'pass',
        entities: total.verdict?.entities ?? [],
        score: total.verdict?.score,
        startedAt,
        endedAt: startedAt + total.spentMs,
      });
    }
    endOwn();
  };
  // A choice's text has a guard of its own, and so has each of its tool calls' arguments.
  const check = (choice: number, tool: number | undefined, text: string, final: boolean): string => {
    const key = tool === undefined ? `${choice}` : `${choice}.${tool}`;
    let guarded = guards.get(key);
    if (!guarded) {
      guarded = { guard: new StreamGuard(rules, windowChars, vault), choice, tool };
      guards.set(key, guarded);
    }
    const startedAt = performance.now();
    firstCheck ??= startedAt;
    const step = final ? guarded.guard.finish() : guarded.guard.push(text);
    const spent = performance.now() - startedAt;
    // One guard checks every rule at once, so each rule is charged an equal share of its time.
    for (const total of totals.values()) total.spentMs += spent / rules.length || 0;
    if (!step.ok) {
      const total = totals.get(rules.find((rule) => rule.name === step.verdict.rule) as CompiledRule);
      if (total) total.verdict = step.verdict;
      throw blockedError(step.verdict, 'answer');
    }
    for (const verdict of step.verdicts) {
      const total = [...totals].find(([rule]) => rule.name === verdict.rule)?.[1];
      if (total) total.verdict = mergeVerdicts([...(total.verdict ? [total.verdict] : []), verdict]);
    }
    if (step.release !== '' && tool === undefined) sent.push(step.release);
    return step.release;
  };
  // What the guards of one choice still hold: its text, and the arguments of each of its tool calls.
  const restOf = (choice: number): Rest => {
    const text = check(choice, undefined, '', true);
    const toolCalls: ToolCallDelta[] = [];
    for (const guarded of guards.values()) {
      if (guarded.choice !== choice || guarded.tool === undefined) continue;
      const rest = check(choice, guarded.tool, '', true);
      if (rest !== '') toolCalls.push({ index: guarded.tool, function: { arguments: rest } });
    }
    return { text, toolCalls };
  };
  const guardChunk = (chunk: ChatChunk): ChatChunk => {
    last = chunk;
    if (chunk.choices.length === 0) return chunk;
    return {
      ...chunk,
      choices: chunk.choices.map((choice) => {
        const { content, tool_calls: calls } = choice.delta;
        let text =
          typeof content === 'string' && content !== '' ? check(choice.index, undefined, content, false) : '';
        // Tool-call arguments pass the same rules as text, each call on a guard of its own.
        let toolCalls = calls?.map((call) => {
          const args = call.function?.arguments;
          if (typeof args !== 'string' || args === '') return call;
          return {
            ...call,
            function: { ...call.function, arguments: check(choice.index, call.index, args, false) },
          };
        });
        if (choice.finish_reason !== null) {
          const rest = restOf(choice.index);
          text += rest.text;
          if (rest.toolCalls.length > 0) toolCalls = [...(toolCalls ?? []), ...rest.toolCalls];
        }
        if (text === '' && (content === undefined || content === null) && toolCalls === calls) return choice;
        const delta = { ...choice.delta, ...(toolCalls && { tool_calls: toolCalls }) };
        if (text !== '' || (content !== undefined && content !== null)) delta.content = text;
        return { ...choice, delta };
      }),
    };
  };
  const stop = async (error: StrataError): Promise<never> => {
    stopped = error;
    finish();
    await source.return?.();
    throw error;
  };
  let tail: ChatChunk | undefined;
  const chunks: AsyncIterableIterator<ChatChunk> = {
    async next() {
      if (finished) return { done: true, value: undefined };
      try {
        const result = await source.next();
        if (!result.done) return { done: false, value: guardChunk(result.value) };
        // A stream that ended without a finish reason still sends what the guards held back.
        tail = flushTail(guards, last, restOf);
      } catch (error) {
        if (error instanceof StrataError && error.code === 'guardrail_blocked' && !stopped)
          return stop(error);
        // A stream that broke upstream is still recorded: its verdicts so far end with it.
        finish();
        throw error;
      }
      finish();
      if (tail) {
        const value = tail;
        tail = undefined;
        return { done: false, value };
      }
      return { done: true, value: undefined };
    },
    async return() {
      finish();
      await source.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => chunks,
  };
  const summary = Promise.all([outcome.summary, ownEnd]).then(
    ([inner]): StreamSummary => ({
      ...inner,
      error: stopped ?? inner.error,
      aborted: stopped ? false : inner.aborted,
      output: { text: sent, toolCalls: inner.output.toolCalls },
    }),
  );
  return { ...outcome, chunks, summary };
}

type ToolCallDelta = NonNullable<ChatDelta['tool_calls']>[number];

/** A guard over one choice's text (`tool` undefined) or over one of its tool calls' arguments. */
interface Guarded {
  guard: StreamGuard;
  choice: number;
  tool: number | undefined;
}

/** What a choice's guards still hold when it finishes. */
interface Rest {
  text: string;
  toolCalls: ToolCallDelta[];
}

/** One last chunk with whatever the guards still hold, when a stream ended without a finish reason. */
function flushTail(
  guards: ReadonlyMap<string, Guarded>,
  last: ChatChunk | undefined,
  restOf: (choice: number) => Rest,
): ChatChunk | undefined {
  if (!last) return undefined;
  const choices = [...new Set([...guards.values()].map((guarded) => guarded.choice))].flatMap((index) => {
    const { text, toolCalls } = restOf(index);
    if (text === '' && toolCalls.length === 0) return [];
    const delta: ChatDelta = { content: text, ...(toolCalls.length > 0 && { tool_calls: toolCalls }) };
    return [{ index, delta, finish_reason: null }];
  });
  if (choices.length === 0) return undefined;
  return { id: last.id, object: 'chat.completion.chunk', created: last.created, model: last.model, choices };
}
