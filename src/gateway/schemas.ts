import { z } from 'zod';
import { identifier } from '../config/identifier.js';
import { parseRange } from '../governance/key-scopes.js';

/** The path parameters of a route that names one thing by `:id`. */
export const idParamsSchema = z.object({ id: identifier() });

/** Anthropic-style prompt-caching marker; adapters that cache prompts pass it on, others ignore it. */
const cacheControl = z.strictObject({ type: z.literal('ephemeral'), ttl: z.string().optional() }).optional();

const text = z.strictObject({ type: z.literal('text'), text: z.string(), cache_control: cacheControl });
const contentPart = z.discriminatedUnion('type', [
  text,
  z.strictObject({
    type: z.literal('image_url'),
    image_url: z.strictObject({ url: z.string().min(1), detail: z.enum(['auto', 'low', 'high']).optional() }),
    cache_control: cacheControl,
  }),
  z.strictObject({
    type: z.literal('input_audio'),
    input_audio: z.strictObject({ data: z.string(), format: z.string() }),
  }),
  z.strictObject({ type: z.literal('file'), file: z.record(z.string(), z.json()) }),
  z.strictObject({ type: z.literal('refusal'), refusal: z.string() }),
]);

const toolCall = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

const message = z.discriminatedUnion('role', [
  z.object({
    role: z.enum(['system', 'developer']),
    content: z.union([z.string(), z.array(text)]),
    name: z.string().optional(),
    cache_control: cacheControl,
  }),
  z.object({
    role: z.literal('user'),
    content: z.union([z.string(), z.array(contentPart)]),
    name: z.string().optional(),
    cache_control: cacheControl,
  }),
  z.object({
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
    name: z.string().optional(),
    tool_calls: z.array(toolCall).optional(),
    refusal: z.string().nullable().optional(),
  }),
  z.object({
    role: z.literal('tool'),
    content: z.union([z.string(), z.array(text)]),
    tool_call_id: z.string().min(1),
  }),
]);

const tool = z.strictObject({
  type: z.literal('function'),
  function: z.strictObject({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'tool names use letters, digits, _ and -, at most 64'),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.json()).optional(),
    strict: z.boolean().nullable().optional(),
  }),
});

const responseFormat = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text') }),
  z.strictObject({ type: z.literal('json_object') }),
  z.strictObject({
    type: z.literal('json_schema'),
    json_schema: z.strictObject({
      name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
      description: z.string().optional(),
      schema: z.record(z.string(), z.json()).optional(),
      strict: z.boolean().nullable().optional(),
    }),
  }),
]);

const positiveInt = z.number().int().positive();

/** A managed prompt to build the messages from: by name, with a label or a version, and its variables. */
const promptReference = z
  .strictObject({
    name: z.string().min(1).max(200),
    label: z.string().min(1).max(100).optional(),
    version: z.number().int().min(1).optional(),
    variables: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((reference) => reference.label === undefined || reference.version === undefined, {
    message: 'give a label or a version, not both',
  });

/** `POST /v1/chat/completions`; unknown top-level fields pass through to providers that take them. */
export const chatRequestSchema = z
  .looseObject({
    model: z.string().min(1),
    messages: z.array(message).default([]),
    prompt: promptReference.optional(),
    stream: z.boolean().nullable().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).nullable().optional(),
    tools: z.array(tool).optional(),
    tool_choice: z
      .union([
        z.enum(['none', 'auto', 'required']),
        z.strictObject({ type: z.literal('function'), function: z.strictObject({ name: z.string() }) }),
      ])
      .optional(),
    parallel_tool_calls: z.boolean().optional(),
    response_format: responseFormat.optional(),
    n: z.number().int().min(1).max(128).nullable().optional(),
    stop: z
      .union([z.string(), z.array(z.string()).max(4)])
      .nullable()
      .optional(),
    seed: z.number().int().nullable().optional(),
    logprobs: z.boolean().nullable().optional(),
    top_logprobs: z.number().int().min(0).max(20).nullable().optional(),
    max_tokens: positiveInt.nullable().optional(),
    max_completion_tokens: positiveInt.nullable().optional(),
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().min(0).max(1).nullable().optional(),
    frequency_penalty: z.number().min(-2).max(2).nullable().optional(),
    presence_penalty: z.number().min(-2).max(2).nullable().optional(),
    logit_bias: z.record(z.string(), z.number().min(-100).max(100)).nullable().optional(),
    user: z.string().optional(),
    metadata: z.record(z.string(), z.string()).optional(),
  })
  .refine((body) => body.messages.length > 0 || body.prompt !== undefined, {
    path: ['messages'],
    message: 'Too small: expected array to have >=1 items (or send a `prompt`)',
  });

/** `POST /v1/embeddings`. */
export const embeddingRequestSchema = z.strictObject({
  model: z.string().min(1),
  input: z.union([
    z.string(),
    // Providers take up to 2048 inputs a call; larger requests are split into batches by the adapter.
    z.array(z.string()).min(1).max(100_000),
    z.array(z.number().int()).min(1),
    z.array(z.array(z.number().int()).min(1)).min(1).max(100_000),
  ]),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: positiveInt.optional(),
  user: z.string().optional(),
});

/** `POST /v1/completions` (legacy), translated to a chat call. */
export const completionRequestSchema = z.looseObject({
  model: z.string().min(1),
  prompt: z.union([
    z.string(),
    z.array(z.string()).length(1, 'Strata serves one prompt per legacy completion request'),
  ]),
  stream: z.boolean().nullable().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullable().optional(),
  max_tokens: positiveInt.nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  n: z.number().int().min(1).max(128).nullable().optional(),
  stop: z
    .union([z.string(), z.array(z.string()).max(4)])
    .nullable()
    .optional(),
  seed: z.number().int().nullable().optional(),
  user: z.string().optional(),
});

/** `POST /admin/v1/keys`. */
export const createKeySchema = z.strictObject({
  name: identifier(200),
  // A key's team is a budget's `match`, so it is held to the same rules.
  metadata: z
    .object({
      team: identifier().optional(),
      /** The user or service account the key belongs to; the key acts with its role and teams. */
      user: identifier().optional(),
      models: z.array(identifier()).max(200).optional(),
      allowed_ips: z
        .array(
          z.string().refine((text) => parseRange(text) !== undefined, 'expected an address or CIDR range'),
        )
        .min(1)
        .max(200)
        .optional(),
      expires_at: z.iso
        .datetime({ offset: true })
        .refine((text) => Date.parse(text) > Date.now(), 'must be in the future')
        .optional(),
      tags: z.array(identifier(64)).max(50).optional(),
    })
    .catchall(z.json())
    .optional(),
});
