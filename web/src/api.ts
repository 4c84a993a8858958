/** The one typed client of the gateway's public (`/v1`) and admin (`/admin/v1`) HTTP APIs. */

/** An error the gateway answered, in its one shape `{"error": {message, type, param, code}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A route decision as the request log keeps it. */
export interface RouteTrace {
  route: string;
  plan: string;
  steps: { attempt: number; purpose: string; model: string; outcome: string; ms: number }[];
  verdicts: { tier: number; verifier: string; score: number; pass: boolean; reason?: string }[];
  escalations: string[];
  restarts: string[];
  cascades: string[];
  decisions: string[];
}

/** One row of the request log. */
export interface RequestRow {
  id: string;
  created_at: string;
  endpoint: string;
  key_id: string | null;
  model: string | null;
  served_model: string | null;
  provider: string | null;
  status: number;
  error_code: string | null;
  stream: boolean;
  latency_ms: number;
  ttft_ms: number | null;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  reasoning_tokens: number;
  usage_estimated: boolean;
  cost_usd: number | null;
  price_version: string | null;
  route: RouteTrace | null;
  /** Guardrail verdicts that acted on the call; null when none did. */
  guardrails?: Array<{ rule: string; side: string; outcome: string; entities: string[] }> | null;
}

/** One finished span; times are epoch milliseconds. */
export interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: string;
  startedAt: number;
  endedAt: number;
  status: 'ok' | 'error' | 'unset';
  statusMessage?: string;
  attributes: Record<string, string | number | boolean | string[]>;
}

/** One attempt of a request, as the ledger settled it. */
export interface Attempt {
  requestId: string;
  attempt: number;
  purpose: string;
  createdAt: string;
  provider: string | null;
  model: string | null;
  status: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  outputTokens: number;
  usageEstimated: boolean;
  costUsd: number | null;
  savedUsd: number | null;
  priceVersion: string | null;
}

/** A request with its trace and attempts. */
export interface RequestDetail extends RequestRow {
  trace_id: string | null;
  session_id: string | null;
  spans: Span[];
  attempts: Attempt[];
}

/** A page of the request log. */
export interface RequestPage {
  data: RequestRow[];
  has_more: boolean;
  next_cursor: string | null;
}

/** Filters of the request list and the stats. */
export type RequestFilter = Partial<
  Record<
    | 'from'
    | 'to'
    | 'key_id'
    | 'model'
    | 'provider'
    | 'route'
    | 'status'
    | 'session'
    | 'q'
    | 'min_cost_usd'
    | 'min_latency_ms'
    | 'guardrail',
    string
  >
>;

/** One bucket (and group) of the request series. */
export interface StatPoint {
  bucket: string;
  group: string | null;
  requests: number;
  errors: number;
  error_rate: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  cache_hits: number;
  cache_hit_rate: number;
  /** What the cache hits saved: what the calls that produced their answers cost. */
  saved_usd: number;
  latency_ms: { p50: number | null; p95: number | null; p99: number | null };
}

/** Spend of one group from the ledger. */
export interface SpendGroup {
  group: string | null;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  saved_usd: number;
  unpriced_requests: number;
}

/** The dimensions spend can be grouped by. */
export const spendDimensions = ['model', 'key', 'team', 'user', 'tag', 'feature', 'provider', 'day'] as const;

/** A budget with its current window. */
export interface Budget {
  id: string;
  scope: 'key' | 'team' | 'user' | 'tag' | 'model' | 'global';
  match: string | null;
  period: 'daily' | 'weekly' | 'monthly' | 'total';
  limit_usd: number;
  mode: 'hard' | 'soft';
  unpriced: 'refuse' | 'allow';
  source: 'config' | 'api';
  created_at: string;
  window: { start: string; spent_usd: number; reserved_usd: number; alerted_at: string | null };
}

/** What creating a budget takes. */
export interface NewBudget {
  scope: Budget['scope'];
  match?: string;
  period: Budget['period'];
  limit_usd: number;
  mode: Budget['mode'];
}

/** A virtual key without its secret. */
export interface ApiKey {
  id: string;
  name: string;
  keyPrefix: string;
  metadata: Record<string, unknown>;
  createdAt: string;
  revokedAt: string | null;
}

