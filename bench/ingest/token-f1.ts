/** Token and bigram F1 between an extracted text and a reference, the scores the ingestion bench reports. */

/** Lower-cased words and numbers, in order; compatibility forms (ligatures) of the reference only are folded by the caller. */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function counts(items: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const item of items) map.set(item, (map.get(item) ?? 0) + 1);
  return map;
}

/** F1 of the multiset overlap of two sequences; 1 when both are empty. */
export function multisetF1(predicted: readonly string[], reference: readonly string[]): number {
  if (predicted.length === 0 && reference.length === 0) return 1;
  if (predicted.length === 0 || reference.length === 0) return 0;
  const wanted = counts(reference);
  let overlap = 0;
  for (const [item, count] of counts(predicted)) overlap += Math.min(count, wanted.get(item) ?? 0);
  if (overlap === 0) return 0;
  const precision = overlap / predicted.length;
  const recall = overlap / reference.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Adjacent token pairs: they score reading order (two columns read across the page lose them). */
export function bigrams(items: readonly string[]): string[] {
  return items.slice(1).map((item, index) => `${items[index]} ${item}`);
}

/** Token F1 and bigram F1 of `extracted` against `reference` (NFKC-folded, so a ligature counts as its letters). */
export function scoreText(extracted: string, reference: string): { tokenF1: number; bigramF1: number } {
  const predicted = tokens(extracted);
  const wanted = tokens(reference.normalize('NFKC'));
  return {
    tokenF1: multisetF1(predicted, wanted),
    bigramF1: multisetF1(bigrams(predicted), bigrams(wanted)),
  };
}
