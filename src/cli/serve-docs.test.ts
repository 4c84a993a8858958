import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const mainScript = fileURLToPath(new URL('./main.js', import.meta.url));
const masterKey = 'sk-strata-test-master-key-000000000000';

test('strata serve with no provider ingests the project docs and answers about Strata with a citation', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-serve-docs-'));
  // No provider variables: what a fresh machine has.
  const server = spawn(process.execPath, [mainScript, 'serve', '--port', '0'], {
    env: { PATH: process.env.PATH ?? '', STRATA_HOME: home, STRATA_MASTER_KEY: masterKey },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(async () => {
    server.kill('SIGKILL');
    await rm(home, { recursive: true, force: true });
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    server.stdout.on('data', (data: Buffer) => {
      output += data.toString();
      const match =
        /listening on (http:\/\/[\d.:]+)[\s\S]*knowledge: docs holds the project docs \(\d+ new/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`serve exited early (${code}): ${output}`)));
  });
  assert.match(output, /providers: local\)/);
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'local/extractive',
      messages: [{ role: 'user', content: 'How do budgets work?' }],
    }),
  });
  assert.equal(response.status, 200);
  const body = (await response.json()) as {
    choices: Array<{ message: { content: string } }>;
    citations: Array<{ document_id: string; text: string }>;
  };
  assert.match(body.choices[0]?.message.content ?? '', /\[1\]/);
  assert.ok(body.citations.length >= 1);
  assert.ok(body.citations[0]?.text);
});
