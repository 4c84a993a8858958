import { type Kysely, type Migration, type MigrationResult, Migrator, sql } from 'kysely';
import type { Dialect } from './database-url.js';
import { evaluationMigration } from './evaluation-migration.js';

/** Every migration, in order; the same statements on both dialects except where a branch says why. */
function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_keys_settings_request_log': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('api_keys')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('name', 'text', (column) => column.notNull())
          .addColumn('key_hash', 'text', (column) => column.notNull())
          .addColumn('key_prefix', 'text', (column) => column.notNull())
          .addColumn('metadata', 'text', (column) => column.notNull().defaultTo('{}'))
          .addColumn('created_at', 'text', (column) => column.notNull())
          .addColumn('revoked_at', 'text')
          .execute();
        await db.schema.createIndex('api_keys_key_hash').unique().on('api_keys').column('key_hash').execute();

        await db.schema
          .createTable('settings')
          .addColumn('name', 'text', (column) => column.primaryKey())
          .addColumn('value', 'text', (column) => column.notNull())
          .execute();

        // SQLite only auto-increments an `integer primary key`; PostgreSQL needs a 64-bit sequence.
        const requestLog =
          dialect === 'sqlite'
            ? db.schema
                .createTable('request_log')
                .addColumn('id', 'integer', (column) => column.primaryKey().autoIncrement())
            : db.schema
                .createTable('request_log')
                .addColumn('id', 'bigserial', (column) => column.primaryKey());
        await requestLog
          .addColumn('request_id', 'text', (column) => column.notNull().unique())
          .addColumn('created_at', 'text', (column) => column.notNull())
          .addColumn('endpoint', 'text', (column) => column.notNull())
          .addColumn('key_id', 'text')
          .addColumn('requested_model', 'text')
          .addColumn('served_model', 'text')
          .addColumn('provider', 'text')
          .addColumn('status', 'integer', (column) => column.notNull())
          .addColumn('error_code', 'text')
          .addColumn('stream', 'integer', (column) => column.notNull().defaultTo(0))
          .addColumn('latency_ms', 'integer', (column) => column.notNull())
          .addColumn('ttft_ms', 'integer')
          .addColumn('input_tokens', 'integer')
          .addColumn('output_tokens', 'integer')
          .addColumn('cached_input_tokens', 'integer')
          .addColumn('reasoning_tokens', 'integer')
          .addColumn('usage_estimated', 'integer', (column) => column.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createIndex('request_log_created_at')
          .on('request_log')
          .column('created_at')
          .execute();
        await db.schema.createIndex('request_log_key_id').on('request_log').column('key_id').execute();
      },
    },
    '0002_request_log_cost': {
      async up(db: Kysely<unknown>) {
        // USD as a double: costs are rounded to 1e-9 USD, well inside a double's precision.
        const money = dialect === 'sqlite' ? 'real' : 'double precision';
        await db.schema.alterTable('request_log').addColumn('cost_usd', money).execute();
        await db.schema.alterTable('request_log').addColumn('price_version', 'text').execute();
      },
    },
    '0003_ledger': {
      async up(db: Kysely<unknown>) {
        // One row per provider attempt (retries, fallbacks, verifiers and judges each add one), so the
        // natural key is (request_id, attempt); the writer's retried inserts rely on it being unique.
        const ledger =
          dialect === 'sqlite'
            ? db.schema
                .createTable('ledger')
                .addColumn('id', 'integer', (column) => column.primaryKey().autoIncrement())
            : db.schema.createTable('ledger').addColumn('id', 'bigserial', (column) => column.primaryKey());
        const money = dialect === 'sqlite' ? 'real' : 'double precision';
        await ledger
          .addColumn('request_id', 'text', (column) => column.notNull())
          .addColumn('attempt', 'integer', (column) => column.notNull())
          .addColumn('purpose', 'text', (column) => column.notNull())
          .addColumn('created_at', 'text', (column) => column.notNull())
          .addColumn('key_id', 'text')
          .addColumn('team', 'text')
          .addColumn('user', 'text')
          .addColumn('tags', 'text', (column) => column.notNull().defaultTo('[]'))
          .addColumn('feature', 'text')
          .addColumn('provider', 'text')
          .addColumn('model', 'text')
          .addColumn('requested_model', 'text')
          .addColumn('status', 'integer', (column) => column.notNull())
          .addColumn('input_tokens', 'integer', (column) => column.notNull().defaultTo(0))
          .addColumn('cached_input_tokens', 'integer', (column) => column.notNull().defaultTo(0))
          .addColumn('cache_write_tokens', 'integer', (column) => column.notNull().defaultTo(0))
          .addColumn('reasoning_tokens', 'integer', (column) => column.notNull().defaultTo(0))
          .addColumn('output_tokens', 'integer', (column) => column.notNull().defaultTo(0))
          .addColumn('usage_estimated', 'integer', (column) => column.notNull().defaultTo(0))
          .addColumn('cost_usd', money)
          .addColumn('saved_usd', money)
          .addColumn('price_version', 'text')
          .addColumn('trace_id', 'text')
          .execute();
        await db.schema
          .createIndex('ledger_request_attempt')
          .unique()
          .on('ledger')
          .columns(['request_id', 'attempt'])
          .execute();
        await db.schema.createIndex('ledger_created_at').on('ledger').column('created_at').execute();
        await db.schema
          .createIndex('ledger_key_created_at')
          .on('ledger')
          .columns(['key_id', 'created_at'])
          .execute();
        await db.schema
          .createIndex('ledger_model_created_at')
          .on('ledger')
          .columns(['model', 'created_at'])
          .execute();
      },
    },
    '0004_budgets': {
      async up(db: Kysely<unknown>) {
        // Money as whole micro-dollars in 64-bit integers: sums and the limit check never drift.
        await db.schema
          .createTable('budgets')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('scope', 'text', (column) => column.notNull())
          .addColumn('match', 'text')
          .addColumn('period', 'text', (column) => column.notNull())
          .addColumn('limit_microusd', 'bigint', (column) => column.notNull())
          .addColumn('mode', 'text', (column) => column.notNull())
          .addColumn('unpriced', 'text', (column) => column.notNull().defaultTo('refuse'))
          .addColumn('source', 'text', (column) => column.notNull())
          .addColumn('created_at', 'text', (column) => column.notNull())
          .execute();
        await db.schema
          .createTable('budget_windows')
          .addColumn('budget_id', 'text', (column) => column.notNull())
          .addColumn('window_start', 'text', (column) => column.notNull())
          .addColumn('spent_microusd', 'bigint', (column) => column.notNull().defaultTo(0))
          .addColumn('reserved_microusd', 'bigint', (column) => column.notNull().defaultTo(0))
          .addColumn('alerted_at', 'text')
          .addPrimaryKeyConstraint('budget_windows_pk', ['budget_id', 'window_start'])
          .execute();
      },
    },
    '0005_knowledge': {
      async up(db: Kysely<unknown>) {
        // `revision` grows with every document change, so a persisted index snapshot knows when it is stale.
        await db.schema
          .createTable('knowledge_bases')
          .addColumn('name', 'text', (column) => column.primaryKey())
          .addColumn('description', 'text', (column) => column.notNull().defaultTo(''))
          .addColumn('settings', 'text', (column) => column.notNull().defaultTo('{}'))
          .addColumn('revision', 'integer', (column) => column.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (column) => column.notNull())
          .execute();
        await db.schema
          .createTable('knowledge_documents')
          .addColumn('kb', 'text', (column) => column.notNull())
          .addColumn('id', 'text', (column) => column.notNull())
          .addColumn('source', 'text', (column) => column.notNull())
          .addColumn('title', 'text')
          .addColumn('content_hash', 'text', (column) => column.notNull())
          .addColumn('metadata', 'text', (column) => column.notNull().defaultTo('{}'))
          .addColumn('chunk_count', 'integer', (column) => column.notNull().defaultTo(0))
          .addColumn('updated_at', 'text', (column) => column.notNull())
          .addPrimaryKeyConstraint('knowledge_documents_pk', ['kb', 'id'])
          .execute();
        await db.schema
          .createTable('knowledge_chunks')
          .addColumn('kb', 'text', (column) => column.notNull())
          .addColumn('id', 'text', (column) => column.notNull())
          .addColumn('document_id', 'text', (column) => column.notNull())
          .addColumn('position', 'integer', (column) => column.notNull())
          .addColumn('text', 'text', (column) => column.notNull())
          .addColumn('heading_path', 'text', (column) => column.notNull().defaultTo('[]'))
          .addColumn('char_start', 'integer', (column) => column.notNull())
          .addColumn('char_end', 'integer', (column) => column.notNull())
          .addColumn('token_count', 'integer', (column) => column.notNull())
          .addPrimaryKeyConstraint('knowledge_chunks_pk', ['kb', 'id'])
          .execute();
        await db.schema
          .createIndex('knowledge_chunks_document')
          .on('knowledge_chunks')
          .columns(['kb', 'document_id', 'position'])
          .execute();
        await db.schema
          .createTable('knowledge_index_snapshots')
          .addColumn('kb', 'text', (column) => column.primaryKey())
          .addColumn('revision', 'integer', (column) => column.notNull())
          .addColumn('format', 'text', (column) => column.notNull())
          // Base64 of the index bytes: one text column reads the same on both dialects.
          .addColumn('data', 'text', (column) => column.notNull())
          .addColumn('created_at', 'text', (column) => column.notNull())
          .execute();
      },
    },
    '0006_routing': {
      async up(db: Kysely<unknown>) {
        // How a routed call was served (plan, attempts, verdicts, escalations), for the trace layer.
        await db.schema.alterTable('request_log').addColumn('route', 'text').execute();
      },
    },
    '0007_routers': {
      async up(db: Kysely<unknown>) {
        // The trained model is JSON with base64 arrays; both dialects store large text without limits.
        await db.schema
          .createTable('routers')
          .addColumn('name', 'text', (column) => column.primaryKey())
          .addColumn('kind', 'text', (column) => column.notNull())
          .addColumn('trained_at', 'text', (column) => column.notNull())
          .addColumn('training_rows', 'integer', (column) => column.notNull())
          .addColumn('source', 'text', (column) => column.notNull())
          .addColumn('model', 'text', (column) => column.notNull())
          .execute();
      },
    },
    '0008_traces': {
      async up(db: Kysely<unknown>) {
        // One row per call: its spans as one JSON array, written once and read whole by the query API.
        await db.schema
          .createTable('traces')
          .addColumn('request_id', 'text', (column) => column.primaryKey())
          .addColumn('trace_id', 'text', (column) => column.notNull())
          .addColumn('session_id', 'text')
          .addColumn('created_at', 'text', (column) => column.notNull())
          .addColumn('spans', 'text', (column) => column.notNull())
          .execute();
        await db.schema.createIndex('traces_trace_id').on('traces').column('trace_id').execute();
        await db.schema
          .createIndex('traces_session')
          .on('traces')
          .columns(['session_id', 'created_at'])
          .execute();
        await db.schema.createIndex('traces_created_at').on('traces').column('created_at').execute();
      },
    },
    '0009_budget_leases': {
      async up(db: Kysely<unknown>) {
        // A window's reserved_microusd is the sum of its leases; a lease whose owner stops renewing it
        // expires and is released by any process's reconciler.
        await db.schema
          .createTable('budget_leases')
          .addColumn('budget_id', 'text', (column) => column.notNull())
          .addColumn('window_start', 'text', (column) => column.notNull())
          .addColumn('owner', 'text', (column) => column.notNull())
          .addColumn('amount_microusd', 'bigint', (column) => column.notNull())
          .addColumn('expires_at', 'text', (column) => column.notNull())
          .addPrimaryKeyConstraint('budget_leases_pk', ['budget_id', 'window_start', 'owner'])
          .execute();
        await db.schema
          .createIndex('budget_leases_expires_at')
          .on('budget_leases')
          .column('expires_at')
          .execute();
      },
    },
    '0010_alerts': {
      async up(db: Kysely<unknown>) {
        // One row per alert occurrence: a rule's alert from firing to resolved, or one raised event.
        const number = dialect === 'sqlite' ? 'real' : 'double precision';
        await db.schema
          .createTable('alerts')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('rule', 'text', (column) => column.notNull())
          .addColumn('subject', 'text', (column) => column.notNull())
          .addColumn('type', 'text', (column) => column.notNull())
          .addColumn('severity', 'text', (column) => column.notNull())
          .addColumn('status', 'text', (column) => column.notNull())
          .addColumn('message', 'text', (column) => column.notNull())
          .addColumn('value', number)
          .addColumn('threshold', number)
          .addColumn('notified', 'integer', (column) => column.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (column) => column.notNull())
          .addColumn('resolved_at', 'text')
          .execute();
        await db.schema.createIndex('alerts_created_at').on('alerts').column('created_at').execute();
        await db.schema
          .createIndex('alerts_rule_subject')
          .on('alerts')
          .columns(['rule', 'subject', 'created_at'])
          .execute();
      },
    },
    '0011_request_log_guardrails': {
      async up(db: Kysely<unknown>) {
        // Guardrail verdicts that did something (block, redact, mask, flag): rule, side and entity names.
        await db.schema.alterTable('request_log').addColumn('guardrails', 'text').execute();
      },
    },
    '0012_access': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('organisations')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('name', 'text', (column) => column.notNull())
          .addColumn('created_at', 'text', (column) => column.notNull())
          .execute();
        // A team's id is the name keys, budgets and the ledger already attribute spend to.
        await db.schema
          .createTable('teams')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('organisation_id', 'text')
          .addColumn('name', 'text', (column) => column.notNull())
          .addColumn('created_at', 'text', (column) => column.notNull())
          .execute();
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('organisation_id', 'text')
          .addColumn('kind', 'text', (column) => column.notNull())
          .addColumn('name', 'text', (column) => column.notNull())
          .addColumn('email', 'text')
          .addColumn('role', 'text', (column) => column.notNull())
          .addColumn('subject', 'text')
          .addColumn('created_at', 'text', (column) => column.notNull())
          .addColumn('disabled_at', 'text')
          .execute();
        await db.schema.createIndex('users_subject').unique().on('users').column('subject').execute();
        await db.schema
          .createTable('team_members')
          .addColumn('team_id', 'text', (column) => column.notNull())
          .addColumn('user_id', 'text', (column) => column.notNull())
          .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
          .execute();
        await db.schema.createIndex('team_members_user').on('team_members').column('user_id').execute();
        // Appends race on the primary key and on prev_hash: a second writer with the same predecessor
        // fails and retries on the new head, so the chain never forks.
        await db.schema
          .createTable('audit_log')
          .addColumn('seq', 'integer', (column) => column.primaryKey())
          .addColumn('created_at', 'text', (column) => column.notNull())
          .addColumn('actor', 'text', (column) => column.notNull())
          .addColumn('action', 'text', (column) => column.notNull())
          .addColumn('target', 'text')
          .addColumn('detail', 'text', (column) => column.notNull())
          .addColumn('prev_hash', 'text', (column) => column.notNull().unique())
          .addColumn('hash', 'text', (column) => column.notNull())
          .execute();
      },
    },
    '0013_value': {
      async up(db: Kysely<unknown>) {
        const number = dialect === 'sqlite' ? 'real' : 'double precision';
        // What outcomes join on: the conversation, the caller's correlation id and an A/B assignment.
        for (const column of ['session_id', 'correlation_id', 'experiment', 'variant'])
          await db.schema.alterTable('request_log').addColumn(column, 'text').execute();
        await db.schema
          .createIndex('request_log_session_id')
          .on('request_log')
          .column('session_id')
          .execute();
        await db.schema
          .createIndex('request_log_correlation_id')
          .on('request_log')
          .column('correlation_id')
          .execute();
        await db.schema
          .createIndex('request_log_experiment')
          .on('request_log')
          .columns(['experiment', 'variant'])
          .execute();
        await db.schema
          .createTable('outcomes')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('name', 'text', (column) => column.notNull())
          .addColumn('success', 'integer', (column) => column.notNull())
          .addColumn('value_usd', number, (column) => column.notNull())
          .addColumn('metadata', 'text', (column) => column.notNull())
          // 'request' | 'trace' | 'session' | 'correlation': what `subject` names.
          .addColumn('subject_kind', 'text', (column) => column.notNull())
          .addColumn('subject', 'text', (column) => column.notNull())
          .addColumn('occurred_at', 'text', (column) => column.notNull())
          .addColumn('created_at', 'text', (column) => column.notNull())
          .execute();
        await db.schema
          .createIndex('outcomes_subject')
          .on('outcomes')
          .columns(['subject_kind', 'subject'])
          .execute();
        await db.schema.createIndex('outcomes_occurred_at').on('outcomes').column('occurred_at').execute();
        await db.schema
          .createTable('experiments')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('definition', 'text', (column) => column.notNull())
          .addColumn('status', 'text', (column) => column.notNull())
          .addColumn('source', 'text', (column) => column.notNull())
          .addColumn('created_at', 'text', (column) => column.notNull())
          .addColumn('started_at', 'text')
          .addColumn('stopped_at', 'text')
          .execute();
      },
    },
    '0014_evaluation': evaluationMigration(dialect),
    '0015_trace_reports': {
      async up(db: Kysely<unknown>) {
        // A trace is stored as the call's report, from which its spans are built when read: half the bytes
        // and none of the span building on the request's process. Rows written earlier hold a span array.
        await db.schema.alterTable('traces').renameColumn('spans', 'report').execute();
      },
    },
    '0016_content_retention': {
      async up(db: Kysely<unknown>) {
        // Days an organisation keeps captured prompt and answer content; null follows the global setting.
        await db.schema.alterTable('organisations').addColumn('content_retention_days', 'integer').execute();
      },
    },
    '0017_sparse_indexes': {
      async up(db: Kysely<unknown>) {
        // Most calls name no session, correlation or experiment: indexing only the rows that do saves
        // an index write per stored call. Lookups by value (`= ?`) still use these indexes.
        const sparse = [
          { name: 'traces_session', table: 'traces', columns: ['session_id', 'created_at'] },
          { name: 'request_log_session_id', table: 'request_log', columns: ['session_id'] },
          { name: 'request_log_correlation_id', table: 'request_log', columns: ['correlation_id'] },
          { name: 'request_log_experiment', table: 'request_log', columns: ['experiment', 'variant'] },
        ];
        for (const { name, table, columns } of sparse) {
          await db.schema.dropIndex(name).execute();
          await db.schema
            .createIndex(name)
            .on(table)
            .columns(columns)
            .where(sql.ref(columns[0] as string), 'is not', null)
            .execute();
        }
      },
    },
    '0018_outcome_posters': {
      async up(db: Kysely<unknown>) {
        // The key and team that posted an outcome; both null for a trusted poster (the master key, an
        // owner or admin, the signed webhook), whose outcomes may join any call.
        await db.schema.alterTable('outcomes').addColumn('posted_key_id', 'text').execute();
        await db.schema.alterTable('outcomes').addColumn('posted_team', 'text').execute();
      },
    },
    '0019_traces_by_request': {
      async up(db: Kysely<unknown>) {
        // A stored trace writes two B-trees per call instead of four: age is read from the time-ordered
        // request id (no created_at index), and `trace_id` holds only a caller's trace, since a call that
        // started its own has the request id's hex as trace id (no index entry for those). SQLite cannot
        // drop a NOT NULL, so there the table is copied. (A table without rowid measured worse: a trace's
        // row is a fifth of a page, and such tables keep whole rows in their key's B-tree.)
        const own = sql`trace_id = substr(request_id, 5)`;
        if (dialect === 'sqlite') {
          await sql`create table traces_by_request (request_id text primary key, trace_id text, session_id text, created_at text not null, report text not null)`.execute(
            db,
          );
          await sql`insert into traces_by_request select request_id, case when ${own} then null else trace_id end, session_id, created_at, report from traces`.execute(
            db,
          );
          await db.schema.dropTable('traces').execute();
          await db.schema.alterTable('traces_by_request').renameTo('traces').execute();
          await db.schema
            .createIndex('traces_session')
            .on('traces')
            .columns(['session_id', 'created_at'])
            .where(sql.ref('session_id'), 'is not', null)
            .execute();
        } else {
          await db.schema.dropIndex('traces_created_at').execute();
          await db.schema.dropIndex('traces_trace_id').execute();
          await db.schema
            .alterTable('traces')
            .alterColumn('trace_id', (column) => column.dropNotNull())
            .execute();
          await sql`update traces set trace_id = null where ${own}`.execute(db);
        }
        await db.schema
          .createIndex('traces_trace_id')
          .on('traces')
          .column('trace_id')
          .where(sql.ref('trace_id'), 'is not', null)
          .execute();
      },
    },
  };
}

