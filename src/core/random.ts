/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: a seeded stream of 32-bit unsigned integers; the same seed gives the same stream. */
export function seededUint32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Seeded uniform numbers in [0, 1), for tests, benches and reproducible training. */
export function seededRandom(seed: number): Random {
  const next = seededUint32(seed);
  return () => next() / 4_294_967_296;
}
