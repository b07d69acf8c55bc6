import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { propertyRuns } from '../../testing/propertyRuns.js';
import {
  bitLength,
  type DyadicMat,
  dyadicAdd,
  dyadicIdentity,
  dyadicMat,
  dyadicMatFromCols,
  dyadicMatmul,
  dyadicMatStrings,
  dyadicMatvec,
  dyadicRatio,
  dyadicScaleCols,
  dyadicString,
  dyadicToRationals,
  dyadicVec,
  dyadicVecEqual,
  dyadicVecStrings,
  intMatmul,
  isNormalExact,
  maxBits,
  normalizeVec,
  withNonNegativeExponent,
} from './dyadic.js';
import { Rational } from './rational.js';
import { rationalFromRows, rationalMatmul } from './rationalMat.js';

/** The entries of a dyadic matrix as exact rationals, row-major (the reference representation). */
function matRationals(A: DyadicMat): string[] {
  return dyadicToRationals({ m: A.data, e: A.e }).map(String);
}

/** Doubles spanning many binades, with exact zeros: dyadic exponents of every sign. */
const entry = fc.oneof(
  fc.constant(0),
  fc.integer({ min: -40, max: 40 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.integer({ min: -64, max: 64 }).map((k) => 3 * 2 ** k),
);

const square = fc
  .integer({ min: 1, max: 4 })
  .chain((n) =>
    fc.array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
  );

describe('dyadic matrices', () => {
  test('normal: W Wᵀ = Wᵀ W exactly', () => {
    expect(
      isNormalExact(
        dyadicMat([
          [1, -2],
          [2, 1],
        ]),
      ),
    ).toBe(true);
    expect(
      isNormalExact(
        dyadicMat([
          [0, 1],
          [0, 0],
        ]),
      ),
    ).toBe(false);
    // a symmetric matrix is normal; for [[1, 1], [−1, 2]], (WWᵀ)_{01} = 1 but (WᵀW)_{01} = −1
    expect(
      isNormalExact(
        dyadicMat([
          [2, 3],
          [3, -1],
        ]),
      ),
    ).toBe(true);
    expect(
      isNormalExact(
        dyadicMat([
          [1, 1],
          [-1, 2],
        ]),
      ),
    ).toBe(false);
  });

  test('conversion is exact and normalised: the entries are the doubles, the common 2-power is out', () => {
    const v = dyadicVec([0.5, 0.75, -3]);
    expect(v).toEqual({ m: [2n, 3n, -12n], e: 2 });
    expect(dyadicVec([4, 8, 0])).toEqual({ m: [1n, 2n, 0n], e: -2 });
    expect(dyadicVec([0, 0])).toEqual({ m: [0n, 0n], e: 0 });
    expect(dyadicVec([])).toEqual({ m: [], e: 0 });
    expect(normalizeVec([6n, 10n], 3)).toEqual({ m: [3n, 5n], e: 2 });
    expect(normalizeVec([3n, 10n], 3)).toEqual({ m: [3n, 10n], e: 3 });
    expect(normalizeVec([0n, 0n], 5)).toEqual({ m: [0n, 0n], e: 0 });
    expect(dyadicMat([[0.25, 1]])).toEqual({ rows: 1, cols: 2, data: [1n, 4n], e: 2 });
    expect(dyadicMat([])).toEqual({ rows: 0, cols: 0, data: [], e: 0 });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (xs) => {
        const v = dyadicVec(xs);
        expect(dyadicToRationals(v).map((r) => r.toNumber())).toEqual(xs.map((x) => x + 0));
        // normalised: some entry is odd, or all are zero with e = 0
        if (v.m.some((x) => x !== 0n)) expect(v.m.some((x) => x % 2n !== 0n)).toBe(true);
        else expect(v.e).toBe(0);
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  test('sums, products and matrix–vector products agree with exact rational arithmetic', () => {
    fc.assert(
      fc.property(square, square, (a, b) => {
        if (a.length !== b.length) return;
        const n = a.length;
        const A = dyadicMat(a);
        const B = dyadicMat(b);
        expect(matRationals(dyadicMatmul(A, B))).toEqual(
          rationalMatmul(rationalFromRows(a), rationalFromRows(b)).data.map(String),
        );
        const x = dyadicVec(b[0]);
        const Ax = dyadicMatvec(A, x);
        expect(dyadicToRationals(Ax).map(String)).toEqual(
          rationalMatmul(rationalFromRows(a), rationalFromRows(b[0].map((v) => [v]))).data.map(
            String,
          ),
        );
        const y = dyadicVec(a[0]);
        const sum = dyadicAdd(x, y);
        const xs = dyadicToRationals(x);
        const ys = dyadicToRationals(y);
        expect(dyadicToRationals(sum).map(String)).toEqual(
          xs.map((r, i) => r.add(ys[i]).toString()),
        );
        expect(dyadicVecEqual(sum, dyadicAdd(y, x))).toBe(true);
        // A·diag(d) scales column j by d_j
        const S = dyadicScaleCols(A, x);
        const Ar = dyadicToRationals({ m: A.data, e: A.e });
        expect(matRationals(S)).toEqual(Ar.map((r, q) => r.mul(xs[q % n]).toString()));
        // the identity is neutral
        expect(matRationals(dyadicMatmul(dyadicIdentity(n), A))).toEqual(Ar.map(String));
        // a non-negative exponent keeps the value
        expect(matRationals(withNonNegativeExponent(A))).toEqual(Ar.map(String));
        expect(withNonNegativeExponent(A).e).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  test('known products, shapes and the identity', () => {
    const A = dyadicMat([
      [0.5, 1],
      [0, 2],
    ]);
    const B = dyadicMat([[4], [0.25]]);
    expect(dyadicMatStrings(dyadicMatmul(A, B))).toEqual([['9/4'], ['1/2']]);
    expect(() => dyadicMatmul(B, B)).toThrow(/shapes/);
    expect(dyadicIdentity(2)).toEqual({ rows: 2, cols: 2, data: [1n, 0n, 0n, 1n], e: 0 });
    expect(intMatmul([1n, 2n, 3n, 4n], [5n, 6n, 7n, 8n], 2, 2, 2)).toEqual([19n, 22n, 43n, 50n]);
    expect(intMatmul([0n, 2n], [5n, 7n], 1, 2, 1)).toEqual([14n]);
    expect(withNonNegativeExponent(dyadicMat([[4, 8]]))).toEqual({
      rows: 1,
      cols: 2,
      data: [4n, 8n],
      e: 0,
    });
  });

  test('columns assemble over their common exponent', () => {
    const M = dyadicMatFromCols([dyadicVec([0.5, 1]), dyadicVec([3, -0.125])], 2);
    expect(dyadicMatStrings(M)).toEqual([
      ['1/2', '3'],
      ['1', '-1/8'],
    ]);
    const E = dyadicMatFromCols([dyadicVec([4, 8]), dyadicVec([16, 0])], 2);
    expect(dyadicMatStrings(E)).toEqual([
      ['4', '16'],
      ['8', '0'],
    ]);
  });

  test('equality is of values, not of representations', () => {
    expect(dyadicVecEqual({ m: [2n, 4n], e: 1 }, { m: [1n, 2n], e: 0 })).toBe(true);
    expect(dyadicVecEqual({ m: [1n, 2n], e: 1 }, { m: [1n, 2n], e: 0 })).toBe(false);
    expect(dyadicVecEqual({ m: [1n, 3n], e: 0 }, { m: [1n, 2n], e: 0 })).toBe(false);
    expect(dyadicVecEqual({ m: [1n], e: 0 }, { m: [1n, 0n], e: 0 })).toBe(false);
  });

  test('bit lengths, ratios and exact strings', () => {
    expect([0n, 1n, -1n, 15n, 16n, -255n, 1n << 100n].map(bitLength)).toEqual([
      0, 1, 1, 4, 5, 8, 101,
    ]);
    expect(maxBits([3n, -1024n, 0n])).toBe(11);
    expect(maxBits([])).toBe(0);
    expect(dyadicRatio(0.75)).toEqual({ num: 3n, den: 4n });
    expect(dyadicRatio(12)).toEqual({ num: 12n, den: 1n });
    expect(dyadicRatio(1)).toEqual({ num: 1n, den: 1n });
    expect(dyadicString(0n, 7)).toBe('0');
    expect(dyadicString(12n, 3)).toBe('3/2');
    expect(dyadicString(12n, 2)).toBe('3');
    expect(dyadicString(3n, 0)).toBe('3');
    expect(dyadicString(-3n, -2)).toBe('-12');
    expect(dyadicString(5n, 2)).toBe('5/4');
    expect(dyadicVecStrings({ m: [1n, -6n], e: 2 })).toEqual(['1/4', '-3/2']);
    expect(dyadicToRationals({ m: [3n], e: -2 }).map(String)).toEqual(['12']);
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(1n << 80n), max: 1n << 80n }),
        fc.integer({ min: -70, max: 70 }),
        (m, e) => {
          const s = dyadicString(m, e);
          const r = e >= 0 ? Rational.of(m, 1n << BigInt(e)) : Rational.of(m << BigInt(-e));
          expect(s).toBe(r.toString());
          expect(bitLength(m)).toBe(m === 0n ? 0 : (m < 0n ? -m : m).toString(2).length);
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });
});