/** Who a key or SSO token is, and what it may do in the admin API. */
export interface Me {
  kind: 'master' | 'virtual';
  role: string | null;
  permissions: string[];
}

/** A user or service account. */
export interface DirectoryUser {
  id: string;
  kind: 'user' | 'service';
  name: string;
  email: string | null;
  role: string;
  teams: string[];
  sso: boolean;
  created_at: string;
  disabled_at: string | null;
}

/** A team. */
export interface Team {
  id: string;
  name: string;
  organisation: string | null;
  created_at: string;
}

/** The permission table: each role with what it holds. */
export interface RoleTable {
  data: Array<{ name: string; permissions: string[] }>;
  permissions: Array<{ name: string; description: string }>;
}

/** One row of the audit log. */
export interface AuditRow {
  seq: number;
  created_at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
  hash: string;
}

/** The outcome of checking the audit log's hash chain. */
export interface AuditVerdict {
  ok: boolean;
  rows: number;
  problems: Array<{ seq: number; kind: string; message: string }>;
}

/** A session: calls that named the same session id. */
export interface Session {
  id: string;
  requests: number;
  first_at: string;
  last_at: string;
}

/** A model a client can name. */
export interface Model {
  id: string;
  owned_by: string;
  pricing?: Record<string, number | string | null>;
  context_window?: number;
}

/** A guardrail rule as configured. */
export interface GuardrailRule {
  name: string;
  detectors: Record<string, unknown>;
  action: 'block' | 'redact' | 'mask' | 'flag';
  reversible: boolean;
  on: Array<'input' | 'output'>;
  keys?: string[];
  teams?: string[];
  routes?: string[];
}

/** A route as configured: its name and its plan (fallback, load balance, rules or cascade). */
export interface ConfiguredRoute {
  name: string;
  plan: Record<string, unknown>;
}

/** What a route's calls did: cascade escalations and verifier verdicts. */
export interface RouteOutcomes {
  route: string;
  truncated: boolean;
  calls: number;
  cascade_calls: number;
  escalated: number;
  escalation_rate: number | null;
  ended_at_tier: { tier: number; calls: number }[];
  verdicts: {
    tier: number;
    verifier: string;
    verdicts: number;
    passed: number;
    pass_rate: number;
    mean_score: number;
  }[];
}

/** One routing policy measured by the routing bench. */
export interface BenchPolicy {
  name: string;
  family: string;
  accuracy: number;
  cost_per_1k: number;
  escalation_rate: number;
  oracle: boolean;
}

/** The latest routing-bench report the gateway keeps, or none. */
export interface RoutingBench {
  saved_at: string | null;
  report: {
    data: string;
    test_split: string;
    test_queries: number;
    best_single: { model: string; accuracy: number; cost_per_1k: number };
    policies: BenchPolicy[];
  } | null;
}

/** A provider with its health over the last hour. */
export interface ProviderHealth {
  id: string;
  kind: string;
  status: 'idle' | 'healthy' | 'degraded' | 'failing';
  window: { from: string; requests: number; server_errors: number; p95_latency_ms: number | null };
  breakers: { model: string; state: 'open' | 'half_open' }[];
}

/** The gateway's effective settings, secrets masked. */
export interface Settings {
  version: string;
  store: { kind: 'sqlite' | 'postgres' };
  config: Record<string, unknown>;
}

/** A knowledge base. */
export interface KnowledgeBase {
  name: string;
  description: string | null;
  chunk_tokens: number;
  chunk_overlap: number;
  documents: number;
  created_at: string;
}

/** A document of a knowledge base. */
export interface KnowledgeDocument {
  id: string;
  source: string | null;
  title: string | null;
  chunks: number;
  updated_at: string;
}

/** A search hit. */
export interface KnowledgeHit {
  id: string;
  score: number;
  text: string;
  document_id: string;
  source: string | null;
  title: string | null;
  heading_path: string[];
  char_start: number;
  char_end: number;
}

/** An ingestion's progress. */
export interface Ingestion {
  id: string;
  status: string;
  total: number;
  done: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: { name?: string; reason?: string }[];
}

/** A citation of a grounded answer. */
export interface Citation {
  index: number;
  chunk_id: string;
  document_id: string;
  source: string;
  title: string | null;
  /** The exact text quoted from the chunk. */
  text: string;
}

