/**
 * The real tokenizers, loaded synchronously on first use: their vocabularies take hundreds of
 * milliseconds to parse, so a gateway that never counts an OpenAI or Llama prompt never pays for them.
 * Every text is counted segment by segment (see counting-segments.ts), so time grows linearly with
 * its length whatever its shape.
 */
import { createRequire } from 'node:module';
import type * as GptEncodingModule from 'gpt-tokenizer/encoding/o200k_base';
import type { Llama3Tokenizer } from 'llama3-tokenizer-js';
import { countingSegments } from './counting-segments.js';

type ExactEncodingName = 'o200k_base' | 'cl100k_base' | 'llama3';
type Counter = (text: string) => number;

const require = createRequire(import.meta.url);
const counters = new Map<ExactEncodingName, Counter>();
// Special-token strings in user text are counted as ordinary text rather than rejected.
const asPlainText = { disallowedSpecial: new Set<string>() };
// The encoder's merge cache evicts by deleting a Map's oldest entry, which slows down as deleted
// entries pile up: at its default 100,000 entries a stream of unique pieces (random base64) made
// each count several times slower. A small cache keeps the benefit for repeated words.
const mergeCacheEntries = 2048;
// Llama 3's encoder turns these strings into one special token each, before it pre-tokenizes.
const llama3Special =
  /(<\|(?:begin_of_text|end_of_text|start_header_id|end_header_id|eot_id|eom_id|python_tag|finetune_right_pad_id|reserved_special_token_(?:\d|[1-9]\d|1\d\d|2[0-3]\d|24[0-7]))\|>)/;

function bySegments(count: Counter): Counter {
  return (text) => {
    let tokens = 0;
    for (const segment of countingSegments(text)) tokens += count(segment);
    return tokens;
  };
}

function load(name: ExactEncodingName): Counter {
  if (name === 'llama3') {
    const bundle: {
      llama3Tokenizer: Llama3Tokenizer;
    } = require('llama3-tokenizer-js/bundle/commonjs-llama3-tokenizer-with-baked-data.cjs');
    const tokenizer = bundle.llama3Tokenizer;
    const encode: Counter = (text) => tokenizer.encode(text, { bos: false, eos: false }).length;
    const ordinary = bySegments(encode);
    // Segments must not cut a special token apart: count those whole, and the text between them.
    return (text) =>
      text
        .split(llama3Special)
        .reduce((sum, part, index) => sum + (index % 2 === 1 ? encode(part) : ordinary(part)), 0);
  }
  const encoding: typeof GptEncodingModule = require(`gpt-tokenizer/encoding/${name}`);
  encoding.setMergeCacheSize(mergeCacheEntries);
  return bySegments((text) => encoding.countTokens(text, asPlainText));
}

/** Returns the counter for an encoding, loading its vocabulary the first time it is asked for. */
export function encodingCounter(name: ExactEncodingName): Counter {
  let counter = counters.get(name);
  if (counter === undefined) {
    counter = load(name);
    counters.set(name, counter);
  }
  return counter;
}

/** Which encodings have been loaded so far (start-up and tests check that loading stays lazy). */
export function loadedEncodings(): ExactEncodingName[] {
  return [...counters.keys()];
}
