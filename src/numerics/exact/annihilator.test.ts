import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { propertyRuns } from '../../testing/propertyRuns.js';
import { annihilator } from './annihilator.js';

describe('annihilator', () => {
  test('an eigenvector has a linear annihilator; a cyclic vector has the characteristic polynomial', () => {
    // B = [[1, 0], [−1, 0]]: e_1 − e_2 ∈ ker? B(1, −1) = (1, −1): eigenvalue 1
    const B = [1n, 0n, -1n, 0n];
    expect(annihilator(B, 2, [1n, -1n])).toEqual([-1n, 1n]);
    expect(annihilator(B, 2, [1n, 0n])).toEqual([0n, -1n, 1n]);
    expect(annihilator(B, 2, [0n, 0n])).toEqual([1n]);
  });

  test('μ(B)x = 0 and deg μ ≤ n on random integer matrices', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.bigInt({ min: -3n, max: 3n }), { minLength: n * n, maxLength: n * n }),
              fc.array(fc.bigInt({ min: -3n, max: 3n }), { minLength: n, maxLength: n }),
            ),
          ),
        ([n, B, x]) => {
          const mu = annihilator(B, n, x);
          expect(mu.length - 1).toBeLessThanOrEqual(n);
          // Σ μ_i Bⁱx = 0
          let acc = new Array<bigint>(n).fill(0n);
          let v = x.slice();
          for (const c of mu) {
            acc = acc.map((a, i) => a + c * v[i]);
            v = Array.from({ length: n }, (_, i) =>
              v.reduce((s, vj, j) => s + B[i * n + j] * vj, 0n),
            );
          }
          expect(acc.every((a) => a === 0n)).toBe(true);
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });
});
