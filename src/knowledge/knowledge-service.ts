import { setImmediate as nextTurn } from 'node:timers/promises';
import { StrataError } from '../core/errors.js';
import type { KnowledgeBaseRecord, KnowledgeRepository } from '../store/knowledge-repository.js';
import { chunkDefaults, chunkDocument } from './chunking/chunk-document.js';
import { digestDocument } from './document-digest.js';
import type { DocumentInput, UpsertOutcome } from './document-input.js';
import { createDocumentWorkers, type DocumentWorkers } from './document-workers.js';
import { type IngestInput, runIngestion } from './ingest-run.js';
import { IngestionJobs, type IngestionProgress } from './ingestion-job.js';
import { type LoadedBase, loadBase, toIndexChunk } from './loaded-base.js';
import type { IndexSearchOptions, SearchIndexFactory } from './search-index.js';

export type { DocumentInput, UpsertOutcome } from './document-input.js';
export type { IngestInput } from './ingest-run.js';

/** A knowledge base as the APIs show it. */
export interface KnowledgeBaseView {
  name: string;
  description: string;
  chunkTokens: number;
  chunkOverlap: number;
  documents: number;
  createdAt: string;
}

/** One search result: a chunk with its document and place in the document text. */
export interface KnowledgeHit {
  id: string;
  score: number;
  text: string;
  documentId: string;
  source: string;
  title: string | null;
  headingPath: string[];
  charStart: number;
  charEnd: number;
  metadata: Record<string, unknown>;
}

