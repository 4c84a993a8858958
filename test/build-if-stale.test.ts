import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const script = fileURLToPath(new URL('../../scripts/build-if-stale.mjs', import.meta.url));
const nodeModules = fileURLToPath(new URL('../../node_modules', import.meta.url));
const run = promisify(execFile);

test('npm start compiles a fresh clone, skips an up-to-date build and rebuilds after an edit', async (t) => {
  const project = await mkdtemp(join(tmpdir(), 'strata-build-'));
  t.after(() => rm(project, { recursive: true, force: true }));
  await symlink(nodeModules, join(project, 'node_modules'));
  // The project's own build script is what runs; here it is tsc alone.
  await writeFile(
    join(project, 'package.json'),
    '{"type":"module","scripts":{"build":"tsc -p tsconfig.json"}}\n',
  );
  await writeFile(
    join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: '.', types: [] }, include: ['src'] }),
  );
  await mkdir(join(project, 'src'));
  const source = join(project, 'src', 'answer.ts');
  await writeFile(source, 'export const answer: number = 41;\n');
  const build = () => run(process.execPath, [script], { cwd: project });

  const fresh = await build();
  assert.doesNotMatch(fresh.stdout, /up to date/);
  assert.match(await readFile(join(project, 'dist', 'src', 'answer.js'), 'utf8'), /41/);

  assert.match((await build()).stdout, /up to date/, 'nothing changed: no compile');

  await writeFile(source, 'export const answer: number = 42;\n');
  // A clock a second ahead, so the edit is newer than the stamp whatever the file system's resolution.
  const later = new Date(Date.now() + 1000);
  await utimes(source, later, later);
  assert.doesNotMatch((await build()).stdout, /up to date/);
  assert.match(await readFile(join(project, 'dist', 'src', 'answer.js'), 'utf8'), /42/);
});
