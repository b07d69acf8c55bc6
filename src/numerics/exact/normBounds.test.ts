import { describe, expect, test } from 'vitest';
import { fromRows } from '../Mat.js';
import { dyadicMat } from './dyadic.js';
import {
  certifyNormSqBelow,
  normSqLowerBound,
  rayleighNormSq,
  spectralNormBelow,
} from './normBounds.js';
import { Rational } from './rational.js';
import { rationalFromRows } from './rationalMat.js';

const q = (p: bigint | number, d: bigint | number = 1n) => Rational.of(p, d);

describe('exact certificates', () => {
  test('‖M‖₂² < x is decided exactly: ‖[[1, 4], [0, 1]]‖₂² = 9 + 4√5 ≈ 17.944', () => {
    const M = rationalFromRows([
      [1, 4],
      [0, 1],
    ]);
    expect(certifyNormSqBelow(M, q(17945, 1000))).toBe(true);
    expect(certifyNormSqBelow(M, q(17944, 1000))).toBe(false);
  });

  test('Rayleigh lower bound of ‖M‖₂² is below and close to it', () => {
    const lb = normSqLowerBound(
      fromRows([
        [1, 4],
        [0, 1],
      ]),
    ).toNumber();
    expect(lb).toBeLessThanOrEqual(9 + 4 * Math.sqrt(5) + 1e-12);
    expect(lb).toBeGreaterThan(9 + 4 * Math.sqrt(5) - 1e-12);
  });
});

describe('spectral norm certificates across binary exponents', () => {
  test('s_max(W) < r for W = diag(3, 4)·2^k decides exactly at r = 4·2^k', () => {
    for (let k = -6; k <= 6; k++) {
      const W = dyadicMat([
        [3 * 2 ** k, 0],
        [0, 4 * 2 ** k],
      ]);
      const [num, den] = k >= 0 ? [4n << BigInt(k), 1n] : [4n, 1n << BigInt(-k)];
      expect(spectralNormBelow(W, num, den)).toBe(false);
      expect(spectralNormBelow(W, num * 1000n + 1n, den * 1000n)).toBe(true);
      expect(spectralNormBelow(W, num * 1000n - 1n, den * 1000n)).toBe(false);
    }
  });

  test('‖a‖₂² < x with rational entries: a = [[1/2, 0], [0, 1/3]] has ‖a‖₂² = 1/4', () => {
    const a = { rows: 2, cols: 2, data: [q(1, 2), q(0), q(0), q(1, 3)] };
    expect(certifyNormSqBelow(a, q(1, 4))).toBe(false);
    expect(certifyNormSqBelow(a, q(1001, 4000))).toBe(true);
  });

  test('Rayleigh quotients: exact values, the zero vector, the zero matrix', () => {
    const a = rationalFromRows([
      [1, 4],
      [0, 1],
    ]);
    // v = (0, 1): a v = (4, 1), ‖a v‖² = 17
    expect(rayleighNormSq(a, [q(0), q(1)]).toString()).toBe('17');
    // v = (1, 1): a v = (5, 1), 26/2 = 13
    expect(rayleighNormSq(a, [q(1), q(1)]).toString()).toBe('13');
    // v = (2, 1)/…: a v = (6, 1), 37/5
    expect(rayleighNormSq(a, [q(2), q(1)]).toString()).toBe('37/5');
    expect(rayleighNormSq(a, [q(0), q(0)]).isZero()).toBe(true);
    expect(normSqLowerBound(fromRows([[0, 0]], 2)).isZero()).toBe(true);
    // a rank-one 2×3 matrix: ‖[[1, 2, 2], [0, 0, 0]]‖₂² = 9, a lower bound within rounding of the vector
    const lb = normSqLowerBound(
      fromRows(
        [
          [1, 2, 2],
          [0, 0, 0],
        ],
        3,
      ),
    );
    expect(lb.cmp(q(9))).toBeLessThanOrEqual(0);
    expect(lb.toNumber()).toBeGreaterThan(9 - 1e-12);
  });
});
