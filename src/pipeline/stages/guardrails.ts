import type { ReportGuardrail } from '../../core/call-report.js';
import { StrataError } from '../../core/errors.js';
import type { ChatChunk, ChatMessage, ChatResponse } from '../../core/types.js';
import { conceal, redact, restore, type Vault } from '../../governance/guardrails/redact.js';
import { type CompiledRule, judge, type RuleVerdict } from '../../governance/guardrails/rules.js';
import { StreamGuard } from '../../governance/guardrails/stream-guard.js';
import { attributionOf } from '../attribution.js';
import type { ChatCall, ChatOutcome, Stage, StreamSummary } from '../call.js';

/** What the guardrail stage runs. */
export interface GuardrailStageDeps {
  rules: readonly CompiledRule[];
  /** Characters of a stream re-checked with each chunk. */
  windowChars: number;
}

function blocked(verdict: RuleVerdict, where: string): StrataError {
  return new StrataError(
    'guardrail_blocked',
    `Guardrail rule \`${verdict.rule}\` blocked this ${where}: it found ${verdict.entities.join(', ')}.`,
    { param: where === 'request' ? 'messages' : null },
  );
}

function keep(call: ChatCall, verdict: ReportGuardrail): void {
  call.guardrails ??= [];
  call.guardrails.push(verdict);
}

function record(
  call: ChatCall,
  rule: CompiledRule,
  side: 'input' | 'output',
  verdict: RuleVerdict | undefined,
  startedAt: number,
): void {
  keep(call, {
    rule: rule.name,
    side,
    outcome: verdict ? verdict.action : 'pass',
    entities: verdict?.entities ?? [],
    score: verdict?.score,
    startedAt,
    endedAt: performance.now(),
  });
}

/** Rewrites a message's text (string content or text parts) with `edit`. */
function editMessage(message: ChatMessage, edit: (text: string) => string): ChatMessage {
  const { content } = message;
  if (typeof content === 'string') return { ...message, content: edit(content) };
  if (!Array.isArray(content)) return message;
  return {
    ...message,
    content: content.map((part) => (part.type === 'text' ? { ...part, text: edit(part.text) } : part)),
  };
}

/** The text a message carries, joined; the operator's own system and developer messages are not checked. */
function checked(message: ChatMessage): boolean {
  return message.role !== 'system' && message.role !== 'developer';
}

/**
 * Runs the input rules over the prompt: a blocking rule refuses the call (and the prompt it keeps for
 * the request log and trace is masked first, so the value is stored nowhere); redacting and masking
 * rules rewrite the messages sent upstream; flagging rules only record.
 */
function guardInput(call: ChatCall, rules: readonly CompiledRule[], vault: Vault | undefined): void {
  for (const rule of rules) {
    const startedAt = performance.now();
    const found: RuleVerdict[] = [];
    const messages = call.request.messages.map((message) => {
      if (!checked(message)) return message;
      return editMessage(message, (text) => {
        const verdict = judge(rule, text);
        if (!verdict) return text;
        found.push(verdict);
        if (rule.action === 'flag') return text;
        const style = rule.action === 'mask' || rule.action === 'block' ? 'mask' : 'replace';
        return redact(text, verdict.findings, style, rule.reversible ? vault : undefined);
      });
    });
    const verdict = merge(found);
    record(call, rule, 'input', verdict, startedAt);
    if (verdict && rule.action !== 'flag') call.request = { ...call.request, messages };
    if (verdict && rule.action === 'block') throw blocked(verdict, 'request');
  }
}

function merge(verdicts: readonly RuleVerdict[]): RuleVerdict | undefined {
  const [first] = verdicts;
  if (!first) return undefined;
  const scores = verdicts.flatMap((verdict) => (verdict.score === undefined ? [] : [verdict.score]));
  return {
    ...first,
    entities: [...new Set(verdicts.flatMap((verdict) => verdict.entities))],
    findings: verdicts.flatMap((verdict) => verdict.findings),
    ...(scores.length > 0 && { score: Math.max(...scores) }),
  };
}

/** Runs the output rules over a whole answer, then puts the vault's placeholders back. */
function guardResponse(
  call: ChatCall,
  response: ChatResponse,
  rules: readonly CompiledRule[],
  vault: Vault | undefined,
): ChatResponse {
  const choices = response.choices.map((choice) => ({ ...choice, message: { ...choice.message } }));
  for (const rule of rules) {
    const startedAt = performance.now();
    const found: RuleVerdict[] = [];
    for (const choice of choices) {
      const text = choice.message.content;
      if (typeof text !== 'string') continue;
      const verdict = judge(rule, text);
      if (!verdict) continue;
      found.push(verdict);
      if (rule.action === 'redact' || rule.action === 'mask')
        choice.message.content = redact(text, verdict.findings, rule.action === 'mask' ? 'mask' : 'replace');
    }
    const verdict = merge(found);
    record(call, rule, 'output', verdict, startedAt);
    if (verdict && rule.action === 'block') throw blocked(verdict, 'answer');
  }
  if (vault && vault.size > 0)
    for (const choice of choices)
      if (typeof choice.message.content === 'string')
        choice.message.content = restore(choice.message.content, vault);
  return { ...response, choices };
}

