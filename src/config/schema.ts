import { z } from 'zod';
import { routesSchema } from './routes.js';

/** One upstream provider instance; `kind` names a preset (openai, groq, …), `openai-compatible` or `azure`. */
export const providerConfigSchema = z.strictObject({
  kind: z.string().min(1).optional(),
  base_url: z.url().optional(),
  api_key: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  api_version: z.string().optional(),
  deployments: z.record(z.string(), z.string()).optional(),
  timeout_ms: z.number().int().positive().optional(),
  /** AWS Bedrock: the region and credentials the requests are signed with. */
  region: z.string().optional(),
  aws_access_key_id: z.string().optional(),
  aws_secret_access_key: z.string().optional(),
  aws_session_token: z.string().optional(),
  /** Replay: the routing-outcomes JSONL file the recorded answers come from. */
  data: z.string().optional(),
});

/** A model clients can name: `name` is what they send, `provider` + `model` is what is called upstream. */
export const modelConfigSchema = z.strictObject({
  name: z.string().min(1),
  provider: z.string().min(1),
  model: z.string().min(1),
  description: z.string().optional(),
});

/** A key defined in config rather than created through the admin API. */
export const staticKeySchema = z.strictObject({
  name: z.string().min(1),
  key: z.string().min(16, 'keys must be at least 16 characters long'),
  /** The team the key's spend is attributed to, as `team` metadata does for keys made through the API. */
  team: z.string().min(1).optional(),
});

/** One rate limit: per key, per model or across the gateway; `match` narrows it to one key or model. */
export const rateLimitRuleSchema = z
  .strictObject({
    scope: z.enum(['key', 'model', 'global']),
    /**
     * A key's name or id (a config key's `name`, an API key's name or `key_…` id, `master`) or a model name;
     * absent, each distinct one gets its own bucket.
     */
    match: z.string().min(1).optional(),
    requests_per_minute: z.number().int().positive().optional(),
    tokens_per_minute: z.number().int().positive().optional(),
    concurrent: z.number().int().positive().optional(),
  })
  .refine(
    (rule) =>
      rule.requests_per_minute !== undefined ||
      rule.tokens_per_minute !== undefined ||
      rule.concurrent !== undefined,
    'set requests_per_minute, tokens_per_minute or concurrent',
  );

/**
 * One spending budget per period window: per key, team (the key's `team`), end user (the `user` field or
 * the `x-strata-end-user` header), tag (`metadata.tags`), model, or the whole gateway.
 */
export const budgetSchema = z
  .strictObject({
    scope: z.enum(['key', 'team', 'user', 'tag', 'model', 'global']),
    /**
     * What the budget applies to: a key's name or id (a config key's `name`, an API key's name or `key_…`
     * id), a team, a `user` value, a tag or a model name; required except for `global`.
     */
    match: z.string().min(1).optional(),
    period: z.enum(['daily', 'weekly', 'monthly', 'total']),
    limit_usd: z.number().positive(),
    /** `hard` refuses calls that could exceed the limit; `soft` serves them and raises an alert. */
    mode: z.enum(['hard', 'soft']).default('hard'),
    /** What a call to a model without a catalog price does: `refuse` (400) or `allow` (reserves nothing). */
    unpriced: z.enum(['refuse', 'allow']).default('refuse'),
  })
  .refine((budget) => budget.scope === 'global' || budget.match !== undefined, {
    message: 'set match (a key id, team, user, tag or model) unless scope is global',
    path: ['match'],
  });

/** A catalog price override or addition, in USD per million tokens. */
export const catalogModelSchema = z.strictObject({
  /**
   * A configured provider's name (prices that provider alone) or a provider kind such as `openai` or
   * `openai-compatible` (prices every provider of that kind).
   */
  provider: z.string().min(1),
  /** The upstream model id, or the `name` of a `models` entry of that provider. */
  id: z.string().min(1),
  input: z.number().min(0),
  output: z.number().min(0),
  cached_input: z.number().min(0).optional(),
  cache_write: z.number().min(0).optional(),
  reasoning: z.number().min(0).optional(),
  context_window: z.number().int().positive().optional(),
  max_output: z.number().int().positive().optional(),
  tools: z.boolean().optional(),
  images: z.boolean().optional(),
  json_schema: z.boolean().optional(),
});