/** A chat message. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What a finished playground call reports besides its text. */
export interface ChatResult {
  text: string;
  requestId: string | null;
  servedModel: string;
  costUsd: string | null;
  route: string | null;
  usage: { prompt_tokens: number; completion_tokens: number } | null;
  citations: Citation[];
}

/** How a playground call is sent: grounded in a base, as part of a session, with each text delta reported. */
export interface ChatOptions {
  kb?: string;
  session?: string;
  onText: (text: string) => void;
}

/** A stored evaluation dataset at its current version. */
export interface Dataset {
  name: string;
  description: string;
  version: number;
  items: number;
  updated_at: string;
}

/** One variant's aggregates in an experiment. */
export interface VariantSummary {
  label: string;
  model: string;
  prompt: string | null;
  items: number;
  passed: number;
  passRate: number;
  meanScore: number;
  errors: number;
  costUsd: number;
  unpriced: number;
  latencyMs: { mean: number; p50: number; p95: number };
}

/** A paired comparison of a variant with the baseline. */
export interface VariantComparison {
  baseline: string;
  candidate: string;
  meanDifference: number;
  interval: [number, number];
  wins: number;
  losses: number;
  ties: number;
  significant: boolean;
}

/** An evaluation experiment run as listed. */
export interface EvaluationRun {
  id: string;
  name: string;
  dataset: string | null;
  dataset_version: number | null;
  status: string;
  cost_usd: number;
  created_at: string;
  summary: {
    variants?: VariantSummary[];
    comparisons?: VariantComparison[];
    gate?: { passed: boolean; failures: string[] };
  } | null;
}

/** One case answered by one variant. */
export interface EvaluationResult {
  item: string;
  variant: string;
  request_id: string | null;
  output: string;
  score: number;
  pass: boolean;
  cost_usd: number | null;
  latency_ms: number;
  assertions: { type: string; pass: boolean; score: number; reason: string }[];
  error: string | null;
}

/** A managed prompt with its latest version and labels. */
export interface PromptSummary {
  name: string;
  latest_version: number;
  labels: Record<string, number>;
  updated_at: string;
}

/** One version of a managed prompt. */
export interface PromptVersion {
  name: string;
  version: number;
  messages: { role: string; content: string }[];
  settings: Record<string, unknown>;
  note: string;
  labels: string[];
  created_at: string;
}

/** Value metrics of one group: cost per request, session and successful outcome, value and ROI. */
export interface ValueGroup {
  group: string | null;
  requests: number;
  attempts: number;
  sessions: number;
  cost_usd: number;
  attributed_cost_usd: number;
  outcomes: number;
  successes: number;
  success_rate: number | null;
  value_usd: number;
  cost_per_request_usd: number | null;
  cost_per_session_usd: number | null;
  cpso_usd: number | null;
  roi: number | null;
}

/** The dimensions value metrics can be grouped by. */
export const valueDimensions = ['total', 'tag', 'feature', 'team', 'key', 'model', 'route', 'day'] as const;

/** One saving with the assumption behind it. */
export interface Saving {
  kind: string;
  saved_usd: number;
  actual_usd: number;
  baseline_usd: number;
  requests: number;
  assumption: string;
}

/** An A/B experiment. */
export interface Experiment {
  id: string;
  target: string;
  unit: string;
  variants: { name: string; weight: number; model?: string }[];
  holdout: number;
  horizon: number;
  status: 'running' | 'stopped';
  source: string;
  created_at: string;
}

/** One variant's results. */
export interface VariantResult {
  variant: string;
  requests: number;
  cost_usd: number;
  mean_latency_ms: number | null;
  outcomes: number;
  successes: number;
  success_rate: number | null;
  success_rate_interval: { low: number; high: number } | null;
  cpso_usd: number | null;
  cpso_interval: { low: number; high: number } | null;
  versus_control?: { difference: number; p_value: number | null; significant: boolean | null };
}

/** An experiment with its results. */
export interface ExperimentDetail extends Experiment {
  results: { complete: boolean; conclusion: string; variants: VariantResult[] };
}

/** The simulator's inputs for one candidate model. */
export interface SimulationInput {
  daily_volume: number;
  tokens: { input: number; output: number };
  candidates: { model: string; success_rate: number }[];
  value_per_success_usd: number;
  human_cost_per_task_usd: number;
}

