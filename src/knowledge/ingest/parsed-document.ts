import { StrataError } from '../../core/errors.js';

/** The formats ingestion reads. */
export type IngestFormat = 'txt' | 'md' | 'html' | 'pdf' | 'docx' | 'csv' | 'json' | 'jsonl';

/**
 * One document a parser produced. `text` is markdown-like when `structure` is 'markdown' (headings as
 * `#`, lists as `-`, code in fences), so the chunker sees the same structure whatever the source format.
 */
export interface ParsedDocument {
  /** Set when one file yields several documents (JSON records with ids): appended to the file's id. */
  key?: string;
  title: string | null;
  text: string;
  structure: 'markdown' | 'plain';
  metadata: Record<string, unknown>;
}

/**
 * Why a file could not be read: a 400 `invalid_request` on the `file` parameter wherever it reaches
 * the edge; an ingestion run records its message and goes on with the other files.
 */
export class IngestError extends StrataError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('invalid_request', message, { param: 'file', ...options });
  }
}

const byExtension: Record<string, IngestFormat> = {
  txt: 'txt',
  text: 'txt',
  log: 'txt',
  md: 'md',
  markdown: 'md',
  mdx: 'md',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  pdf: 'pdf',
  docx: 'docx',
  csv: 'csv',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
};

const byMediaType: Record<string, IngestFormat> = {
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'text/csv': 'csv',
  'application/json': 'json',
  'application/jsonl': 'jsonl',
  'application/x-ndjson': 'jsonl',
  'application/x-jsonlines': 'jsonl',
};

/** The format of a file from its name, else from its media type; undefined when unsupported. */
export function formatOf(name: string, mediaType?: string): IngestFormat | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const fromName = extension === undefined ? undefined : byExtension[extension];
  if (fromName !== undefined) return fromName;
  const type = mediaType?.split(';')[0]?.trim().toLowerCase();
  return type === undefined ? undefined : byMediaType[type];
}

/** Every file extension ingestion recognises, without dots. */
export const supportedExtensions: readonly string[] = Object.keys(byExtension);
