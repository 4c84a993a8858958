/** A typed array at least `length` long holding `array`'s contents (doubling, so appends stay amortised O(1)). */
export function ensureInt32(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  if (array.length >= length) return array;
  const grown = new Int32Array(Math.max(length, array.length * 2, 8));
  grown.set(array);
  return grown;
}

/** As `ensureInt32`, for Float64Array. */
export function ensureFloat64(array: Float64Array<ArrayBuffer>, length: number): Float64Array<ArrayBuffer> {
  if (array.length >= length) return array;
  const grown = new Float64Array(Math.max(length, array.length * 2, 8));
  grown.set(array);
  return grown;
}

/** As `ensureInt32`, for Float32Array. */
export function ensureFloat32(array: Float32Array<ArrayBuffer>, length: number): Float32Array<ArrayBuffer> {
  if (array.length >= length) return array;
  const grown = new Float32Array(Math.max(length, array.length * 2, 8));
  grown.set(array);
  return grown;
}
