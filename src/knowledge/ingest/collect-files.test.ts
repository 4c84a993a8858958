import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { collectFiles } from './collect-files.js';

it('expands folders recursively, skipping hidden, build and unsupported files', async () => {
  const root = await mkdtemp(join(tmpdir(), 'strata-collect-'));
  try {
    await mkdir(join(root, 'docs', 'deep'), { recursive: true });
    await mkdir(join(root, 'node_modules'), { recursive: true });
    await mkdir(join(root, '.git'), { recursive: true });
    for (const file of [
      'docs/b.md',
      'docs/a.txt',
      'docs/deep/c.html',
      'docs/image.png',
      'node_modules/x.md',
      '.git/y.md',
      'top.pdf',
    ]) {
      await writeFile(join(root, file), 'x');
    }
    const found = await collectFiles([join(root, 'docs'), join(root, 'top.pdf'), join(root, 'missing.md')]);
    assert.deepEqual(
      found.map((entry) =>
        'error' in entry ? `${entry.path.slice(root.length)}: ${entry.error}` : entry.path.slice(root.length),
      ),
      ['/docs/a.txt', '/docs/b.md', '/docs/deep/c.html', '/top.pdf', '/missing.md: no such file or folder'],
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
