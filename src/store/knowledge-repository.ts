import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely, Selectable } from 'kysely';
import type { KnowledgeChunkTable, KnowledgeDocumentTable, Schema } from './schema.js';

/** A knowledge base as stored. */
export interface KnowledgeBaseRecord {
  name: string;
  description: string;
  settings: Record<string, unknown>;
  /** Grows with every document change; a snapshot built at another revision is stale. */
  revision: number;
  createdAt: string;
}

/** A document's stored facts, without its text (that lives in its chunks). */
export interface KnowledgeDocumentRecord {
  kb: string;
  id: string;
  source: string;
  title: string | null;
  contentHash: string;
  metadata: Record<string, unknown>;
  chunkCount: number;
  updatedAt: string;
}

/** One stored chunk of a document. */
export interface KnowledgeChunkRecord {
  id: string;
  kb: string;
  documentId: string;
  position: number;
  text: string;
  headingPath: string[];
  charStart: number;
  charEnd: number;
  tokenCount: number;
}

/** A persisted index, tagged with the base revision it was built at. */
export interface KnowledgeSnapshotRecord {
  kb: string;
  revision: number;
  format: string;
  data: string;
  createdAt: string;
}

/** A document to store, replacing every chunk it had before. */
export type NewKnowledgeDocument = Omit<KnowledgeDocumentRecord, 'chunkCount' | 'updatedAt' | 'kb'> & {
  updatedAt?: string;
};

/** Stores knowledge bases, their documents, chunks and index snapshots. */
export interface KnowledgeRepository {
  /** Creates a base; throws when the name is taken. */
  createBase(base: {
    name: string;
    description?: string;
    settings?: Record<string, unknown>;
  }): Promise<KnowledgeBaseRecord>;
  getBase(name: string): Promise<KnowledgeBaseRecord | undefined>;
  listBases(): Promise<KnowledgeBaseRecord[]>;
  /** Deletes a base with its documents, chunks and snapshot; false when there was none. */
  deleteBase(name: string): Promise<boolean>;
  getDocument(kb: string, id: string): Promise<KnowledgeDocumentRecord | undefined>;
  listDocuments(kb: string): Promise<KnowledgeDocumentRecord[]>;
  countDocuments(kb: string): Promise<number>;
  /** Upserts the document and replaces its chunks in one transaction; returns the base's new revision. */
  putDocument(
    kb: string,
    document: NewKnowledgeDocument,
    chunks: readonly Omit<KnowledgeChunkRecord, 'kb' | 'documentId'>[],
  ): Promise<number>;
  /** Deletes a document and its chunks; returns the new revision, or undefined when there was none. */
  deleteDocument(kb: string, id: string): Promise<number | undefined>;
  /** Every chunk of a base, in document and position order. */
  listChunks(kb: string): Promise<KnowledgeChunkRecord[]>;
  /** The chunks of one document, in order. */
  documentChunks(kb: string, documentId: string): Promise<KnowledgeChunkRecord[]>;
  saveSnapshot(snapshot: Omit<KnowledgeSnapshotRecord, 'createdAt'>): Promise<void>;
  loadSnapshot(kb: string): Promise<KnowledgeSnapshotRecord | undefined>;
}

// Nine bound values per chunk row keeps a batch well under SQLite's and PostgreSQL's parameter limits.
const chunkBatch = 100;

function toDocument(row: Selectable<KnowledgeDocumentTable>): KnowledgeDocumentRecord {
  return {
    kb: row.kb,
    id: row.id,
    source: row.source,
    title: row.title,
    contentHash: row.content_hash,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    chunkCount: Number(row.chunk_count),
    updatedAt: row.updated_at,
  };
}

function toChunk(row: Selectable<KnowledgeChunkTable>): KnowledgeChunkRecord {
  return {
    id: row.id,
    kb: row.kb,
    documentId: row.document_id,
    position: Number(row.position),
    text: row.text,
    headingPath: JSON.parse(row.heading_path) as string[],
    charStart: Number(row.char_start),
    charEnd: Number(row.char_end),
    tokenCount: Number(row.token_count),
  };
}

