/**
 * The real tokenizers, loaded synchronously on first use, so a gateway that never counts an OpenAI or
 * Llama prompt never pays for their vocabularies. OpenAI's encodings are counted from the rank files
 * gpt-tokenizer ships (about 5 MB each once read, see byte-pair-counter.ts); Llama 3's vocabulary takes
 * hundreds of milliseconds to parse. Every text is counted segment by segment (see
 * counting-segments.ts), so time grows linearly with its length whatever its shape.
 */
import { createRequire } from 'node:module';
import type * as SplitPatterns from 'gpt-tokenizer/encodingParams/constants';
import type { Llama3Tokenizer } from 'llama3-tokenizer-js';
import { byteCounter, fileInPieces, readRankFile } from './byte-pair-counter.js';
import { countingSegments } from './counting-segments.js';

type ExactEncodingName = 'o200k_base' | 'cl100k_base' | 'llama3';
type Counter = (text: string) => number;

const require = createRequire(import.meta.url);
const counters = new Map<ExactEncodingName, Counter>();
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
  const patterns: typeof SplitPatterns = require('gpt-tokenizer/encodingParams/constants');
  const ranks = readRankFile(fileInPieces(require.resolve(`gpt-tokenizer/data/${name}.tiktoken`)));
  const pattern =
    name === 'o200k_base' ? patterns.O200K_TOKEN_SPLIT_REGEX : patterns.CL100K_TOKEN_SPLIT_REGEX;
  return bySegments(byteCounter(ranks, pattern));
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
