import { StrataError } from '../../core/errors.js';
import type { ChatMessage, ContentPart } from '../../core/types.js';
import type { CacheControl, ImageSource, MessageParam, RequestBlock } from './messages-api.js';

/** OpenAI messages split into Anthropic's top-level `system` and alternating `messages`. */
export interface ConvertedMessages {
  system: string | RequestBlock[] | undefined;
  messages: MessageParam[];
}

/**
 * Converts OpenAI chat messages: system and developer messages become `system`, tool results become
 * `tool_result` blocks in a user turn, and consecutive turns of one role merge, as Anthropic requires.
 */
export function convertMessages(messages: readonly ChatMessage[]): ConvertedMessages {
  const system: RequestBlock[] = [];
  const turns: MessageParam[] = [];
  messages.forEach((message, index) => {
    const where = `messages[${index}]`;
    if (message.role === 'system' || message.role === 'developer') {
      system.push(...withMessageCache(message, contentBlocks(message.content, where)));
      return;
    }
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks = withMessageCache(message, turnBlocks(message, where));
    // Anthropic rejects empty turns; an assistant message with neither text nor tool calls says nothing.
    if (blocks.length === 0) return;
    const previous = turns.at(-1);
    if (previous?.role === role) previous.content.push(...blocks);
    else turns.push({ role, content: blocks });
  });
  return { system: systemOf(system), messages: turns };
}

function turnBlocks(message: ChatMessage, where: string): RequestBlock[] {
  if (message.role === 'tool') {
    if (!message.tool_call_id) {
      throw invalid(`A tool message needs \`tool_call_id\`.`, `${where}.tool_call_id`);
    }
    const content = contentBlocks(message.content, where);
    const only = content[0];
    const simple = content.length === 1 && only?.type === 'text' && only.cache_control === undefined;
    return [
      { type: 'tool_result', tool_use_id: message.tool_call_id, content: simple ? only.text : content },
    ];
  }
  const blocks = contentBlocks(message.content, where);
  if (message.role !== 'assistant') return blocks;
  for (const [index, call] of (message.tool_calls ?? []).entries()) {
    blocks.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: parseArguments(call.function.arguments, `${where}.tool_calls[${index}].function.arguments`),
    });
  }
  return blocks;
}

function contentBlocks(content: ChatMessage['content'], where: string): RequestBlock[] {
  if (content === null || content === undefined || content === '') return [];
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, index) => withCache(part, partBlock(part, `${where}.content[${index}]`)));
}

function partBlock(part: ContentPart, where: string): RequestBlock {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image_url':
      return { type: 'image', source: imageSource(part.image_url.url, where) };
    default:
      throw new StrataError('unsupported_parameter', `Anthropic does not accept \`${part.type}\` content.`, {
        param: where,
      });
  }
}

const dataUrl = /^data:([^;,]+);base64,(.*)$/s;

function imageSource(url: string, where: string): ImageSource {
  const inline = dataUrl.exec(url);
  if (inline?.[1] !== undefined && inline[2] !== undefined) {
    return { type: 'base64', media_type: inline[1], data: inline[2] };
  }
  if (/^https?:\/\//i.test(url)) return { type: 'url', url };
  throw invalid('An image must be a base64 `data:` URL or an http(s) URL.', `${where}.image_url.url`);
}

function parseArguments(text: string, where: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StrataError('invalid_request', 'Tool call arguments must be a JSON object.', {
      param: where,
      cause: error,
    });
  }
}

/** A single uncached system text travels as a plain string; anything richer stays as blocks. */
function systemOf(blocks: RequestBlock[]): string | RequestBlock[] | undefined {
  if (blocks.length === 0) return undefined;
  const only = blocks[0];
  if (blocks.length === 1 && only?.type === 'text' && only.cache_control === undefined) return only.text;
  return blocks;
}

/** Keeps a client's `cache_control` (an extra field on a part) on the converted block. */
function withCache(source: object, block: RequestBlock): RequestBlock {
  const cacheControl = cacheControlOf(source);
  return cacheControl === undefined ? block : { ...block, cache_control: cacheControl };
}

/** A `cache_control` on a whole message marks its last block, which caches everything up to it. */
function withMessageCache(message: ChatMessage, blocks: RequestBlock[]): RequestBlock[] {
  const last = blocks.at(-1);
  if (last === undefined || cacheControlOf(message) === undefined) return blocks;
  return [...blocks.slice(0, -1), withCache(message, last)];
}

function cacheControlOf(source: object): CacheControl | undefined {
  if (!('cache_control' in source)) return undefined;
  const value = source.cache_control;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return { ...value };
}

function invalid(message: string, param: string): StrataError {
  return new StrataError('invalid_request', message, { param });
}
