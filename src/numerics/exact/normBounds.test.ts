import { describe, expect, test } from 'vitest';
import { fromRows } from '../Mat.js';
import { certifyNormSqBelow, normSqLowerBound } from './normBounds.js';
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
