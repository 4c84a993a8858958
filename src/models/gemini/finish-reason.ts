import type { FinishReason } from '../../core/types.js';

const filtered = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'LANGUAGE',
  'IMAGE_SAFETY',
]);

/**
 * Maps Gemini's `finishReason` to OpenAI's. A call that asked for functions ends in `tool_calls`
 * whatever Gemini says. MALFORMED_FUNCTION_CALL (the model wrote a call Gemini could not parse) maps to
 * `stop`: no call is returned, so a client must not look for one, and nothing was filtered.
 */
export function toFinishReason(reason: string | undefined, hasToolCalls: boolean): FinishReason {
  if (hasToolCalls) return 'tool_calls';
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason !== undefined && filtered.has(reason)) return 'content_filter';
  return 'stop';
}
