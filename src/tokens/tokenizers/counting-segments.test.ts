import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import type * as GptEncodingModule from 'gpt-tokenizer/encoding/o200k_base';
import type { Llama3Tokenizer } from 'llama3-tokenizer-js';
import { countingSegments } from './counting-segments.js';
import { encodingCounter } from './encodings.js';

const require = createRequire(import.meta.url);
const plain = { disallowedSpecial: new Set<string>() };
const o200k: typeof GptEncodingModule = require('gpt-tokenizer/encoding/o200k_base');
const cl100k: typeof GptEncodingModule = require('gpt-tokenizer/encoding/cl100k_base');
const llama3: Llama3Tokenizer =
  require('llama3-tokenizer-js/bundle/commonjs-llama3-tokenizer-with-baked-data.cjs').llama3Tokenizer;

// The libraries' own counts of a whole text, without segments.
const whole = {
  o200k_base: (text: string) => o200k.countTokens(text, plain),
  cl100k_base: (text: string) => cl100k.countTokens(text, plain),
  llama3: (text: string) => llama3.encode(text, { bos: false, eos: false }).length,
};

const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
// A table's rule and cell padding are runs of dashes and spaces longer than a segment may be: forced cuts,
// which may move the count (tested below). Without its tables the project's README has no forced cut.
const prose = readme
  .split('\n')
  .filter((line) => !/^\|.*\|$/.test(line))
  .join('\n');
const source = readFileSync(new URL('./counting-segments.js', import.meta.url), 'utf8');
const mixed =
  "Héllo wörld! Ça va? 価格は１２３４円です。これは日本語の文章です、句読点もあります。Привет, мир! 😀👍🏽 e\u0301te\u0301 … x=1234567; y='it's'; <|eot_id|> <|endoftext|> tab\tnew\r\nline   \n\n  end  ";

// A deterministic stream of characters from an alphabet.
function randomText(alphabet: string, length: number, seed = 7): string {
  let state = seed;
  let text = '';
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    text += alphabet[Math.floor(state / 65536) % alphabet.length];
  }
  return text;
}

test('segments join back into the text and never split a surrogate pair', () => {
  const texts = [readme, mixed.repeat(40), '😀'.repeat(5000), 'a'.repeat(10_000), ''];
  for (const text of texts) {
    const segments = [...countingSegments(text)];
    assert.equal(segments.join(''), text);
    for (const segment of segments) {
      const last = segment.charCodeAt(segment.length - 1);
      assert.ok(!(last >= 0xd800 && last <= 0xdbff), 'a segment ends inside a surrogate pair');
    }
  }
});

test('no segment holds a run longer than the cap, so each encoder call is bounded', () => {
  for (const text of ['a'.repeat(100_000), ' '.repeat(100_000), '中'.repeat(100_000), readme]) {
    for (const segment of countingSegments(text))
      assert.ok(segment.length <= 1024 + 128, `${segment.length}`);
  }
  assert.ok([...countingSegments('a'.repeat(100_000))].every((segment) => segment.length <= 128));
});

test('counting by segments gives the libraries’ exact counts for prose, code and mixed scripts', () => {
  const texts = {
    prose,
    source,
    mixed: mixed.repeat(30),
    minified: source.replace(/\s+/g, ''),
    url: `https://example.com/${randomText('abcdefghij/?=&%-_.', 5000)}`,
    base64: randomText('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 5000),
  };
  for (const [name, count] of Object.entries(whole)) {
    const segmented = encodingCounter(name as keyof typeof whole);
    for (const [kind, text] of Object.entries(texts)) {
      assert.equal(segmented(text), count(text), `${name} on ${kind}`);
    }
  }
});

test('a run with no boundary for thousands of characters is counted within two tokens per forced cut', () => {
  const runs = {
    letters: 'a'.repeat(3000),
    punctuation: '!'.repeat(3000),
    spaces: `${' '.repeat(3000)}x`,
    newlines: '\n'.repeat(3000),
    cjk: randomText('的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年', 3000),
    lowercase: randomText('abcdefghijklmnopqrstuvwxyz', 3000),
    words: 'international'.repeat(300),
    table: `| ${'-'.repeat(330)} | ${'-'.repeat(3000)} |\n| SIGKILL${' '.repeat(400)} | nothing${' '.repeat(900)} |`,
  };
  for (const [name, count] of Object.entries(whole)) {
    const segmented = encodingCounter(name as keyof typeof whole);
    for (const [kind, text] of Object.entries(runs)) {
      const forcedCuts = Math.ceil(text.length / 128);
      const difference = Math.abs(segmented(text) - count(text));
      assert.ok(difference <= 2 * forcedCuts, `${name} on ${kind}: off by ${difference}`);
    }
  }
});