/** The names of all migrations this build knows, oldest first. */
export const migrationNames: readonly string[] = Object.keys(migrationsFor('sqlite'));

/**
 * Numbers are handed out to layers built in parallel, so a store may already hold a later migration
 * than one that lands after it; each migration touches only its own tables, so order between them is free.
 */
const allowUnorderedMigrations = true;

/** Brings the database to the latest schema; safe when several processes start at once. */
export async function migrateToLatest<Database>(
  db: Kysely<Database>,
  dialect: Dialect,
): Promise<MigrationResult[]> {
  const migrations = migrationsFor(dialect);
  const provider = { getMigrations: async () => migrations };
  if (dialect === 'postgres') {
    // Kysely serialises concurrent runs with an advisory lock. Its "does the table exist" check looks at
    // every schema, so name ours to keep a database shared between schemas from confusing it.
    const row = await sql<{ name: string | null }>`select current_schema() as name`.execute(db);
    const schema = row.rows[0]?.name;
    if (schema == null) {
      throw new Error(
        'The PostgreSQL search_path names no existing schema; create it or fix the URL options.',
      );
    }
    return unwrap(
      await new Migrator({
        db,
        provider,
        migrationTableSchema: schema,
        allowUnorderedMigrations,
      }).migrateToLatest(),
    );
  }
  // Kysely takes no lock on SQLite, so hold the file's write lock for the whole run: a second process
  // waits (busy_timeout) and then finds nothing left to do. All queries share Kysely's one connection.
  await sql`begin immediate`.execute(db);
  try {
    const results = unwrap(await new Migrator({ db, provider, allowUnorderedMigrations }).migrateToLatest());
    await sql`commit`.execute(db);
    return results;
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  }
}

function unwrap(resultSet: { error?: unknown; results?: MigrationResult[] }): MigrationResult[] {
  if (resultSet.error !== undefined) {
    const failed = resultSet.results?.find((result) => result.status === 'Error')?.migrationName;
    const message = resultSet.error instanceof Error ? resultSet.error.message : String(resultSet.error);
    const which = failed === undefined ? 'Database migration' : `Database migration ${failed}`;
    throw new Error(`${which} failed: ${message}`, { cause: resultSet.error });
  }
  return resultSet.results ?? [];
}
