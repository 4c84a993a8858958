import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { defaultLearnedRouterOptions } from '../routing/learned/learned-router.js';
import { openDatabase } from '../store/database.js';
import { createSettingsRepository } from '../store/settings-repository.js';
import { strata } from './testing/run-cli.js';

test('the CLI: help, config check, keys and models', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-cli-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const env = { STRATA_HOME: home };

  for (const args of [
    ['--help'],
    ['serve', '--help'],
    ['keys', '--help'],
    ['config', 'check', '--help'],
    ['bench', '--help'],
  ]) {
    const result = await strata(args, env);
    assert.equal(result.code, 0, args.join(' '));
    assert.match(result.stdout, /Usage: strata/);
  }

  const unknown = await strata(['launch'], env);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /Unknown command `launch`/);
  const badFlag = await strata(['serve', '--prot', '1'], env);
  assert.equal(badFlag.code, 1);
  assert.match(badFlag.stderr, /--prot/);

  const good = join(home, 'good.yaml');
  await writeFile(
    good,
    'providers:\n  local:\n    kind: vllm\nmodels:\n  - name: fast\n    provider: local\n    model: llama\n',
  );
  const checked = await strata(['config', 'check', '--config', good], env);
  assert.equal(checked.code, 0, checked.stderr);
  assert.match(checked.stdout, /Config OK/);

  const bad = join(home, 'bad.yaml');
  await writeFile(bad, 'models:\n  - name: fast\n    provider: nowhere\n    model: x\n');
  const rejected = await strata(['config', 'check', '--config', bad], env);
  assert.equal(rejected.code, 1);
  assert.match(rejected.stderr, /models\[0\]\.provider: `nowhere` is not a configured provider/);

  const created = await strata(
    ['keys', 'create', '--name', 'ci', '--metadata', '{"team":"platform"}', '--json'],
    env,
  );
  assert.equal(created.code, 0, created.stderr);
  const key = JSON.parse(created.stdout) as { id: string; key: string };
  const listed = await strata(['keys', 'list'], env);
  assert.match(listed.stdout, new RegExp(key.id));
  assert.match(listed.stdout, /\{"team":"platform"\}/, 'keys list shows metadata');
  assert.ok(!listed.stdout.includes(key.key), 'the secret is never listed');
  assert.equal((await strata(['keys', 'revoke', key.id], env)).code, 0);
  const again = await strata(['keys', 'revoke', key.id], env);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /No active key/);
  assert.equal((await strata(['keys', 'create'], env)).code, 1);

  const builtin = await strata(['models'], env);
  assert.match(builtin.stdout, /local .*local\/extractive/, 'the built-in model is listed');
  assert.doesNotMatch(builtin.stdout, /No providers configured/);

  const models = await strata(['models', '--config', good, '--json'], env);
  assert.deepEqual(JSON.parse(models.stdout).models, [{ name: 'fast', provider: 'local', model: 'llama' }]);
});

test("router train's help shows the learned router's default k, as the README does", async () => {
  const result = await strata(['router', '--help'], {});
  const k = defaultLearnedRouterOptions.k;
  assert.match(result.stdout, new RegExp(`\\[--k ${k}\\]`));
  const readme = await readFile(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
  assert.match(readme, new RegExp(`strata router train .*\\[--k ${k}\\]`));
});

test('common mistakes fail in one line that says what to do, and a failed start makes no master key', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-cli-failures-'));
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    await new Promise((resolve) => busy.close(resolve));
    await rm(home, { recursive: true, force: true });
  });
  const port = (busy.address() as AddressInfo).port;
  const env = { STRATA_HOME: home };
  const oneLine = (result: { code: number; stderr: string }, pattern: RegExp, what: string) => {
    assert.equal(result.code, 1, what);
    assert.equal(result.stderr.trim().split('\n').length, 1, `${what}: ${result.stderr}`);
    assert.match(result.stderr, pattern, what);
  };

  const inUse = await strata(['serve', '--port', String(port)], env);
  oneLine(inUse, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use.*--port`), 'busy port');
  assert.doesNotMatch(inUse.stdout, /sk-strata-|master key/, 'no master key from a start that failed');
  const store = await openDatabase({ home });
  const stored = await createSettingsRepository(store.db).getSetting('master_key_hash');
  await store.close();
  assert.equal(stored, undefined, 'nor is one stored');

  oneLine(await strata(['serve', '--port', '70000'], env), /--port must be from 0 to 65535/, 'port range');
  oneLine(
    await strata(['serve', '--config', join(home, 'missing.yaml')], env),
    /missing\.yaml: no such file; check the --config path/,
    'missing config file',
  );
  oneLine(
    await strata(['keys', 'list'], { ...env, DATABASE_URL: 'postgres://127.0.0.1:1/nowhere' }),
    /check DATABASE_URL .* running/,
    'unreachable database',
  );
});
