import { describe, expect, test } from 'vitest';
import { xorshift } from '../testing/testMatrices.js';
import { eigenvalues } from './eigenvalues.js';
import { frobenius, matmul, matmulTN } from './kernels.js';
import { fromRows, identity, type Mat, mat } from './Mat.js';
import { floatSymmetricEigen } from './symmetricEigen.js';

// Two backward-stable float64 routines on a symmetric matrix: each eigenvalue is perturbed by at
// most a small multiple of ε‖S‖ (Weyl), so 1e-13·‖S‖_F leaves room for n ≤ 16 and their rounding.
const REL = 1e-13;

/** A random symmetric n×n matrix with entries scaled by 10^scale. */
function randomSymmetric(n: number, r: () => number, scale = 0): Mat {
  const s = mat(n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      const x = (2 * r() - 1) * 10 ** scale;
      s.data[i * n + j] = x;
      s.data[j * n + i] = x;
    }
  return s;
}

/** max |(S V − V Λ)_ij| and max |(VᵀV − I)_ij|. */
function defects(
  s: Mat,
  values: Float64Array,
  v: Mat,
): { residual: number; orthogonality: number } {
  const n = s.rows;
  const sv = matmul(s, v);
  let residual = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      residual = Math.max(residual, Math.abs(sv.data[i * n + j] - v.data[i * n + j] * values[j]));
  const vtv = matmulTN(v, v);
  const id = identity(n);
  let orthogonality = 0;
  for (let k = 0; k < n * n; k++)
    orthogonality = Math.max(orthogonality, Math.abs(vtv.data[k] - id.data[k]));
  return { residual, orthogonality };
}

describe('floatSymmetricEigen (ml-matrix symmetric EVD)', () => {
  test('random symmetric matrices, n ≤ 16, entries from 1e-150 to 1e150: descending, orthonormal, small residual, the spectrum of our QR routine', () => {
    const r = xorshift(11);
    for (let k = 0; k < 600; k++) {
      const n = 1 + (k % 16);
      const s = randomSymmetric(n, r, [0, -150, 150, -8][k % 4]);
      const norm = frobenius(s.data);
      const { values, vectors } = floatSymmetricEigen(s);
      for (let j = 1; j < n; j++) expect(values[j]).toBeLessThanOrEqual(values[j - 1]);
      const d = defects(s, values, vectors);
      expect(d.residual).toBeLessThanOrEqual(REL * norm);
      expect(d.orthogonality).toBeLessThanOrEqual(REL);
      const qr = eigenvalues(s);
      const ref = Array.from(qr.re).sort((x, y) => y - x);
      expect(qr.im.every((x) => x === 0)).toBe(true);
      for (let j = 0; j < n; j++)
        expect(Math.abs(values[j] - ref[j]), `${k}`).toBeLessThanOrEqual(REL * norm);
    }
  });

  test('repeated and zero eigenvalues, a diagonal, 1×1 and 0×0', () => {
    const { values, vectors } = floatSymmetricEigen(
      fromRows([
        [2, 0, 0],
        [0, -3, 0],
        [0, 0, 2],
      ]),
    );
    expect(Array.from(values)).toEqual([2, 2, -3]);
    expect(
      defects(
        fromRows([
          [2, 0, 0],
          [0, -3, 0],
          [0, 0, 2],
        ]),
        values,
        vectors,
      ).orthogonality,
    ).toBe(0);
    const zero = floatSymmetricEigen(mat(4, 4));
    expect(Array.from(zero.values)).toEqual([0, 0, 0, 0]);
    expect(defects(mat(4, 4), zero.values, zero.vectors).orthogonality).toBe(0);
    const one = floatSymmetricEigen(fromRows([[-7]]));
    expect(Array.from(one.values)).toEqual([-7]);
    expect(Math.abs(one.vectors.data[0])).toBe(1);
    const empty = floatSymmetricEigen(mat(0, 0));
    expect(empty.values.length).toBe(0);
    expect(empty.vectors.rows).toBe(0);
  });
});
