import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { propertyRuns } from '../../testing/propertyRuns.js';
import { gramBelow, intGram, isPositiveDefinite, positiveLeadingMinors } from './definiteness.js';
import { intCharPoly } from './polynomial.js';
import { rationalFromRows } from './rationalMat.js';

describe('positive definiteness', () => {
  test('leading principal minors of integer matrices (Bareiss)', () => {
    expect(positiveLeadingMinors([2n, -1n, -1n, 2n], 2)).toBe(true);
    expect(positiveLeadingMinors([1n, 2n, 2n, 1n], 2)).toBe(false);
  });
});

describe('exact certificates', () => {
  test('positive definiteness by pivots', () => {
    expect(
      isPositiveDefinite(
        rationalFromRows([
          [2, 1],
          [1, 2],
        ]),
      ),
    ).toBe(true);
    expect(
      isPositiveDefinite(
        rationalFromRows([
          [1, 2],
          [2, 1],
        ]),
      ),
    ).toBe(false);
    expect(
      isPositiveDefinite(
        rationalFromRows([
          [1, 1],
          [1, 1],
        ]),
      ),
    ).toBe(false);
  });
});

describe('Sylvester by Bareiss against determinants from the characteristic polynomial', () => {
  /** det of the leading k×k block, as (−1)^k·c_0 of its characteristic polynomial (Faddeev–LeVerrier). */
  function leadingMinor(S: readonly bigint[], n: number, k: number): bigint {
    const block: bigint[] = [];
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) block.push(S[i * n + j]);
    const c0 = intCharPoly(block, k)[0];
    return k % 2 === 0 ? c0 : -c0;
  }

  test('positiveLeadingMinors ⟺ every leading minor > 0, on random integer matrices', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.bigInt({ min: -4n, max: 6n }), { minLength: n * n, maxLength: n * n }),
            ),
          ),
        ([n, S]) => {
          // bias towards the interesting case: a large diagonal makes many matrices pass
          const M = S.map((x, q) => (q % (n + 1) === 0 ? x + 4n : x));
          let expected = true;
          for (let k = 1; k <= n; k++) if (leadingMinor(M, n, k) <= 0n) expected = false;
          expect(positiveLeadingMinors(M, n)).toBe(expected);
        },
      ),
      { numRuns: propertyRuns(400) },
    );
  });

  test('Gram matrices and the norm test b·AᵀA ≺ a·I', () => {
    // A = [[1, 2], [3, 4], [0, 1]]: AᵀA = [[10, 14], [14, 21]]
    expect(intGram([1n, 2n, 3n, 4n, 0n, 1n], 3, 2)).toEqual([10n, 14n, 14n, 21n]);
    expect(intGram([1n, 2n, 3n], 1, 3)).toEqual([1n, 2n, 3n, 2n, 4n, 6n, 3n, 6n, 9n]);
    // A = diag(3, 4): ‖A‖₂² = 16
    const D = [3n, 0n, 0n, 4n];
    expect(gramBelow(D, 2, 2, 17n, 1n)).toBe(true);
    expect(gramBelow(D, 2, 2, 16n, 1n)).toBe(false);
    expect(gramBelow(D, 2, 2, 33n, 2n)).toBe(true);
    expect(gramBelow(D, 2, 2, 32n, 2n)).toBe(false);
    // a rectangular A = [[1, 1]]: ‖A‖₂² = 2, and AᵀA is 2×2 singular
    expect(gramBelow([1n, 1n], 1, 2, 3n, 1n)).toBe(true);
    expect(gramBelow([1n, 1n], 1, 2, 2n, 1n)).toBe(false);
  });

  test('a 3×3 case where only the last minor fails, and one where the middle one does', () => {
    // [[2, 1, 1], [1, 2, 1], [1, 1, 0]]: minors 2, 3, −1
    expect(positiveLeadingMinors([2n, 1n, 1n, 1n, 2n, 1n, 1n, 1n, 0n], 3)).toBe(false);
    // [[2, −1, 0], [−1, 2, −1], [0, −1, 2]]: minors 2, 3, 4
    expect(positiveLeadingMinors([2n, -1n, 0n, -1n, 2n, -1n, 0n, -1n, 2n], 3)).toBe(true);
    // [[1, 2, 0], [2, 1, 0], [0, 0, 5]]: minors 1, −3, −15
    expect(positiveLeadingMinors([1n, 2n, 0n, 2n, 1n, 0n, 0n, 0n, 5n], 3)).toBe(false);
    expect(positiveLeadingMinors([], 0)).toBe(true);
    expect(positiveLeadingMinors([0n], 1)).toBe(false);
    // the elimination works on a copy
    const S = [2n, -1n, 0n, -1n, 2n, -1n, 0n, -1n, 2n];
    positiveLeadingMinors(S, 3);
    expect(S).toEqual([2n, -1n, 0n, -1n, 2n, -1n, 0n, -1n, 2n]);
  });
});
