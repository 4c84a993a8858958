import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const mainScript = fileURLToPath(new URL('./main.js', import.meta.url));
const run = promisify(execFile);

test('strata models --pricing prints the catalog prices of configured providers', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-cli-pricing-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const config = join(home, 'strata.yaml');
  await writeFile(
    config,
    [
      'providers:',
      '  openai:',
      '    kind: openai',
      '    api_key: sk-test-not-used',
      'catalog:',
      '  models:',
      '    - { provider: openai, id: gpt-4o, input: 2, output: 8 }',
      '',
    ].join('\n'),
  );
  const env = { PATH: process.env.PATH ?? '', STRATA_HOME: home };
  const strata = (args: string[]) =>
    run(process.execPath, [mainScript, ...args, '--config', config], { env });

  const table = await strata(['models', '--pricing']);
  const lines = table.stdout.trim().split('\n');
  assert.match(lines[0] ?? '', /^model\s+input \$\/1M\s+output \$\/1M\s+cached \$\/1M\s+context$/);
  const mini = lines.find((line) => line.startsWith('openai/gpt-4o-mini '));
  assert.match(mini ?? '', /\$0\.15\s+\$0\.6\s+\$0\.075\s+128,000$/);
  const overridden = lines.find((line) => line.startsWith('openai/gpt-4o '));
  assert.match(overridden ?? '', /\$2\s+\$8\s+-\s+128,000$/);
  assert.ok(!lines.some((line) => line.startsWith('openai/claude')), 'only the configured provider');

  const json = JSON.parse((await strata(['models', '--json'])).stdout) as {
    catalog: { name: string; pricing: { input: number; output: number }; context_window: number }[];
    catalog_version: string;
  };
  const gpt41 = json.catalog.find((model) => model.name === 'openai/gpt-4.1');
  assert.deepEqual(gpt41?.pricing, { input: 2, output: 8, cached_input: 0.5 });
  assert.equal(gpt41?.context_window, 1_047_576);
  assert.match(json.catalog_version, /^[0-9a-f]{16}$/);

  const help = await strata(['models', '--help']);
  assert.match(help.stdout, /--pricing/);
});
