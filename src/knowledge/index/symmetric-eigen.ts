/**
 * Eigen-decomposition of a small symmetric matrix (row-major, n×n) by cyclic Jacobi rotations.
 * Returns eigenvalues in descending order and the matching eigenvectors as columns of a row-major n×n.
 */
export function symmetricEigen(
  matrix: Float64Array,
  n: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let diagonal = 0;
    for (let p = 0; p < n; p++) {
      diagonal += (a[p * n + p] as number) ** 2;
      for (let q = p + 1; q < n; q++) off += (a[p * n + q] as number) ** 2;
    }
    if (off <= 1e-20 * diagonal) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = ((a[q * n + q] as number) - (a[p * n + p] as number)) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        rotate(a, n, p, q, c, s);
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const indices = Array.from({ length: n }, (_, index) => index).sort(
    (x, y) => (a[y * n + y] as number) - (a[x * n + x] as number),
  );
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  indices.forEach((source, target) => {
    values[target] = a[source * n + source] as number;
    for (let k = 0; k < n; k++) vectors[k * n + target] = v[k * n + source] as number;
  });
  return { values, vectors };
}

/** a ← Jᵀ·a·J for the rotation J in the (p, q) plane; a stays symmetric, so rows mirror columns. */
function rotate(a: Float64Array, n: number, p: number, q: number, c: number, s: number): void {
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p] as number;
    const akq = a[k * n + q] as number;
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k] as number;
    const aqk = a[q * n + k] as number;
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
}
