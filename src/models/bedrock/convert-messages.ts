import { StrataError } from '../../core/errors.js';
import type { ChatMessage, ContentPart } from '../../core/types.js';

/** A Converse content block, as Bedrock's `Message.content` holds it. */
export type ConverseBlock =
  | { text: string }
  | { image: { format: string; source: { bytes: string } } }
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | { toolResult: { toolUseId: string; content: Array<{ text: string } | { json: unknown }> } };

/** A Converse message: Bedrock knows only the user and assistant roles. */
export interface ConverseMessage {
  role: 'user' | 'assistant';
  content: ConverseBlock[];
}

/** The system prompt and turns of a Converse request. */
export interface ConverseConversation {
  system: Array<{ text: string }>;
  messages: ConverseMessage[];
}

const imageFormats: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/**
 * Turns OpenAI messages into Converse turns: system and developer messages become `system`, tool
 * results become `toolResult` blocks in a user turn, and consecutive turns of one role are merged,
 * because Bedrock wants user and assistant to alternate.
 */
export function toConverseConversation(messages: readonly ChatMessage[]): ConverseConversation {
  const system: Array<{ text: string }> = [];
  const turns: ConverseMessage[] = [];
  const append = (role: 'user' | 'assistant', content: ConverseBlock[]): void => {
    if (content.length === 0) return;
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(...content);
    else turns.push({ role, content });
  };
  messages.forEach((message, index) => {
    const at = `messages[${index}]`;
    if (message.role === 'system' || message.role === 'developer') {
      for (const text of textsOf(message.content, at)) system.push({ text });
    } else if (message.role === 'user') {
      append('user', userBlocks(message.content, at));
    } else if (message.role === 'assistant') {
      append('assistant', assistantBlocks(message, at));
    } else {
      append('user', [toolResultBlock(message, at)]);
    }
  });
  return { system, messages: turns };
}

function userBlocks(content: ChatMessage['content'], at: string): ConverseBlock[] {
  if (content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  return content.map((part, index) => partBlock(part, `${at}.content[${index}]`));
}

function partBlock(part: ContentPart, at: string): ConverseBlock {
  if (part.type === 'text') return { text: part.text };
  if (part.type !== 'image_url') {
    throw unsupported(at, `Bedrock's Converse API takes no \`${part.type}\` content parts here.`);
  }
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(part.image_url.url);
  if (match === null) {
    throw unsupported(at, 'Bedrock takes images only as base64 `data:` URLs, not links to fetch.');
  }
  const format = imageFormats[(match[1] ?? '').toLowerCase()];
  if (format === undefined) {
    throw unsupported(at, `Bedrock takes png, jpeg, gif or webp images, not ${match[1]}.`);
  }
  return { image: { format, source: { bytes: match[2] ?? '' } } };
}

function assistantBlocks(message: ChatMessage, at: string): ConverseBlock[] {
  const blocks: ConverseBlock[] = textsOf(message.content, at).map((text) => ({ text }));
  for (const [index, call] of (message.tool_calls ?? []).entries()) {
    blocks.push({
      toolUse: {
        toolUseId: call.id,
        name: call.function.name,
        input: parseArguments(call.function.arguments, `${at}.tool_calls[${index}].function.arguments`),
      },
    });
  }
  return blocks;
}

function toolResultBlock(message: ChatMessage, at: string): ConverseBlock {
  if (!message.tool_call_id) {
    throw new StrataError('invalid_request', `\`${at}.tool_call_id\` is required for a tool message.`, {
      param: `${at}.tool_call_id`,
    });
  }
  const text = textsOf(message.content, at).join('\n');
  return { toolResult: { toolUseId: message.tool_call_id, content: [resultContent(text)] } };
}

/** A result that is a JSON object travels as `json`, so the model sees structure; anything else as text. */
function resultContent(text: string): { text: string } | { json: unknown } {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return { json: parsed };
  } catch {
    // Plain text.
  }
  return { text };
}

function parseArguments(text: string, at: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new StrataError('invalid_request', `\`${at}\` is not valid JSON.`, { param: at });
  }
}

function textsOf(content: ChatMessage['content'], at: string): string[] {
  if (content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [content];
  return content.map((part, index) => {
    if (part.type === 'text') return part.text;
    throw unsupported(`${at}.content[${index}]`, `only text parts are allowed in this message.`);
  });
}

function unsupported(param: string, detail: string): StrataError {
  return new StrataError('unsupported_parameter', `\`${param}\`: ${detail}`, { param });
}
