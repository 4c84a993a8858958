import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { strata } from './testing/run-cli.js';

test('strata datasets imports CSV as a version and exports it; strata prompts stores, labels and diffs', async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'strata-datasets-cli-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const env = { STRATA_HOME: home };
  const csv = join(home, 'items.csv');
  await writeFile(
    csv,
    'id,question,expected,tone\nq1,"What is 2+2, exactly?",4,plain\nq2,Capital of Peru?,Lima,plain\n',
  );

  const imported = await strata(['datasets', 'import', 'math', csv], env);
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /Added 2 item\(s\); math is at version 1\./);
  const exported = await strata(['datasets', 'export', 'math', '--format', 'jsonl'], env);
  const lines = exported.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.deepEqual(lines[0], {
    id: 'q1',
    input: [{ role: 'user', content: 'What is 2+2, exactly?' }],
    expected: '4',
    metadata: { vars: { tone: 'plain' } },
  });
  const missing = await strata(['datasets', 'show', 'nothing'], env);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /There is no dataset `nothing`/);

  const file = join(home, 'prompt.yaml');
  await writeFile(
    file,
    'messages:\n  - role: system\n    content: Be brief.\n  - role: user\n    content: "{{question}}"\n',
  );
  assert.match(
    (await strata(['prompts', 'create', 'qa', '--file', file, '--label', 'production'], env)).stdout,
    /Stored qa version 1 \(production\)/,
  );
  assert.match(
    (await strata(['prompts', 'create', 'qa', '--template', 'Q: {{question}}', '--label', 'staging'], env))
      .stdout,
    /version 2/,
  );
  const diff = await strata(['prompts', 'diff', 'qa', '1', '2'], env);
  assert.equal(diff.stdout, '- system: Be brief.\n- user: {{question}}\n+ user: Q: {{question}}\n');
  const listed = await strata(['prompts', 'list'], env);
  assert.match(listed.stdout, /qa\s+2\s+production=v1 staging=v2/);
});
