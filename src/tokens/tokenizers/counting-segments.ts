/**
 * Cuts a text into short segments that a byte-pair encoder can count one by one, so counting stays
 * linear in the text's length. BPE merges each pre-tokenizer piece in time quadratic in its length,
 * and a run without whitespace (`aaaa…`, a wall of CJK, `!!!!…`, a long space run) is one piece.
 *
 * Cuts go where the pre-tokenizers of o200k_base, cl100k_base and Llama 3 always start a new piece
 * after a non-whitespace character: before a space or tab, at a digit/non-digit change, and between
 * a letter and punctuation. Those patterns have no look-behind and their look-aheads only test
 * whitespace, so the pieces on both sides of such a cut are the ones the whole text gives: the sum
 * of the segments' counts is the text's count. Only where `maxRun` characters pass with no such
 * place is a cut forced; each forced cut can move the count by a token or two (the tests bound it).
 */

/** Segments of about this many characters keep the per-call overhead of the encoders small. */
const targetLength = 1024;
/** The longest stretch without a piece boundary that is encoded as one; longer ones are cut. */
const defaultMaxRun = 128;

type CharacterClass = 'space' | 'newline' | 'letter' | 'digit' | 'mark' | 'apostrophe' | 'other';

const letter = /\p{L}/u;
const digit = /\p{N}/u;
const mark = /\p{M}/u;
const whitespace = /\s/u;

function classOf(text: string, index: number): CharacterClass {
  const code = text.charCodeAt(index);
  if (code < 0x80) {
    if (code === 0x0a || code === 0x0d) return 'newline';
    if (code === 0x20 || (code >= 0x09 && code <= 0x0c)) return 'space';
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return 'letter';
    if (code >= 0x30 && code <= 0x39) return 'digit';
    return code === 0x27 ? 'apostrophe' : 'other';
  }
  const character = String.fromCodePoint(text.codePointAt(index) ?? code);
  if (letter.test(character)) return 'letter';
  if (digit.test(character)) return 'digit';
  if (mark.test(character)) return 'mark';
  return whitespace.test(character) ? 'space' : 'other';
}

const isWhitespace = (kind: CharacterClass) => kind === 'space' || kind === 'newline';

/** True when every supported pre-tokenizer starts a piece at a character of class `current`. */
function isPieceStart(previous: CharacterClass, current: CharacterClass): boolean {
  if (isWhitespace(previous)) return false;
  if (current === 'space') return true;
  if ((previous === 'digit') !== (current === 'digit')) return true;
  // cl100k's letter pattern is \p{L}+ without marks, and o200k's may end in 's, 't, …
  return previous === 'letter' && current === 'other';
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Yields the segments of a text in order; they join back into the text. */
export function* countingSegments(text: string, maxRun = defaultMaxRun): Generator<string> {
  let start = 0;
  let runStart = 0;
  let lastBoundary = -1;
  let previous = text.length > 0 ? classOf(text, 0) : 'space';
  for (let index = 1; index < text.length; index++) {
    // The second half of a surrogate pair is never a place to cut.
    if (isLowSurrogate(text.charCodeAt(index))) continue;
    const current = classOf(text, index);
    if (isPieceStart(previous, current)) {
      lastBoundary = index;
      runStart = index;
    } else if (index - runStart >= maxRun) {
      yield text.slice(start, index);
      start = index;
      runStart = index;
      lastBoundary = -1;
    }
    if (index - start >= targetLength && lastBoundary > start) {
      yield text.slice(start, lastBoundary);
      start = lastBoundary;
      lastBoundary = -1;
    }
    previous = current;
  }
  if (start < text.length) yield text.slice(start);
}
