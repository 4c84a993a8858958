import { z } from 'zod';
import { alertsConfigSchema } from './alerts.js';
import { evaluationConfigSchema } from './evaluation.js';
import { guardrailsConfigSchema } from './guardrails.js';
import { identifier } from './identifier.js';
import { outboundConfigSchema } from './outbound.js';
import { routesSchema } from './routes.js';
import { ssoConfigSchema } from './sso.js';
import { valueConfigSchema } from './value.js';

/** The largest budget limit: its micro-dollars stay exact in a double and far inside a 64-bit column. */
const maxBudgetUsd = 1_000_000_000;

/** One upstream provider instance; `kind` names a preset (openai, groq, …), `openai-compatible` or `azure`. */
export const providerConfigSchema = z.strictObject({
  kind: z
    .string()
    .min(1)
    .optional()
    .describe(
      'A preset (openai, groq, together, mistral, deepseek, fireworks, openrouter, xai, perplexity, ollama, vllm, llamacpp, lmstudio), `openai-compatible`, or a native kind: `anthropic`, `gemini`, `bedrock`, `azure`, `replay`. Defaults to the provider name when that is a known kind.',
    ),
  base_url: z.url().optional().describe("The upstream's base URL; a preset's own is used when absent."),
  api_key: z.string().optional().describe('The upstream key, usually `${ENV_VAR}`.'),
  headers: z
    .record(z.string(), z.string())
    .optional()
    .describe('Extra headers sent with every upstream request.'),
  api_version: z.string().optional().describe('Azure OpenAI: the `api-version` query parameter.'),
  deployments: z
    .record(z.string(), z.string())
    .optional()
    .describe('Azure OpenAI: model name → deployment name.'),
  timeout_ms: z.number().int().positive().optional().describe('Upstream timeout for this provider.'),
  region: z.string().optional().describe('AWS Bedrock: the region requests are signed for.'),
  aws_access_key_id: z.string().optional().describe('AWS Bedrock: the access key id.'),
  aws_secret_access_key: z.string().optional().describe('AWS Bedrock: the secret access key.'),
  aws_session_token: z
    .string()
    .optional()
    .describe('AWS Bedrock: a session token, for temporary credentials.'),
  data: z
    .string()
    .optional()
    .describe('Replay: the routing-outcomes JSONL file whose recorded answers are served.'),
});

/** A model clients can name: `name` is what they send, `provider` + `model` is what is called upstream. */
export const modelConfigSchema = z.strictObject({
  name: z.string().min(1).describe('The model name clients send.'),
  provider: z.string().min(1).describe('The configured provider that serves it.'),
  model: z.string().min(1).describe('The model id sent upstream.'),
  description: z.string().optional().describe('Shown by `GET /v1/models`.'),
});

/** A key defined in config rather than created through the admin API. */
export const staticKeySchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .describe("The key's name, as budgets, rate limits and route conditions may match it."),
  key: z
    .string()
    .min(16, 'keys must be at least 16 characters long')
    .describe('The secret clients send as `Authorization: Bearer …`; at least 16 characters.'),
  team: identifier()
    .optional()
    .describe(
      "The team the key's spend and budgets are attributed to, as `team` metadata does for keys made through the API.",
    ),
  capture_content: z
    .boolean()
    .optional()
    .describe(
      "Keep this key's prompts and answers on its calls' traces, whatever `observability.capture_content` says.",
    ),
});

