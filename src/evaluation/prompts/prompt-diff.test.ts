import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffLines, diffPromptVersions } from './prompt-diff.js';

test('the line diff keeps common lines and marks removed and added ones in order', () => {
  assert.deepEqual(diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd']), [
    { op: ' ', text: 'a' },
    { op: '-', text: 'b' },
    { op: '+', text: 'x' },
    { op: ' ', text: 'c' },
    { op: '+', text: 'd' },
  ]);
});

test('a prompt diff covers the messages and the settings', () => {
  const version = (content: string, settings: Record<string, unknown>, number: number) => ({
    name: 'p',
    version: number,
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content },
    ],
    settings,
    note: '',
    createdAt: '',
    labels: [],
  });
  const diff = diffPromptVersions(
    version('Q: {{q}}', {}, 1),
    version('Question: {{q}}', { temperature: 0 }, 2),
  );
  assert.deepEqual(
    diff.filter((line) => line.op !== ' ').map((line) => `${line.op}${line.text}`),
    ['-user: Q: {{q}}', '+user: Question: {{q}}', '+--- settings', '+{', '+  "temperature": 0', '+}'],
  );
});
