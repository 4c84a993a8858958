import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { defaultLearnedRouterOptions } from '../routing/learned/learned-router.js';
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

  const created = await strata(['keys', 'create', '--name', 'ci', '--json'], env);
  assert.equal(created.code, 0, created.stderr);
  const key = JSON.parse(created.stdout) as { id: string; key: string };
  const listed = await strata(['keys', 'list'], env);
  assert.match(listed.stdout, new RegExp(key.id));
  assert.ok(!listed.stdout.includes(key.key), 'the secret is never listed');
  assert.equal((await strata(['keys', 'revoke', key.id], env)).code, 0);
  const again = await strata(['keys', 'revoke', key.id], env);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /No active key/);
  assert.equal((await strata(['keys', 'create'], env)).code, 1);

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
