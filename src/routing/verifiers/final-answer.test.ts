import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answersAgree, extractFinalAnswer, normaliseAnswer } from './final-answer.js';

test('extracts boxed answers, stated answers, choice letters and last lines', () => {
  assert.equal(extractFinalAnswer('So x = \\boxed{\\frac{1}{2}} and done'), '\\frac{1}{2}');
  assert.equal(extractFinalAnswer('Working...\nThe answer is 1,250 apples.'), '1,250 apples.');
  assert.equal(extractFinalAnswer('Final answer: (C) because of gravity'), 'C');
  assert.equal(extractFinalAnswer('B) Jupiter is the largest planet.'), 'B');
  assert.equal(extractFinalAnswer('C\n'), 'C');
  assert.equal(extractFinalAnswer('We add them.\n\n42\n'), '42');
});

test('answers agree after case, punctuation, article and number normalisation', () => {
  assert.equal(normaliseAnswer('The answer is 1,250.00 Apples!'), '1250 apples');
  assert.ok(answersAgree('B', 'b) Jupiter'));
  assert.ok(answersAgree('The answer is 3.50', 'I get 3.5'));
  assert.ok(answersAgree('Paris.', 'the answer is: paris'));
  assert.ok(!answersAgree('A', 'B'));
  assert.ok(answersAgree('A', 'A\n'), 'a lone choice letter A is not an article');
  assert.ok(!answersAgree('', ''));
});
