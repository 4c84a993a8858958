import { porterStem } from './porter-stemmer.js';
import { englishStopwords } from './stopwords.js';

/** How text becomes index terms. */
export interface AnalyzerOptions {
  /** Words dropped after lower-casing; `false` keeps every word. Default: Lucene's 33 English stopwords. */
  stopwords?: Iterable<string> | false;
  /** Porter-stem each word (default true). */
  stem?: boolean;
  /**
   * Which characters make up words; everything else separates them. Default `ascii` (`[a-z0-9]` after
   * lower-casing, as in the classic test-collection recipes); `unicode` keeps letters and digits of any script.
   */
  letters?: 'ascii' | 'unicode';
}

/** Turns text into index terms. */
export interface Analyzer {
  /** The terms of `text`, in order, repeats kept. */
  analyze(text: string): string[];
  /** Calls `visit` with each lower-cased word of `text`, before stopwords and stemming. */
  words(text: string, visit: (word: string) => void): void;
  /** The term a lower-cased word becomes, or undefined for a stopword. */
  term(word: string): string | undefined;
}

const unicodeSeparator = /[^\p{L}\p{N}]+/u;

/** Splits lower-cased text on anything but a-z and 0-9, scanning character codes (no regex, no array). */
function asciiWords(text: string, visit: (word: string) => void): void {
  const lower = text.toLowerCase();
  let start = -1;
  for (let index = 0; index <= lower.length; index++) {
    const code = index < lower.length ? lower.charCodeAt(index) : 32;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      if (start < 0) start = index;
    } else if (start >= 0) {
      visit(lower.slice(start, index));
      start = -1;
    }
  }
}

function unicodeWords(text: string, visit: (word: string) => void): void {
  for (const word of text.toLowerCase().split(unicodeSeparator)) if (word.length > 0) visit(word);
}

// Stems are cached per analyzer: natural text repeats a small vocabulary, and stemming dominates indexing.
const stemCacheLimit = 200_000;

/** An analyzer: lower-case, split on non-alphanumerics, drop stopwords, Porter-stem. */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const stopwords =
    options.stopwords === false ? new Set<string>() : new Set(options.stopwords ?? englishStopwords);
  const stem = options.stem ?? true;
  const words = options.letters === 'unicode' ? unicodeWords : asciiWords;
  const cache = new Map<string, string>();
  const termOf = (word: string): string => {
    if (!stem) return word;
    let term = cache.get(word);
    if (term === undefined) {
      term = porterStem(word);
      if (cache.size >= stemCacheLimit) cache.clear();
      cache.set(word, term);
    }
    return term;
  };
  const term = (word: string) => (stopwords.has(word) ? undefined : termOf(word));
  return {
    analyze(text) {
      const terms: string[] = [];
      words(text, (word) => {
        const analysed = term(word);
        if (analysed !== undefined) terms.push(analysed);
      });
      return terms;
    },
    words,
    term,
  };
}
