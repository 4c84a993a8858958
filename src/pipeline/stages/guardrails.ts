import type { ChatMessage, ChatResponse, EmbeddingRequest } from '../../core/types.js';
import { conceal, redact, restore, type Vault } from '../../governance/guardrails/redact.js';
import {
  blockedError,
  type CompiledRule,
  judge,
  mergeVerdicts,
  type RuleVerdict,
} from '../../governance/guardrails/rules.js';
import { attributionOf } from '../attribution.js';
import type { ChatCall, ChatOutcome, EmbeddingCall, EmbeddingOutcome, Stage } from '../call.js';
import { guardStream, keepVerdict } from '../guarded-stream.js';

/** What the guardrail stage runs. */
export interface GuardrailStageDeps {
  rules: readonly CompiledRule[];
  /** Characters of a stream re-checked with each chunk. */
  windowChars: number;
}

/** Records one rule's verdict on one side of a call, timed from `startedAt` to now. */
function record(
  call: ChatCall | EmbeddingCall,
  rule: CompiledRule,
  side: 'input' | 'output',
  verdict: RuleVerdict | undefined,
  startedAt: number,
): void {
  keepVerdict(call, {
    rule: rule.name,
    side,
    outcome: verdict ? verdict.action : 'pass',
    entities: verdict?.entities ?? [],
    score: verdict?.score,
    startedAt,
    endedAt: performance.now(),
  });
}

/** Rewrites a message's text (string content or text parts) and its tool calls' arguments with `edit`. */
function editMessage(message: ChatMessage, edit: (text: string) => string): ChatMessage {
  const { content, tool_calls: calls } = message;
  return {
    ...message,
    content:
      typeof content === 'string'
        ? edit(content)
        : Array.isArray(content)
          ? content.map((part) => (part.type === 'text' ? { ...part, text: edit(part.text) } : part))
          : content,
    ...(calls && {
      tool_calls: calls.map((call) => ({
        ...call,
        function: { ...call.function, arguments: edit(call.function.arguments) },
      })),
    }),
  };
}

/** Whether a message is checked: the operator's own system and developer messages are not. */
function checked(message: ChatMessage): boolean {
  return message.role !== 'system' && message.role !== 'developer';
}

/**
 * One input rule over one text: the text to send on (rewritten by a redacting or masking rule, masked by
 * a blocking one so what the call keeps holds no value), with the rule's verdict added to `found`.
 */
function checkInput(
  rule: CompiledRule,
  text: string,
  found: RuleVerdict[],
  vault: Vault | undefined,
): string {
  const verdict = judge(rule, text);
  if (!verdict) return text;
  found.push(verdict);
  if (rule.action === 'flag') return text;
  const style = rule.action === 'mask' || rule.action === 'block' ? 'mask' : 'replace';
  return redact(text, verdict.findings, style, rule.reversible ? vault : undefined);
}

/** The rules that apply to a call: chosen by its key name, team and requested model. */
function applicable(rules: readonly CompiledRule[], call: ChatCall | EmbeddingCall): CompiledRule[] {
  const scope = {
    keyName: call.principal.keyName,
    team: attributionOf(call.principal, call.request).team,
    model: call.request.model,
  };
  return rules.filter((rule) => rule.applies(scope));
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
    const messages = call.request.messages.map((message) =>
      checked(message) ? editMessage(message, (text) => checkInput(rule, text, found, vault)) : message,
    );
    const verdict = mergeVerdicts(found);
    record(call, rule, 'input', verdict, startedAt);
    if (verdict && rule.action !== 'flag') call.request = { ...call.request, messages };
    if (verdict && rule.action === 'block') throw blockedError(verdict, 'request');
  }
}

/**
 * Runs the output rules over a whole answer (its text and its tool calls' arguments), then puts the
 * vault's placeholders back, into tool-call arguments too, so a tool gets the value the user wrote.
 */
function guardResponse(
  call: ChatCall,
  response: ChatResponse,
  rules: readonly CompiledRule[],
  vault: Vault | undefined,
): ChatResponse {
  const choices = response.choices.map((choice) => ({ ...choice }));
  const editAnswers = (edit: (text: string) => string) => {
    for (const choice of choices)
      choice.message = { ...editMessage(choice.message, edit), role: 'assistant' };
  };
  for (const rule of rules) {
    const startedAt = performance.now();
    const found: RuleVerdict[] = [];
    editAnswers((text) => {
      const verdict = judge(rule, text);
      if (!verdict) return text;
      found.push(verdict);
      if (rule.action !== 'redact' && rule.action !== 'mask') return text;
      return redact(text, verdict.findings, rule.action === 'mask' ? 'mask' : 'replace');
    });
    const verdict = mergeVerdicts(found);
    record(call, rule, 'output', verdict, startedAt);
    if (verdict && rule.action === 'block') throw blockedError(verdict, 'answer');
  }
  if (vault && vault.size > 0) editAnswers((text) => restore(text, vault));
  return { ...response, choices };
}

/**
 * Guardrails around a chat call: input rules on the prompt before it goes upstream, output rules on the
 * answer (whole, or a stream on a sliding window), and reversible placeholders put back into the answer.
 * Rules are chosen per call by key name, team and requested model; a call no rule applies to passes
 * through at the cost of those checks.
 */
export function guardChat(deps: GuardrailStageDeps): Stage<ChatCall, ChatOutcome> {
  return async (call, next) => {
    const rules = applicable(deps.rules, call);
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

/** The text inputs of an embeddings request rewritten by `edit`; token ids carry no text to check. */
function editInput(
  input: EmbeddingRequest['input'],
  edit: (text: string) => string,
): EmbeddingRequest['input'] {
  if (typeof input === 'string') return edit(input);
  if (input.every((item) => typeof item === 'string')) return input.map(edit);
  return input;
}

/**
 * The input rules over an embeddings call's texts, so a text a rule blocks or redacts in a chat prompt
 * is not sent to be embedded either: a blocking rule refuses the call, a redacting or masking one
 * rewrites the texts sent upstream (a reversible rule redacts as a plain one: a vector cannot be
 * restored), a flagging one only records. Inputs given as token ids are not checked.
 */
export function guardEmbedding(rules: readonly CompiledRule[]): Stage<EmbeddingCall, EmbeddingOutcome> {
  const input = rules.filter((rule) => rule.input);
  return async (call, next) => {
    for (const rule of applicable(input, call)) {
      const startedAt = performance.now();
      const found: RuleVerdict[] = [];
      const edited = editInput(call.request.input, (text) => checkInput(rule, text, found, undefined));
      const verdict = mergeVerdicts(found);
      record(call, rule, 'input', verdict, startedAt);
      if (verdict && rule.action !== 'flag') call.request = { ...call.request, input: edited };
      if (verdict && rule.action === 'block') throw blockedError(verdict, 'request', 'input');
    }
    return next();
  };
}
