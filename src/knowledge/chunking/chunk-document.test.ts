import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodingCounter } from '../../tokens/tokenizers/encodings.js';
import { chunkDocument } from './chunk-document.js';

const count = encodingCounter('o200k_base');
const sentence = (index: number) => `Sentence number ${index} talks about budgets and keys.`;

describe('chunkDocument', () => {
  it('starts a chunk at each heading and records the heading path', () => {
    const text =
      '# Guide\n\nIntro paragraph.\n\n## Budgets\n\nBudgets cap spend.\n\n### Hard\n\nHard budgets refuse.\n\n## Keys\n\nKeys have scopes.';
    const chunks = chunkDocument(text, { structure: 'markdown', maxTokens: 200 });
    assert.deepEqual(
      chunks.map((chunk) => [chunk.text, chunk.headingPath]),
      [
        ['# Guide\n\nIntro paragraph.', ['Guide']],
        ['## Budgets\n\nBudgets cap spend.', ['Guide', 'Budgets']],
        ['### Hard\n\nHard budgets refuse.', ['Guide', 'Budgets', 'Hard']],
        ['## Keys\n\nKeys have scopes.', ['Guide', 'Keys']],
      ],
    );
    for (const chunk of chunks) assert.equal(text.slice(chunk.charStart, chunk.charEnd), chunk.text);
    assert.deepEqual(
      chunks.map((chunk) => chunk.position),
      [0, 1, 2, 3],
    );
  });

  it('keeps consecutive headings together with the text under them', () => {
    const chunks = chunkDocument('# A\n\n## B\n\nText.', { structure: 'markdown' });
    assert.deepEqual(
      chunks.map((chunk) => chunk.text),
      ['# A\n\n## B\n\nText.'],
    );
    assert.deepEqual(chunks[0]?.headingPath, ['A', 'B']);
  });

  it('sizes chunks by tokens with overlap, splitting long paragraphs at sentences', () => {
    const text = Array.from({ length: 60 }, (_, index) => sentence(index)).join(' ');
    const chunks = chunkDocument(text, { structure: 'plain', maxTokens: 60, overlapTokens: 15 });
    assert.ok(chunks.length > 5);
    for (const chunk of chunks) {
      assert.ok(chunk.tokenCount <= 60, `${chunk.tokenCount} tokens`);
      assert.equal(chunk.tokenCount, count(chunk.text));
      assert.equal(text.slice(chunk.charStart, chunk.charEnd), chunk.text);
      assert.match(chunk.text, /^Sentence number \d+/);
      assert.match(chunk.text, /keys\.$/);
    }
    for (let index = 1; index < chunks.length; index += 1) {
      const previous = chunks[index - 1];
      const next = chunks[index];
      assert.ok(previous && next);
      // Overlap: the next chunk starts inside the previous one, and still moves forward.
      assert.ok(next.charStart < previous.charEnd, `chunk ${index} overlaps`);
      assert.ok(next.charStart > previous.charStart);
    }
    assert.equal(chunks.at(-1)?.charEnd, text.length);
  });

  it('keeps a code block whole when it fits and splits it at lines when it does not', () => {
    const code = [
      '```js',
      ...Array.from({ length: 8 }, (_, index) => `const value${index} = ${index};`),
      '```',
    ].join('\n');
    const text = `Intro text here.\n\n${code}\n\nAfter.`;
    const whole = chunkDocument(text, { structure: 'markdown', maxTokens: 120, overlapTokens: 0 });
    assert.ok(whole.some((chunk) => chunk.text.includes(code)));
    const split = chunkDocument(text, { structure: 'markdown', maxTokens: 30, overlapTokens: 0 });
    assert.ok(!split.some((chunk) => chunk.text.includes(code)));
    for (const line of code.split('\n'))
      assert.ok(
        split.some((chunk) => chunk.text.split('\n').includes(line)),
        line,
      );
    for (const chunk of split) assert.ok(chunk.tokenCount <= 30);
  });

  it('splits an over-long list at its items, keeping each multi-line item whole', () => {
    const items = Array.from(
      { length: 12 },
      (_, index) =>
        `- **Item ${index}** covers topic ${index} in detail,\n  with a continuation line ${index}.`,
    );
    const text = items.join('\n');
    const chunks = chunkDocument(text, { structure: 'markdown', maxTokens: 50, overlapTokens: 0 });
    assert.ok(chunks.length > 2);
    for (const chunk of chunks) {
      assert.match(chunk.text, /^- \*\*Item \d+\*\*/);
      assert.match(chunk.text, /continuation line \d+\.$/);
    }
  });

  it('does not end a sentence inside a number or a dotted name', () => {
    const text = `${'Version 1.5 of the gateway (see strata.yaml) is fast. '.repeat(12)}`.trim();
    const chunks = chunkDocument(text, { structure: 'plain', maxTokens: 40, overlapTokens: 0 });
    for (const chunk of chunks) assert.match(chunk.text, /^Version 1\.5 .*fast\.$/s);
  });

  it('cuts a single endless sentence at words', () => {
    const text = Array.from({ length: 300 }, (_, index) => `word${index}`).join(' ');
    const chunks = chunkDocument(text, { structure: 'plain', maxTokens: 50, overlapTokens: 0 });
    assert.ok(chunks.length >= 6);
    for (const chunk of chunks) assert.ok(chunk.tokenCount <= 50);
    assert.equal(chunks.map((chunk) => chunk.text).join(' '), text);
  });

  it('returns no chunks for an empty document', () => {
    assert.deepEqual(chunkDocument('  \n\n ', { structure: 'markdown' }), []);
  });

  it('cuts a run with no white space into fitting chunks that cover it in order', () => {
    const runs = [
      'a'.repeat(60_000),
      'Zm9vYmFy+/'.repeat(3_000),
      '中文字符'.repeat(5_000),
      `Intro words here. ${'😀'.repeat(3_000)} and after.`,
    ];
    for (const text of runs) {
      const chunks = chunkDocument(text, { structure: 'plain', maxTokens: 256, overlapTokens: 0 });
      assert.ok(chunks.length > 1);
      let covered = 0;
      for (const chunk of chunks) {
        assert.ok(chunk.tokenCount <= 256, `a chunk of ${chunk.tokenCount} tokens`);
        assert.equal(chunk.tokenCount, count(chunk.text));
        assert.equal(text.slice(chunk.charStart, chunk.charEnd), chunk.text);
        assert.ok(text.slice(covered, chunk.charStart).trim() === '', 'no text is skipped');
        covered = chunk.charEnd;
      }
      assert.equal(covered, text.length);
    }
  });
});
