/**
 * A larger corpus for the speed goals: `size` documents made of sentences drawn (with a seeded generator)
 * from a real corpus, each as many sentences long as a randomly chosen real document. Vocabulary, term
 * statistics and lengths stay realistic; the queries are the source dataset's.
 */
import { seededRandom } from '../../src/core/random.js';
import type { BeirDataset, BeirDocument } from './beir.js';

function sentencesOf(document: BeirDocument): string[] {
  return document.text.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.trim() !== '');
}

/** A dataset of `size` synthetic documents drawn from `source` (no relevance judgments). */
export function syntheticDataset(source: BeirDataset, size: number, seed = 7): BeirDataset {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const perDocument = source.corpus.map(sentencesOf).filter((sentences) => sentences.length > 0);
  const sentences = perDocument.flat();
  const corpus: BeirDocument[] = [];
  for (let index = 0; index < size; index++) {
    const length = pick(perDocument).length;
    const body = Array.from({ length }, () => pick(sentences));
    corpus.push({ id: `synthetic-${index}`, title: body[0] ?? '', text: body.join(' ') });
  }
  return { name: `${source.name}-synthetic-${size}`, corpus, queries: source.queries, qrels: new Map() };
}