/** Builds the knowledge repository over a Kysely database of either dialect. */
export function createKnowledgeRepository(db: Kysely<Schema>): KnowledgeRepository {
  async function bump(transaction: Kysely<Schema>, kb: string): Promise<number> {
    await transaction
      .updateTable('knowledge_bases')
      .set((eb) => ({ revision: eb('revision', '+', 1) }))
      .where('name', '=', kb)
      .execute();
    const row = await transaction
      .selectFrom('knowledge_bases')
      .select('revision')
      .where('name', '=', kb)
      .executeTakeFirstOrThrow();
    return Number(row.revision);
  }

  return {
    async createBase(base) {
      const record: KnowledgeBaseRecord = {
        name: base.name,
        description: base.description ?? '',
        settings: base.settings ?? {},
        revision: 0,
        createdAt: new Date().toISOString(),
      };
      await db
        .insertInto('knowledge_bases')
        .values({
          name: record.name,
          description: record.description,
          settings: JSON.stringify(record.settings),
          revision: 0,
          created_at: record.createdAt,
        })
        .execute();
      return record;
    },
    async getBase(name) {
      const row = await db
        .selectFrom('knowledge_bases')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst();
      return row && toBase(row);
    },
    async listBases() {
      const rows = await db.selectFrom('knowledge_bases').selectAll().orderBy('name').execute();
      return rows.map(toBase);
    },
    async deleteBase(name) {
      return db.transaction().execute(async (transaction) => {
        await transaction.deleteFrom('knowledge_chunks').where('kb', '=', name).execute();
        await transaction.deleteFrom('knowledge_documents').where('kb', '=', name).execute();
        await transaction.deleteFrom('knowledge_index_snapshots').where('kb', '=', name).execute();
        const result = await transaction
          .deleteFrom('knowledge_bases')
          .where('name', '=', name)
          .executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },
    async getDocument(kb, id) {
      const row = await db
        .selectFrom('knowledge_documents')
        .selectAll()
        .where('kb', '=', kb)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toDocument(row);
    },
    async listDocuments(kb) {
      const rows = await db
        .selectFrom('knowledge_documents')
        .selectAll()
        .where('kb', '=', kb)
        .orderBy('id')
        .execute();
      return rows.map(toDocument);
    },
    async countDocuments(kb) {
      const row = await db
        .selectFrom('knowledge_documents')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('kb', '=', kb)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
    async putDocument(kb, document, chunks) {
      return db.transaction().execute(async (transaction) => {
        const values = {
          source: document.source,
          title: document.title,
          content_hash: document.contentHash,
          metadata: JSON.stringify(document.metadata),
          chunk_count: chunks.length,
          updated_at: document.updatedAt ?? new Date().toISOString(),
        };
        await transaction
          .insertInto('knowledge_documents')
          .values({ kb, id: document.id, ...values })
          .onConflict((conflict) => conflict.columns(['kb', 'id']).doUpdateSet(values))
          .execute();
        await transaction
          .deleteFrom('knowledge_chunks')
          .where('kb', '=', kb)
          .where('document_id', '=', document.id)
          .execute();
        for (let start = 0; start < chunks.length; start += chunkBatch) {
          const rows = chunks.slice(start, start + chunkBatch).map((chunk) => ({
            id: chunk.id,
            kb,
            document_id: document.id,
            position: chunk.position,
            text: chunk.text,
            heading_path: JSON.stringify(chunk.headingPath),
            char_start: chunk.charStart,
            char_end: chunk.charEnd,
            token_count: chunk.tokenCount,
          }));
          await transaction.insertInto('knowledge_chunks').values(rows).execute();
          // SQLite answers synchronously: let other requests run between batches of a big document.
          await nextTurn();
        }
        return bump(transaction, kb);
      });
    },
    async deleteDocument(kb, id) {
      return db.transaction().execute(async (transaction) => {
        await transaction
          .deleteFrom('knowledge_chunks')
          .where('kb', '=', kb)
          .where('document_id', '=', id)
          .execute();
        const result = await transaction
          .deleteFrom('knowledge_documents')
          .where('kb', '=', kb)
          .where('id', '=', id)
          .executeTakeFirst();
        if (result.numDeletedRows === 0n) return undefined;
        return bump(transaction, kb);
      });
    },
    async listChunks(kb) {
      const rows = await db
        .selectFrom('knowledge_chunks')
        .selectAll()
        .where('kb', '=', kb)
        .orderBy('document_id')
        .orderBy('position')
        .execute();
      return rows.map(toChunk);
    },
    async documentChunks(kb, documentId) {
      const rows = await db
        .selectFrom('knowledge_chunks')
        .selectAll()
        .where('kb', '=', kb)
        .where('document_id', '=', documentId)
        .orderBy('position')
        .execute();
      return rows.map(toChunk);
    },
    async saveSnapshot(snapshot) {
      const values = {
        revision: snapshot.revision,
        format: snapshot.format,
        data: snapshot.data,
        created_at: new Date().toISOString(),
      };
      await db
        .insertInto('knowledge_index_snapshots')
        .values({ kb: snapshot.kb, ...values })
        .onConflict((conflict) => conflict.column('kb').doUpdateSet(values))
        .execute();
    },
    async loadSnapshot(kb) {
      const row = await db
        .selectFrom('knowledge_index_snapshots')
        .selectAll()
        .where('kb', '=', kb)
        .executeTakeFirst();
      return (
        row && {
          kb: row.kb,
          revision: Number(row.revision),
          format: row.format,
          data: row.data,
          createdAt: row.created_at,
        }
      );
    },
  };
}

function toBase(row: Selectable<Schema['knowledge_bases']>): KnowledgeBaseRecord {
  return {
    name: row.name,
    description: row.description,
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    revision: Number(row.revision),
    createdAt: row.created_at,
  };
}