/** The simulator's forecast per candidate. */
export interface Simulation {
  assumptions: string[];
  candidates: {
    model: string;
    monthly_cost_usd: number;
    cpso_usd: number | null;
    monthly_value_usd: number;
    roi: number | null;
    monthly_saving_vs_human_usd: number;
    break_even_success_rate: number | null;
    sensitivity: {
      input: string;
      low: string;
      high: string;
      roi_low: number | null;
      roi_high: number | null;
    }[];
  }[];
}

/** The client bound to one key. */
export interface Api {
  /** Whether the key is the master key (admin routes answer) or a virtual key. */
  role(): Promise<'master' | 'virtual'>;
  /** The key's kind, its admin role and the permissions that role holds. */
  me(): Promise<Me>;
  users(): Promise<DirectoryUser[]>;
  createUser(user: {
    name: string;
    role: string;
    kind: 'user' | 'service';
    teams: string[];
    email?: string;
  }): Promise<DirectoryUser>;
  updateUser(id: string, changes: { role?: string; disabled?: boolean }): Promise<DirectoryUser>;
  teams(): Promise<Team[]>;
  createTeam(id: string, name?: string): Promise<Team>;
  roles(): Promise<RoleTable>;
  audit(before?: number): Promise<{ data: AuditRow[]; next_before: number | null }>;
  verifyAudit(): Promise<AuditVerdict>;
  requests(filter: RequestFilter, cursor?: string): Promise<RequestPage>;
  request(id: string): Promise<RequestDetail>;
  sessions(): Promise<Session[]>;
  session(id: string): Promise<RequestRow[]>;
  stats(bucket: 'minute' | 'hour' | 'day', filter: RequestFilter, groupBy?: string): Promise<StatPoint[]>;
  spend(groupBy: string, from?: string): Promise<SpendGroup[]>;
  budgets(): Promise<Budget[]>;
  createBudget(budget: NewBudget): Promise<Budget>;
  updateBudget(id: string, changes: Pick<NewBudget, 'limit_usd' | 'mode'>): Promise<Budget>;
  deleteBudget(id: string): Promise<void>;
  keys(): Promise<ApiKey[]>;
  createKey(name: string, metadata: { team?: string; knowledge?: string }): Promise<ApiKey & { key: string }>;
  revokeKey(id: string): Promise<void>;
  models(): Promise<Model[]>;
  routes(): Promise<ConfiguredRoute[]>;
  guardrails(): Promise<GuardrailRule[]>;
  routeOutcomes(name: string, from?: string): Promise<RouteOutcomes>;
  routingBench(): Promise<RoutingBench>;
  providers(): Promise<ProviderHealth[]>;
  settings(): Promise<Settings>;
  knowledgeBases(admin: boolean): Promise<KnowledgeBase[]>;
  createKnowledgeBase(name: string, description?: string): Promise<KnowledgeBase>;
  documents(kb: string): Promise<KnowledgeDocument[]>;
  upload(kb: string, file: File, onProgress: (fraction: number) => void): Promise<Ingestion>;
  ingestion(kb: string, id: string): Promise<Ingestion>;
  search(kb: string, query: string, mode: string): Promise<KnowledgeHit[]>;
  chat(model: string, messages: ChatMessage[], options: ChatOptions): Promise<ChatResult>;
  datasets(): Promise<Dataset[]>;
  evaluationRuns(): Promise<EvaluationRun[]>;
  evaluationRun(id: string): Promise<EvaluationRun & { results: EvaluationResult[] }>;
  prompts(): Promise<PromptSummary[]>;
  promptVersions(name: string): Promise<PromptVersion[]>;
  promptDiff(name: string, from: number, to: number): Promise<{ op: ' ' | '-' | '+'; text: string }[]>;
  value(groupBy: string, from: string): Promise<ValueGroup[]>;
  savings(from: string): Promise<Saving[]>;
  /** The ROI report of a window as HTML. */
  roiReport(from: string): Promise<string>;
  experiments(): Promise<Experiment[]>;
  experiment(id: string): Promise<ExperimentDetail>;
  setExperiment(id: string, action: 'start' | 'stop'): Promise<Experiment>;
  simulate(input: SimulationInput): Promise<Simulation>;
}

