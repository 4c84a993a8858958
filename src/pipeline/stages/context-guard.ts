import type { Config } from '../../config/schema.js';
import { StrataError } from '../../core/errors.js';
import type { ChatRequest } from '../../core/types.js';
import { capabilitiesOf, promptCharacters } from '../../models/capabilities.js';
import type { Catalog } from '../../models/catalog/catalog.js';
import type { ModelRegistry, ResolvedModel } from '../../models/model-registry.js';
import { trimToWindow } from '../../tokens/context/trim-to-window.js';
import { countChatTokens } from '../../tokens/tokenizers/count-chat.js';
import { tokenizerFor } from '../../tokens/tokenizers/tokenizer-for.js';
import type { ChatCall, ChatOutcome, Stage } from '../call.js';

/** What the guard reads. */
export interface ContextGuardDeps {
  models: ModelRegistry;
  catalog: Catalog;
  settings: Config['limits']['context_window'];
}

// An estimated count can be a quarter off either way: refuse only well past the window, trim to well
// inside it, and leave the rest to the provider's own check.
const estimateSlack = 1.25;

function windowOf(deps: ContextGuardDeps, resolved: ResolvedModel): number | undefined {
  const entry = deps.catalog.find(resolved.provider, resolved.upstreamModel);
  return entry?.contextWindow ?? capabilitiesOf(resolved.upstreamModel)?.contextWindow;
}

/** The tokens a request leaves for its prompt in a window: the window less the output it asks for. */
function promptRoom(window: number, request: ChatRequest): number {
  return window - (request.max_completion_tokens ?? request.max_tokens ?? 0);
}

function hasNonText(request: ChatRequest): boolean {
  return request.messages.some(
    (message) => Array.isArray(message.content) && message.content.some((part) => part.type !== 'text'),
  );
}

/** Whether a request certainly fits without counting: every token is at least one character. */
function surelyFits(request: ChatRequest, room: number): boolean {
  return !hasNonText(request) && promptCharacters(request) + 8 * request.messages.length + 16 <= room;
}

/** Counts the prompt for a model, or undefined when it fits (an estimate fits until well past the room). */
function overflow(request: ChatRequest, resolved: ResolvedModel, room: number) {
  const tokenizer = tokenizerFor(resolved.provider.kind, resolved.upstreamModel);
  const { tokens, exact } = countChatTokens(request, tokenizer);
  const allowed = exact ? room : room * estimateSlack;
  return tokens > allowed ? { tokens, tokenizer, exact } : undefined;
}

/**
 * Keeps prompts inside the target model's context window, as `limits.context_window` says: a clear 400,
 * trimming the oldest turns, or a fallback to a model with a larger window. Prompts that obviously fit
 * (most of them) cost one character count; models with no known window pass unchecked.
 */
export function guardContext(deps: ContextGuardDeps): Stage<ChatCall, ChatOutcome> {
  return async (call, next) => {
    const resolved = deps.models.resolve(call.request.model);
    const window = resolved && windowOf(deps, resolved);
    if (!resolved || window === undefined) return next();
    const room = promptRoom(window, call.request);
    if (surelyFits(call.request, room)) return next();
    const over = overflow(call.request, resolved, room);
    if (!over) return next();
    const { on_overflow: mode, fallbacks } = deps.settings;
    if (mode === 'trim') {
      const limit = over.exact ? room : Math.floor(room / estimateSlack);
      const trimmed = trimToWindow(call.request, over.tokenizer, limit, over.tokens);
      if (trimmed) {
        call.request = trimmed.request;
        const outcome = await next();
        return {
          ...outcome,
          headers: { ...outcome.headers, 'x-strata-context-trimmed': String(trimmed.dropped) },
        };
      }
    }
    if (mode === 'fallback') {
      for (const candidate of fallbacks[call.request.model] ?? []) {
        const target = deps.models.resolve(candidate);
        const larger = target && windowOf(deps, target);
        if (!target || larger === undefined) continue;
        if (!overflow(call.request, target, promptRoom(larger, call.request))) {
          call.request = { ...call.request, model: candidate };
          return next();
        }
      }
    }
    throw new StrataError(
      'context_length_exceeded',
      `This prompt has ${over.exact ? '' : 'about '}${over.tokens} tokens, more than the ${room} that \`${call.request.model}\` leaves for a prompt (a ${window}-token window less the requested output). Shorten the conversation, or set limits.context_window.on_overflow to trim or fallback.`,
      { param: 'messages' },
    );
  };
}
