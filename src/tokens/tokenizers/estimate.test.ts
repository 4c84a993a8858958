import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateTokens } from './estimate.js';
import { tokenizerFor } from './tokenizer-for.js';

const samples: Record<string, string> = {
  english:
    'The Normans were the people who in the 10th and 11th centuries gave their name to Normandy, a region ' +
    'in France. They were descended from Norse raiders and pirates from Denmark, Iceland and Norway who, ' +
    'under their leader Rollo, agreed to swear fealty to King Charles III of West Francia.',
  code:
    'export function sum(values: number[]): number {\n  let total = 0;\n  for (const value of values) ' +
    'total += value;\n  return total;\n}\n\nconsole.log(sum([1, 2, 3]));\n',
  chinese:
    '人工智能是计算机科学的一个分支，它企图了解智能的实质，并生产出一种新的能以人类智能相似的方式做出反应的智能机器。',
  japanese:
    '人工知能は、人間の知的能力をコンピュータ上で実現する技術の総称です。機械学習や深層学習が広く使われています。',
  russian:
    'Искусственный интеллект — свойство интеллектуальных систем выполнять творческие функции человека.',
};

test('the estimate stays within 0.8x to 1.6x of o200k_base on prose, code and CJK', () => {
  const o200k = tokenizerFor('openai', 'gpt-4o');
  for (const [kind, text] of Object.entries(samples)) {
    const ratio = estimateTokens(text) / o200k.count(text);
    assert.ok(ratio >= 0.8 && ratio <= 1.6, `${kind}: estimate/o200k = ${ratio.toFixed(2)}`);
  }
});

test('CJK characters count about one token each, ASCII about four characters a token', () => {
  assert.equal(estimateTokens('お誕生日おめでとう'), 9);
  assert.equal(estimateTokens('abcdefgh'), 2);
  assert.equal(estimateTokens(''), 0);
  // One emoji is one code point (a surrogate pair), weighted as other non-ASCII.
  assert.equal(estimateTokens('🦙🦙'), 1);
});
