import type { TermRow } from './inverted-index.js';

/** Cosine similarity of two chunks' raw term-frequency vectors (0 when either is missing or empty). */
export function termRowCosine(a: TermRow | undefined, b: TermRow | undefined): number {
  if (a === undefined || b === undefined) return 0;
  const frequencies = new Map<number, number>();
  let normA = 0;
  a.terms.forEach((term, index) => {
    const frequency = a.freqs[index] ?? 0;
    frequencies.set(term, frequency);
    normA += frequency * frequency;
  });
  let normB = 0;
  let dot = 0;
  b.terms.forEach((term, index) => {
    const frequency = b.freqs[index] ?? 0;
    normB += frequency * frequency;
    dot += frequency * (frequencies.get(term) ?? 0);
  });
  return normA > 0 && normB > 0 ? dot / Math.sqrt(normA * normB) : 0;
}
