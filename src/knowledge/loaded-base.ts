import type {
  KnowledgeChunkRecord,
  KnowledgeDocumentRecord,
  KnowledgeRepository,
} from '../store/knowledge-repository.js';
import type { IndexChunk, SearchIndex, SearchIndexFactory } from './search-index.js';

/** A chunk kept beside the index, to turn hits back into text and citations. */
export type HeldChunk = Omit<KnowledgeChunkRecord, 'kb'>;

/** A document's facts kept beside the index. */
export type HeldDocument = Pick<
  KnowledgeDocumentRecord,
  'id' | 'source' | 'title' | 'metadata' | 'chunkCount'
>;

/** One knowledge base in memory: its index at `revision`, with the chunks and documents it returns. */
export interface LoadedBase {
  revision: number;
  index: SearchIndex;
  chunks: Map<string, HeldChunk>;
  documents: Map<string, HeldDocument>;
  /** True while the in-memory index is newer than its persisted snapshot. */
  dirty: boolean;
  /** How the index came to be: restored from its snapshot, or rebuilt from the chunks. */
  origin: 'snapshot' | 'rebuilt';
}

/**
 * The chunk as indexed: its text, a title of the document's title and the headings above the chunk (so
 * a query naming a section finds the chunks under it), and filterable metadata.
 */
export function toIndexChunk(chunk: HeldChunk, document: HeldDocument | undefined): IndexChunk {
  const metadata: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(document?.metadata ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      metadata[key] = value;
  }
  metadata.document_id = chunk.documentId;
  if (document) metadata.source = document.source;
  const title = [document?.title, ...chunk.headingPath].filter(Boolean).join(' › ');
  return { id: chunk.id, text: chunk.text, ...(title && { title }), metadata };
}

/**
 * Loads a base's index: restored from its snapshot when that was taken at the base's current revision
 * in the factory's format, otherwise rebuilt from the stored chunks (and the new snapshot saved).
 */
export async function loadBase(
  repository: KnowledgeRepository,
  factory: SearchIndexFactory,
  kb: string,
  revision: number,
): Promise<LoadedBase> {
  const [chunkRows, documentRows, snapshot] = await Promise.all([
    repository.listChunks(kb),
    repository.listDocuments(kb),
    repository.loadSnapshot(kb),
  ]);
  const documents = new Map<string, HeldDocument>(documentRows.map((document) => [document.id, document]));
  const chunks = new Map<string, HeldChunk>(chunkRows.map((chunk) => [chunk.id, chunk]));
  if (snapshot && snapshot.revision === revision && snapshot.format === factory.format) {
    try {
      // A plain Uint8Array copy: a Node Buffer's slice() is a view, which index readers may not expect.
      const index = factory.restore(new Uint8Array(Buffer.from(snapshot.data, 'base64')));
      if (index.size === chunks.size)
        return { revision, index, chunks, documents, dirty: false, origin: 'snapshot' };
    } catch {
      // An unreadable snapshot is rebuilt below, like a missing one.
    }
  }
  const index = factory.create();
  await index.upsert(chunkRows.map((chunk) => toIndexChunk(chunk, documents.get(chunk.documentId))));
  await repository.saveSnapshot({
    kb,
    revision,
    format: factory.format,
    data: Buffer.from(index.snapshot()).toString('base64'),
  });
  return { revision, index, chunks, documents, dirty: false, origin: 'rebuilt' };
}
