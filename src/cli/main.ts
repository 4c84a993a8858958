#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { gatewayBenchFlags } from '../../bench/gateway/flags.js';
import { readEnvironment } from '../config/env.js';
import { StrataError } from '../core/errors.js';
import { CliError, firstLine } from './common.js';

const help: Record<string, string> = {
  strata: `strata — the Strata AI gateway

Usage: strata <command> [options]

Commands:
  serve                 start the gateway (default 127.0.0.1:4100)
  keys create|list|revoke
                        manage virtual API keys
  users create|list|set manage users and service accounts, their roles and teams
  teams create|list     manage teams (and their organisations)
  organisations create|list|set
                        manage organisations and how long each keeps captured content
  audit verify|export   check the audit log's hash chain; write it out as JSON lines
  erase --user <id>     erase everything stored about a user or end-user id (money rows kept, anonymised)
  models                list providers and model names
  spend                 spend from the ledger, grouped by model, key, team, user, tag, …
  requests [id]         the request log, filtered; one request with its attempts and spans
  stats                 requests, errors, tokens, cost and latency percentiles over time
  kb create|list|delete|ingest|search
                        knowledge bases: ingest files and folders, search them
  config check          validate the configuration without starting
  bench gateway         race Strata against a bare Node pass-through and Portkey (CPU, latency, RSS)
  bench retrieval       nDCG@10, MAP, recall and latency of the knowledge index on BEIR data
  bench grounded        grounded QA with citations: EM/F1, abstention, citation validity, latency
  bench routing         measure routing policies on recorded outcomes (replay provider)
  bench guardrails      precision and recall of the PII, secret and injection detectors; CPU per KB
  router train|eval|list
                        train a learned router from outcomes into the store, or measure one
  eval run <eval.yaml>  run an experiment (tests × models, routes, prompts) and gate on its quality
  datasets list|show|create|import|export|from-traffic|delete
                        versioned evaluation datasets: JSONL/CSV files or logged traffic
  prompts list|show|create|label|diff
                        versioned prompt templates with labels (production, staging)
  value                 cost per request, session and successful outcome, value, ROI and savings
  experiments list|show|create|start|stop|sample-size
                        A/B experiments at the gateway and their results
  report roi            the ROI report as self-contained HTML (or --pdf)
  simulate              a business case: monthly cost, CPSO, ROI, break-even and sensitivity

Every command takes --config <strata.yaml> and --help.`,
  serve: `Usage: strata serve [--config strata.yaml] [--host 127.0.0.1] [--port 4100] [--workers N] [--no-auth]

Starts the OpenAI-compatible gateway. Without a config file, providers come from their key variables
(OPENAI_API_KEY, GROQ_API_KEY, …) and state lives in STRATA_HOME (default ./.strata).
  --workers N  worker processes sharing the port (default: the available cores; 1 serves from one
               process). Workers share state through the store, and Redis when REDIS_URL is set;
               without Redis each worker counts rate limits on its own.
  --no-auth    serve without API keys (development only; prints a warning)`,
  keys: `Usage: strata keys create --name <name> [--metadata '{"team":"x"}'] [--json]
       strata keys list [--json]
       strata keys revoke <id>

Keys are stored hashed; a new key's secret is printed once.`,
  users: `Usage: strata users create --name <name> --role <role> [--team t …] [--email e] [--service]
                           [--id id] [--subject sso-subject] [--organisation o] [--json]
       strata users list [--team t] [--json]
       strata users set <id> [--role r] [--team t …] [--name n] [--email e] [--disable|--enable] [--json]

Roles: owner, admin, member, viewer, billing (docs/permissions.md says what each may do). A key created
with --metadata '{"user":"<id>"}' acts with its user's role and teams; a disabled user's keys stop working.`,
  teams: `Usage: strata teams create <id> [--name n] [--organisation o] [--json]
       strata teams list [--json]

A team's id is the name keys, budgets and spend reports attribute spend to. --organisation creates the
organisation when it does not exist yet.`,
  organisations: `Usage: strata organisations create <id> [--name n] [--content-retention-days d|global] [--json]
       strata organisations list [--json]
       strata organisations set <id> [--name n] [--content-retention-days d|global] [--json]

--content-retention-days: captured prompt and answer content in this organisation's traces older than
this many days is removed (the traces stay); \`global\` follows observability.retention.content_days.`,
  audit: `Usage: strata audit verify [--json]
       strata audit export [--out audit.jsonl]

The audit log holds every admin action and access decision, each row chained to the one before by its
hash. verify recomputes the chain and exits 1 naming each edited, deleted, reordered or truncated row;
export writes every row, oldest first, as one JSON object per line (to stdout without --out).`,
  erase: `Usage: strata erase --user <id> [--json]

Erases everything stored about a user of the directory or an end-user id (the \`user\` field of calls):
their request-log rows and traces are deleted, their ledger rows keep their cost but lose user, tags,
feature and trace id, their keys are revoked, the knowledge documents they uploaded are deleted, the
response cache is emptied and the user is removed from the directory. Prints what was erased; the
erasure itself is recorded in the audit log.`,
  models: `Usage: strata models [--config strata.yaml] [--pricing] [--json]

Lists configured providers, models and aliases.
  --pricing   print the catalog's prices (USD per 1M tokens) and context windows of the configured
              providers' models
  --json      machine-readable output, with pricing`,
  spend: `Usage: strata spend [--by model] [--from 2026-11-01] [--to 2026-11-30] [--json]

Prints requests, tokens and cost from the ledger as a table with totals. Unpriced requests (models
without a known price) are counted apart, never as $0.
  --by     key, team, user, tag, feature, model (default), provider or day
  --from   first day (or ISO timestamp) to include
  --to     last day (or ISO timestamp) to include
  --json   machine-readable output`,
  requests: `Usage: strata requests [--model m] [--status ok|error|429] [--key <key id>] [--session s]
                       [--route r] [--from 2026-12-01] [--to 2026-12-02] [--limit 20] [--json]
       strata requests <request id> [--json]

Lists the request log, newest first, or shows one request: its attempts (ledger rows) and its spans.`,
  stats: `Usage: strata stats [--bucket minute|hour|day] [--by model|served_model|provider|key|status|endpoint]
                    [--model m] [--status ok|error] [--from …] [--to …] [--json]

Prints requests, errors, tokens, cost and p50/p95/p99 latency per time bucket (and group).`,
  kb: `Usage: strata kb create <name> [--description text] [--chunk-tokens 256] [--chunk-overlap 32]
       strata kb list [--json]
       strata kb delete <name>
       strata kb ingest <name> <files or folders…> [--prune] [--json]
       strata kb search <name> <query…> [--top-k 5] [--mode bm25|vector|hybrid] [--json]

Knowledge bases live in the store. ingest reads txt, md, html, pdf, docx, csv, json and jsonl files
(folders recursively), skips files whose content is unchanged, reports unreadable files and goes on;
--prune removes documents whose files are gone. Progress shows as a bar on a terminal.`,
  config:
    'Usage: strata config check [--config strata.yaml]\n\nValidates the configuration and exits non-zero naming each bad field.',
  router: `Usage: strata router train --data <outcomes.jsonl> [--split train] --name <router> [--k 100] [--embedding-model <model>]
                           [--cascade <name>=<first>,<partner>,<escalate> …]
       strata router train --from-ledger --name <router> [--period 30d] [--holdout 0.2] [--k 100]
       strata router eval --from-ledger --name <router> --holdout 0.2 [--period 30d] [--json]
       strata router eval --name <router> --data <outcomes.jsonl> [--split test] [--json]
       strata router list [--json]

Trains a k-nearest-neighbour router (TF-IDF features, per-model quality and cost) from a routing-outcomes
file and stores it; eval prints accuracy and cost over a sweep of the cost/quality knob lambda. With
--embedding-model, prompts are compared by that embedding model (a configured model, called through
the gateway and recorded like any embeddings call) instead of TF-IDF, at training and at routing time.
Each --cascade adds a column for a checked cascade route of that name (first answers, partner checks it
with self_consistency, escalate answers on disagreement), scored from the file's recorded responses, so
a learned balance whose targets include that route can choose the whole cascade. --from-ledger trains on
Strata's own traffic instead: each request of the period with a posted outcome and a captured prompt
(observability.capture_content) scores the model that answered it (metadata.score, else success as 1/0)
at what every attempt cost; --holdout leaves a stable share of prompts out, on which eval --from-ledger
measures the router (only prompts with an outcome for every model it knows).`,
  eval: `Usage: strata eval run <eval.yaml> [--config strata.yaml] [--fail-under 0.8] [--json] [--html report.html]
                       [--name name]

Runs every test (inline, from a stored dataset or a dataset file) against every variant (providers ×
prompts) through the pipeline, so each call is priced, logged and traced, tagged experiment:<id>.
Prints each variant's pass rate, score, cost and latency, paired comparisons with a bootstrap interval
and the cases whose verdicts differ; stores the run. Exits 2 when a gate fails: a variant's pass rate
below --fail-under (or the file's thresholds.pass_rate) or a metric below thresholds.metrics.
  --html   also write a self-contained HTML report
  --json   the whole report as JSON`,
  datasets: `Usage: strata datasets list [--json]
       strata datasets create <name> [--description text]
       strata datasets import <name> <file.jsonl|file.csv> [--format jsonl|csv]
       strata datasets from-traffic <name> [--model m] [--key id] [--from …] [--to …]
                                   [--score-name helpful --min-score 1 --max-score …] [--limit 100]
       strata datasets show <name> [--version N] [--json]
       strata datasets export <name> [--version N] [--format jsonl|csv]
       strata datasets delete <name>

Every change makes a new version; older versions stay readable. import creates the dataset when it is
missing. from-traffic takes logged calls whose content was captured (observability.capture_content).`,
  prompts: `Usage: strata prompts list [--json]
       strata prompts create <name> (--template "Answer {{question}}" | --file prompt.yaml)
                             [--label production …] [--note text]
       strata prompts show <name> [--version N | --label production] [--json]
       strata prompts label <name> <label> --version N
       strata prompts diff <name> <from> <to>

A prompt file holds messages: [{role, content}] and optional settings; {{variables}} are filled by the
chat API's prompt: {name, label|version, variables}.`,
  value: `Usage: strata value [--by total|tag|feature|team|key|model|route|day] [--period 30d | --from … --to …] [--json]

Cost per request, per session and per successful outcome (CPSO, every attempt counted: retries,
fallbacks, escalations, verifiers, judges), success rate, value and ROI = (value − cost) / cost from the
ledger joined with posted outcomes, then the savings with the assumption behind each.`,
  experiments: `Usage: strata experiments list [--json]
       strata experiments show <id> [--json]
       strata experiments create --file experiment.json
       strata experiments start|stop <id>
       strata experiments sample-size --baseline 0.3 --effect 0.05

An experiment splits a model or route name's calls between variants by a hash of the end user, key or
session. show prints each variant's success rate, CPSO and cost with bootstrap intervals and a
two-proportion z-test against the first variant, called only at the fixed horizon.`,
  report: `Usage: strata report roi [--period 30d | --from … --to …] --out report.html [--pdf]

Writes the ROI report: a summary in words, spend and value over time, the CPSO trend, savings with their
assumptions and experiments with their confidence, as one self-contained HTML file, or with --pdf a PDF
printed by headless Chromium (/usr/bin/chromium).`,
  simulate: `Usage: strata simulate --file case.json [--replay outcomes.jsonl [--split test]] [--json]

case.json: {daily_volume, tokens?: {input, output} or ledger_period?: "30d", candidates: [model,
success_rate, attempts_per_request?], value_per_success_usd, human_cost_per_task_usd?}. Prints per
candidate the monthly cost, CPSO, ROI, break-even success rates and a sensitivity table. With --replay,
each candidate (a model of the routing-outcomes file, or a route of the config) answers the file's queries
of --split through the real pipeline (replay provider), and its measured success rate (mean recorded
score) and cost (every attempt) replace the guessed ones.`,
  bench: `Usage: strata bench gateway|retrieval|grounded|routing|guardrails [options]

Runs one of the benchmarks; \`strata bench <name> --help\` prints its options.
  gateway     the gateway race: Strata against a bare Node pass-through and Portkey
  retrieval   nDCG@10, MAP, recall and latency of the knowledge index on BEIR data
  grounded    grounded QA with citations: EM/F1, abstention, citation validity, latency
  routing     routing policies on recorded outcomes (replay provider)
  guardrails  PII, secret and prompt-injection detectors on the labelled corpus`,
  'bench guardrails': `Usage: strata bench guardrails [--split test|train|all] [--data <dir>] [--threshold 0.5] [--json]

Scores the guardrail detectors on the labelled corpus (corpus.jsonl: PII and secrets with hard negatives;
injections.jsonl: prompt injections and benign prompts): per-entity precision and recall, the injection
score's precision and recall at --threshold with its false positives listed, and detector CPU per KB.
The detectors were tuned on the train split; the test split is the one to report.`,
  'bench retrieval': `Usage: strata bench retrieval --data <BEIR dir> [--mode bm25|hybrid|lsa] [--k1 0.9] [--b 0.4]
                              [--fusion weighted|rrf] [--weights 0.7] [--synthetic 10000] [--json]

Indexes corpus.jsonl (title + text), runs each judged query of queries.jsonl to depth 1000 and scores
it against qrels/test.tsv: nDCG@10, MAP, R@100, MRR@10, index time, query p50/p99.
  --data       a BEIR directory, or a folder of them (each is run)
  --mode       bm25, hybrid (BM25 + local LSA) or lsa; comma-separated for several
  --weights    BM25's weight in weighted fusion (default 0.7; the LSA leg gets the rest)
  --synthetic  index N documents recombined from the corpus's sentences instead (speed goals)`,
  'bench grounded': `Usage: strata bench grounded --data <dir> [--model local/extractive] [--config strata.yaml]
                             [--context retrieved|gold] [--top-k 5] [--limit N]
                             [--threshold 0..1] [--json]

Answers every question of a grounded-QA dataset (qa.jsonl + corpus.jsonl) from passages retrieved out of
its corpus (or its gold context) and reports SQuAD EM/F1 on answerable questions, abstention precision and
recall on unanswerable ones, citation validity and latency. Another --model is called through the
pipeline built from --config with a citation prompt. --threshold overrides the extractive model's
abstention threshold.`,
  'bench routing': `Usage: strata bench routing --data <outcomes.jsonl> [--train-split train] [--test-split test] [--json]
                            [--plot out.svg] [--config strata.yaml]

Runs every routing policy (single models, random, per-task, oracle, cascades, the learned router) on a
routing-outcomes file through the replay pipeline, training on --train-split and measuring on
--test-split; --plot writes the cost-quality frontier as SVG. The report is also kept as the latest in the
Strata home of --config, where the dashboard's Routing page shows its frontier.`,
};

