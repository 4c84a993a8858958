/**
 * Reference-based text similarity, each 0..1: token F1 (SQuAD style), ROUGE-L (longest common
 * subsequence F-measure) and BLEU (up to 4-grams, brevity penalty, add-one smoothing above unigrams so
 * one short answer does not score 0 for a missing 4-gram).
 */

/** Lower-cased word tokens with punctuation and the articles a, an, the removed. */
export function normalisedTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((token) => token !== '' && token !== 'a' && token !== 'an' && token !== 'the');
}

/** Token-overlap F1 between a candidate and a reference. */
export function tokenF1(candidate: string, reference: string): number {
  const predicted = normalisedTokens(candidate);
  const expected = normalisedTokens(reference);
  if (predicted.length === 0 || expected.length === 0) return predicted.length === expected.length ? 1 : 0;
  const counts = countOf(expected);
  let common = 0;
  for (const token of predicted) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      common += 1;
      counts.set(token, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / predicted.length;
  const recall = common / expected.length;
  return (2 * precision * recall) / (precision + recall);
}

/** ROUGE-L F-measure: the longest common token subsequence against both lengths. */
export function rougeL(candidate: string, reference: string): number {
  const a = normalisedTokens(candidate);
  const b = normalisedTokens(reference);
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  const lcs = longestCommonSubsequence(a, b);
  if (lcs === 0) return 0;
  const precision = lcs / a.length;
  const recall = lcs / b.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Sentence BLEU with n-grams up to `maxOrder` (default 4). */
export function bleu(candidate: string, reference: string, maxOrder = 4): number {
  const a = normalisedTokens(candidate);
  const b = normalisedTokens(reference);
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  const orders = Math.min(maxOrder, a.length);
  let logSum = 0;
  for (let order = 1; order <= orders; order++) {
    const found = countOf(ngrams(a, order));
    const wanted = countOf(ngrams(b, order));
    let matched = 0;
    let total = 0;
    for (const [gram, count] of found) {
      matched += Math.min(count, wanted.get(gram) ?? 0);
      total += count;
    }
    const smoothing = order === 1 ? 0 : 1;
    if (matched + smoothing === 0) return 0;
    logSum += Math.log((matched + smoothing) / (total + smoothing));
  }
  const brevity = a.length >= b.length ? 1 : Math.exp(1 - b.length / a.length);
  return brevity * Math.exp(logSum / orders);
}

/** Cosine similarity of two vectors (0 when either is all zeros). */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const x = a[index] ?? 0;
    const y = b[index] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

function ngrams(tokens: readonly string[], order: number): string[] {
  const grams: string[] = [];
  for (let start = 0; start + order <= tokens.length; start++)
    grams.push(tokens.slice(start, start + order).join('\u0001'));
  return grams;
}

function countOf(items: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

function longestCommonSubsequence(a: readonly string[], b: readonly string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const token of a) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let index = 1; index <= b.length; index++) {
      current[index] =
        b[index - 1] === token
          ? (previous[index - 1] ?? 0) + 1
          : Math.max(previous[index] ?? 0, current[index - 1] ?? 0);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
