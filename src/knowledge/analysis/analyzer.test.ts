import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAnalyzer } from './analyzer.js';
import { englishStopwords } from './stopwords.js';

describe('createAnalyzer', () => {
  it('lower-cases, splits on non-alphanumerics, drops stopwords and stems', () => {
    const analyzer = createAnalyzer();
    assert.deepEqual(analyzer.analyze('The Quick-Brown foxes, JUMPING over 2 lazy_dogs!'), [
      'quick',
      'brown',
      'fox',
      'jump',
      'over',
      '2',
      'lazi',
      'dog',
    ]);
  });

  it('uses Lucene’s 33 English stopwords', () => {
    assert.equal(englishStopwords.size, 33);
    assert.deepEqual(createAnalyzer().analyze('it is not such a thing'), ['thing']);
  });

  it('treats accented letters as separators by default, and as letters with `unicode`', () => {
    assert.deepEqual(createAnalyzer({ stem: false }).analyze('café naïve'), ['caf', 'na', 've']);
    assert.deepEqual(createAnalyzer({ stem: false, letters: 'unicode' }).analyze('Café naïve'), [
      'café',
      'naïve',
    ]);
  });

  it('can keep stopwords, skip stemming, or use its own stop list', () => {
    assert.deepEqual(createAnalyzer({ stopwords: false, stem: false }).analyze('The running dogs'), [
      'the',
      'running',
      'dogs',
    ]);
    assert.deepEqual(createAnalyzer({ stopwords: ['running'] }).analyze('The running dogs'), ['the', 'dog']);
  });
});
