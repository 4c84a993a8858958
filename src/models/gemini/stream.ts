import { newId } from '../../core/ids.js';
import type { ChatChunk, ChatDelta, FinishReason } from '../../core/types.js';
import { isJsonObject } from '../openai-shapes.js';
import { eventsPerRead } from '../sse.js';
import { malformedResponseError, type UpstreamContext } from '../upstream-error.js';
import { closingOnReturn, type UpstreamResponse } from '../upstream-request.js';
import { createCallIds, readCandidate } from './candidate-parts.js';
import { isBlockedPrompt, isGeminiResponse } from './convert-response.js';
import { toWireUsage } from './convert-usage.js';
import { toFinishReason } from './finish-reason.js';
import { reportedGeminiError } from './gemini-error.js';
import type { GeminiResponse, GeminiUsageMetadata } from './gemini-types.js';

type ChunkChoice = ChatChunk['choices'][number];

/**
 * Reads a `streamGenerateContent?alt=sse` body (each event a whole GenerateContentResponse) into OpenAI
 * chunks, ending with one usage chunk. Ending iteration early, or any failure, destroys the upstream body.
 */
export function readGeminiChunks(
  upstream: UpstreamResponse,
  context: UpstreamContext,
  requestedModel: string,
): AsyncIterableIterator<ChatChunk> {
  return closingOnReturn(upstream, decodeChunks(upstream, context, requestedModel));
}

async function* decodeChunks(
  upstream: UpstreamResponse,
  context: UpstreamContext,
  requestedModel: string,
): AsyncGenerator<ChatChunk, void, undefined> {
  const translator = createTranslator(requestedModel);
  let ended = false;
  try {
    for await (const events of eventsPerRead(upstream.body)) {
      for (const event of events) yield* translator.translate(parseEvent(event.data, context));
    }
    if (!translator.finished()) {
      throw malformedResponseError(context, 'the stream ended before the model finished.');
    }
    const usage = translator.usageChunk();
    if (usage !== undefined) yield usage;
    ended = true;
  } catch (error) {
    throw upstream.toError(error);
  } finally {
    if (ended) upstream.release();
    else upstream.close();
  }
}

function parseEvent(data: string, context: UpstreamContext): GeminiResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (error) {
    throw malformedResponseError(context, `a stream event is not JSON (${preview(data)}).`, error);
  }
  if (isJsonObject(parsed) && parsed.error !== undefined && parsed.error !== null) {
    throw reportedGeminiError(context, data, parsed.error);
  }
  if (!isGeminiResponse(parsed)) {
    throw malformedResponseError(context, `a stream event is not a Gemini response (${preview(data)}).`);
  }
  return parsed;
}

/** Turns successive Gemini events into chunks, remembering what each choice has already sent. */
function createTranslator(requestedModel: string) {
  const created = Math.floor(Date.now() / 1000);
  const nextCallId = createCallIds();
  const started = new Set<number>();
  const toolCallCounts = new Map<number, number>();
  let id: string | undefined;
  let model = requestedModel;
  let usage: GeminiUsageMetadata | undefined;
  let finished = false;

  const chunk = (choices: ChunkChoice[], extra: Partial<ChatChunk> = {}): ChatChunk => ({
    id: id ?? '',
    object: 'chat.completion.chunk',
    created,
    model,
    choices,
    ...extra,
  });
  const roleOnce = (index: number): ChatDelta => {
    if (started.has(index)) return {};
    started.add(index);
    return { role: 'assistant' };
  };

  function* translate(event: GeminiResponse): Generator<ChatChunk> {
    id ??= event.responseId === undefined ? newId('chatcmpl') : `chatcmpl-${event.responseId}`;
    if (event.modelVersion !== undefined) model = event.modelVersion;
    if (event.usageMetadata !== undefined) usage = event.usageMetadata;
    const deltas: ChunkChoice[] = [];
    const finishes: ChunkChoice[] = [];
    const finish = (index: number, reason: FinishReason) =>
      finishes.push({ index, delta: {}, finish_reason: reason });
    if (isBlockedPrompt(event)) {
      deltas.push({ index: 0, delta: { ...roleOnce(0), content: '' }, finish_reason: null });
      finish(0, 'content_filter');
    }
    (event.candidates ?? []).forEach((candidate, position) => {
      const index = candidate.index ?? position;
      const { text, toolCalls } = readCandidate(candidate, nextCallId);
      const delta: ChatDelta = roleOnce(index);
      if (text !== '') delta.content = text;
      if (toolCalls.length > 0) {
        const before = toolCallCounts.get(index) ?? 0;
        toolCallCounts.set(index, before + toolCalls.length);
        delta.tool_calls = toolCalls.map((call, offset) => ({ index: before + offset, ...call }));
      }
      if (Object.keys(delta).length > 0) deltas.push({ index, delta, finish_reason: null });
      if (candidate.finishReason !== undefined) {
        finish(index, toFinishReason(candidate.finishReason, (toolCallCounts.get(index) ?? 0) > 0));
      }
    });
    if (deltas.length > 0) yield chunk(deltas);
    if (finishes.length > 0) {
      finished = true;
      yield chunk(finishes);
    }
  }

  return {
    translate,
    finished: () => finished,
    /** The final `choices: []` chunk with the last usage Gemini reported. */
    usageChunk: () => (usage === undefined ? undefined : chunk([], { usage: toWireUsage(usage) })),
  };
}

function preview(data: string): string {
  return data.length > 80 ? `${data.slice(0, 80)}…` : data;
}
