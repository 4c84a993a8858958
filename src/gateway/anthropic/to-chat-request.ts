import { StrataError } from '../../core/errors.js';
import type { ChatMessage, ChatRequest, ContentPart, ToolCall, ToolDefinition } from '../../core/types.js';
import type { ContentBlock, MessagesRequest, RequestMessage } from './messages-schema.js';

type ImageBlock = Extract<ContentBlock, { type: 'image' }>;
type ToolResultBlock = Extract<ContentBlock, { type: 'tool_result' }>;

function unsupported(message: string, param: string): StrataError {
  return new StrataError('unsupported_parameter', message, { param });
}

/** The system prompt as one string: text blocks are joined the way Anthropic concatenates them. */
export function systemText(system: MessagesRequest['system']): string | undefined {
  if (system === undefined) return undefined;
  return typeof system === 'string' ? system : system.map((block) => block.text).join('\n\n');
}

function imagePart(block: ImageBlock): ContentPart {
  const url =
    block.source.type === 'url'
      ? block.source.url
      : `data:${block.source.media_type};base64,${block.source.data}`;
  return { type: 'image_url', image_url: { url } };
}

function toolResultText(block: ToolResultBlock, param: string): string {
  const content = block.content ?? '';
  const text =
    typeof content === 'string'
      ? content
      : content
          .map((part, index) => {
            if (part.type === 'text') return part.text;
            throw unsupported(
              'Images inside `tool_result` are not supported by Strata.',
              `${param}.content[${index}]`,
            );
          })
          .join('\n');
  // OpenAI tool messages have no error flag, so the model reads it from the text.
  return block.is_error === true ? `Error: ${text}` : text;
}

function userMessages(blocks: ContentBlock[], param: string): ChatMessage[] {
  // OpenAI wants tool results right after the assistant turn that called the tools, before any user text.
  const toolMessages: ChatMessage[] = [];
  const parts: ContentPart[] = [];
  blocks.forEach((block, index) => {
    const where = `${param}[${index}]`;
    if (block.type === 'text') parts.push({ type: 'text', text: block.text });
    else if (block.type === 'image') parts.push(imagePart(block));
    else if (block.type === 'tool_result') {
      toolMessages.push({
        role: 'tool',
        tool_call_id: block.tool_use_id,
        content: toolResultText(block, where),
      });
    } else if (block.type === 'document') {
      throw unsupported('`document` content blocks are not supported by Strata yet.', where);
    } else if (block.type === 'tool_use') {
      throw new StrataError('invalid_request', '`tool_use` blocks belong to assistant messages.', {
        param: where,
      });
    }
  });
  if (parts.length === 0) return toolMessages;
  const onlyText = parts.every((part) => part.type === 'text');
  const content = onlyText ? parts.map((part) => (part.type === 'text' ? part.text : '')).join('\n') : parts;
  return [...toolMessages, { role: 'user', content }];
}

function assistantMessage(blocks: ContentBlock[], param: string): ChatMessage {
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  blocks.forEach((block, index) => {
    if (block.type === 'text') texts.push(block.text);
    else if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: JSON.stringify(block.input) },
      });
    } else if (block.type !== 'thinking' && block.type !== 'redacted_thinking') {
      throw new StrataError(
        'invalid_request',
        `\`${block.type}\` blocks are not allowed in assistant messages.`,
        {
          param: `${param}[${index}]`,
        },
      );
    }
  });
  const content = texts.length > 0 ? texts.join('') : null;
  return toolCalls.length > 0
    ? { role: 'assistant', content, tool_calls: toolCalls }
    : { role: 'assistant', content };
}

function chatMessages(message: RequestMessage, index: number): ChatMessage[] {
  if (typeof message.content === 'string') return [{ role: message.role, content: message.content }];
  const param = `messages[${index}].content`;
  return message.role === 'user'
    ? userMessages(message.content, param)
    : [assistantMessage(message.content, param)];
}

function toolChoiceOf(
  choice: NonNullable<MessagesRequest['tool_choice']>,
): NonNullable<ChatRequest['tool_choice']> {
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
  }
}

function toolOf(tool: NonNullable<MessagesRequest['tools']>[number]): ToolDefinition {
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description !== undefined && { description: tool.description }),
      parameters: tool.input_schema,
    },
  };
}

/** Translates an Anthropic Messages request into Strata's chat request (OpenAI shape). */
export function toChatRequest(body: MessagesRequest): ChatRequest {
  const system = systemText(body.system);
  const messages: ChatMessage[] = system === undefined ? [] : [{ role: 'system', content: system }];
  body.messages.forEach((message, index) => {
    messages.push(...chatMessages(message, index));
  });
  const request: ChatRequest = { model: body.model, messages, max_tokens: body.max_tokens };
  if (body.stream === true) request.stream = true;
  if (body.stop_sequences !== undefined && body.stop_sequences.length > 0) request.stop = body.stop_sequences;
  if (body.temperature !== undefined) request.temperature = body.temperature;
  if (body.top_p !== undefined) request.top_p = body.top_p;
  if (body.top_k !== undefined) request.top_k = body.top_k;
  if (body.thinking !== undefined) request.thinking = body.thinking;
  if (typeof body.metadata?.user_id === 'string') request.user = body.metadata.user_id;
  if (body.tools !== undefined && body.tools.length > 0) request.tools = body.tools.map(toolOf);
  if (body.tool_choice !== undefined) {
    request.tool_choice = toolChoiceOf(body.tool_choice);
    const disabled = body.tool_choice.type !== 'none' && body.tool_choice.disable_parallel_tool_use === true;
    if (disabled && request.tools !== undefined) request.parallel_tool_calls = false;
  }
  return request;
}
