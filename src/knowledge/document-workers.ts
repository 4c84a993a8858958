import { Worker } from 'node:worker_threads';
import type { Chunk, ChunkOptions } from './chunking/chunk-document.js';
import type { DocumentDigest } from './document-digest.js';
import type { DocumentTask, DocumentTaskReply, DocumentTaskValue } from './document-worker-protocol.js';
import { IngestError, type ParsedDocument } from './ingest/parsed-document.js';

/** Parses and chunks documents off the event loop. */
export interface DocumentWorkers {
  parse(bytes: Uint8Array, name: string, mediaType?: string): Promise<ParsedDocument[]>;
  digest(document: {
    text: string;
    title: string | null;
    metadata: Record<string, unknown>;
  }): Promise<DocumentDigest>;
  chunk(text: string, options: Omit<ChunkOptions, 'count'>): Promise<Chunk[]>;
  /** Stops the worker; tasks still running, and any sent later, fail. */
  close(): Promise<void>;
}

type Pending = { resolve: (value: DocumentTaskValue) => void; reject: (error: Error) => void };

/**
 * One worker thread, started on the first task and run one task at a time. It does not keep the
 * process alive, and a crashed worker fails its tasks and is replaced on the next one.
 */
export function createDocumentWorkers(): DocumentWorkers {
  let worker: Worker | undefined;
  let nextId = 0;
  let closed = false;
  const pending = new Map<number, Pending>();

  function failAll(error: Error): void {
    for (const task of pending.values()) task.reject(error);
    pending.clear();
  }

  function started(): Worker {
    if (worker) return worker;
    const thread = new Worker(new URL('./document-worker.js', import.meta.url));
    thread.unref();
    thread.on('message', (reply: DocumentTaskReply) => {
      const task = pending.get(reply.id);
      if (!task) return;
      pending.delete(reply.id);
      if (reply.ok) task.resolve(reply.value);
      else
        task.reject(
          reply.error.ingest ? new IngestError(reply.error.message) : new Error(reply.error.message),
        );
    });
    thread.on('error', (error) => failAll(error));
    thread.on('exit', (code) => {
      if (worker === thread) worker = undefined;
      failAll(new Error(`The document worker stopped (exit code ${code}).`));
    });
    worker = thread;
    return thread;
  }

  function send<T extends DocumentTaskValue>(task: DocumentTask): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (closed) {
        reject(new Error('The document worker is closed: the server is shutting down.'));
        return;
      }
      pending.set(task.id, { resolve: resolve as Pending['resolve'], reject });
      started().postMessage(task);
    });
  }

  return {
    parse: (bytes, name, mediaType) => send({ id: nextId++, kind: 'parse', bytes, name, mediaType }),
    digest: (document) => send({ id: nextId++, kind: 'digest', ...document }),
    chunk: (text, options) => send({ id: nextId++, kind: 'chunk', text, options }),
    async close() {
      closed = true;
      const thread = worker;
      worker = undefined;
      if (thread) await thread.terminate();
    },
  };
}
