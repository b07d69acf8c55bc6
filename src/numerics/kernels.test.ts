import { describe, expect, test } from 'vitest';
import {
  allFinite,
  dot4,
  fixedMatvec,
  frobenius,
  matmul,
  matmulTN,
  matmulTNJs,
  matTvec,
  matvec,
  maxAbs,
  scaleColsInPlace,
} from './kernels.js';
import { fromRows, mat, transpose } from './Mat.js';

const A = fromRows([
  [1, 2, 3],
  [4, 5, 6],
]);

describe('Float64Array kernels', () => {
  test('A·x, Aᵀ·y, A·B and (Aᵀ)ᵀ·B on a hand-checked 2×3', () => {
    expect(Array.from(matvec(A, Float64Array.of(1, 0, -1)))).toEqual([-2, -2]);
    // an out longer than the result: only its first rows entries are written
    expect(Array.from(matvec(A, Float64Array.of(1, 0, -1), new Float64Array(4)))).toEqual([
      -2, -2, 0, 0,
    ]);
    expect(Array.from(matTvec(A, Float64Array.of(1, -1)))).toEqual([-3, -3, -3]);
    expect(Array.from(matTvec(A, Float64Array.of(0, 2)))).toEqual([8, 10, 12]);
    const AAt = matmul(A, transpose(A));
    expect(Array.from(AAt.data)).toEqual([14, 32, 32, 77]);
    expect(Array.from(matmulTN(transpose(A), transpose(A)).data)).toEqual([14, 32, 32, 77]);
    const f = fixedMatvec(A);
    const out = new Float64Array(4);
    f(Float64Array.of(9, 1, 0, -1), 1, out, 2);
    expect(Array.from(out)).toEqual([0, 0, -2, -2]);
  });

  test('dot4: four partial sums then the tail, for every length', () => {
    for (let p = 0; p <= 9; p++) {
      const a = Float64Array.from({ length: p + 2 }, (_, i) => i + 1);
      const x = Float64Array.from({ length: p + 3 }, (_, i) => (i % 3) - 1);
      let want = 0;
      for (let j = 0; j < p; j++) want += a[2 + j] * x[1 + j];
      expect(dot4(a, 2, x, 1, p)).toBe(want);
    }
  });

  test('shape mismatches and aliased outputs are RangeErrors, never silent garbage', () => {
    expect(() => matmul(A, A)).toThrow(RangeError);
    expect(() => matmulTN(A, transpose(A))).toThrow(RangeError);
    expect(() => matmulTN(A, A, mat(2, 2))).toThrow(RangeError);
    expect(() => matvec(A, Float64Array.of(1, 2))).toThrow(RangeError);
    expect(() => matTvec(A, Float64Array.of(1, 2, 3))).toThrow(RangeError);
    const sq = fromRows([
      [1, 2],
      [3, 4],
    ]);
    expect(() => matmul(sq, sq, sq)).toThrow(RangeError);
    expect(() => matmul(sq, A, A)).toThrow(RangeError);
    expect(() => matmulTN(sq, sq, sq)).toThrow(RangeError);
  });

  test('each operand and each output dimension is checked on its own (messages name the fault)', () => {
    const sq = fromRows([
      [1, 2],
      [3, 4],
    ]);
    const other = fromRows([
      [0, 1],
      [1, 0],
    ]);
    // out aliases only a, or only b
    expect(() => matmul(sq, other, sq)).toThrow(/aliases/);
    expect(() => matmul(other, sq, sq)).toThrow(/aliases/);
    expect(() => matmulTN(sq, other, sq)).toThrow(/aliases/);
    expect(() => matmulTN(other, sq, sq)).toThrow(/aliases/);
    // (Aᵀ)ᵀ·A is 3×3: an out with one wrong dimension is refused
    expect(() => matmulTN(A, A, mat(3, 2))).toThrow(/out is 3×2, expected 3×3/);
    expect(() => matmulTN(A, A, mat(2, 3))).toThrow(/out is 2×3, expected 3×3/);
  });

  test('matmulTN overwrites out unless asked to accumulate, in the JavaScript and the WebAssembly kernel', () => {
    for (const n of [2, 20]) {
      // n = 20: 20³ multiply-adds reach the WebAssembly kernel; n = 2 stays in JavaScript
      const a = mat(
        n,
        n,
        Float64Array.from({ length: n * n }, (_, i) => (i % 7) - 3),
      );
      const b = mat(
        n,
        n,
        Float64Array.from({ length: n * n }, (_, i) => (i % 5) - 2),
      );
      const want = matmulTN(a, b);
      const garbage = () => mat(n, n, new Float64Array(n * n).fill(1e6));
      for (const tn of [matmulTN, matmulTNJs]) {
        expect(Array.from(tn(a, b, garbage()).data)).toEqual(Array.from(want.data));
        const acc = tn(a, b, garbage(), true);
        expect(Array.from(acc.data)).toEqual(Array.from(want.data, (x) => x + 1e6));
      }
    }
  });

  test('column scaling, max |·|, Frobenius norm without overflow, finiteness', () => {
    const S = scaleColsInPlace(mat(2, 3, A.data.slice()), Float64Array.of(1, 0, -2));
    expect(Array.from(S.data)).toEqual([1, 0, -6, 4, 0, -12]);
    expect(maxAbs([3, -7, 2])).toBe(7);
    expect(maxAbs([])).toBe(0);
    expect(maxAbs([1, Number.NaN, 9])).toBeNaN();
    expect(maxAbs([Number.NaN, 9])).toBeNaN();
    expect(frobenius([3, 4])).toBe(5);
    expect(Math.abs(frobenius([3e300, 4e300]) / 5e300 - 1)).toBeLessThan(1e-15);
    expect(frobenius([0, 0])).toBe(0);
    expect(frobenius([1, Number.POSITIVE_INFINITY])).toBe(Number.POSITIVE_INFINITY);
    expect(allFinite([1, -2, 0])).toBe(true);
    expect(allFinite([1, Number.NaN])).toBe(false);
    expect(allFinite([Number.NEGATIVE_INFINITY])).toBe(false);
  });
});
