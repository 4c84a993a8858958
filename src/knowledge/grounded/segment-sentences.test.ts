import assert from 'node:assert/strict';
import { test } from 'node:test';
import { segmentSentences } from './segment-sentences.js';

function texts(source: string): string[] {
  return segmentSentences(source).map((sentence) => sentence.text);
}

test('every sentence is the exact slice of the source at its span', () => {
  const source = '  First one.  Second one!\nThird one?   ';
  const sentences = segmentSentences(source);
  assert.deepEqual(
    sentences.map((sentence) => sentence.text),
    ['First one.', 'Second one!', 'Third one?'],
  );
  for (const sentence of sentences) assert.equal(source.slice(sentence.start, sentence.end), sentence.text);
});

test('abbreviations, initials and decimals do not end a sentence', () => {
  assert.deepEqual(texts('Dr. Smith paid $3.50 for it. Then he left.'), [
    'Dr. Smith paid $3.50 for it.',
    'Then he left.',
  ]);
  assert.deepEqual(texts('J. R. R. Tolkien wrote it, e.g. in 1937. It sold well.'), [
    'J. R. R. Tolkien wrote it, e.g. in 1937.',
    'It sold well.',
  ]);
  assert.deepEqual(texts('The U.S. Army grew. Version 2.1 shipped.'), [
    'The U.S. Army grew.',
    'Version 2.1 shipped.',
  ]);
});

test('closing quotes and brackets stay with the sentence they end', () => {
  assert.deepEqual(texts('He said "Stop." She did (mostly.) Done?! Yes.'), [
    'He said "Stop."',
    'She did (mostly.)',
    'Done?!',
    'Yes.',
  ]);
});

test('a blank line ends a sentence without punctuation, and an unterminated tail is kept', () => {
  assert.deepEqual(texts('# Budgets\n\nBudgets cap spend\nper key. No end'), [
    '# Budgets',
    'Budgets cap spend\nper key.',
    'No end',
  ]);
  assert.deepEqual(segmentSentences('   '), []);
  assert.deepEqual(texts('Limits:\n- per key\n- per model\n1. first\n| a | b |'), [
    'Limits:',
    '- per key',
    '- per model',
    '1. first',
    '| a | b |',
  ]);
});
