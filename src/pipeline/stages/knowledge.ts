import { z } from 'zod';
import { StrataError } from '../../core/errors.js';
import type { ChatChunk, ChatMessage, ChatRequest } from '../../core/types.js';
import { assertCanReadKnowledge } from '../../governance/knowledge-scope.js';
import {
  contextMessage,
  type KnowledgeCitation,
  resolveCitations,
  sourceCitations,
} from '../../knowledge/citations.js';
import { extractivePool } from '../../knowledge/extractive-provider.js';
import type { KnowledgeHit, KnowledgeService } from '../../knowledge/knowledge-service.js';
import type { ModelRegistry } from '../../models/model-registry.js';
import type { ChatCall, ChatOutcome, Stage } from '../call.js';

const knowledgeSchema = z.strictObject({
  kb: z.string().min(1),
  top_k: z.number().int().min(1).max(50).optional(),
});

/** The text of the last user message: what retrieval searches for. */
export function lastUserText(messages: readonly ChatMessage[]): string {
  const message = messages.findLast((candidate) => candidate.role === 'user');
  if (!message || message.content === null) return '';
  if (typeof message.content === 'string') return message.content;
  return message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}

function parse(value: unknown): z.output<typeof knowledgeSchema> {
  const parsed = knowledgeSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.code === 'unrecognized_keys' ? [issue.keys[0]] : (issue?.path ?? []);
  const param = ['knowledge', ...path.map(String)].join('.');
  throw new StrataError('invalid_request', `Invalid value for '${param}': ${issue?.message ?? 'invalid'}`, {
    param,
  });
}

/**
 * `knowledge: {kb, top_k}` on a chat request: retrieves chunks for the last user message, hands them to
 * the model (as passages for `local/extractive`, else as a system message of `[n]`-marked sources),
 * and returns `citations` on the response, or on the finish chunk and the usage chunk of a stream.
 * `local/extractive` without `knowledge` (or `passages`) reads the default knowledge base.
 */
export function knowledgeChat(
  knowledge: KnowledgeService,
  models: ModelRegistry,
  settings: { topK: number; defaultKb: string },
): Stage<ChatCall, ChatOutcome> {
  return async (call, next) => {
    const resolved = models.resolve(call.request.model);
    const extractive = resolved?.provider.kind === 'local' && resolved.upstreamModel === 'extractive';
    let options: z.output<typeof knowledgeSchema>;
    if (call.request.knowledge !== undefined) {
      options = parse(call.request.knowledge);
      assertCanReadKnowledge(call.principal, options.kb);
    } else if (extractive && call.request.passages === undefined) {
      // local/extractive reads its own knowledge base, which every caller of the model may use.
      options = { kb: settings.defaultKb };
    } else {
      return next();
    }
    const question = lastUserText(call.request.messages);
    if (!question.trim()) {
      throw new StrataError('invalid_request', '`knowledge` needs a user message to search for.', {
        param: 'messages',
      });
    }
    // local/extractive reranks what it reads, so unless told how many it reads a deeper pool.
    const topK = options.top_k ?? (extractive ? extractivePool(settings.topK) : settings.topK);
    const hits = await knowledge.search(options.kb, question, { topK });
    const { knowledge: _knowledge, ...rest } = call.request;
    call.request = extractive
      ? {
          ...rest,
          passages: hits.map((hit) => ({
            id: hit.id,
            text: hit.text,
            ...(hit.title && { title: hit.title }),
            headings: hit.headingPath,
          })),
        }
      : withContext(rest, hits);
    const cite = (found: unknown): KnowledgeCitation[] =>
      extractive ? resolveCitations(fromWire(found), hits) : sourceCitations(hits);
    const outcome = await next();
    if (outcome.kind === 'response') {
      return { ...outcome, response: { ...outcome.response, citations: cite(outcome.response.citations) } };
    }
    return { ...outcome, chunks: withCitations(outcome.chunks, cite) };
  };
}

function withContext(request: ChatRequest, hits: readonly KnowledgeHit[]): ChatRequest {
  const messages = [...request.messages];
  // After the caller's own leading instructions, so theirs come first.
  let at = 0;
  while (at < messages.length && (messages[at]?.role === 'system' || messages[at]?.role === 'developer'))
    at++;
  messages.splice(at, 0, { role: 'system', content: contextMessage(hits) });
  return { ...request, messages };
}

/** The provider's own citations (`chunk_id`, `start`, `end`, `text`), as the resolver reads them. */
function fromWire(value: unknown) {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: Record<string, unknown>) =>
    typeof item?.chunk_id === 'string' && typeof item.start === 'number' && typeof item.end === 'number'
      ? [
          {
            index: Number(item.index),
            chunkId: item.chunk_id,
            start: item.start,
            end: item.end,
            text: String(item.text),
          },
        ]
      : [],
  );
}

async function* withCitations(
  chunks: AsyncIterable<ChatChunk>,
  cite: (found: unknown) => KnowledgeCitation[],
): AsyncGenerator<ChatChunk> {
  for await (const chunk of chunks) {
    const finishing = chunk.choices.some((choice) => choice.finish_reason !== null);
    const usageOnly = chunk.choices.length === 0 && chunk.usage != null;
    yield finishing || usageOnly || chunk.citations !== undefined
      ? { ...chunk, citations: cite(chunk.citations) }
      : chunk;
  }
}