/** One rate limit: per key, per model or across the gateway; `match` narrows it to one key or model. */
export const rateLimitRuleSchema = z
  .strictObject({
    scope: z
      .enum(['key', 'model', 'global'])
      .describe('What is counted: per key, per model, or the whole gateway.'),
    match: identifier()
      .optional()
      .describe(
        "A key's name or id (a config key's `name`, an API key's name or `key_…` id, `master`) or a model name; absent, each distinct one gets its own bucket.",
      ),
    requests_per_minute: z
      .number()
      .int()
      .positive()
      .max(1e12)
      .optional()
      .describe('Requests allowed per minute.'),
    tokens_per_minute: z
      .number()
      .int()
      .positive()
      .max(1e12)
      .optional()
      .describe('Tokens (prompt and output) allowed per minute.'),
    concurrent: z
      .number()
      .int()
      .positive()
      .max(1e9)
      .optional()
      .describe('Requests allowed in flight at once.'),
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
    scope: z
      .enum(['key', 'team', 'user', 'tag', 'model', 'global'])
      .describe('What the budget counts: a key, a team, an end user, a tag, a model, or the whole gateway.'),
    match: identifier()
      .optional()
      .describe(
        "What the budget applies to: a key's name or id (a config key's `name`, an API key's name or `key_…` id), a team, a `user` value, a tag or a model name; required except for `global`.",
      ),
    period: z
      .enum(['daily', 'weekly', 'monthly', 'total'])
      .describe('The window the limit applies to; `total` never resets.'),
    limit_usd: z
      .number()
      .min(0.000001, 'the smallest limit is 0.000001 (one micro-dollar)')
      .max(maxBudgetUsd, `the largest limit is ${maxBudgetUsd}`)
      .describe('The limit in US dollars per period, counted in whole micro-dollars.'),
    mode: z
      .enum(['hard', 'soft'])
      .default('hard')
      .describe(
        '`hard` refuses calls that could exceed the limit (429 `budget_exceeded`); `soft` serves them and raises an alert.',
      ),
    unpriced: z
      .enum(['refuse', 'allow'])
      .default('refuse')
      .describe(
        'What a call to a model without a catalog price does: `refuse` (400) or `allow` (reserves nothing).',
      ),
  })
  .refine((budget) => budget.scope === 'global' || budget.match !== undefined, {
    message: 'set match (a key id, team, user, tag or model) unless scope is global',
    path: ['match'],
  });

/** A catalog price override or addition, in USD per million tokens. */
export const catalogModelSchema = z.strictObject({
  provider: z
    .string()
    .min(1)
    .describe(
      "A configured provider's name (prices that provider alone) or a provider kind such as `openai` or `openai-compatible` (prices every provider of that kind).",
    ),
  id: z
    .string()
    .min(1)
    .describe('The upstream model id, or the `name` of a `models` entry of that provider.'),
  input: z.number().min(0).describe('USD per million input tokens.'),
  output: z.number().min(0).describe('USD per million output tokens.'),
  cached_input: z.number().min(0).optional().describe('USD per million cached input tokens.'),
  cache_write: z.number().min(0).optional().describe('USD per million tokens written to the prompt cache.'),
  reasoning: z
    .number()
    .min(0)
    .optional()
    .describe('USD per million reasoning tokens, when priced apart from output.'),
  context_window: z.number().int().positive().optional().describe('The context window in tokens.'),
  max_output: z.number().int().positive().optional().describe('The most output tokens per call.'),
  tools: z.boolean().optional().describe('Whether the model takes tools.'),
  images: z.boolean().optional().describe('Whether the model takes images.'),
  json_schema: z.boolean().optional().describe('Whether the model takes a JSON schema response format.'),
});

/** How long one kind of record is kept; either bound may be left out. */
const retentionRuleSchema = z.strictObject({
  days: z.number().int().min(1).max(36_500).optional().describe('Records older than this many days go.'),
  max_rows: z.number().int().min(1).max(1e12).optional().describe('Past this many records, the oldest go.'),
});

