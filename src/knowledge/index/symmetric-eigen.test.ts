import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededGaussian } from './seeded-random.js';
import { symmetricEigen } from './symmetric-eigen.js';

function randomGram(n: number, seed: number): Float64Array {
  const gaussian = seededGaussian(seed);
  const x = Float64Array.from({ length: n * (n + 3) }, () => gaussian());
  const gram = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n + 3; k++) sum += (x[k * n + i] ?? 0) * (x[k * n + j] ?? 0);
      gram[i * n + j] = sum;
    }
  return gram;
}

describe('symmetric eigen-decompositions', () => {
  it('A·v = λ·v, orthonormal vectors, descending values', () => {
    for (const n of [1, 2, 7, 40]) {
      const matrix = randomGram(n, n);
      const { values, vectors } = symmetricEigen(matrix, n);
      for (let c = 0; c < n; c++) {
        if (c > 0) assert.ok((values[c] ?? 0) <= (values[c - 1] ?? 0));
        for (let i = 0; i < n; i++) {
          let product = 0;
          for (let k = 0; k < n; k++) product += (matrix[i * n + k] ?? 0) * (vectors[k * n + c] ?? 0);
          assert.ok(
            Math.abs(product - (values[c] ?? 0) * (vectors[i * n + c] ?? 0)) < 1e-8 * (values[0] ?? 1),
          );
        }
        for (let other = 0; other <= c; other++) {
          let dot = 0;
          for (let k = 0; k < n; k++) dot += (vectors[k * n + c] ?? 0) * (vectors[k * n + other] ?? 0);
          assert.ok(Math.abs(dot - (other === c ? 1 : 0)) < 1e-9);
        }
      }
    }
  });
});
