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
}

const separators = { ascii: /[^a-z0-9]+/, unicode: /[^\p{L}\p{N}]+/u } as const;

// Stems are cached per analyzer: natural text repeats a small vocabulary, and stemming dominates indexing.
const stemCacheLimit = 200_000;

/** An analyzer: lower-case, split on non-alphanumerics, drop stopwords, Porter-stem. */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const stopwords =
    options.stopwords === false ? new Set<string>() : new Set(options.stopwords ?? englishStopwords);
  const stem = options.stem ?? true;
  const separator = separators[options.letters ?? 'ascii'];
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
  return {
    analyze(text) {
      const terms: string[] = [];
      for (const word of text.toLowerCase().split(separator)) {
        if (word.length === 0 || stopwords.has(word)) continue;
        terms.push(termOf(word));
      }
      return terms;
    },
  };
}
