import assert from 'node:assert/strict';
import { it } from 'node:test';
import { splitBlocks } from './split-blocks.js';

it('splits markdown into headings, paragraphs, lists, tables and whole code fences', () => {
  const text = [
    '# Title',
    'Intro line one',
    'line two.',
    '',
    '- item one',
    '  continued',
    '- item two',
    '',
    '```ts',
    'const a = 1;',
    '',
    'const b = 2;',
    '```',
    '| a | b |',
    '| 1 | 2 |',
    '## Sub ##',
  ].join('\n');
  const blocks = splitBlocks(text, 'markdown');
  assert.deepEqual(
    blocks.map((block) => [
      block.kind,
      text.slice(block.start, block.end),
      block.level ?? null,
      block.heading ?? null,
    ]),
    [
      ['heading', '# Title', 1, 'Title'],
      ['paragraph', 'Intro line one\nline two.', null, null],
      ['list', '- item one\n  continued\n- item two', null, null],
      ['code', '```ts\nconst a = 1;\n\nconst b = 2;\n```', null, null],
      ['table', '| a | b |\n| 1 | 2 |', null, null],
      ['heading', '## Sub ##', 2, 'Sub'],
    ],
  );
});

it('reads plain text as paragraphs only', () => {
  const text = '# not a heading\nsame paragraph\n\n\n- not a list';
  assert.deepEqual(
    splitBlocks(text, 'plain').map((block) => text.slice(block.start, block.end)),
    ['# not a heading\nsame paragraph', '- not a list'],
  );
});