const options = {
  // `strata bench gateway` takes the bench's own flag table, so a flag added there is accepted here.
  ...gatewayBenchFlags,
  config: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'no-auth': { type: 'boolean', default: false },
  workers: { type: 'string' },
  name: { type: 'string' },
  metadata: { type: 'string' },
  json: { type: 'boolean', default: false },
  pricing: { type: 'boolean', default: false },
  data: { type: 'string' },
  mode: { type: 'string' },
  k1: { type: 'string' },
  b: { type: 'string' },
  fusion: { type: 'string' },
  synthetic: { type: 'string' },
  weights: { type: 'string' },
  by: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  model: { type: 'string' },
  'top-k': { type: 'string' },
  key: { type: 'string' },
  status: { type: 'string' },
  session: { type: 'string' },
  route: { type: 'string' },
  bucket: { type: 'string' },
  context: { type: 'string' },
  limit: { type: 'string' },
  threshold: { type: 'string' },
  description: { type: 'string' },
  'chunk-tokens': { type: 'string' },
  'chunk-overlap': { type: 'string' },
  prune: { type: 'boolean', default: false },
  split: { type: 'string' },
  k: { type: 'string' },
  'from-ledger': { type: 'boolean', default: false },
  'embedding-model': { type: 'string' },
  cascade: { type: 'string', multiple: true },
  'train-split': { type: 'string' },
  'test-split': { type: 'string' },
  plot: { type: 'string' },
  'fail-under': { type: 'string' },
  version: { type: 'string' },
  format: { type: 'string' },
  file: { type: 'string' },
  template: { type: 'string' },
  label: { type: 'string', multiple: true },
  note: { type: 'string' },
  'score-name': { type: 'string' },
  'min-score': { type: 'string' },
  'max-score': { type: 'string' },
  html: { type: 'string' },
  id: { type: 'string' },
  user: { type: 'string' },
  out: { type: 'string' },
  role: { type: 'string' },
  team: { type: 'string', multiple: true },
  email: { type: 'string' },
  service: { type: 'boolean', default: false },
  subject: { type: 'string' },
  organisation: { type: 'string' },
  'content-retention-days': { type: 'string' },
  disable: { type: 'boolean', default: false },
  enable: { type: 'boolean', default: false },
  period: { type: 'string' },
  pdf: { type: 'boolean', default: false },
  baseline: { type: 'string' },
  effect: { type: 'string' },
  replay: { type: 'string' },
  holdout: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function share(flag: string, value: string): number {
  const parsed = Number(value);
  if (!(parsed >= 0 && parsed < 1))
    throw new CliError(`--${flag} must be a share from 0 to below 1, got \`${value}\``);
  return parsed;
}

function integer(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new CliError(`--${flag} must be a non-negative integer, got \`${value}\``);
  return parsed;
}

async function run(argv: string[]): Promise<void> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nRun \`strata --help\` for usage.`);
  }
  const { values, positionals } = parsed;
  const [command, action, argument] = positionals;
  const config = values.config;
  if (values.help && command === 'bench' && action === 'gateway') {
    const { gatewayBenchUsage } = await import('../../bench/gateway/command.js');
    console.log(gatewayBenchUsage);
    return;
  }
  if (values.help || command === undefined || command === 'help') {
    const topic = command === 'help' ? (action ?? 'strata') : command;
    const [first, second] = command === 'help' ? [action, argument] : [command, action];
    console.log(help[`${first} ${second}`] ?? help[topic ?? 'strata'] ?? help.strata);
    return;
  }
  switch (command) {
    case 'serve': {
      const { serve } = await import('./serve.js');
      const port = integer('port', values.port);
      if (port !== undefined && port > 65535)
        throw new CliError(`--port must be from 0 to 65535, got ${port}`);
      const workers = integer('workers', values.workers);
      if (workers === 0) throw new CliError('--workers must be at least 1');
      return serve({
        noAuth: values['no-auth'],
        ...(workers !== undefined && { workers }),
        ...(config !== undefined && { config }),
        ...(values.host !== undefined && { host: values.host }),
        ...(port !== undefined && { port }),
      });
    }
    case 'keys': {
      const { keysCommand } = await import('./keys.js');
      return keysCommand(action, {
        json: values.json,
        ...(config !== undefined && { config }),
        ...(values.name !== undefined && { name: values.name }),
        ...(values.metadata !== undefined && { metadata: values.metadata }),
        ...(argument !== undefined && { id: argument }),
      });
    }
    case 'users':
    case 'teams':
    case 'organisations': {
      const { usersCommand, teamsCommand, organisationsCommand } = await import('./users.js');
      const directoryOptions = {
        json: values.json,
        service: values.service,
        disable: values.disable,
        enable: values.enable,
        ...(config !== undefined && { config }),
        ...((values.id ?? argument) !== undefined && { id: values.id ?? argument }),
        ...(values.name !== undefined && { name: values.name }),
        ...(values.role !== undefined && { role: values.role }),
        ...(values.team !== undefined && { teams: values.team }),
        ...(values.email !== undefined && { email: values.email }),
        ...(values.subject !== undefined && { subject: values.subject }),
        ...(values.organisation !== undefined && { organisation: values.organisation }),
        ...(values['content-retention-days'] !== undefined && {
          contentRetentionDays: values['content-retention-days'],
        }),
      };
      if (command === 'organisations') return organisationsCommand(action, directoryOptions);
      return command === 'users'
        ? usersCommand(action, directoryOptions)
        : teamsCommand(action, directoryOptions);
    }
    case 'audit': {
      const { auditCommand } = await import('./audit.js');
      return auditCommand(action, {
        json: values.json,
        ...(config !== undefined && { config }),
        ...(values.out !== undefined && { out: values.out }),
      });
    }
    case 'erase': {
      const { eraseCommand } = await import('./erase.js');
      return eraseCommand({
        json: values.json,
        ...(config !== undefined && { config }),
        ...(values.user !== undefined && { user: values.user }),
      });
    }
    case 'models': {
      const { modelsCommand } = await import('./models.js');
      return modelsCommand({
        json: values.json,
        pricing: values.pricing,
        ...(config !== undefined && { config }),
      });
    }
    case 'spend': {
      const { spendCommand } = await import('./spend.js');
      return spendCommand({
        json: values.json,
        ...(config !== undefined && { config }),
        ...(values.by !== undefined && { by: values.by }),
        ...(values.from !== undefined && { from: values.from }),
        ...(values.to !== undefined && { to: values.to }),
      });
    }
    case 'requests':
    case 'stats': {
      const { requestsCommand, statsCommand } = await import('./requests.js');
      const limit = integer('limit', values.limit);
      const query = {
        json: values.json,
        ...(config !== undefined && { config }),
        ...(values.from !== undefined && { from: values.from }),
        ...(values.to !== undefined && { to: values.to }),
        ...(values.model !== undefined && { model: values.model }),
        ...(values.key !== undefined && { key: values.key }),
        ...(values.status !== undefined && { status: values.status }),
        ...(values.session !== undefined && { session: values.session }),
        ...(values.route !== undefined && { route: values.route }),
        ...(values.bucket !== undefined && { bucket: values.bucket }),
        ...(values.by !== undefined && { by: values.by }),
        ...(limit !== undefined && { limit }),
      };
      return command === 'stats' ? statsCommand(query) : requestsCommand(action, query);
    }
    case 'kb': {
      const { kbCommand } = await import('./kb.js');
      const chunkTokens = integer('chunk-tokens', values['chunk-tokens']);
      const chunkOverlap = integer('chunk-overlap', values['chunk-overlap']);
      const topK = integer('top-k', values['top-k']);
      return kbCommand(action, positionals.slice(2), {
        json: values.json,
        prune: values.prune,
        ...(config !== undefined && { config }),
        ...(values.description !== undefined && { description: values.description }),
        ...(chunkTokens !== undefined && { chunkTokens }),
        ...(chunkOverlap !== undefined && { chunkOverlap }),
        ...(topK !== undefined && { topK }),
        ...(values.mode !== undefined && { mode: values.mode }),
      });
    }
    case 'config': {
      if (action !== 'check') throw new CliError('Usage: strata config check [--config strata.yaml]');
      const { configCheckCommand } = await import('./config-check.js');
      return configCheckCommand(config !== undefined ? { config } : {});
    }
    case 'router': {
      const { routerCommand } = await import('./router.js');
      const k = integer('k', values.k);
      return routerCommand(action, {
        json: values.json,
        fromLedger: values['from-ledger'],
        ...(values.period !== undefined && { period: values.period }),
        ...(values.holdout !== undefined && { holdout: share('holdout', values.holdout) }),
        ...(config !== undefined && { config }),
        ...(values.name !== undefined && { name: values.name }),
        ...(values.data !== undefined && { data: values.data }),
        ...(values.split !== undefined && { split: values.split }),
        ...(k !== undefined && { k }),
        ...(values['embedding-model'] !== undefined && { embeddingModel: values['embedding-model'] }),
        ...(values.cascade !== undefined && { cascades: values.cascade }),
      });
    }
    case 'eval': {
      const { evalCommand } = await import('./eval.js');
      const failUnder = values['fail-under'] === undefined ? undefined : Number(values['fail-under']);
      if (failUnder !== undefined && !(failUnder >= 0 && failUnder <= 1))
        throw new CliError(`--fail-under must be a number from 0 to 1, got \`${values['fail-under']}\``);
      return evalCommand(action, argument, {
        json: values.json,
        ...(config !== undefined && { config }),
        ...(values.html !== undefined && { html: values.html }),
        ...(values.name !== undefined && { name: values.name }),
        ...(failUnder !== undefined && { failUnder }),
      });
    }
    case 'datasets': {
      const { datasetsCommand } = await import('./datasets.js');
      const version = integer('version', values.version);
      const limit = integer('limit', values.limit);
      const score = (flag: 'min-score' | 'max-score') => {
        const value = values[flag];
        if (value === undefined) return undefined;
        if (!Number.isFinite(Number(value)))
          throw new CliError(`--${flag} must be a number, got \`${value}\``);
        return Number(value);
      };
      const minScore = score('min-score');
      const maxScore = score('max-score');
      return datasetsCommand(action, positionals.slice(2), {
        json: values.json,
        ...(config !== undefined && { config }),
        ...(values.description !== undefined && { description: values.description }),
        ...(version !== undefined && { version }),
        ...(values.format !== undefined && { format: values.format }),
        ...(values.model !== undefined && { model: values.model }),
        ...(values.key !== undefined && { key: values.key }),
        ...(values.from !== undefined && { from: values.from }),
        ...(values.to !== undefined && { to: values.to }),
        ...(values['score-name'] !== undefined && { scoreName: values['score-name'] }),
        ...(minScore !== undefined && { minScore }),
        ...(maxScore !== undefined && { maxScore }),
        ...(limit !== undefined && { limit }),
      });
    }
    case 'prompts': {
      const { promptsCommand } = await import('./prompts.js');
      const version = integer('version', values.version);
      const label = values.label;
      return promptsCommand(action, positionals.slice(2), {
        json: values.json,
        ...(config !== undefined && { config }),
        ...(values.file !== undefined && { file: values.file }),
        ...(values.template !== undefined && { template: values.template }),
        ...(values.note !== undefined && { note: values.note }),
        ...(version !== undefined && { version }),
        // One --label names the label to show; every --label is a label the new version gets.
        ...(label !== undefined && { labels: label, ...(label[0] !== undefined && { label: label[0] }) }),
      });
    }
    case 'value':
    case 'experiments':
    case 'report':
    case 'simulate': {
      const { valueCommand, experimentsCommand, reportCommand, simulateCommand } = await import('./value.js');
      const valueOptions = {
        json: values.json,
        pdf: values.pdf,
        ...(config !== undefined && { config }),
        ...(values.by !== undefined && { by: values.by }),
        ...(values.period !== undefined && { period: values.period }),
        ...(values.from !== undefined && { from: values.from }),
        ...(values.to !== undefined && { to: values.to }),
        ...(values.out !== undefined && { out: values.out }),
        ...(values.file !== undefined && { file: values.file }),
        ...(values.baseline !== undefined && { baseline: values.baseline }),
        ...(values.effect !== undefined && { effect: values.effect }),
        ...(values.replay !== undefined && { replay: values.replay }),
        ...(values.split !== undefined && { split: values.split }),
      };
      if (command === 'value') return valueCommand(valueOptions);
      if (command === 'report') return reportCommand(action, valueOptions);
      if (command === 'simulate') return simulateCommand(valueOptions);
      return experimentsCommand(action, argument, valueOptions);
    }
    case 'bench': {
      if (action === 'retrieval') {
        if (values.data === undefined)
          throw new CliError('Usage: strata bench retrieval --data <BEIR dir> [--json]');
        const { benchRetrievalCommand } = await import('./bench.js');
        return benchRetrievalCommand({
          json: values.json,
          data: values.data,
          ...(values.mode !== undefined && { mode: values.mode }),
          ...(values.k1 !== undefined && { k1: values.k1 }),
          ...(values.b !== undefined && { b: values.b }),
          ...(values.fusion !== undefined && { fusion: values.fusion }),
          ...(values.synthetic !== undefined && { synthetic: values.synthetic }),
          ...(values.weights !== undefined && { weights: values.weights }),
        });
      }
      if (action === 'grounded') return benchGrounded(values);
      if (action === 'routing') {
        if (values.data === undefined)
          throw new CliError('Usage: strata bench routing --data <outcomes.jsonl>');
        const { benchRoutingCommand } = await import('./bench.js');
        return benchRoutingCommand({
          data: values.data,
          json: values.json,
          ...(values['train-split'] !== undefined && { trainSplit: values['train-split'] }),
          ...(values['test-split'] !== undefined && { testSplit: values['test-split'] }),
          ...(values.plot !== undefined && { plot: values.plot }),
          ...(values.config !== undefined && { config: values.config }),
        });
      }
      if (action === 'guardrails') {
        const { benchGuardrailsCommand } = await import('./bench.js');
        return benchGuardrailsCommand({
          json: values.json,
          ...(values.split !== undefined && { split: values.split }),
          ...(values.data !== undefined && { data: values.data }),
          ...(values.threshold !== undefined && { threshold: values.threshold }),
        });
      }
      if (action !== 'gateway')
        throw new CliError('Usage: strata bench gateway|retrieval|grounded|routing|guardrails [--json]');
      const { benchGatewayCommand } = await import('./bench.js');
      return benchGatewayCommand(values);
    }
    default:
      throw new CliError(`Unknown command \`${command}\`. Run \`strata --help\` for the list.`);
  }
}

