import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { squareRows } from '../../testing/exactFixtures.js';
import { propertyRuns } from '../../testing/propertyRuns.js';
import { fromRows } from '../Mat.js';
import { Rational } from './rational.js';
import {
  clearDenominators,
  type RationalMat,
  rationalFromMat,
  rationalFromRows,
  rationalInverse,
  rationalMatmul,
  rationalNullVector,
} from './rationalMat.js';

const identityStrings = (n: number) =>
  Array.from({ length: n * n }, (_, q) => (q % (n + 1) === 0 ? '1' : '0'));

/** Small integers and halves, with zeros: singular matrices are common. */
const small = fc.integer({ min: -3, max: 3 }).chain((k) => fc.constantFrom(k, k / 2, 0));

describe('exact certificates', () => {
  test('null vector and inverse', () => {
    const v = rationalNullVector(
      rationalFromRows([
        [1, 2],
        [2, 4],
      ]),
    )!;
    expect(v.map((x) => x.toString())).toEqual(['-2', '1']);
    expect(
      rationalNullVector(
        rationalFromRows([
          [1, 0],
          [0, 1],
        ]),
      ),
    ).toBeUndefined();
    expect(
      rationalInverse(
        rationalFromRows([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toBeUndefined();
  });

  test('known inverse and null vector: a zero pivot forces a row swap', () => {
    const a = rationalFromRows([
      [0, 2],
      [4, 1],
    ]);
    expect(rationalInverse(a)!.data.map(String)).toEqual(['-1/8', '1/4', '1/2', '0']);
    // the null vector of [[0, 0, 1], [0, 1, 0], [0, 0, 0]] is e_1
    const z = rationalFromRows([
      [0, 0, 1],
      [0, 1, 0],
      [0, 0, 0],
    ]);
    expect(rationalNullVector(z)!.map(String)).toEqual(['1', '0', '0']);
    // rank one with a free middle column: [[1, 2, 3], [2, 4, 6], [0, 0, 0]]
    const r1 = rationalFromRows([
      [1, 2, 3],
      [2, 4, 6],
      [0, 0, 0],
    ]);
    expect(rationalNullVector(r1)!.map(String)).toEqual(['-2', '1', '0']);
  });

  test('a·a⁻¹ = a⁻¹·a = I exactly, and a null vector exists exactly when the inverse does not', () => {
    fc.assert(
      fc.property(squareRows(4, small), (rows) => {
        const a = rationalFromRows(rows);
        const n = a.rows;
        const inv = rationalInverse(a);
        const v = rationalNullVector(a);
        expect(inv === undefined).toBe(v !== undefined);
        if (inv !== undefined) {
          expect(rationalMatmul(a, inv).data.map(String)).toEqual(identityStrings(n));
          expect(rationalMatmul(inv, a).data.map(String)).toEqual(identityStrings(n));
        } else {
          const col: RationalMat = { rows: n, cols: 1, data: v! };
          expect(v!.some((x) => !x.isZero())).toBe(true);
          expect(rationalMatmul(a, col).data.every((x) => x.isZero())).toBe(true);
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  test('products of known matrices, shapes checked', () => {
    const a = rationalFromRows([
      [1, 0.5],
      [-2, 3],
    ]);
    const b = rationalFromRows([[4], [2]]);
    expect(rationalMatmul(a, b).data.map(String)).toEqual(['5', '-2']);
    expect(
      rationalMatmul(rationalFromRows([[1, 2, 3]]), rationalFromRows([[1], [1], [1]])).data.map(
        String,
      ),
    ).toEqual(['6']);
    expect(() => rationalMatmul(b, b)).toThrow(/shapes/);
    expect(rationalFromRows([])).toEqual({ rows: 0, cols: 0, data: [] });
    const m = rationalFromMat(fromRows([[0.1, -3]], 2));
    expect([m.rows, m.cols]).toEqual([1, 2]);
    expect(m.data.map((x) => x.toNumber())).toEqual([0.1, -3]);
  });

  test('clearDenominators: x_i = ints_i/den with den the lcm of the denominators', () => {
    const { ints, den } = clearDenominators([
      Rational.of(1, 4),
      Rational.of(-5, 6),
      Rational.of(2),
    ]);
    expect(den).toBe(12n);
    expect(ints).toEqual([3n, -10n, 24n]);
    expect(clearDenominators([])).toEqual({ ints: [], den: 1n });
  });
});
