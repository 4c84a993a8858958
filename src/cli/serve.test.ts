import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { startFakeUpstream } from '../models/testing/fake-upstream.js';
import { readFixture } from '../models/testing/fixtures.js';
import { openDatabase } from '../store/database.js';
import { createRequestLogReader } from '../store/request-log.js';
import { startupV8Flags } from './v8-tuning.js';

const mainScript = fileURLToPath(new URL('./main.js', import.meta.url));
const masterKey = 'sk-strata-test-master-key-000000000000';

test('SIGTERM under load drains in-flight requests and loses no log row of a completed request', async (t) => {
  const upstream = await startFakeUpstream(async (_recorded, response) => {
    await sleep(30);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(readFixture('openai/chat-completion.json'));
  });
  const home = await mkdtemp(join(tmpdir(), 'strata-serve-'));
  const configPath = join(home, 'strata.yaml');
  await writeFile(
    configPath,
    `providers:\n  fake:\n    kind: openai-compatible\n    base_url: ${upstream.url}/v1\n`,
  );
  const server = spawn(process.execPath, [mainScript, 'serve', '--config', configPath, '--port', '0'], {
    env: { ...process.env, STRATA_HOME: home, STRATA_MASTER_KEY: masterKey },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const dispatcher = new Agent({ connections: 16 });
  t.after(async () => {
    server.kill('SIGKILL');
    await dispatcher.close();
    await upstream.close();
    await rm(home, { recursive: true, force: true });
  });

  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    server.stdout.on('data', (data: Buffer) => {
      output += data.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`serve exited early (${code}): ${output}`)));
  });

  const completed: string[] = [];
  const send = async () => {
    try {
      const response = await request(`${url}/v1/chat/completions`, {
        method: 'POST',
        dispatcher,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${masterKey}` },
        body: JSON.stringify({ model: 'fake/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
      });
      await response.body.dump();
      if (response.statusCode === 200) completed.push(String(response.headers['x-request-id']));
    } catch {
      // Refused once the server stopped listening: expected during shutdown.
    }
  };
  // Keep 16 requests in flight; stop the server once some have completed.
  let stop = false;
  const workers = Array.from({ length: 16 }, async () => {
    for (let sent = 0; sent < 200 && !stop; sent++) await send();
  });
  while (completed.length < 100) await sleep(5);
  const exited = once(server, 'exit');
  server.kill('SIGTERM');
  await sleep(200);
  stop = true;
  await Promise.all(workers);
  const [code] = await exited;
  assert.equal(code, 0, `serve exited with ${code}: ${output}`);
  assert.match(output, /strata stopped/);

  const store = await openDatabase({ home });
  t.after(() => store.close());
  const reader = createRequestLogReader(store.db);
  const missing = [];
  for (const requestId of completed) if (!(await reader.get(requestId))) missing.push(requestId);
  assert.deepEqual(
    missing,
    [],
    `${missing.length} of ${completed.length} completed requests have no log row`,
  );
  assert.ok(completed.length >= 100);
});

test('serve --workers 2 answers from two worker processes on one port and stops them all on SIGTERM', async (t) => {
  const upstream = await startFakeUpstream(async (_recorded, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(readFixture('openai/chat-completion.json'));
  });
  const home = await mkdtemp(join(tmpdir(), 'strata-serve-workers-'));
  const configPath = join(home, 'strata.yaml');
  await writeFile(
    configPath,
    `providers:\n  fake:\n    kind: openai-compatible\n    base_url: ${upstream.url}/v1\nknowledge:\n  ingest_project_docs: false\n`,
  );
  // No STRATA_MASTER_KEY: the key is generated, so the test sees it printed once, not once per worker.
  const server = spawn(
    process.execPath,
    [mainScript, 'serve', '--config', configPath, '--port', '0', '--workers', '2'],
    {
      env: { ...process.env, STRATA_HOME: home, STRATA_MASTER_KEY: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  t.after(async () => {
    server.kill('SIGKILL');
    await upstream.close();
    await rm(home, { recursive: true, force: true });
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    server.stdout.on('data', (data: Buffer) => {
      output += data.toString();
      const match = /listening on (http:\/\/[\d.:]+) .* with 2 workers/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`serve exited early (${code}): ${output}`)));
  });
  const generated = [...output.matchAll(/^ {4}(sk-strata-\S+)$/gm)].map((match) => match[1]);
  assert.equal(generated.length, 1, `the master key is printed once: ${output}`);
  const masterKey = generated[0] ?? '';

  // One connection per request, so the primary hands them out to both workers.
  const statuses = await Promise.all(
    Array.from({ length: 20 }, async () => {
      const dispatcher = new Agent({ pipelining: 0 });
      try {
        const response = await request(`${url}/v1/chat/completions`, {
          method: 'POST',
          dispatcher,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${masterKey}` },
          body: JSON.stringify({ model: 'fake/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
        });
        await response.body.dump();
        return response.statusCode;
      } finally {
        await dispatcher.close();
      }
    }),
  );
  assert.deepEqual(new Set(statuses), new Set([200]));
  // V8 sizes a heap when its process starts: the workers get the serving flags on their command line.
  if (process.platform === 'linux') {
    const children = readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8').trim();
    const commandLines = children
      .split(' ')
      .map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'));
    assert.equal(commandLines.length, 2, children);
    for (const args of commandLines)
      for (const flag of startupV8Flags) assert.ok(args.includes(flag), args.join(' '));
  }

  const exited = once(server, 'exit');
  server.kill('SIGTERM');
  const [code] = await exited;
  assert.equal(code, 0, `serve exited with ${code}: ${output}`);
  const drained = new Set([...output.matchAll(/worker (\d+): SIGTERM: draining/g)].map((match) => match[1]));
  assert.equal(drained.size, 2, `both workers drained: ${output}`);
  assert.match(output, /strata stopped/);

  const store = await openDatabase({ home });
  t.after(() => store.close());
  const rows = await store.db.selectFrom('request_log').select('request_id').execute();
  assert.equal(rows.length, 20, 'every answered request has its log row after the workers flushed');
});