/** The whole `strata.yaml`, with every default filled in. */
export const configSchema = z.strictObject({
  server: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(4100),
      /** Requests whose body is larger get 413. */
      body_limit_bytes: z
        .number()
        .int()
        .positive()
        .default(20 * 1024 * 1024),
      /** How long shutdown waits for in-flight requests before closing their connections. */
      shutdown_grace_ms: z.number().int().min(0).default(10_000),
      auth: z.boolean().default(true),
    })
    .prefault({}),
  store: z
    .strictObject({
      home: z.string().default('./.strata'),
      database_url: z.string().optional(),
    })
    .prefault({}),
  request_log: z
    .strictObject({
      batch_size: z.number().int().positive().default(200),
      flush_interval_ms: z.number().int().positive().default(250),
    })
    .prefault({}),
  limits: z
    .strictObject({
      /** Upstream timeout for one call, to the first byte when streaming. */
      request_timeout_ms: z.number().int().positive().default(600_000),
      /** Requests, tokens and concurrent calls allowed per key, model or gateway; none = no limiter. */
      rate_limits: z.array(rateLimitRuleSchema).default([]),
      /**
       * What happens to a prompt that cannot fit the model's context window with its requested output:
       * `error` (400 context_length_exceeded), `trim` (drop the oldest turns, system messages kept), or
       * `fallback` (the first model in `fallbacks[model]` whose window fits).
       */
      context_window: z
        .strictObject({
          on_overflow: z.enum(['error', 'trim', 'fallback']).default('error'),
          fallbacks: z.record(z.string(), z.array(z.string().min(1)).min(1)).default({}),
        })
        .prefault({}),
    })
    .prefault({}),
  providers: z
    .record(
      z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lowercase letters, digits, - and _'),
      providerConfigSchema,
    )
    .default({}),
  models: z.array(modelConfigSchema).default([]),
  aliases: z.record(z.string(), z.string()).default({}),
  keys: z.array(staticKeySchema).default([]),
  /** The exact-match response cache for non-streaming chat calls; off unless enabled. */
  cache: z
    .strictObject({
      enabled: z.boolean().default(false),
      ttl_seconds: z.number().int().positive().default(3600),
      /** The in-process cache's size; with REDIS_URL the cache lives in Redis, shared by replicas. */
      max_entries: z.number().int().positive().default(10_000),
    })
    .prefault({}),
  /** Spending budgets, upserted into the store at start alongside those created with the admin API. */
  budgets: z.array(budgetSchema).default([]),
  /** Model prices and limits that replace or add to the built-in catalog. */
  catalog: z.strictObject({ models: z.array(catalogModelSchema).default([]) }).prefault({}),
  /** Virtual model names mapped to plans: fallbacks, load balancing, rules and cascades. */
  routes: routesSchema,
  /** Knowledge bases: the one `local/extractive` answers from, and the project docs ingested at start. */
  knowledge: z
    .strictObject({
      /** The knowledge base `local/extractive` searches when a request names none. */
      default_kb: z
        .string()
        .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/)
        .default('docs'),
      /** At start, ingest the project's README and docs into `default_kb` (incrementally, by content hash). */
      ingest_project_docs: z.boolean().default(true),
      /** Chunks retrieved per question by `local/extractive` and by `knowledge` on chat requests. */
      top_k: z.number().int().min(1).max(50).default(5),
    })
    .prefault({}),
});

/** The validated configuration. */
export type Config = z.output<typeof configSchema>;
/** One validated rate-limit rule. */
export type RateLimitRule = z.output<typeof rateLimitRuleSchema>;
/** One validated budget definition. */
export type BudgetConfig = z.output<typeof budgetSchema>;
/** One validated provider entry. */
export type ProviderConfig = z.output<typeof providerConfigSchema>;
