import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type * as GptEncodingModule from 'gpt-tokenizer/encoding/o200k_base';
import type * as SplitPatterns from 'gpt-tokenizer/encodingParams/constants';
import { byteCounter, fileInPieces, readRankFile } from './byte-pair-counter.js';

const require = createRequire(import.meta.url);
const patterns: typeof SplitPatterns = require('gpt-tokenizer/encodingParams/constants');
const plain = { disallowedSpecial: new Set<string>() };

const encodings = {
  o200k_base: patterns.O200K_TOKEN_SPLIT_REGEX,
  cl100k_base: patterns.CL100K_TOKEN_SPLIT_REGEX,
};

// A deterministic mix of ASCII, Latin, symbols, CJK, emoji and lone surrogates.
function mixedText(length: number, seed: number): string {
  let state = seed;
  const next = (below: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor(state / 65536) % below;
  };
  let text = '';
  for (let index = 0; index < length; index++) {
    const kind = next(10);
    if (kind < 5) text += String.fromCharCode(32 + next(95));
    else if (kind < 7) text += String.fromCharCode(0xa0 + next(0x2000));
    else if (kind < 8) text += String.fromCharCode(0x4e00 + next(0x5000));
    else if (kind < 9) text += String.fromCodePoint(0x1f300 + next(0x300));
    else text += String.fromCharCode(0xd800 + next(0x800));
  }
  return text;
}

const texts = [
  '',
  'hello world',
  readFileSync(new URL('./byte-pair-counter.js', import.meta.url), 'utf8'),
  "Héllo wörld! 価格は１２３４円です。Привет, мир! 😀👍🏽 e\u0301te\u0301 x=1234567; y='it's' tab\tnew\r\nline",
  'special tokens as text: <|endoftext|> <|im_start|> <|fim_prefix|>',
  `lone surrogates \ud800 and \udfff, and a pair split \ud83d`,
  'a'.repeat(700),
  ...Array.from({ length: 60 }, (_, seed) => mixedText(1 + seed * 7, seed + 1)),
];

for (const [name, pattern] of Object.entries(encodings)) {
  test(`${name}: counts as the library's encoder does, piece by piece, from its rank file`, () => {
    const library: typeof GptEncodingModule = require(`gpt-tokenizer/encoding/${name}`);
    const count = byteCounter(
      readRankFile(fileInPieces(require.resolve(`gpt-tokenizer/data/${name}.tiktoken`))),
      pattern,
    );
    for (const text of texts)
      assert.equal(count(text), library.countTokens(text, plain), JSON.stringify(text.slice(0, 60)));
    // Counted again, from the remembered pieces.
    for (const text of texts) assert.equal(count(text), library.countTokens(text, plain));
  });
}

test('a byte-order mark is the one token its rank file gives it, where the library decodes that token to nothing', () => {
  for (const [name, pattern] of Object.entries(encodings)) {
    const file = readFileSync(require.resolve(`gpt-tokenizer/data/${name}.tiktoken`));
    assert.match(file.toString('latin1'), /^77u\/ \d+$/m, 'EF BB BF is a token of its own');
    const count = byteCounter(readRankFile([file]), pattern);
    assert.equal(count('\ufeff'), 1);
    const library: typeof GptEncodingModule = require(`gpt-tokenizer/encoding/${name}`);
    assert.equal(library.countTokens('\ufeff', plain), 2);
  }
});

test('a rank file holds base64 tokens and their ranks, in any order; anything else is refused', () => {
  const file = Buffer.from(['YQ== 2', 'Yg== 0', 'YWI= 1', ''].join('\n'));
  const count = byteCounter(readRankFile([file]), /[a-z]+|\s+/gu);
  assert.equal(count('ab'), 1);
  assert.equal(count('ba'), 2);
  assert.equal(count('aab b'), 2 + 1 + 1, 'a byte no token covers still counts as one');
  assert.throws(() => readRankFile([Buffer.from('YQ== x\n')]), /not a tiktoken rank file: line 1/);
  assert.throws(() => readRankFile([Buffer.from('YQ== 0\n 1\n')]), /line 2/);
  assert.throws(() => readRankFile([Buffer.from('YQ== 0\nYg==\nYWI= 1\n')]), /line 2/);
});

test('a rank file read in pieces gives the table read whole, whatever the pieces cut', () => {
  const folder = mkdtempSync(join(tmpdir(), 'rank-file-'));
  try {
    const fixture = join(folder, 'ranks.tiktoken');
    // A line longer than the smallest pieces, a blank line, and no newline at the end.
    writeFileSync(
      fixture,
      ['YQ== 2', 'Yg== 0', '', `${Buffer.from('ab'.repeat(40)).toString('base64')} 3`, 'YWI= 1'].join('\n'),
    );
    for (const path of [fixture, require.resolve('gpt-tokenizer/data/cl100k_base.tiktoken')]) {
      const whole = readRankFile([readFileSync(path)]);
      for (const size of [4, 7, 64, 4096]) assert.deepEqual(readRankFile(fileInPieces(path, size)), whole);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
