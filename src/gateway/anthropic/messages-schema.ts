import { z } from 'zod';

// Anthropic clients mark blocks for prompt caching; Strata accepts the marker and leaves caching to the provider.
const cacheControl = { cache_control: z.looseObject({ type: z.string() }).nullable().optional() };

const textBlock = z.strictObject({
  type: z.literal('text'),
  text: z.string(),
  citations: z.array(z.json()).nullable().optional(),
  ...cacheControl,
});

const imageSource = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('base64'), media_type: z.string().min(1), data: z.string().min(1) }),
  z.strictObject({ type: z.literal('url'), url: z.string().min(1) }),
]);

const imageBlock = z.strictObject({ type: z.literal('image'), source: imageSource, ...cacheControl });

const toolUseBlock = z.strictObject({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.json()),
  ...cacheControl,
});

const toolResultBlock = z.strictObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(z.discriminatedUnion('type', [textBlock, imageBlock]))]).optional(),
  is_error: z.boolean().optional(),
  ...cacheControl,
});

// Accepted so the route can answer with a clear 400 rather than a schema error.
const documentBlock = z.looseObject({ type: z.literal('document') });

// Extended thinking replayed in the history; no OpenAI-shaped provider takes it back, so it is dropped.
const thinkingBlock = z.looseObject({ type: z.enum(['thinking', 'redacted_thinking']) });

const contentBlock = z.discriminatedUnion('type', [
  textBlock,
  imageBlock,
  toolUseBlock,
  toolResultBlock,
  documentBlock,
  thinkingBlock,
]);

const message = z.strictObject({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(contentBlock)]),
});

const tool = z.strictObject({
  type: z.literal('custom').optional(),
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,128}$/, 'tool names use letters, digits, _ and -, at most 128'),
  description: z.string().optional(),
  input_schema: z
    .record(z.string(), z.json())
    .refine((schema) => schema.type === 'object', 'an input schema must have `type: "object"`'),
  ...cacheControl,
});

const toolChoice = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().optional() }),
  z.strictObject({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().optional() }),
  z.strictObject({
    type: z.literal('tool'),
    name: z.string().min(1),
    disable_parallel_tool_use: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('none') }),
]);

const fields = {
  model: z.string().min(1),
  messages: z.array(message).min(1),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  tools: z.array(tool).optional(),
  tool_choice: toolChoice.optional(),
  // Passed through untouched: providers that understand extended thinking read it, others reject it.
  thinking: z.record(z.string(), z.json()).optional(),
};

/** `POST /v1/messages`: the Anthropic Messages request; unknown top-level fields are rejected, as Anthropic does. */
export const messagesRequestSchema = z.strictObject({
  ...fields,
  max_tokens: z.number().int().positive(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  // Passed through as an extra field: local servers (vLLM, llama.cpp, Ollama) take `top_k`.
  top_k: z.number().int().positive().optional(),
  metadata: z.strictObject({ user_id: z.string().nullable().optional() }).optional(),
  stream: z.boolean().optional(),
  // Top-level automatic caching marker: accepted, caching is left to the provider.
  ...cacheControl,
});

/** `POST /v1/messages/count_tokens`: the parts of a Messages request that make up its input. */
export const countTokensRequestSchema = z.strictObject(fields);

/** A validated Anthropic Messages request. */
export type MessagesRequest = z.output<typeof messagesRequestSchema>;
/** A validated count-tokens request. */
export type CountTokensRequest = z.output<typeof countTokensRequestSchema>;
/** One content block of a request message. */
export type ContentBlock = z.output<typeof contentBlock>;
/** One message of a request. */
export type RequestMessage = z.output<typeof message>;
