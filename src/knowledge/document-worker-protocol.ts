import type { Chunk, ChunkOptions } from './chunking/chunk-document.js';
import type { ParsedDocument } from './ingest/parsed-document.js';

/** A job for the document worker: parse a file's bytes, or chunk a text. */
export type DocumentTask =
  | { id: number; kind: 'parse'; bytes: Uint8Array; name: string; mediaType?: string | undefined }
  | { id: number; kind: 'chunk'; text: string; options: Omit<ChunkOptions, 'count'> };

/** The worker's answer to one task; an error says whether it was the file's fault (IngestError). */
export type DocumentTaskReply =
  | { id: number; ok: true; value: ParsedDocument[] | Chunk[] }
  | { id: number; ok: false; error: { message: string; ingest: boolean } };