async function failure(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string };
  } | null;
  return new ApiError(
    response.status,
    body?.error?.code ?? 'http_error',
    body?.error?.message ?? `The gateway answered ${response.status}.`,
  );
}

function query(parameters: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Builds the client that sends `key` as a bearer token. */
export function createApi(key: string): Api {
  const headers = { authorization: `Bearer ${key}` };
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(path, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw await failure(response);
    return (await response.json()) as T;
  }
  const get = <T>(path: string) => call<T>('GET', path);
  const list = async <T>(path: string) => (await get<{ data: T[] }>(path)).data;

  return {
    role: async () => (await get<{ kind: 'master' | 'virtual' }>('/v1/key')).kind,
    me: () => get('/v1/key'),
    users: () => list('/admin/v1/users'),
    createUser: (user) => call('POST', '/admin/v1/users', user),
    updateUser: (id, changes) => call('PATCH', `/admin/v1/users/${encodeURIComponent(id)}`, changes),
    teams: () => list('/admin/v1/teams'),
    createTeam: (id, name) => call('POST', '/admin/v1/teams', { id, ...(name && { name }) }),
    roles: () => get('/admin/v1/roles'),
    audit: (before) => get(`/admin/v1/audit${query({ limit: '50', before: before?.toString() })}`),
    verifyAudit: () => get('/admin/v1/audit/verify'),
    requests: (filter, cursor) =>
      get(`/admin/v1/requests${query({ ...filter, cursor, limit: '50' })}`) as Promise<RequestPage>,
    request: (id) => get(`/admin/v1/requests/${encodeURIComponent(id)}`),
    sessions: () => list('/admin/v1/sessions'),
    session: async (id) =>
      (await get<{ requests: RequestRow[] }>(`/admin/v1/sessions/${encodeURIComponent(id)}`)).requests,
    stats: (bucket, filter, groupBy) =>
      list(`/admin/v1/stats${query({ ...filter, bucket, group_by: groupBy })}`),
    spend: (groupBy, from) => list(`/admin/v1/spend${query({ group_by: groupBy, from })}`),
    budgets: () => list('/admin/v1/budgets'),
    createBudget: (budget) => call('POST', '/admin/v1/budgets', budget),
    updateBudget: (id, changes) => call('PATCH', `/admin/v1/budgets/${encodeURIComponent(id)}`, changes),
    async deleteBudget(id) {
      await call('DELETE', `/admin/v1/budgets/${encodeURIComponent(id)}`);
    },
    keys: () => list('/admin/v1/keys'),
    createKey: (name, metadata) => call('POST', '/admin/v1/keys', { name, metadata }),
    async revokeKey(id) {
      await call('DELETE', `/admin/v1/keys/${encodeURIComponent(id)}`);
    },
    models: () => list('/v1/models'),
    routes: () => list('/admin/v1/routes'),
    guardrails: () => list('/admin/v1/guardrails'),
    routeOutcomes: (name, from) =>
      get(`/admin/v1/routes/${encodeURIComponent(name)}/outcomes${query({ from })}`),
    routingBench: () => get('/admin/v1/bench/routing'),
    providers: () => list('/admin/v1/providers'),
    settings: () => get('/admin/v1/settings'),
    knowledgeBases: (admin) => list(admin ? '/admin/v1/knowledge' : '/v1/knowledge'),
    createKnowledgeBase: (name, description) =>
      call('POST', '/admin/v1/knowledge', { name, ...(description && { description }) }),
    documents: (kb) => list(`/admin/v1/knowledge/${encodeURIComponent(kb)}/documents`),
    upload: (kb, file, onProgress) =>
      // fetch reports no upload progress; XMLHttpRequest does.
      new Promise((resolve, reject) => {
        const request = new XMLHttpRequest();
        request.open(
          'POST',
          `/admin/v1/knowledge/${encodeURIComponent(kb)}/documents${query({ filename: file.name })}`,
        );
        request.setRequestHeader('authorization', headers.authorization);
        request.setRequestHeader('content-type', file.type || 'application/octet-stream');
        request.upload.onprogress = (event) => {
          if (event.lengthComputable) onProgress(event.loaded / event.total);
        };
        request.onload = () => {
          const body = JSON.parse(request.responseText || 'null') as
            | (Ingestion & { error?: { code: string; message: string } })
            | null;
          if (request.status >= 200 && request.status < 300 && body) resolve(body);
          else
            reject(
              new ApiError(
                request.status,
                body?.error?.code ?? 'http_error',
                body?.error?.message ?? 'Upload failed.',
              ),
            );
        };
        request.onerror = () =>
          reject(new ApiError(0, 'network_error', 'The upload did not reach the gateway.'));
        request.send(file);
      }),
    ingestion: (kb, id) =>
      get(`/admin/v1/knowledge/${encodeURIComponent(kb)}/ingestions/${encodeURIComponent(id)}`),
    search: (kb, text, mode) =>
      call<{ data: KnowledgeHit[] }>('POST', `/v1/knowledge/${encodeURIComponent(kb)}/search`, {
        query: text,
        mode,
        top_k: 5,
      }).then((body) => body.data),
    chat: (model, messages, options) => streamChat(headers, model, messages, options),
    datasets: () => list('/admin/v1/datasets'),
    evaluationRuns: () => list('/admin/v1/evaluations'),
    evaluationRun: (id) => get(`/admin/v1/evaluations/${encodeURIComponent(id)}`),
    prompts: () => list('/admin/v1/prompts'),
    promptVersions: (name) => list(`/admin/v1/prompts/${encodeURIComponent(name)}`),
    promptDiff: async (name, from, to) =>
      (
        await get<{ lines: { op: ' ' | '-' | '+'; text: string }[] }>(
          `/admin/v1/prompts/${encodeURIComponent(name)}/diff${query({ from: String(from), to: String(to) })}`,
        )
      ).lines,
    value: async (groupBy, from) =>
      (await get<{ groups: ValueGroup[] }>(`/admin/v1/value${query({ group_by: groupBy, from })}`)).groups,
    savings: (from) => list(`/admin/v1/value/savings${query({ from })}`),
    async roiReport(from) {
      const response = await fetch(`/admin/v1/value/report${query({ from })}`, { headers });
      if (!response.ok) throw await failure(response);
      return response.text();
    },
    experiments: () => list('/admin/v1/experiments'),
    experiment: (id) => get(`/admin/v1/experiments/${encodeURIComponent(id)}`),
    setExperiment: (id, action) => call('POST', `/admin/v1/experiments/${encodeURIComponent(id)}/${action}`),
    simulate: (input) => call('POST', '/admin/v1/value/simulate', input),
  };
}

interface StreamChunk {
  choices?: { delta?: { content?: string | null } }[];
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  citations?: Citation[];
}

/** Sends a streaming chat call and reads its server-sent events as they arrive. */
async function streamChat(
  headers: Record<string, string>,
  model: string,
  messages: ChatMessage[],
  options: ChatOptions,
): Promise<ChatResult> {
  const response = await fetch('/v1/chat/completions', {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': 'application/json',
      ...(options.session && { 'x-strata-session-id': options.session }),
    },
    body: JSON.stringify({
      model,
      messages,
      stream: true,
      stream_options: { include_usage: true },
      ...(options.kb && { knowledge: { kb: options.kb } }),
    }),
  });
  if (!response.ok || !response.body) throw await failure(response);
  const result: ChatResult = {
    text: '',
    requestId: response.headers.get('x-request-id'),
    servedModel: [response.headers.get('x-strata-provider'), response.headers.get('x-strata-model')]
      .filter(Boolean)
      .join('/'),
    costUsd: response.headers.get('x-strata-cost-usd'),
    route: response.headers.get('x-strata-route'),
    usage: null,
    citations: [],
  };
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pending += value;
    const events = pending.split('\n\n');
    pending = events.pop() ?? '';
    for (const event of events) {
      const data = event
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
        .join('');
      if (!data || data === '[DONE]') continue;
      const chunk = JSON.parse(data) as StreamChunk & { error?: { code: string; message: string } };
      if (chunk.error) throw new ApiError(502, chunk.error.code, chunk.error.message);
      const delta = chunk.choices?.[0]?.delta?.content;
      if (delta) {
        result.text += delta;
        options.onText(result.text);
      }
      if (chunk.usage) result.usage = chunk.usage;
      if (chunk.citations) result.citations = chunk.citations;
    }
  }
  return result;
}
