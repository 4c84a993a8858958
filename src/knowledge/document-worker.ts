/**
 * The worker thread that does a document's CPU work: parsing a file's bytes and cutting a text into
 * counted chunks (and cleaning and hashing its text). A large or hostile document then costs this thread time, never the gateway's
 * event loop, and the process can still shut down while it runs.
 */
import { parentPort } from 'node:worker_threads';
import { chunkDocument } from './chunking/chunk-document.js';
import { digestDocument } from './document-digest.js';
import type { DocumentTask, DocumentTaskReply, DocumentTaskValue } from './document-worker-protocol.js';
import { parseDocument } from './ingest/parse-document.js';
import { IngestError } from './ingest/parsed-document.js';

async function run(task: DocumentTask): Promise<DocumentTaskValue> {
  if (task.kind === 'parse') return parseDocument(task.bytes, task.name, task.mediaType);
  if (task.kind === 'digest') return digestDocument(task);
  return chunkDocument(task.text, task.options);
}

parentPort?.on('message', async (task: DocumentTask) => {
  let reply: DocumentTaskReply;
  try {
    reply = { id: task.id, ok: true, value: await run(task) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reply = { id: task.id, ok: false, error: { message, ingest: error instanceof IngestError } };
  }
  parentPort?.postMessage(reply);
});
