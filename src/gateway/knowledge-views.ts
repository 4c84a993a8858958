import type { IngestionProgress } from '../knowledge/ingestion-job.js';
import type { KnowledgeBaseView, KnowledgeHit } from '../knowledge/knowledge-service.js';

/** A knowledge base on the wire. */
export function baseView(base: KnowledgeBaseView) {
  return {
    object: 'knowledge_base',
    name: base.name,
    description: base.description,
    chunk_tokens: base.chunkTokens,
    chunk_overlap: base.chunkOverlap,
    documents: base.documents,
    created_at: base.createdAt,
  };
}

/** An ingestion job's progress on the wire. */
export function ingestionView(progress: IngestionProgress) {
  return {
    object: 'knowledge.ingestion',
    id: progress.id,
    kb: progress.kb,
    status: progress.status,
    total: progress.total,
    done: progress.done,
    created: progress.created,
    updated: progress.updated,
    unchanged: progress.unchanged,
    deleted: progress.deleted,
    failed: progress.failed,
    errors: progress.errors,
    started_at: progress.startedAt,
    finished_at: progress.finishedAt,
  };
}

/** A search hit on the wire: the chunk, its document and its character span in the document text. */
export function hitView(hit: KnowledgeHit) {
  return {
    id: hit.id,
    score: hit.score,
    text: hit.text,
    document_id: hit.documentId,
    source: hit.source,
    title: hit.title,
    heading_path: hit.headingPath,
    char_start: hit.charStart,
    char_end: hit.charEnd,
    metadata: hit.metadata,
  };
}
