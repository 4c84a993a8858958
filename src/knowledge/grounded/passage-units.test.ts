import assert from 'node:assert/strict';
import { test } from 'node:test';
import { passageUnits } from './passage-units.js';

const doc = [
  '## Limits',
  '',
  'Limits keep spend in check. They apply per key.',
  '',
  '- **Quotas** cap requests per day. A refused call gets a 429.',
  '- **Windows** reset at midnight.',
  '',
  '| limit | default |',
  '| ----- | ------- |',
  '| daily | 100     |',
  '',
  '```yaml',
  'limits:',
  '  daily: 100',
  '```',
].join('\n');

test('prose splits into sentences with exact spans; tables and headings are never units', () => {
  const units = passageUnits(doc, { headings: ['Guide'] });
  assert.deepEqual(
    units.map((unit) => unit.text),
    [
      'Limits keep spend in check.',
      'They apply per key.',
      '**Quotas** cap requests per day.',
      'A refused call gets a 429.',
      '**Windows** reset at midnight.',
    ],
  );
  for (const unit of units) assert.equal(doc.slice(unit.start, unit.end), unit.text);
  assert.ok(units.every((unit) => unit.kind === 'prose' && unit.heading === 'Limits'));
  assert.deepEqual(
    units.map((unit) => unit.lead),
    ['', '', 'Quotas', 'Quotas', 'Windows'],
  );
  assert.equal(new Set(units.map((unit) => unit.block)).size, 3);
});

test('code blocks are units only when asked for, whole with their fences', () => {
  const code = passageUnits(doc, { code: true }).filter((unit) => unit.kind === 'code');
  assert.equal(code.length, 1);
  assert.equal(code[0]?.text, '```yaml\nlimits:\n  daily: 100\n```');
});

test('a chunk that starts inside a code block does not read its code as prose', () => {
  const inside = [
    '    daily: 100 # requests',
    '    burst: { size: 5 }',
    'routes:',
    '  auto: { fallback: [a, b] }',
    '```',
    '',
    'Routes name virtual models.',
  ].join('\n');
  assert.deepEqual(
    passageUnits(inside).map((unit) => unit.text),
    ['Routes name virtual models.'],
  );
  const fenceless = 'cache: { enabled: true }\nbudgets:\n  - { scope: global, limit_usd: 5 }';
  assert.deepEqual(passageUnits(fenceless), []);
  // Plain prose, even one line that looks like a key, stays prose.
  const prose = 'Note: the gateway retries once.\nIt then falls back to the next model in the chain.';
  assert.equal(passageUnits(prose).length, 2);
});

test('a long code block is quoted stanza by stanza', () => {
  const lines = ['```yaml', 'routes:'];
  for (let index = 0; index < 10; index++) lines.push(`  r${index}:`, `    model: m${index}`);
  lines.push('```');
  const text = lines.join('\n');
  const code = passageUnits(text, { code: true }).filter((unit) => unit.kind === 'code');
  assert.ok(code.length > 1);
  assert.ok(code.every((unit) => unit.text.split('\n').length <= 16));
  assert.ok(code.some((unit) => unit.text === 'r3:\n    model: m3'));
  for (const unit of code) assert.equal(text.slice(unit.start, unit.end), unit.text);
});
