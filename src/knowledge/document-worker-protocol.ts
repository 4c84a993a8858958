import type { Chunk, ChunkOptions } from './chunking/chunk-document.js';
import type { DocumentDigest } from './document-digest.js';
import type { ParsedDocument } from './ingest/parsed-document.js';

/** A job for the document worker: parse a file's bytes, clean and hash a document, or chunk a text. */
export type DocumentTask =
  | { id: number; kind: 'digest'; text: string; title: string | null; metadata: Record<string, unknown> }
  | { id: number; kind: 'parse'; bytes: Uint8Array; name: string; mediaType?: string | undefined }
  | { id: number; kind: 'chunk'; text: string; options: Omit<ChunkOptions, 'count'> };

/** The worker's answer to one task; an error says whether it was the file's fault (IngestError). */
export type DocumentTaskReply =
  | { id: number; ok: true; value: DocumentTaskValue }
  | { id: number; ok: false; error: { message: string; ingest: boolean } };

/** What a task produces. */
export type DocumentTaskValue = ParsedDocument[] | Chunk[] | DocumentDigest;
