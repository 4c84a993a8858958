import type { ChatMessage, ChatRequest, Principal } from '../core/types.js';
import { parseTags } from '../store/ledger-row.js';
import type { CompiledRule } from './plan.js';

/** What a rule may look at besides the request. */
export interface ConditionInput {
  request: ChatRequest;
  principal: Principal;
  /** The prompt's estimated token count, computed only when a rule asks. */
  promptTokens(): number;
}

function hasImage(messages: readonly ChatMessage[]): boolean {
  return messages.some(
    (message) => Array.isArray(message.content) && message.content.some((part) => part.type === 'image_url'),
  );
}

function lastUserText(messages: readonly ChatMessage[]): string {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message?.role !== 'user') continue;
    if (typeof message.content === 'string') return message.content;
    if (Array.isArray(message.content))
      return message.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
    return '';
  }
  return '';
}

/** True when every condition the rule gives holds for this request. */
export function ruleMatches(rule: CompiledRule, input: ConditionInput): boolean {
  const { when } = rule;
  const { request, principal } = input;
  const metadata = request.metadata;
  if (when.metadata) {
    for (const [name, value] of Object.entries(when.metadata)) if (metadata?.[name] !== value) return false;
  }
  if (when.key) {
    const ids = [principal.keyId ?? principal.kind, principal.keyName, principal.kind];
    if (!when.key.some((key) => ids.includes(key))) return false;
  }
  if (when.team && !when.team.includes(metadata?.team ?? '')) return false;
  if (when.tags) {
    const tags = parseTags(metadata?.tags);
    if (!when.tags.some((tag) => tags.includes(tag))) return false;
  }
  if (when.tools !== undefined && (request.tools !== undefined && request.tools.length > 0) !== when.tools)
    return false;
  if (when.images !== undefined && hasImage(request.messages) !== when.images) return false;
  if (when.prompt_tokens) {
    const tokens = input.promptTokens();
    if (when.prompt_tokens.min !== undefined && tokens < when.prompt_tokens.min) return false;
    if (when.prompt_tokens.max !== undefined && tokens > when.prompt_tokens.max) return false;
  }
  if (rule.pattern) {
    rule.pattern.lastIndex = 0;
    if (!rule.pattern.test(lastUserText(request.messages))) return false;
  }
  return true;
}
