/** Document frequencies of the corpus, so the answerer weighs question words as the corpus does. */
import { contentStems } from '../../src/knowledge/grounded/terms.js';
import type { CorpusDocument } from './dataset.js';

/** Lucene's BM25 idf over the corpus documents (title and text), for stems of the answerer's analysis. */
export function corpusIdf(corpus: readonly CorpusDocument[]): (stem: string) => number {
  const frequency = new Map<string, number>();
  for (const document of corpus) {
    for (const stem of contentStems(`${document.title} ${document.text}`)) {
      frequency.set(stem, (frequency.get(stem) ?? 0) + 1);
    }
  }
  const total = corpus.length;
  return (stem) => {
    const df = frequency.get(stem) ?? 0;
    return Math.log(1 + (total - df + 0.5) / (df + 0.5));
  };
}
