/**
 * The `local/extractive` model: a Provider that answers the last user message from a knowledge base by
 * selecting and citing source spans, or abstains. It runs in process, costs nothing and is
 * deterministic, which makes it the first tier of a cascade and the model a fresh install answers with.
 */
import { StrataError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { ChatChunk, ChatRequest, ChatResponse, WireUsage } from '../core/types.js';
import type { CatalogOverride } from '../models/catalog/catalog.js';
import type { Provider } from '../models/provider.js';
import { countChatTokens } from '../tokens/tokenizers/count-chat.js';
import { tokenizerFor } from '../tokens/tokenizers/tokenizer-for.js';
import {
  answerFromPassages,
  type ExtractiveOptions,
  type GroundedAnswer,
  type Passage,
} from './grounded/extractive-answer.js';
import { lastUserText, passagesFromRequest } from './request-passages.js';

/** Finds passages for a question, best first: the knowledge-base service supplies it. */
export type Retrieve = (query: string, topK: number) => Promise<Passage[]>;

/** How the provider is set up. */
export interface ExtractiveProviderOptions {
  /** The provider instance name (default `local`); the model is `extractive`. */
  id?: string;
  /** Passages for requests that bring none; without it such requests are a 400. */
  retrieve?: Retrieve;
  /** Passages retrieved per question (default 5), read through a deeper pool (`extractivePool`). */
  topK?: number;
  /** Answerer tuning (threshold, sentences, corpus IDF). */
  answer?: ExtractiveOptions;
  /** The clock, in milliseconds since the epoch. */
  now?: () => number;
}

/** A citation as it goes out on the wire: the `[index]` marker, the chunk and the exact span. */
export interface WireCitation {
  index: number;
  chunk_id: string;
  start: number;
  end: number;
  text: string;
}

/** The extension fields the provider adds to its responses and final stream chunks. */
export interface ExtractiveReceipt {
  citations: WireCitation[];
  /** `strata_grounding`: whether the model abstained and how strong the support was. */
  strata_grounding: { abstained: boolean; support: number };
}

/** Usage counted by Strata; `estimated` when the tokenizer is not the model's own (it has none). */
type CountedUsage = WireUsage & { estimated: boolean };

/**
 * The catalog entry that prices `local/extractive` at $0 per token: the stack passes it to
 * `createCatalog` with the config's overrides, so its calls are priced (at zero), never unpriced.
 */
export const extractiveCatalogOverride: CatalogOverride = {
  provider: 'local',
  id: 'extractive',
  input: 0,
  output: 0,
};

/**
 * How many passages `local/extractive` reads for a configured top-k when it retrieves for itself: it
 * reranks sentence by sentence (structure included), so it looks far deeper than a prompt could hold.
 * A question naming only common words ("How do I start Strata?") ranks its answer's chunk low in a
 * lexical search; reading a few hundred chunks costs milliseconds and covers a whole handbook.
 */
export function extractivePool(topK: number): number {
  return Math.max(topK, 300);
}

/** How many content pieces a streamed answer is sent in. */
const streamPieces = 4;

/** Builds the `local/extractive` provider. */
export function createExtractiveProvider(options: ExtractiveProviderOptions = {}): Provider {
  const id = options.id ?? 'local';
  const topK = options.topK ?? 5;
  const now = options.now ?? Date.now;
  const tokenizer = tokenizerFor(id, 'extractive');

  async function respond(request: ChatRequest) {
    const text = lastUserText(request);
    if (text.trim() === '') {
      throw new StrataError('invalid_request', 'local/extractive needs a user message to answer.', {
        param: 'messages',
      });
    }
    let passages = passagesFromRequest(request);
    if (passages === undefined) {
      if (options.retrieve === undefined) {
        throw new StrataError(
          'invalid_request',
          'local/extractive answers from passages: send `passages` with the request or attach a knowledge base.',
          { param: 'passages' },
        );
      }
      passages = await options.retrieve(text, extractivePool(topK));
    }
    const answer = answerFromPassages(text, passages, options.answer);
    const prompt = countChatTokens(request, tokenizer);
    const context = passages.reduce((sum, passage) => sum + tokenizer.count(passage.text), 0);
    const completion = tokenizer.count(answer.answer);
    const usage: CountedUsage = {
      prompt_tokens: prompt.tokens + context,
      completion_tokens: completion,
      total_tokens: prompt.tokens + context + completion,
      estimated: !(prompt.exact && tokenizer.exact),
    };
    return { id: newId('chatcmpl'), created: Math.floor(now() / 1000), model: request.model, answer, usage };
  }

  return {
    id,
    kind: 'local',
    capabilities: {
      embeddings: false,
      unsupportedParameters: ['tools', 'tool_choice', 'response_format', 'n', 'logprobs'],
    },
    async chat(request): Promise<ChatResponse> {
      const result = await respond(request);
      return {
        id: result.id,
        object: 'chat.completion',
        created: result.created,
        model: result.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: result.answer.answer },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage: result.usage,
        ...receipt(result.answer),
      };
    },
    async stream(request) {
      // Answered before the stream opens, so a bad request rejects here rather than mid-stream.
      const result = await respond(request);
      const chunk = (choices: ChatChunk['choices'], extra: Partial<ChatChunk> = {}): ChatChunk => ({
        id: result.id,
        object: 'chat.completion.chunk',
        created: result.created,
        model: result.model,
        choices,
        ...extra,
      });
      const chunks = [
        chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
        ...pieces(result.answer.answer).map((content) =>
          chunk([{ index: 0, delta: { content }, finish_reason: null }]),
        ),
        // Citations ride on the finish chunk, which every client sees, and on the usage chunk.
        chunk([{ index: 0, delta: {}, finish_reason: 'stop' }], { ...receipt(result.answer) }),
        chunk([], { usage: result.usage, ...receipt(result.answer) }),
      ];
      return (async function* (): AsyncGenerator<ChatChunk> {
        yield* chunks;
      })();
    },
    async embed() {
      throw new StrataError('unsupported_parameter', `The provider \`${id}\` does not offer embeddings.`, {
        param: 'model',
      });
    },
  };
}

function receipt(answer: GroundedAnswer): ExtractiveReceipt {
  return {
    citations: answer.citations.map((citation) => ({
      index: citation.index,
      chunk_id: citation.chunkId,
      start: citation.start,
      end: citation.end,
      text: citation.text,
    })),
    strata_grounding: { abstained: answer.abstained, support: Math.round(answer.support * 1000) / 1000 },
  };
}

/** Splits text at word boundaries into a few pieces, so clients see a real multi-chunk stream. */
function pieces(text: string): string[] {
  const words = text.split(/(?<=\s)/);
  const size = Math.max(1, Math.ceil(words.length / streamPieces));
  const parts: string[] = [];
  for (let start = 0; start < words.length; start += size)
    parts.push(words.slice(start, start + size).join(''));
  return parts;
}
