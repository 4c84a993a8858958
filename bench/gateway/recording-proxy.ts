/**
 * The floor for a gateway that records every call, run as its own process: the bare pass-through plus
 * only what keeping a durable, priced row per call needs. It parses the request (model, stream) and sends
 * it on as JSON, reads and parses the answer (a JSON body, or every SSE event as it is relayed) for its
 * usage, prices it, and records the row through Strata's own write-ahead journal and batch writer into
 * SQLite (WAL, synchronous NORMAL). No keys, budgets, limits, validation, routing, traces, metrics or
 * logs: whatever Strata spends past this floor, those cost.
 * `node recording-proxy.js <upstream-origin> [port]` prints `listening <port>` once ready.
 */

import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Pool } from 'undici';
import { newRequestId } from '../../src/core/ids.js';
import { createEventDecoder } from '../../src/models/sse.js';
import { createBatchWriter } from '../../src/store/batch-writer.js';
import { openJournal } from '../../src/store/write-ahead-file.js';

const upstreamOrigin = process.argv[2];
if (upstreamOrigin === undefined) {
  process.stderr.write('usage: recording-proxy <upstream-origin> [port]\n');
  process.exit(2);
}

/** What one call leaves in the store. */
interface CallRow {
  id: string;
  at: number;
  model: string;
  status: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  latency_ms: number;
}

interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
}

// The mock serves gpt-4o-mini; USD per token at its list price.
const price = { input: 0.15e-6, output: 0.6e-6 };

const folder = mkdtempSync(join(tmpdir(), 'strata-bench-recording-'));
const database = new Database(join(folder, 'calls.db'));
database.pragma('journal_mode = WAL');
database.pragma('synchronous = NORMAL');
database.exec(
  'CREATE TABLE calls (id TEXT PRIMARY KEY, at INTEGER, model TEXT, status INTEGER, ' +
    'input_tokens INTEGER, output_tokens INTEGER, cost_usd REAL, latency_ms REAL)',
);
const insert = database.prepare(
  'INSERT INTO calls VALUES (@id, @at, @model, @status, @input_tokens, @output_tokens, @cost_usd, @latency_ms)',
);
const insertAll = database.transaction((rows: CallRow[]) => {
  for (const row of rows) insert.run(row);
});

// Strata's own journal and batch writer, so the floor records the way the gateway does.
const calls = createBatchWriter<CallRow>({
  name: 'Calls',
  maxRowsPerInsert: 200,
  insert: (rows) => insertAll(rows),
  journal: openJournal(folder, 'calls').of<CallRow>('call'),
});

async function readJson(request: IncomingMessage): Promise<{ model?: unknown; stream?: unknown } | null> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch {
    return null;
  }
}

const pool = new Pool(upstreamOrigin, { keepAliveTimeout: 60_000 });

const server = createServer(async (request, response) => {
  const startedAt = performance.now();
  if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
    request.resume();
    response.writeHead(404).end();
    return;
  }
  const body = await readJson(request);
  if (body === null || typeof body.model !== 'string') {
    response.writeHead(400, { 'content-type': 'application/json' }).end();
    return;
  }
  let usage: Usage | undefined;
  let status = 502;
  try {
    const upstream = await pool.request({
      path: request.url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    status = upstream.statusCode;
    if (body.stream === true) {
      response.writeHead(status, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
      });
      const decode = createEventDecoder();
      for await (const chunk of upstream.body) {
        for (const { data } of decode(chunk as Buffer)) {
          if (data === '[DONE]') continue;
          const event = JSON.parse(data) as { usage?: Usage | null };
          if (event.usage) usage = event.usage;
        }
        if (!response.write(chunk)) await once(response, 'drain');
      }
      response.end();
    } else {
      const text = await upstream.body.text();
      usage = (JSON.parse(text) as { usage?: Usage }).usage;
      response
        .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
        .end(text);
    }
  } catch {
    if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
    response.end();
  }
  const input = usage?.prompt_tokens ?? 0;
  const output = usage?.completion_tokens ?? 0;
  calls.record({
    id: newRequestId(),
    at: Date.now(),
    model: body.model,
    status,
    input_tokens: input,
    output_tokens: output,
    cost_usd: input * price.input + output * price.output,
    latency_ms: performance.now() - startedAt,
  });
});

server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[3] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () =>
  server.close(async () => {
    await calls.close();
    const stored = database
      .prepare('SELECT count(*) AS rows, sum(input_tokens + output_tokens) AS tokens FROM calls')
      .get() as { rows: number; tokens: number | null };
    process.stdout.write(`stored ${stored.rows} rows, ${stored.tokens ?? 0} tokens\n`);
    database.close();
    rmSync(folder, { recursive: true, force: true });
    void pool.close().then(() => process.exit(0));
  }),
);
