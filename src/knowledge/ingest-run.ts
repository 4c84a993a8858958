import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { newId } from '../core/ids.js';
import type { DocumentInput, UpsertOutcome } from './document-input.js';
import { collectFiles } from './ingest/collect-files.js';
import { parseDocument } from './ingest/parse-document.js';
import { IngestError, type ParsedDocument } from './ingest/parsed-document.js';
import { type IngestionProgress, newProgress } from './ingestion-job.js';

/** What to ingest: a file or folder on this machine, or uploaded bytes with their file name. */
export type IngestInput = { path: string } | { name: string; bytes: Uint8Array; mediaType?: string };

/** What a run needs from the service, and how to run. */
export interface IngestRunOptions {
  upsert(document: DocumentInput): Promise<UpsertOutcome>;
  listDocumentIds(): Promise<string[]>;
  remove(id: string): Promise<boolean>;
  /** Parses a file's bytes (default: `parseDocument` on this thread). */
  parse?: (bytes: Uint8Array, name: string, mediaType?: string) => Promise<ParsedDocument[]>;
  prune?: boolean;
  root?: string;
  /** Added to every document's own metadata (who uploaded it, so an erasure finds it). */
  metadata?: Record<string, unknown>;
  onProgress?: (progress: IngestionProgress) => void;
}

type Work =
  | { source: string; id: string; path: string }
  | { source: string; id: string; bytes: Uint8Array; mediaType?: string };

/**
 * Expands the inputs into files, then reads, parses and upserts them one at a time, counting progress;
 * a file that cannot be read or parsed is recorded with its reason and the run goes on.
 */
export async function runIngestion(
  kb: string,
  inputs: IngestInput[],
  options: IngestRunOptions,
): Promise<{ job: IngestionProgress; finished: Promise<IngestionProgress> }> {
  const root = resolve(options.root ?? process.cwd());
  const work: Work[] = [];
  const missing: Array<{ source: string; reason: string }> = [];
  const paths = inputs.flatMap((input) => ('path' in input ? [input.path] : []));
  for (const found of await collectFiles(paths)) {
    if ('error' in found) missing.push({ source: found.path, reason: found.error });
    else work.push({ source: found.path, id: documentIdFor(found.path, root), path: found.path });
  }
  for (const input of inputs) {
    if ('bytes' in input) {
      const name = basename(input.name) || 'upload';
      work.push({
        source: name,
        id: name,
        bytes: input.bytes,
        ...(input.mediaType && { mediaType: input.mediaType }),
      });
    }
  }
  const job = newProgress(newId('ing'), kb, work.length + missing.length);
  for (const problem of missing) {
    job.errors.push(problem);
    job.failed += 1;
    job.done += 1;
  }
  const finished = (async () => {
    const seen = new Set<string>();
    const failed: string[] = [];
    try {
      options.onProgress?.(job);
      for (const item of work) {
        if (!(await ingestOne(item, job, seen, options))) failed.push(item.id);
        job.done += 1;
        options.onProgress?.(job);
        // Let requests in between files, so a big ingestion never stalls the gateway.
        await nextTurn();
      }
      if (options.prune) {
        for (const id of await options.listDocumentIds()) {
          // Documents of a file that failed this time are kept, not pruned.
          const kept = seen.has(id) || failed.some((file) => id === file || id.startsWith(`${file}:`));
          if (!kept && (await options.remove(id))) job.deleted += 1;
        }
      }
      job.status = 'completed';
    } catch (error) {
      job.status = 'failed';
      job.errors.push({ source: kb, reason: error instanceof Error ? error.message : String(error) });
    }
    job.finishedAt = new Date().toISOString();
    options.onProgress?.(job);
    return job;
  })();
  return { job, finished };
}

/** Reads one file into the base; false when it failed (the reason is in the job). */
async function ingestOne(
  item: Work,
  job: IngestionProgress,
  seen: Set<string>,
  options: IngestRunOptions,
): Promise<boolean> {
  try {
    const bytes = 'bytes' in item ? item.bytes : await readFile(item.path);
    const mediaType = 'mediaType' in item ? item.mediaType : undefined;
    const documents = options.parse
      ? await options.parse(bytes, item.source, mediaType)
      : await parseDocument(bytes, item.source, mediaType);
    for (const document of documents) {
      const id = document.key === undefined ? item.id : `${item.id}:${document.key}`;
      seen.add(id);
      const outcome = await options.upsert({
        id,
        text: document.text,
        title: document.title ?? basename(item.source),
        source: 'bytes' in item ? item.source : item.id,
        metadata: options.metadata ? { ...document.metadata, ...options.metadata } : document.metadata,
        structure: document.structure,
      });
      job[outcome] += 1;
    }
    return true;
  } catch (error) {
    // Parse problems carry their reason; a read failure says what the file system said.
    const reason = error instanceof IngestError || error instanceof Error ? error.message : String(error);
    job.errors.push({ source: item.source, reason });
    job.failed += 1;
    return false;
  }
}

/** A file's document id: its path relative to the root when inside it, else absolute; `/`-separated. */
function documentIdFor(path: string, root: string): string {
  const inside = relative(root, path);
  const id = inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
  return id.split(sep).join('/');
}