/** Per-rule totals of a stream's checks, recorded as one verdict per rule when the stream ends. */
type StreamVerdicts = Map<CompiledRule, { verdict: RuleVerdict | undefined; spentMs: number }>;

/**
 * Checks a stream as it passes, one sliding-window guard per choice. A blocking rule ends the stream
 * with an error event (the gateway writes the thrown error as one); the summary then carries that
 * error, and the text actually sent instead of what the model said.
 */
function guardStream(
  call: ChatCall,
  outcome: Extract<ChatOutcome, { kind: 'stream' }>,
  rules: readonly CompiledRule[],
  vault: Vault | undefined,
  windowChars: number,
): ChatOutcome {
  const source = outcome.chunks[Symbol.asyncIterator]();
  const guards = new Map<number, StreamGuard>();
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
      keep(call, {
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
  const check = (index: number, text: string, final: boolean): string => {
    let guard = guards.get(index);
    if (!guard) {
      guard = new StreamGuard(rules, windowChars, vault);
      guards.set(index, guard);
    }
    const startedAt = performance.now();
    firstCheck ??= startedAt;
    const step = final ? guard.finish() : guard.push(text);
    const spent = performance.now() - startedAt;
    // One guard checks every rule at once, so each rule is charged an equal share of its time.
    for (const total of totals.values()) total.spentMs += spent / rules.length || 0;
    if (!step.ok) {
      const total = totals.get(rules.find((rule) => rule.name === step.verdict.rule) as CompiledRule);
      if (total) total.verdict = step.verdict;
      throw blocked(step.verdict, 'answer');
    }
    for (const verdict of step.verdicts) {
      const total = [...totals].find(([rule]) => rule.name === verdict.rule)?.[1];
      if (total) total.verdict = merge([...(total.verdict ? [total.verdict] : []), verdict]);
    }
    if (step.release !== '') sent.push(step.release);
    return step.release;
  };
  const guardChunk = (chunk: ChatChunk): ChatChunk => {
    last = chunk;
    if (chunk.choices.length === 0) return chunk;
    return {
      ...chunk,
      choices: chunk.choices.map((choice) => {
        const content = choice.delta.content;
        let text = typeof content === 'string' && content !== '' ? check(choice.index, content, false) : '';
        if (choice.finish_reason !== null) text += check(choice.index, '', true);
        if (text === '' && (content === undefined || content === null)) return choice;
        return { ...choice, delta: { ...choice.delta, content: text } };
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
        tail = flushTail(guards, last, (index) => check(index, '', true));
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

/** One last chunk with whatever the guards still hold, when a stream ended without a finish reason. */
function flushTail(
  guards: ReadonlyMap<number, StreamGuard>,
  last: ChatChunk | undefined,
  rest: (index: number) => string,
): ChatChunk | undefined {
  if (!last) return undefined;
  const choices = [...guards.keys()].flatMap((index) => {
    const text = rest(index);
    return text === '' ? [] : [{ index, delta: { content: text }, finish_reason: null }];
  });
  if (choices.length === 0) return undefined;
  return { id: last.id, object: 'chat.completion.chunk', created: last.created, model: last.model, choices };
}

/**
 * Guardrails around a chat call: input rules on the prompt before it goes upstream, output rules on the
 * answer (whole, or a stream on a sliding window), and reversible placeholders put back into the answer.
 * Rules are chosen per call by key name, team and requested model; a call no rule applies to passes
 * through at the cost of those checks.
 */
export function guardChat(deps: GuardrailStageDeps): Stage<ChatCall, ChatOutcome> {
  return async (call, next) => {
    const scope = {
      keyName: call.principal.keyName,
      team: attributionOf(call.principal, call.request).team,
      model: call.request.model,
    };
    const rules = deps.rules.filter((rule) => rule.applies(scope));
    if (rules.length === 0) return next();
    const vault: Vault | undefined = rules.some((rule) => rule.input && rule.reversible)
      ? new Map()
      : undefined;
    guardInput(
      call,
      rules.filter((rule) => rule.input),
      vault,
    );
    if (vault && vault.size > 0) call.conceal = (text) => conceal(text, vault);
    const outcome = await next();
    const output = rules.filter((rule) => rule.output);
    if (output.length === 0 && (vault === undefined || vault.size === 0)) return outcome;
    if (outcome.kind === 'response')
      return { ...outcome, response: guardResponse(call, outcome.response, output, vault) };
    return guardStream(call, outcome, output, vault, deps.windowChars);
  };
}
