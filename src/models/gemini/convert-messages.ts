import { StrataError } from '../../core/errors.js';
import type { ChatMessage, ContentPart, Json } from '../../core/types.js';
import type { GeminiContent, GeminiPart } from './gemini-types.js';

/** A conversation in Gemini's form: the system instruction apart, turns alternating `user` and `model`. */
export interface GeminiConversation {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
}

/** Converts OpenAI chat messages into Gemini turns, merging consecutive turns of the same role. */
export function toGeminiConversation(messages: readonly ChatMessage[]): GeminiConversation {
  const system: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  // Gemini names a function result by the function, OpenAI by the call id.
  const callNames = new Map<string, string>();
  messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    if (message.role === 'system' || message.role === 'developer') {
      system.push(...textParts(message.content, param));
      return;
    }
    const role = message.role === 'assistant' ? 'model' : 'user';
    const parts = partsOf(message, param, callNames);
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  });
  return system.length === 0 ? { contents } : { contents, systemInstruction: { parts: system } };
}

function partsOf(message: ChatMessage, param: string, callNames: Map<string, string>): GeminiPart[] {
  if (message.role === 'tool') return [functionResponse(message, param, callNames)];
  const parts = contentParts(message.content, param);
  for (const call of message.tool_calls ?? []) {
    callNames.set(call.id, call.function.name);
    parts.push({
      functionCall: { name: call.function.name, args: parseArguments(call.function.arguments, param) },
    });
  }
  return parts;
}

function functionResponse(message: ChatMessage, param: string, callNames: Map<string, string>): GeminiPart {
  const name = (message.tool_call_id && callNames.get(message.tool_call_id)) || message.name;
  if (!name) {
    throw new StrataError(
      'invalid_request',
      `${param} answers tool call \`${message.tool_call_id ?? ''}\`, which no earlier assistant message made.`,
      { param: `${param}.tool_call_id` },
    );
  }
  const content = textParts(message.content, param)
    .map((part) => part.text)
    .join('');
  return { functionResponse: { name, response: { content } } };
}

function parseArguments(text: string, param: string): Record<string, Json> {
  try {
    const parsed: unknown = JSON.parse(text === '' ? '{}' : text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return { ...parsed };
  } catch {
    // Reported below.
  }
  throw new StrataError('invalid_request', `${param} has tool call arguments that are not a JSON object.`, {
    param: `${param}.tool_calls`,
  });
}

function textParts(content: ChatMessage['content'], param: string): GeminiPart[] {
  return contentParts(content, param).filter((part) => part.text !== undefined);
}

function contentParts(content: ChatMessage['content'], param: string): GeminiPart[] {
  if (content === null || content === '') return [];
  if (typeof content === 'string') return [{ text: content }];
  return content.map((part, index) => contentPart(part, `${param}.content[${index}]`));
}

function contentPart(part: ContentPart, param: string): GeminiPart {
  switch (part.type) {
    case 'text':
      return { text: part.text };
    case 'image_url':
      return mediaPart(part.image_url.url, param);
    case 'input_audio':
      return { inlineData: { mimeType: `audio/${part.input_audio.format}`, data: part.input_audio.data } };
    case 'file': {
      const data = part.file.file_data;
      if (typeof data === 'string' && data.startsWith('data:')) return mediaPart(data, param);
      throw new StrataError(
        'invalid_request',
        `${param}: Gemini takes files as data: URLs in \`file_data\`.`,
        {
          param,
        },
      );
    }
  }
}

const mimeTypes: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
};

/** A data: URL travels inline; any other URL by reference, its type guessed from the extension. */
function mediaPart(url: string, param: string): GeminiPart {
  const inline = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  if (inline?.[1] !== undefined && inline[2] !== undefined) {
    return { inlineData: { mimeType: inline[1], data: inline[2] } };
  }
  if (url.startsWith('data:')) {
    throw new StrataError('invalid_request', `${param} has a data: URL that is not base64.`, { param });
  }
  const path = url.split(/[?#]/)[0] ?? '';
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return { fileData: { fileUri: url, mimeType: mimeTypes[extension] ?? 'image/jpeg' } };
}
