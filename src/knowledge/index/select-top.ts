/** Whether slot a ranks before slot b: higher score first, then earlier insertion. */
function before(a: number, b: number, scores: Float64Array, order: readonly number[]): boolean {
  const scoreA = scores[a] ?? 0;
  const scoreB = scores[b] ?? 0;
  if (scoreA !== scoreB) return scoreA > scoreB;
  return (order[a] ?? 0) < (order[b] ?? 0);
}

/**
 * The best `k` of `candidates[0..count)` by `scores`, best first, ties by insertion order. A bounded
 * heap keeps this O(n log k); `allowed` (if given) skips filtered-out slots, and `positiveOnly` skips
 * slots scoring zero or less (no evidence of relevance at all).
 */
export function selectTop(
  candidates: Int32Array,
  count: number,
  scores: Float64Array,
  order: readonly number[],
  k: number,
  allowed?: Uint8Array,
  positiveOnly = false,
): number[] {
  if (k <= 0) return [];
  // heap[0] is the worst slot kept so far.
  const heap: number[] = [];
  const worse = (a: number, b: number) => before(b, a, scores, order);
  const siftUp = (start: number) => {
    let child = start;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!worse(heap[child] ?? 0, heap[parent] ?? 0)) break;
      [heap[child], heap[parent]] = [heap[parent] ?? 0, heap[child] ?? 0];
      child = parent;
    }
  };
  const siftDown = () => {
    let parent = 0;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let worst = parent;
      if (left < heap.length && worse(heap[left] ?? 0, heap[worst] ?? 0)) worst = left;
      if (right < heap.length && worse(heap[right] ?? 0, heap[worst] ?? 0)) worst = right;
      if (worst === parent) return;
      [heap[worst], heap[parent]] = [heap[parent] ?? 0, heap[worst] ?? 0];
      parent = worst;
    }
  };
  for (let index = 0; index < count; index++) {
    const slot = candidates[index] ?? 0;
    if (allowed !== undefined && allowed[slot] !== 1) continue;
    if (positiveOnly && !((scores[slot] as number) > 0)) continue;
    if (heap.length < k) {
      heap.push(slot);
      siftUp(heap.length - 1);
    } else if (before(slot, heap[0] ?? 0, scores, order)) {
      heap[0] = slot;
      siftDown();
    }
  }
  return heap.sort((a, b) => (before(a, b, scores, order) ? -1 : 1));
}