async function benchGrounded(values: ReturnType<typeof parseArgs<{ options: typeof options }>>['values']) {
  const usage =
    'Usage: strata bench grounded --data <dir> [--model local/extractive] [--context retrieved|gold]';
  if (values.data === undefined) throw new CliError(usage);
  if (values.context !== undefined && values.context !== 'retrieved' && values.context !== 'gold')
    throw new CliError(`--context must be retrieved or gold, got \`${values.context}\``);
  const { benchGroundedCommand } = await import('./bench.js');
  const topK = integer('top-k', values['top-k']);
  const limit = integer('limit', values.limit);
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1))
    throw new CliError(`--threshold must be a number from 0 to 1, got \`${values.threshold}\``);
  return benchGroundedCommand({
    json: values.json,
    data: values.data,
    ...(values.model !== undefined && { model: values.model }),
    ...(values.config !== undefined && { config: values.config }),
    ...(values.context !== undefined && { context: values.context }),
    ...(topK !== undefined && { topK }),
    ...(limit !== undefined && { limit }),
    ...(threshold !== undefined && { threshold }),
  });
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError || error instanceof StrataError) {
    console.error(`strata: ${error.message}`);
  } else if (readEnvironment().debug) {
    console.error('strata: unexpected error:', error);
  } else {
    console.error(
      `strata: unexpected error: ${firstLine(error)} (set STRATA_DEBUG=1 to print where it happened)`,
    );
  }
  process.exit(1);
});