/** The whole `strata.yaml`, with every default filled in. */
export const configSchema = z.strictObject({
  server: z
    .strictObject({
      host: z.string().default('127.0.0.1').describe('The address to listen on (or `STRATA_HOST`).'),
      port: z
        .number()
        .int()
        .min(0)
        .max(65535)
        .default(4100)
        .describe('The port to listen on (or `STRATA_PORT`, or `strata serve --port`).'),
      body_limit_bytes: z
        .number()
        .int()
        .positive()
        .default(20 * 1024 * 1024)
        .describe('Requests whose body is larger get 413.'),
      shutdown_grace_ms: z
        .number()
        .int()
        .min(0)
        .default(10_000)
        .describe('How long shutdown waits for in-flight requests before closing their connections.'),
      auth: z
        .boolean()
        .default(true)
        .describe('Require a key on every request; `false` is the same as `strata serve --no-auth`.'),
    })
    .prefault({}),
  store: z
    .strictObject({
      home: z
        .string()
        .default('./.strata')
        .describe('The folder for the SQLite database and other state (or `STRATA_HOME`).'),
      database_url: z
        .string()
        .optional()
        .describe('A PostgreSQL URL (or `DATABASE_URL`); absent, the store is SQLite in `home`.'),
    })
    .prefault({}),
  request_log: z
    .strictObject({
      batch_size: z.number().int().positive().default(200).describe('Request-log rows written per batch.'),
      flush_interval_ms: z
        .number()
        .int()
        .positive()
        .default(250)
        .describe('How often queued request-log rows are written.'),
      write_ahead: z
        .boolean()
        .default(true)
        .describe(
          'Append each row to a file in the Strata home as it is queued, so rows of a killed process are stored at the next start instead of lost with the unflushed batch.',
        ),
    })
    .prefault({}),
  limits: z
    .strictObject({
      request_timeout_ms: z
        .number()
        .int()
        .positive()
        .default(600_000)
        .describe('Upstream timeout for one call: to the response headers, and between streamed chunks.'),
      rate_limits: z
        .array(rateLimitRuleSchema)
        .default([])
        .describe(
          'Requests, tokens and concurrent calls allowed per key, model or gateway; none means no limiter.',
        ),
      context_window: z
        .strictObject({
          on_overflow: z
            .enum(['error', 'trim', 'fallback'])
            .default('error')
            .describe(
              "What happens to a prompt that cannot fit the model's context window with its requested output: `error` (400 `context_length_exceeded`), `trim` (drop the oldest turns, system messages kept), or `fallback` (the first model in `fallbacks[model]` whose window fits).",
            ),
          fallbacks: z
            .record(z.string(), z.array(z.string().min(1)).min(1))
            .default({})
            .describe('For `fallback`: model → the models to try, in order, when its window is too small.'),
        })
        .prefault({}),
      /** Who a call's spend is attributed to. */
      attribution: z
        .strictObject({
          /**
           * Lets a virtual key without a team charge the team its request names in `metadata.team`.
           * Off by default: such a key could otherwise spend any team's budget.
           */
          allow_request_team: z.boolean().default(false),
        })
        .prefault({}),
    })
    .prefault({}),
  providers: z
    .record(
      z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lowercase letters, digits, - and _'),
      providerConfigSchema,
    )
    .default({})
    .describe(
      'Upstream providers by a name you choose; providers whose key variable is set (OPENAI_API_KEY, ANTHROPIC_API_KEY, …) are added without an entry.',
    ),
  models: z
    .array(modelConfigSchema)
    .default([])
    .describe('Model names clients may send, each mapped to a provider and an upstream model.'),
  aliases: z
    .record(z.string(), z.string())
    .default({})
    .describe(
      'Alternative names: alias → model or route name (`default` names the model used for `default`).',
    ),
  keys: z
    .array(staticKeySchema)
    .default([])
    .describe('Fixed keys from config, besides the ones made through the admin API.'),
  cache: z
    .strictObject({
      enabled: z
        .boolean()
        .default(false)
        .describe('Answer repeated non-streaming chat requests from the cache.'),
      ttl_seconds: z
        .number()
        .int()
        .positive()
        .default(3600)
        .describe('How long a cached response is served.'),
      max_entries: z
        .number()
        .int()
        .positive()
        .default(10_000)
        .describe(
          "The in-process cache's size; with REDIS_URL the cache lives in Redis, shared by replicas.",
        ),
    })
    .prefault({})
    .describe('The exact-match response cache for non-streaming chat calls; off unless enabled.'),
  guardrails: guardrailsConfigSchema
    .prefault({})
    .describe(
      'PII, secret, prompt-injection and policy checks on prompts and answers, per key, team or route.',
    ),
  outbound: outboundConfigSchema
    .prefault({})
    .describe('The guard every request to a user-supplied URL (alert webhooks) goes through.'),
  budgets: z
    .array(budgetSchema)
    .default([])
    .describe(
      'Spending budgets, upserted into the store at start alongside those created with the admin API.',
    ),
  catalog: z
    .strictObject({
      models: z
        .array(catalogModelSchema)
        .default([])
        .describe('Model prices and limits that replace or add to the built-in catalog.'),
    })
    .prefault({}),
  budget_leases: z
    .strictObject({
      ttl_ms: z
        .number()
        .int()
        .positive()
        .default(30_000)
        .describe(
          "A lease not renewed within this time (its process was killed) goes back to the budget's window.",
        ),
      sync_interval_ms: z
        .number()
        .int()
        .positive()
        .default(100)
        .describe('How often settled spend reaches the store and leases are renewed.'),
    })
    .prefault({})
    .describe('Each process reserves in memory against room it leases from a budget window.'),
  routes: routesSchema.describe(
    'Virtual model names mapped to plans: fallbacks, load balancing, rules and cascades; see docs/routing.md.',
  ),
  knowledge: z
    .strictObject({
      default_kb: z
        .string()
        .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/)
        .default('docs')
        .describe('The knowledge base `local/extractive` answers from when a request names none.'),
      ingest_project_docs: z
        .boolean()
        .default(true)
        .describe(
          "At start, mirror the project's README.md, docs/ and bench READMEs into `default_kb` (incrementally, by content hash).",
        ),
      top_k: z
        .number()
        .int()
        .min(1)
        .max(50)
        .default(5)
        .describe(
          'Chunks retrieved per question by `knowledge` on chat requests (`local/extractive` reads a deeper pool).',
        ),
    })
    .prefault({})
    .describe(
      'Knowledge bases: the one `local/extractive` answers from, and the project docs ingested at start.',
    ),
  observability: z
    .strictObject({
      traces: z
        .boolean()
        .default(true)
        .describe(
          'Store one trace per call (spans for the request, its stages and attempts) for the query API.',
        ),
      capture_content: z
        .boolean()
        .default(false)
        .describe('Keep prompts and answers on traces; off by default.'),
      content_max_chars: z
        .number()
        .int()
        .positive()
        .max(1_000_000)
        .default(4000)
        .describe('Characters of a prompt or answer kept when capture is on.'),
      metrics: z.boolean().default(true).describe('`GET /metrics` in Prometheus text format.'),
      metrics_token: z
        .string()
        .min(16)
        .optional()
        .describe(
          'A bearer token that may scrape `/metrics` besides the master key; unset, only the master key may.',
        ),
      logs: z
        .enum(['json', 'off'])
        .default('json')
        .describe('`strata serve` writes one JSON line per request to stdout (`json`), or none (`off`).'),
      log_level: z
        .enum(['info', 'warn', 'error'])
        .default('info')
        .describe(
          'The least severe line written: `info` (every request), `warn` (4xx and up) or `error` (5xx).',
        ),
      retention: z
        .strictObject({
          interval_minutes: z
            .number()
            .int()
            .min(1)
            .max(1440)
            .default(60)
            .describe('How often one replica purges old records.'),
          traces: retentionRuleSchema
            .default({ days: 14, max_rows: 1_000_000 })
            .describe('How long traces are kept.'),
          request_log: retentionRuleSchema
            .default({ days: 90, max_rows: 5_000_000 })
            .describe('How long request-log rows are kept.'),
          ledger: retentionRuleSchema
            .default({ days: 730 })
            .describe('The ledger is money: kept longest, by age only unless a cap is set.'),
          content_days: z
            .number()
            .int()
            .min(1)
            .max(36_500)
            .optional()
            .describe(
              "Captured prompt and answer content older than this many days is removed from traces, which stay; an organisation's own `content_retention_days` wins. Absent: content lives as long as its trace.",
            ),
        })
        .prefault({})
        .describe('How long records are kept, by age and by count; one replica at a time purges.'),
      alerts: alertsConfigSchema
        .prefault({})
        .describe(
          'Alert rules over spend, errors, latency and budgets, delivered to webhooks with a history.',
        ),
    })
    .prefault({})
    .describe('Traces, metrics, logs, alerts, and how long their records are kept.'),
  evaluation: evaluationConfigSchema,
  sso: ssoConfigSchema
    .optional()
    .describe(
      'Sign-in with an OIDC provider: bearer JWTs verified against its JWKS, mapped to users and roles.',
    ),
  value: valueConfigSchema
    .prefault({})
    .describe('Business outcomes, savings baselines and A/B experiments (see docs/value.md).'),
});

/** The validated configuration. */
export type Config = z.output<typeof configSchema>;
/** One validated rate-limit rule. */
export type RateLimitRule = z.output<typeof rateLimitRuleSchema>;
/** One validated budget definition. */
export type BudgetConfig = z.output<typeof budgetSchema>;
/** One validated provider entry. */
export type ProviderConfig = z.output<typeof providerConfigSchema>;
