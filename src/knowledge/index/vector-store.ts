import { ensureFloat32 } from './growable.js';

/** Unit-length dense vectors keyed by slot, scored by dot product (= cosine). */
export class VectorStore {
  data = new Float32Array(0);
  /** 1 where the slot holds a current vector. */
  valid = new Uint8Array(0);

  constructor(public dimensions: number) {}

  /** Stores `vector` normalised to unit length (a zero vector stays zero). */
  set(slot: number, vector: ArrayLike<number>): void {
    const { dimensions } = this;
    this.data = ensureFloat32(this.data, (slot + 1) * dimensions);
    if (this.valid.length <= slot) {
      const grown = new Uint8Array(Math.max(slot + 1, this.valid.length * 2));
      grown.set(this.valid);
      this.valid = grown;
    }
    let norm = 0;
    for (let index = 0; index < dimensions; index++) norm += (vector[index] ?? 0) ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const offset = slot * dimensions;
    for (let index = 0; index < dimensions; index++) this.data[offset + index] = (vector[index] ?? 0) * scale;
    this.valid[slot] = 1;
  }

  invalidate(slot: number): void {
    if (slot < this.valid.length) this.valid[slot] = 0;
  }

  isValid(slot: number): boolean {
    return this.valid[slot] === 1;
  }

  /** The stored vector of a slot (a view, not a copy). */
  vectorOf(slot: number): Float32Array {
    return this.data.subarray(slot * this.dimensions, (slot + 1) * this.dimensions);
  }

  /** Cosine of the unit query with each of `slots[0..count)`, written into `out`. */
  scoreInto(query: Float64Array, slots: Int32Array, count: number, out: Float64Array): void {
    const { data, dimensions, valid } = this;
    const unrolled = dimensions - (dimensions % 4);
    for (let index = 0; index < count; index++) {
      const slot = slots[index] as number;
      if (valid[slot] !== 1) {
        out[slot] = 0;
        continue;
      }
      const offset = slot * dimensions;
      let dot0 = 0;
      let dot1 = 0;
      let dot2 = 0;
      let dot3 = 0;
      let dimension = 0;
      for (; dimension < unrolled; dimension += 4) {
        dot0 += (query[dimension] as number) * (data[offset + dimension] as number);
        dot1 += (query[dimension + 1] as number) * (data[offset + dimension + 1] as number);
        dot2 += (query[dimension + 2] as number) * (data[offset + dimension + 2] as number);
        dot3 += (query[dimension + 3] as number) * (data[offset + dimension + 3] as number);
      }
      for (; dimension < dimensions; dimension++)
        dot0 += (query[dimension] as number) * (data[offset + dimension] as number);
      out[slot] = dot0 + dot1 + dot2 + dot3;
    }
  }
}

/** `vector` scaled to unit length, as a Float64Array. */
export function unitVector(vector: ArrayLike<number>): Float64Array {
  const result = Float64Array.from(vector);
  let norm = 0;
  for (const value of result) norm += value * value;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let index = 0; index < result.length; index++) result[index] = (result[index] ?? 0) * scale;
  }
  return result;
}
