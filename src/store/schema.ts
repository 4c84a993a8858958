import type { ColumnType, Generated } from 'kysely';
import type { EvaluationSchema } from './evaluation-schema.js';

/** A virtual API key; only the SHA-256 hash of the secret is stored. */
export interface ApiKeyTable {
  id: string;
  name: string;
  key_hash: string;
  /** The first characters of the key, shown in listings so users can tell keys apart. */
  key_prefix: string;
  metadata: string;
  created_at: string;
  revoked_at: string | null;
}

/** Process-wide settings such as the master key hash. */
export interface SettingTable {
  name: string;
  value: string;
}

/** One row per request the gateway served or rejected after authentication. */
export interface RequestLogTable {
  id: Generated<number>;
  request_id: string;
  created_at: string;
  endpoint: string;
  key_id: string | null;
  requested_model: string | null;
  served_model: string | null;
  provider: string | null;
  status: number;
  error_code: string | null;
  stream: ColumnType<number, number, number>;
  latency_ms: number;
  ttft_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cached_input_tokens: number | null;
  reasoning_tokens: number | null;
  usage_estimated: ColumnType<number, number, number>;
  cost_usd: number | null;
  price_version: string | null;
  /** The route's explanation as JSON (plan, attempts, verdicts, escalations); null when not routed. */
  route: string | null;
  /** `name@version` of the managed prompt the call used; null for calls without one. */
  prompt: string | null;
  /** Guardrail verdicts that acted (rule, side, outcome, entity names) as JSON; null when none did. */
  guardrails: string | null;
  /** The conversation (`x-strata-session-id` or `metadata.session_id`). */
  session_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The caller's own id for the business event (`x-strata-correlation-id`), which outcomes may name. */
  correlation_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The A/B experiment that assigned the call, and the variant it got. */
  experiment: ColumnType<string | null, string | null | undefined, string | null>;
  variant: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One row per provider attempt: who spent what on which model, priced when the attempt settled. */
export interface LedgerTable {
  id: Generated<number>;
  request_id: string;
  attempt: number;
  /** 'primary' | 'retry' | 'fallback' | 'hedge' | 'escalation' | 'verifier' | 'judge' | 'cache_hit'. */
  purpose: string;
  created_at: string;
  key_id: string | null;
  team: string | null;
  user: string | null;
  /** A JSON array of strings. */
  tags: string;
  feature: string | null;
  provider: string | null;
  model: string | null;
  requested_model: string | null;
  status: number;
  input_tokens: number;
  cached_input_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  output_tokens: number;
  usage_estimated: ColumnType<number, number, number>;
  cost_usd: number | null;
  saved_usd: number | null;
  price_version: string | null;
  trace_id: string | null;
}

/** Micro-dollars: a 64-bit integer column; PostgreSQL's driver reads it back as a string. */
type MicroUsd = ColumnType<number | string, number, number>;

/** A spending budget, from strata.yaml (`source` = 'config') or the admin API ('api'). */
export interface BudgetTable {
  id: string;
  /** 'key' | 'user' | 'model' | 'global'. */
  scope: string;
  match: string | null;
  /** 'daily' | 'weekly' | 'monthly' | 'total'. */
  period: string;
  limit_microusd: MicroUsd;
  /** 'hard' | 'soft'. */
  mode: string;
  /** 'refuse' | 'allow': what a call to an unpriced model does. */
  unpriced: string;
  source: string;
  created_at: string;
}

/** One budget's spend in one period window; rows are created on demand, so periods reset by themselves. */
export interface BudgetWindowTable {
  budget_id: string;
  window_start: string;
  spent_microusd: MicroUsd;
  reserved_microusd: MicroUsd;
  /** When the window first went over its limit (a soft budget serving past it, or spend past a hard one). */
  alerted_at: string | null;
}

/** Room of a budget window one process leased to reserve against in memory, until `expires_at`. */
export interface BudgetLeaseTable {
  budget_id: string;
  window_start: string;
  /** The leasing process's instance id. */
  owner: string;
  amount_microusd: MicroUsd;
  expires_at: string;
}

/** A knowledge base; `settings` is JSON (chunk size, overlap), `revision` grows with every document change. */
export interface KnowledgeBaseTable {
  name: string;
  description: string;
  settings: string;
  revision: number;
  created_at: string;
}

/** One document of a knowledge base, identified by (kb, id); its text lives in its chunks. */
export interface KnowledgeDocumentTable {
  kb: string;
  id: string;
  source: string;
  title: string | null;
  /** SHA-256 of the document text and metadata: re-ingesting unchanged content is a no-op. */
  content_hash: string;
  metadata: string;
  chunk_count: number;
  updated_at: string;
}

/** One chunk of a document, with its place in the document text. */
export interface KnowledgeChunkTable {
  id: string;
  kb: string;
  document_id: string;
  position: number;
  text: string;
  /** A JSON array of the headings above the chunk, outermost first. */
  heading_path: string;
  char_start: number;
  char_end: number;
  token_count: number;
}

/** A persisted search index of one knowledge base, valid while `revision` matches the base's. */
export interface KnowledgeIndexSnapshotTable {
  kb: string;
  revision: number;
  format: string;
  /** The index bytes, base64-encoded. */
  data: string;
  created_at: string;
}

/** A trained learned router, stored whole so every replica routes the same way. */
export interface RouterTable {
  name: string;
  /** The router family, e.g. `knn`. */
  kind: string;
  trained_at: string;
  training_rows: number;
  /** Where the training data came from, e.g. the outcomes file and split. */
  source: string;
  /** The serialised model. */
  model: string;
}

/**
 * One call's trace, stored as the JSON of its report (older rows: a JSON array of its spans). Keyed by
 * the time-ordered request id, which also orders traces by age.
 */
export interface TraceTable {
  request_id: string;
  /** The caller's trace the call continued; null when the call started its own (see `ownTraceId`). */
  trace_id: string | null;
  /** The conversation the call belongs to (`x-strata-session-id` or `metadata.session_id`). */
  session_id: string | null;
  created_at: string;
  report: string;
}

/** One alert occurrence: a rule's alert from firing to resolved, or one event a layer raised. */
export interface AlertTable {
  id: string;
  /** The rule's name, or the raised event's kind. */
  rule: string;
  /** What the alert is about within its rule (a budget id), or '' for the rule as a whole. */
  subject: string;
  /** The rule's type (`spend`, `error_rate`, …) or `event` for a raised event. */
  type: string;
  severity: string;
  /** 'firing' | 'resolved' | 'raised'. */
  status: string;
  message: string;
  value: number | null;
  threshold: number | null;
  /** 1 when it was sent to the webhooks, 0 when the cooldown held it back. */
  notified: ColumnType<number, number, number>;
  created_at: string;
  resolved_at: string | null;
}

/** An organisation: the top of the access hierarchy, holding teams and users. */
export interface OrganisationTable {
  id: string;
  name: string;
  created_at: string;
  /** Days captured content is kept; null follows `observability.retention.content_days`. */
  content_retention_days: number | null;
}

/** A team; its id is the name keys, budgets and the ledger attribute spend to. */
export interface TeamTable {
  id: string;
  organisation_id: string | null;
  name: string;
  created_at: string;
}

/** A person or a service account, with one role in the admin API. */
export interface UserTable {
  id: string;
  organisation_id: string | null;
  /** 'user' | 'service'. */
  kind: string;
  name: string;
  email: string | null;
  /** 'owner' | 'admin' | 'member' | 'viewer' | 'billing'. */
  role: string;
  /** The SSO subject (`iss` + `sub`) the user signs in as; null for users without SSO. */
  subject: string | null;
  created_at: string;
  disabled_at: string | null;
}

/** Which users belong to which teams. */
export interface TeamMemberTable {
  team_id: string;
  user_id: string;
}

/** One admin action or access decision; each row carries the hash of the one before it. */
export interface AuditLogTable {
  seq: number;
  created_at: string;
  /** Who acted: `master`, a key id or a user id. */
  actor: string;
  action: string;
  target: string | null;
  /** JSON object of what changed; never a secret. */
  detail: string;
  prev_hash: string;
  hash: string;
}

/** A business outcome attached to a request, trace, session or correlation id; `id` makes posting idempotent. */
export interface OutcomeTable {
  id: string;
  name: string;
  success: ColumnType<number, number, number>;
  value_usd: number;
  /** JSON object. */
  metadata: string;
  /** 'request' | 'trace' | 'session' | 'correlation'. */
  subject_kind: string;
  subject: string;
  occurred_at: string;
  created_at: string;
  /** The key and team that posted it; null for a trusted poster. */
  posted_key_id: string | null;
  posted_team: string | null;
}

/** An A/B experiment; `definition` is its JSON (target, unit, variants, holdout, horizon). */
export interface ExperimentTable {
  id: string;
  definition: string;
  /** 'running' | 'stopped'. */
  status: string;
  /** 'config' | 'api'. */
  source: string;
  created_at: string;
  started_at: string | null;
  stopped_at: string | null;
}

/** The whole relational schema, as Kysely sees it. */
export interface Schema extends EvaluationSchema {
  api_keys: ApiKeyTable;
  settings: SettingTable;
  request_log: RequestLogTable;
  ledger: LedgerTable;
  budgets: BudgetTable;
  budget_windows: BudgetWindowTable;
  budget_leases: BudgetLeaseTable;
  knowledge_bases: KnowledgeBaseTable;
  knowledge_documents: KnowledgeDocumentTable;
  knowledge_chunks: KnowledgeChunkTable;
  knowledge_index_snapshots: KnowledgeIndexSnapshotTable;
  routers: RouterTable;
  traces: TraceTable;
  alerts: AlertTable;
  organisations: OrganisationTable;
  teams: TeamTable;
  users: UserTable;
  team_members: TeamMemberTable;
  audit_log: AuditLogTable;
  outcomes: OutcomeTable;
  experiments: ExperimentTable;
}
