/**
 * The real tokenizers, loaded synchronously on first use: their vocabularies take hundreds of
 * milliseconds to parse, so a gateway that never counts an OpenAI or Llama prompt never pays for them.
 */
import { createRequire } from 'node:module';
import type * as GptEncodingModule from 'gpt-tokenizer/encoding/o200k_base';
import type { Llama3Tokenizer } from 'llama3-tokenizer-js';

type ExactEncodingName = 'o200k_base' | 'cl100k_base' | 'llama3';
type Counter = (text: string) => number;

const require = createRequire(import.meta.url);
const counters = new Map<ExactEncodingName, Counter>();
// Special-token strings in user text are counted as ordinary text rather than rejected.
const asPlainText = { disallowedSpecial: new Set<string>() };

function load(name: ExactEncodingName): Counter {
  if (name === 'llama3') {
    const bundle: {
      llama3Tokenizer: Llama3Tokenizer;
    } = require('llama3-tokenizer-js/bundle/commonjs-llama3-tokenizer-with-baked-data.cjs');
    const tokenizer = bundle.llama3Tokenizer;
    return (text) => tokenizer.encode(text, { bos: false, eos: false }).length;
  }
  const encoding: typeof GptEncodingModule = require(`gpt-tokenizer/encoding/${name}`);
  return (text) => encoding.countTokens(text, asPlainText);
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