/** Knowledge bases, their documents, ingestion jobs and search. */
export interface KnowledgeService {
  createBase(input: {
    name: string;
    description?: string;
    chunkTokens?: number;
    chunkOverlap?: number;
  }): Promise<KnowledgeBaseView>;
  listBases(): Promise<KnowledgeBaseView[]>;
  /** The base, or a 404 StrataError. */
  getBase(name: string): Promise<KnowledgeBaseView>;
  /** Creates the base unless it exists. */
  ensureBase(name: string, description?: string): Promise<void>;
  deleteBase(name: string): Promise<boolean>;
  upsertDocument(kb: string, document: DocumentInput): Promise<UpsertOutcome>;
  deleteDocument(kb: string, id: string): Promise<boolean>;
  listDocuments(
    kb: string,
  ): Promise<Array<{ id: string; source: string; title: string | null; chunks: number; updatedAt: string }>>;
  /** Starts reading files, folders or uploaded bytes into a base; the job runs on after this returns. */
  ingest(
    kb: string,
    inputs: IngestInput[],
    options?: IngestOptions,
  ): Promise<{ job: IngestionProgress; finished: Promise<IngestionProgress> }>;
  /** The progress of a job this process started. */
  job(id: string): IngestionProgress | undefined;
  search(kb: string, query: string, options?: IndexSearchOptions): Promise<KnowledgeHit[]>;
  /** Writes every changed index snapshot now. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** How an ingestion treats the base. */
export interface IngestOptions {
  /** Delete the base's documents this ingestion did not see (to mirror a folder). */
  prune?: boolean;
  /** Document ids of files are their paths relative to this folder (default: the working directory). */
  root?: string;
  /** Added to every document's metadata (who uploaded it, so an erasure finds it). */
  metadata?: Record<string, unknown>;
  onProgress?: (progress: IngestionProgress) => void;
}

/** What the service is built from. */
export interface KnowledgeServiceDeps {
  repository: KnowledgeRepository;
  indexes: SearchIndexFactory;
  /** Counts tokens for chunk sizes on this thread; by default the o200k tokenizer in the worker. */
  count?: (text: string) => number;
  /** Where documents are parsed and chunked (default: a worker thread of its own). */
  documents?: DocumentWorkers;
  /** How long after a change the index snapshot is written (default 2 s). */
  snapshotDelayMs?: number;
}

/** Chunks indexed between two turns of the event loop. */
const indexBatch = 256;

const namePattern = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Builds the knowledge service over the store and an index factory. */
export function createKnowledgeService(deps: KnowledgeServiceDeps): KnowledgeService {
  const { repository, indexes } = deps;
  const documents = deps.documents ?? createDocumentWorkers();
  const loaded = new Map<string, LoadedBase>();
  const locks = new Map<string, Promise<unknown>>();
  const timers = new Map<string, NodeJS.Timeout>();
  const jobs = new IngestionJobs();
  const ingesting = new Map<string, number>();

  function serially<T>(kb: string, run: () => Promise<T>): Promise<T> {
    const next = (locks.get(kb) ?? Promise.resolve()).catch(() => {}).then(run);
    locks.set(kb, next);
    return next.finally(() => {
      if (locks.get(kb) === next) locks.delete(kb);
    });
  }

  async function requireBase(name: string): Promise<KnowledgeBaseRecord> {
    const base = await repository.getBase(name);
    if (!base) throw new StrataError('not_found', `No knowledge base named \`${name}\`.`, { param: 'kb' });
    return base;
  }

  async function view(base: KnowledgeBaseRecord): Promise<KnowledgeBaseView> {
    return {
      name: base.name,
      description: base.description,
      chunkTokens: Number(base.settings.chunk_tokens ?? chunkDefaults.maxTokens),
      chunkOverlap: Number(base.settings.chunk_overlap ?? chunkDefaults.overlapTokens),
      documents: await repository.countDocuments(base.name),
      createdAt: base.createdAt,
    };
  }

  /** The base's index, reloaded when the store has moved on (another process wrote to it). */
  async function current(kb: string): Promise<LoadedBase> {
    const base = await requireBase(kb);
    const held = loaded.get(kb);
    if (held && held.revision === base.revision) return held;
    return serially(kb, async () => {
      const fresh = await requireBase(kb);
      const again = loaded.get(kb);
      if (again && again.revision === fresh.revision) return again;
      const state = await loadBase(repository, indexes, kb, fresh.revision);
      loaded.set(kb, state);
      return state;
    });
  }

  async function persist(kb: string, options: { train?: boolean } = {}): Promise<void> {
    await serially(kb, async () => {
      const state = loaded.get(kb);
      if (!state?.dirty) return;
      // Training is bounded (a sample of at most a few thousand chunks); let requests in around it.
      if (options.train) {
        await nextTurn();
        state.index.refreshVectors?.();
        await nextTurn();
      }
      const data = Buffer.from(state.index.snapshot()).toString('base64');
      await repository.saveSnapshot({ kb, revision: state.revision, format: indexes.format, data });
      state.dirty = false;
    });
  }

  function scheduleSnapshot(kb: string): void {
    // An ingestion writes its snapshot once, when it ends.
    if (timers.has(kb) || (ingesting.get(kb) ?? 0) > 0) return;
    const timer = setTimeout(() => {
      timers.delete(kb);
      persist(kb).catch(() => {});
    }, deps.snapshotDelayMs ?? 2000);
    timer.unref();
    timers.set(kb, timer);
  }

  async function upsertDocument(kb: string, input: DocumentInput): Promise<UpsertOutcome> {
    const state = await current(kb);
    const base = await requireBase(kb);
    if (!input.id) throw new StrataError('invalid_request', 'A document needs an `id`.', { param: 'id' });
    const metadata = input.metadata ?? {};
    const title = input.title ?? null;
    const document = { text: input.text, title, metadata };
    const { text, hash } = deps.count ? digestDocument(document) : await documents.digest(document);
    return serially(kb, async () => {
      const existing = await repository.getDocument(kb, input.id);
      if (existing?.contentHash === hash) return 'unchanged';
      const options = {
        structure: input.structure ?? 'markdown',
        maxTokens: Number(base.settings.chunk_tokens ?? chunkDefaults.maxTokens),
        overlapTokens: Number(base.settings.chunk_overlap ?? chunkDefaults.overlapTokens),
      } as const;
      const cut = deps.count
        ? chunkDocument(text, { ...options, count: deps.count })
        : await documents.chunk(text, options);
      const chunks = cut.map((chunk) => ({ ...chunk, id: `${input.id}#${chunk.position}` }));
      const document = { id: input.id, source: input.source ?? input.id, title, contentHash: hash, metadata };
      const revision = await repository.putDocument(kb, document, chunks);
      if (loaded.get(kb) === state && revision === state.revision + 1) {
        const previous = state.documents.get(input.id);
        const stale = Array.from({ length: previous?.chunkCount ?? 0 }, (_, index) => `${input.id}#${index}`);
        state.index.remove(stale);
        for (const id of stale) state.chunks.delete(id);
        const held = { ...document, chunkCount: chunks.length };
        state.documents.set(input.id, held);
        const heldChunks = chunks.map((chunk) => ({ ...chunk, documentId: input.id }));
        for (const chunk of heldChunks) state.chunks.set(chunk.id, chunk);
        // Indexing is linear but runs here: in batches, so a big document lets other requests in.
        for (let start = 0; start < heldChunks.length; start += indexBatch) {
          const batch = heldChunks.slice(start, start + indexBatch);
          await state.index.upsert(batch.map((chunk) => toIndexChunk(chunk, held)));
          if (start + indexBatch < heldChunks.length) await nextTurn();
        }
        state.revision = revision;
        state.dirty = true;
        scheduleSnapshot(kb);
      } else {
        // Another process changed the base meanwhile: reload it on next use.
        loaded.delete(kb);
      }
      return existing ? 'updated' : 'created';
    });
  }

  async function deleteDocument(kb: string, id: string): Promise<boolean> {
    const state = await current(kb);
    return serially(kb, async () => {
      const revision = await repository.deleteDocument(kb, id);
      if (revision === undefined) return false;
      if (loaded.get(kb) === state && revision === state.revision + 1) {
        const previous = state.documents.get(id);
        const stale = Array.from({ length: previous?.chunkCount ?? 0 }, (_, index) => `${id}#${index}`);
        state.index.remove(stale);
        for (const chunkId of stale) state.chunks.delete(chunkId);
        state.documents.delete(id);
        state.revision = revision;
        state.dirty = true;
        scheduleSnapshot(kb);
      } else loaded.delete(kb);
      return true;
    });
  }

  const service: KnowledgeService = {
    async createBase(input) {
      if (!namePattern.test(input.name)) {
        throw new StrataError(
          'invalid_request',
          'A knowledge base name is 1 to 63 lowercase letters, digits, `-` or `_`, starting with a letter or digit.',
          { param: 'name' },
        );
      }
      const chunkTokens = input.chunkTokens ?? chunkDefaults.maxTokens;
      const chunkOverlap = input.chunkOverlap ?? chunkDefaults.overlapTokens;
      if (!Number.isInteger(chunkTokens) || chunkTokens < 16 || chunkTokens > 8192) {
        throw new StrataError('invalid_request', '`chunk_tokens` must be an integer from 16 to 8192.', {
          param: 'chunk_tokens',
        });
      }
      if (!Number.isInteger(chunkOverlap) || chunkOverlap < 0 || chunkOverlap * 2 > chunkTokens) {
        throw new StrataError(
          'invalid_request',
          '`chunk_overlap` must be an integer from 0 to half of `chunk_tokens`.',
          {
            param: 'chunk_overlap',
          },
        );
      }
      if (await repository.getBase(input.name)) {
        throw new StrataError('invalid_request', `A knowledge base named \`${input.name}\` already exists.`, {
          param: 'name',
        });
      }
      const base = await repository.createBase({
        name: input.name,
        description: input.description ?? '',
        settings: { chunk_tokens: chunkTokens, chunk_overlap: chunkOverlap },
      });
      return view(base);
    },
    async listBases() {
      return Promise.all((await repository.listBases()).map(view));
    },
    async getBase(name) {
      return view(await requireBase(name));
    },
    async ensureBase(name, description) {
      if (await repository.getBase(name)) return;
      await service
        .createBase({ name, ...(description !== undefined && { description }) })
        .catch(async (error) => {
          // Another process may have created it at the same moment.
          if (!(await repository.getBase(name))) throw error;
        });
    },
    async deleteBase(name) {
      return serially(name, async () => {
        clearTimeout(timers.get(name));
        timers.delete(name);
        loaded.delete(name);
        return repository.deleteBase(name);
      });
    },
    upsertDocument,
    deleteDocument,
    async listDocuments(kb) {
      await requireBase(kb);
      return (await repository.listDocuments(kb)).map((document) => ({
        id: document.id,
        source: document.source,
        title: document.title,
        chunks: document.chunkCount,
        updatedAt: document.updatedAt,
      }));
    },
    async ingest(kb, inputs, options = {}) {
      await requireBase(kb);
      const run = await runIngestion(kb, inputs, {
        ...options,
        upsert: (document) => upsertDocument(kb, document),
        parse: (bytes, name, mediaType) => documents.parse(bytes, name, mediaType),
        listDocumentIds: async () => (await repository.listDocuments(kb)).map((document) => document.id),
        remove: (id) => deleteDocument(kb, id),
      });
      jobs.add(run.job);
      ingesting.set(kb, (ingesting.get(kb) ?? 0) + 1);
      const finished = run.finished.finally(async () => {
        ingesting.set(kb, (ingesting.get(kb) ?? 1) - 1);
        // Train the vector leg before the snapshot, so neither a query nor a restart pays for it.
        await persist(kb, { train: true }).catch(() => {});
      });
      return { job: run.job, finished };
    },
    job: (id) => jobs.get(id),
    async search(kb, query, options = {}) {
      if (typeof query !== 'string' || query.trim() === '') {
        throw new StrataError('invalid_request', '`query` must be a non-empty string.', { param: 'query' });
      }
      const state = await current(kb);
      const hits = await state.index.search(query, options);
      const results: KnowledgeHit[] = [];
      for (const hit of hits) {
        const chunk = state.chunks.get(hit.id);
        if (!chunk) continue;
        const document = state.documents.get(chunk.documentId);
        results.push({
          id: chunk.id,
          score: hit.score,
          text: chunk.text,
          documentId: chunk.documentId,
          source: document?.source ?? chunk.documentId,
          title: document?.title ?? null,
          headingPath: chunk.headingPath,
          charStart: chunk.charStart,
          charEnd: chunk.charEnd,
          metadata: document?.metadata ?? {},
        });
      }
      return results;
    },
    async flush() {
      for (const [kb, timer] of timers) {
        clearTimeout(timer);
        timers.delete(kb);
      }
      await Promise.all([...loaded.keys()].map((kb) => persist(kb)));
    },
    async close() {
      // Stop the worker first: a document it is still chunking would hold its base's lock past shutdown.
      await documents.close();
      await service.flush();
      loaded.clear();
    },
  };
  return service;
}
