import { StrataError } from '../core/errors.js';
import type { ChatRequest } from '../core/types.js';

/** What a model accepts; a request asking for more is refused before any upstream call. */
export interface ModelCapabilities {
  tools: boolean;
  images: boolean;
  /** `response_format: json_schema` (structured output). */
  jsonSchema: boolean;
  /** `response_format: json_object`. */
  jsonObject: boolean;
  /** Tokens of prompt plus output the model can hold. */
  contextWindow: number;
  /** Embedding models serve /v1/embeddings only. */
  chat: boolean;
}

const full = { tools: true, images: true, jsonSchema: true, jsonObject: true, chat: true };
const textOnly = { ...full, images: false };

/**
 * Capabilities by model family, from each provider's published model pages. Matched against the
 * upstream model id, first match wins; a model no pattern knows is not checked, so new models work.
 */
const families: ReadonlyArray<readonly [RegExp, ModelCapabilities]> = [
  [
    /^(text-embedding-|embed-|.*-embed(ding)?-|titan-embed|amazon\.titan-embed|cohere\.embed|gemini-embedding)/,
    {
      ...full,
      tools: false,
      images: false,
      jsonSchema: false,
      jsonObject: false,
      chat: false,
      contextWindow: 8_192,
    },
  ],
  [/^gpt-4\.1/, { ...full, contextWindow: 1_047_576 }],
  [/^gpt-5/, { ...full, contextWindow: 400_000 }],
  [/^(gpt-4o|chatgpt-4o)/, { ...full, contextWindow: 128_000 }],
  [/^o[134](-|$)/, { ...full, contextWindow: 200_000 }],
  [/^gpt-4-turbo/, { ...full, jsonSchema: false, contextWindow: 128_000 }],
  [/^gpt-3\.5-turbo/, { ...textOnly, jsonSchema: false, contextWindow: 16_385 }],
  [/^(anthropic\.)?claude-/, { ...full, contextWindow: 200_000 }],
  [/^gemini-(1\.5|2\.\d|3)/, { ...full, contextWindow: 1_048_576 }],
  [/^deepseek-(chat|reasoner)/, { ...textOnly, jsonSchema: false, contextWindow: 128_000 }],
  [/^(mistral-large|mistral-medium|pixtral|mistral-small)/, { ...full, contextWindow: 128_000 }],
  [/^(open-)?mistral-7b|^ministral/, { ...textOnly, contextWindow: 32_000 }],
  [/^llama-3\.[13]-.*instant|^llama-3\.3-70b/, { ...textOnly, contextWindow: 131_072 }],
];

/** The known capabilities of an upstream model, or undefined when Strata does not know the model. */
export function capabilitiesOf(upstreamModel: string): ModelCapabilities | undefined {
  const name = upstreamModel.slice(upstreamModel.lastIndexOf('/') + 1);
  return families.find(([pattern]) => pattern.test(name))?.[1];
}

function hasImages(request: ChatRequest): boolean {
  return request.messages.some(
    (message) => Array.isArray(message.content) && message.content.some((part) => part.type === 'image_url'),
  );
}

/** Characters of text in the prompt (images and audio are priced apart, so they are left out). */
/** The characters of a request's text: no tokenizer yields more tokens than this plus framing. */
export function promptCharacters(request: ChatRequest): number {
  let characters = request.tools ? JSON.stringify(request.tools).length : 0;
  for (const message of request.messages) {
    if (typeof message.content === 'string') characters += message.content.length;
    else for (const part of message.content ?? []) if (part.type === 'text') characters += part.text.length;
    for (const call of message.tool_calls ?? []) characters += call.function.arguments.length;
  }
  return characters;
}

/**
 * Refuses, with a 400 naming the capability, a request the model is known not to serve. `capabilities`
 * defaults to the family table; callers that know the model's catalog entry pass its capabilities.
 */
export function assertCapabilities(
  upstreamModel: string,
  request: ChatRequest,
  capabilities: ModelCapabilities | undefined = capabilitiesOf(upstreamModel),
): void {
  if (!capabilities) return;
  const refuse = (param: string, what: string) => {
    throw new StrataError(
      'unsupported_parameter',
      `The model \`${upstreamModel}\` does not support ${what}.`,
      { param },
    );
  };
  if (!capabilities.chat) refuse('model', 'chat completions (it is an embedding model; use /v1/embeddings)');
  if (request.tools && request.tools.length > 0 && !capabilities.tools) refuse('tools', 'tools');
  if (!capabilities.images && hasImages(request)) refuse('messages', 'image inputs');
  const format = request.response_format?.type;
  if (format === 'json_schema' && !capabilities.jsonSchema) refuse('response_format', 'json_schema output');
  if (format === 'json_object' && !capabilities.jsonObject) refuse('response_format', 'json_object output');
  // Only a prompt certainly too long is refused: six characters per token undercounts nearly any text.
  const floor = Math.ceil(promptCharacters(request) / 6);
  if (floor > capabilities.contextWindow) {
    refuse(
      'messages',
      `a prompt this long (at least ${floor} tokens; its context window is ${capabilities.contextWindow})`,
    );
  }
}
