import { StrataError } from '../../core/errors.js';
import type { ChatChunk, ChatDelta, FinishReason, WireUsage } from '../../core/types.js';
import { isJsonObject } from '../openai-shapes.js';
import { malformedResponseError, type UpstreamContext } from '../upstream-error.js';
import { redactSecrets } from '../upstream-message.js';
import { closingOnReturn, type UpstreamResponse } from '../upstream-request.js';
import { type ResponseMeta, toFinishReason, toWireUsage } from './convert-response.js';
import { createEventStreamDecoder, EventStreamFormatError, type StreamMessage } from './event-stream.js';

/**
 * Reads a ConverseStream body into chat chunks: text and tool-input fragments as deltas, the stop
 * reason as a finish chunk, then always a usage chunk with no choices (the gateway drops it when the
 * client did not ask). Ending iteration early, or any failure, destroys the upstream body.
 */
export function readConverseStream(
  upstream: UpstreamResponse,
  meta: ResponseMeta,
  context: UpstreamContext,
): AsyncIterableIterator<ChatChunk> {
  return closingOnReturn(upstream, decodeChunks(upstream, meta, context));
}

async function* decodeChunks(
  upstream: UpstreamResponse,
  meta: ResponseMeta,
  context: UpstreamContext,
): AsyncGenerator<ChatChunk, void, undefined> {
  const decoder = await createEventStreamDecoder();
  const toChunk = createChunkMaker(meta);
  let stopped = false;
  let ended = false;
  const reader = upstream.body[Symbol.asyncIterator]();
  try {
    while (true) {
      const read = await reader.next();
      if (read.done) break;
      for (const message of decoder.push(read.value)) {
        if (message.kind === 'exception') throw streamException(message, context);
        if (message.type === 'messageStop') stopped = true;
        const chunk = toChunk(message.type, message.payload);
        if (chunk !== undefined) yield chunk;
      }
    }
    if (!stopped || decoder.hasPartialMessage()) {
      throw malformedResponseError(context, 'the stream ended before the model finished.');
    }
    ended = true;
  } catch (error) {
    if (error instanceof StrataError) throw error;
    if (error instanceof EventStreamFormatError) {
      throw malformedResponseError(context, `${error.message}.`, error);
    }
    throw upstream.toError(error);
  } finally {
    if (ended) upstream.release();
    else upstream.close();
  }
}

/** Builds chunks from events, remembering which content block is which tool call. */
function createChunkMaker(meta: ResponseMeta) {
  const toolIndexByBlock = new Map<number, number>();
  const jsonBlocks = new Set<number>();
  const chunk = (delta: ChatDelta, finishReason: FinishReason | null = null): ChatChunk => ({
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
  return (type: string, payload: unknown): ChatChunk | undefined => {
    if (!isJsonObject(payload)) return undefined;
    const block = typeof payload.contentBlockIndex === 'number' ? payload.contentBlockIndex : 0;
    switch (type) {
      case 'messageStart':
        return chunk({ role: 'assistant', content: '' });
      case 'contentBlockStart': {
        const toolUse = isJsonObject(payload.start) ? payload.start.toolUse : undefined;
        if (!isJsonObject(toolUse) || typeof toolUse.name !== 'string') return undefined;
        if (toolUse.name === meta.jsonTool) {
          jsonBlocks.add(block);
          return undefined;
        }
        const index = toolIndexByBlock.size;
        toolIndexByBlock.set(block, index);
        const id = typeof toolUse.toolUseId === 'string' ? toolUse.toolUseId : `call_${index}`;
        return chunk({
          tool_calls: [{ index, id, type: 'function', function: { name: toolUse.name, arguments: '' } }],
        });
      }
      case 'contentBlockDelta': {
        const delta = isJsonObject(payload.delta) ? payload.delta : {};
        if (typeof delta.text === 'string') return chunk({ content: delta.text });
        const input = isJsonObject(delta.toolUse) ? delta.toolUse.input : undefined;
        if (typeof input !== 'string') return undefined;
        if (jsonBlocks.has(block)) return chunk({ content: input });
        const index = toolIndexByBlock.get(block);
        if (index === undefined) return undefined;
        return chunk({ tool_calls: [{ index, function: { arguments: input } }] });
      }
      case 'messageStop': {
        let reason = toFinishReason(payload.stopReason);
        if (reason === 'tool_calls' && toolIndexByBlock.size === 0) reason = 'stop';
        return chunk({}, reason);
      }
      case 'metadata': {
        const usage: WireUsage | undefined = toWireUsage(payload.usage);
        if (usage === undefined) return undefined;
        return { ...chunk({}), choices: [], usage };
      }
      default:
        return undefined;
    }
  };
}

const exceptionCodes: Readonly<Record<string, 'upstream_rate_limited' | 'upstream_unavailable'>> = {
  throttlingException: 'upstream_rate_limited',
  serviceUnavailableException: 'upstream_unavailable',
};

function streamException(
  message: Extract<StreamMessage, { kind: 'exception' }>,
  context: UpstreamContext,
): StrataError {
  const code = exceptionCodes[message.type] ?? 'upstream_error';
  const detail = redactSecrets(message.message, context.secrets) || 'no message';
  return new StrataError(
    code,
    `Provider \`${context.provider}\` failed mid-stream (${message.type}): ${detail}`,
  );
}
