import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './database-url.js';

/** The evaluation layer's tables, and the prompt each logged request used. */
export function evaluationMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const number = dialect === 'sqlite' ? 'real' : 'double precision';
      await db.schema
        .createTable('eval_datasets')
        .addColumn('name', 'text', (column) => column.primaryKey())
        .addColumn('description', 'text', (column) => column.notNull().defaultTo(''))
        .addColumn('version', 'integer', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('eval_dataset_items')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('dataset', 'text', (column) => column.notNull())
        .addColumn('item_key', 'text', (column) => column.notNull())
        .addColumn('added_in', 'integer', (column) => column.notNull())
        .addColumn('removed_in', 'integer')
        .addColumn('input', 'text', (column) => column.notNull())
        .addColumn('expected', 'text')
        .addColumn('metadata', 'text', (column) => column.notNull().defaultTo('{}'))
        .addColumn('source_request_id', 'text')
        .addColumn('created_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('eval_dataset_items_dataset')
        .on('eval_dataset_items')
        .columns(['dataset', 'item_key'])
        .execute();
      await db.schema
        .createTable('eval_experiments')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('dataset', 'text')
        .addColumn('dataset_version', 'integer')
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('config', 'text', (column) => column.notNull())
        .addColumn('summary', 'text')
        .addColumn('cost_usd', number, (column) => column.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema
        .createTable('eval_results')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('experiment_id', 'text', (column) => column.notNull())
        .addColumn('variant', 'text', (column) => column.notNull())
        .addColumn('item_key', 'text', (column) => column.notNull())
        .addColumn('request_id', 'text')
        .addColumn('output', 'text', (column) => column.notNull())
        .addColumn('score', number, (column) => column.notNull())
        .addColumn('pass', 'integer', (column) => column.notNull())
        .addColumn('cost_usd', number)
        .addColumn('latency_ms', number, (column) => column.notNull())
        .addColumn('assertions', 'text', (column) => column.notNull())
        .addColumn('error', 'text')
        .execute();
      await db.schema
        .createIndex('eval_results_experiment')
        .on('eval_results')
        .columns(['experiment_id', 'variant'])
        .execute();
      await db.schema
        .createTable('prompt_versions')
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('version', 'integer', (column) => column.notNull())
        .addColumn('messages', 'text', (column) => column.notNull())
        .addColumn('settings', 'text', (column) => column.notNull().defaultTo('{}'))
        .addColumn('note', 'text', (column) => column.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('prompt_versions_pk', ['name', 'version'])
        .execute();
      await db.schema
        .createTable('prompt_labels')
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('label', 'text', (column) => column.notNull())
        .addColumn('version', 'integer', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('prompt_labels_pk', ['name', 'label'])
        .execute();
      await db.schema
        .createTable('eval_scores')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('request_id', 'text')
        .addColumn('session_id', 'text')
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('value', number)
        .addColumn('category', 'text')
        .addColumn('comment', 'text')
        .addColumn('source', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('eval_scores_request').on('eval_scores').column('request_id').execute();
      await db.schema.createIndex('eval_scores_session').on('eval_scores').column('session_id').execute();
      // `name@version` of the managed prompt a call used; null for calls without one.
      await db.schema.alterTable('request_log').addColumn('prompt', 'text').execute();
    },
  };
}
