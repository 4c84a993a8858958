/**
 * SQuAD answer scoring as the official evaluation script does it: lower-case, drop punctuation and the
 * articles a/an/the, collapse whitespace; exact match and token F1 take the best over the gold answers.
 */

/** Normalises an answer the SQuAD way. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g, '')
    .replace(/\b(a|an|the)\b/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '')
    .join(' ');
}

/** 1 when the normalised prediction equals the normalised gold answer, else 0. */
export function exactMatch(prediction: string, gold: string): number {
  return normalizeAnswer(prediction) === normalizeAnswer(gold) ? 1 : 0;
}

/** Token-overlap F1 between the normalised prediction and gold answer. */
export function tokenF1(prediction: string, gold: string): number {
  const predicted = normalizeAnswer(prediction).split(' ').filter(Boolean);
  const expected = normalizeAnswer(gold).split(' ').filter(Boolean);
  // Both empty is agreement (the official script's rule for no-answer); one empty is none.
  if (predicted.length === 0 || expected.length === 0) return predicted.length === expected.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const word of expected) counts.set(word, (counts.get(word) ?? 0) + 1);
  let common = 0;
  for (const word of predicted) {
    const left = counts.get(word) ?? 0;
    if (left > 0) {
      common++;
      counts.set(word, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / predicted.length;
  const recall = common / expected.length;
  return (2 * precision * recall) / (precision + recall);
}

/** The best score of a prediction over several gold answers (0 when there are none). */
export function bestOver(
  metric: (prediction: string, gold: string) => number,
  prediction: string,
  golds: readonly string[],
): number {
  return golds.reduce((best, gold) => Math.max(best, metric(prediction, gold)), 0);
}

/** Precision and recall of abstaining, where the positives are the unanswerable questions. */
export function abstentionScores(rows: ReadonlyArray<{ abstained: boolean; unanswerable: boolean }>): {
  precision: number;
  recall: number;
} {
  const abstained = rows.filter((row) => row.abstained);
  const unanswerable = rows.filter((row) => row.unanswerable);
  const correct = abstained.filter((row) => row.unanswerable).length;
  return {
    precision: abstained.length === 0 ? 0 : correct / abstained.length,
    recall: unanswerable.length === 0 ? 0 : correct / unanswerable.length,
  };
}
