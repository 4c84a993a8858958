/**
 * Sentence segmentation with character spans: every sentence's `text` equals
 * `source.slice(start, end)`, so a cited sentence can be quoted verbatim.
 */

/** One sentence of a text and where it sits in it. */
export interface SentenceSpan {
  text: string;
  /** Offset of the first character (after leading whitespace). */
  start: number;
  /** Offset one past the last character (closing quotes and brackets included). */
  end: number;
}

// Lower-cased words whose period stays inside the sentence even before a capitalised word ("Dr. Smith").
const titles = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'mt',
  'gen',
  'gov',
  'sen',
  'rep',
  'col',
  'lt',
  'capt',
  'sgt',
  'rev',
  'hon',
  'pres',
  'no',
  'nos',
  'vol',
  'fig',
  'vs',
  'cf',
  'e.g',
  'i.e',
  'approx',
  'ca',
  'pp',
]);
const closers = new Set(['"', "'", ')', ']', '}', '\u201d', '\u2019', '\u00bb']);
const terminators = new Set(['.', '!', '?', '\u2026']);

function isSpace(character: string | undefined): boolean {
  return character !== undefined && /\s/.test(character);
}

/** The word (letters, digits and inner periods) that ends just before `index`. */
function wordBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && /[\p{L}\p{N}.]/u.test(text[start - 1] ?? '')) start--;
  return text.slice(start, index);
}

/** Whether the period at `index` ends a sentence, judging by the word before and the text after. */
function periodEndsSentence(text: string, index: number, next: string | undefined): boolean {
  if (next === undefined) return true;
  // A lower-case, numeric or punctuation continuation means the period was an abbreviation's.
  if (/[\p{Ll}\d,;:]/u.test(next)) return false;
  const word = wordBefore(text, index);
  if (titles.has(word.toLowerCase())) return false;
  // Initials before a name ("J. R. R. Tolkien") and initialisms before a noun ("the U.S. Army").
  return !(/^\p{Lu}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word));
}

/** Splits text into sentences with exact character spans; blank lines and Markdown blocks end one. */
export function segmentSentences(text: string): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  let start = 0;
  const push = (end: number) => {
    let from = start;
    let to = end;
    while (from < to && isSpace(text[from])) from++;
    while (to > from && isSpace(text[to - 1])) to--;
    if (to > from) sentences.push({ text: text.slice(from, to), start: from, end: to });
    start = end;
  };
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? '';
    // A blank line, or a line opening a list item, heading or table row, ends a sentence (Markdown docs).
    if (character === '\n' && /^\n[ \t]*(\n|[-*+] |\d+[.)] |#|\|)/.test(text.slice(index, index + 80))) {
      push(index);
      continue;
    }
    if (!terminators.has(character)) continue;
    // Runs of terminators ("?!", "...") and closing quotes belong to the sentence they end.
    let end = index + 1;
    while (terminators.has(text[end] ?? '')) end++;
    while (closers.has(text[end] ?? '')) end++;
    if (end < text.length && !isSpace(text[end])) {
      index = end - 1;
      continue;
    }
    let after = end;
    while (isSpace(text[after])) after++;
    const next = text[after];
    if (character === '.' && end === index + 1 && !periodEndsSentence(text, index, next)) continue;
    if (next !== undefined && /\p{Ll}/u.test(next) && character !== '.') continue;
    push(end);
    index = end - 1;
  }
  push(text.length);
  return sentences;
}
