import type { ChatChunk, ChatMessage, ChatResponse, WireUsage } from '../../core/types.js';

/** The `strata_replay` extension field: what the recorded call cost and how well the model did. */
export interface ReplayReceipt {
  query_id: string;
  cost_usd: number | null;
  score: number | null;
  /** How the dataset got the cost: `recorded`, `estimated` or `none`. */
  cost_kind: string;
  /** False when the dataset holds no response text for this model, so the content is empty. */
  response_recorded: boolean;
}

/** Usage counted by Strata from characters rather than reported by a model. */
export type EstimatedUsage = WireUsage & { estimated: true };

/** One replayed answer, ready to send as a whole response or as a stream. */
export interface ReplayAnswer {
  id: string;
  created: number;
  model: string;
  content: string;
  usage: EstimatedUsage;
  receipt: ReplayReceipt;
}

/** How many pieces a streamed answer is cut into, so clients see a real multi-chunk stream. */
const streamPieces = 4;

/** Roughly four characters per token, the usual rule of thumb for English text. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The plain text of a message: its string content, or its text parts joined by newlines. */
export function messageText(message: ChatMessage): string {
  if (typeof message.content === 'string') return message.content;
  if (message.content === null) return '';
  return message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}

/** Estimated usage for a conversation and the answer given to it. */
export function estimateUsage(messages: readonly ChatMessage[], content: string): EstimatedUsage {
  const promptTokens = messages.reduce((total, message) => total + estimateTokens(messageText(message)), 0);
  const completionTokens = estimateTokens(content);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    estimated: true,
  };
}

/** The answer as a `chat.completion` body. */
export function toChatResponse(answer: ReplayAnswer): ChatResponse {
  return {
    id: answer.id,
    object: 'chat.completion',
    created: answer.created,
    model: answer.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: answer.content },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: answer.usage,
    strata_replay: answer.receipt,
  };
}

/** The answer as a short chunk stream: role, content pieces, finish, then a usage-only chunk. */
export function toChatChunks(answer: ReplayAnswer): ChatChunk[] {
  const chunk = (choices: ChatChunk['choices'], extra: Partial<ChatChunk> = {}): ChatChunk => ({
    id: answer.id,
    object: 'chat.completion.chunk',
    created: answer.created,
    model: answer.model,
    choices,
    ...extra,
  });
  const delta = (content: string) => chunk([{ index: 0, delta: { content }, finish_reason: null }]);
  return [
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
    ...splitText(answer.content, streamPieces).map(delta),
    // The receipt rides on the finish chunk too, because clients that did not ask for usage never see the last one.
    chunk([{ index: 0, delta: {}, finish_reason: 'stop' }], { strata_replay: answer.receipt }),
    chunk([], { usage: answer.usage, strata_replay: answer.receipt }),
  ];
}

function splitText(text: string, pieces: number): string[] {
  // Code points, not UTF-16 units, so a piece never ends in half a surrogate pair.
  const characters = Array.from(text);
  const size = Math.max(1, Math.ceil(characters.length / pieces));
  const parts: string[] = [];
  for (let start = 0; start < characters.length; start += size) {
    parts.push(characters.slice(start, start + size).join(''));
  }
  return parts;
}
