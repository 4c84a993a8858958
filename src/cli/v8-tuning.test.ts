import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { startupV8Flags, withStartupFlags } from './v8-tuning.js';

const packageJson = new URL('../../../package.json', import.meta.url);

test('npm start passes node the V8 flags only its command line can set', () => {
  const { scripts } = JSON.parse(readFileSync(packageJson, 'utf8')) as { scripts: { start: string } };
  const serve = scripts.start.split('&&').at(-1)?.trim().split(/\s+/) ?? [];
  const entry = serve.indexOf('dist/src/cli/main.js');
  assert.ok(entry > 0, scripts.start);
  for (const flag of startupV8Flags) assert.ok(serve.slice(0, entry).includes(flag), scripts.start);
});

test('a serving child gets each startup flag its parent has not chosen, and keeps those it has', () => {
  assert.deepEqual(withStartupFlags(['--inspect']), ['--inspect', ...startupV8Flags]);
  const chosen = startupV8Flags.map((flag) => flag.replace(/=.*$/, '=64'));
  assert.deepEqual(withStartupFlags(chosen), chosen);
});
