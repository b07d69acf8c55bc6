import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { squareRows } from '../../testing/exactFixtures.js';
import { propertyRuns } from '../../testing/propertyRuns.js';
import { schurCohnRecursive } from '../../testing/schurCohn.js';
import { dyadicMat } from './dyadic.js';
import {
  characteristicPolynomial,
  intCharPoly,
  rationalSchurStable,
  rootsInsideDisk,
  schurStable,
} from './polynomial.js';
import { Rational } from './rational.js';
import { rationalFromRows, rationalMatmul } from './rationalMat.js';

const q = (p: bigint | number, d: bigint | number = 1n) => Rational.of(p, d);

describe('characteristic polynomial and root location', () => {
  test('intCharPoly of 2^e·W matches the rational Faddeev–LeVerrier of W', () => {
    fc.assert(
      fc.property(squareRows(4, fc.double({ min: -3, max: 3, noNaN: true })), (rows) => {
        const W = dyadicMat(rows);
        const n = rows.length;
        const p = intCharPoly(W.data, n);
        const q = characteristicPolynomial(rationalFromRows(rows));
        // p_W(z) = 2^{−en} p_A(2^e z): coefficient k of p_W is p_k·2^{e(k−n)}
        for (let k = 0; k <= n; k++) {
          const e = W.e * (n - k);
          const pk = e >= 0 ? Rational.of(p[k], 1n << BigInt(e)) : Rational.of(p[k] << BigInt(-e));
          expect(pk.eq(q[k])).toBe(true);
        }
      }),
      { numRuns: propertyRuns(25) },
    );
  });

  test('the Möbius/Hurwitz test agrees with the Schur–Cohn recursion', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -50n, max: 50n }), { minLength: 1, maxLength: 8 }),
        fc.bigInt({ min: 1n, max: 60n }),
        (low, lead) => {
          const p = [...low, lead];
          expect(schurStable(p)).toBe(schurCohnRecursive(p));
        },
      ),
      { numRuns: propertyRuns(500) },
    );
  });

  test('roots on the unit circle are not inside: z² + 1, z − 1, z + 1, (z − 1/2)(z + 1)', () => {
    expect(schurStable([1n, 0n, 1n])).toBe(false);
    expect(schurStable([-1n, 1n])).toBe(false);
    expect(schurStable([1n, 1n])).toBe(false);
    expect(schurStable([-1n, 1n, 2n])).toBe(false);
    expect(schurStable([-1n, 2n])).toBe(true);
    expect(rootsInsideDisk([-3n, 1n], 3n, 1n)).toBe(false);
    expect(rootsInsideDisk([-3n, 1n], 301n, 100n)).toBe(true);
  });
});

describe('exact rationals', () => {
  test('det(λI − A) by Faddeev–LeVerrier: [[1,1],[−1,−1]] is nilpotent (λ²), [[2,1],[1,2]] gives λ² − 4λ + 3', () => {
    const nil = rationalFromRows([
      [1, 1],
      [-1, -1],
    ]);
    expect(characteristicPolynomial(nil).map(String)).toEqual(['0', '0', '1']);
    expect(rationalMatmul(nil, nil).data.every((x) => x.isZero())).toBe(true);
    expect(
      characteristicPolynomial(
        rationalFromRows([
          [2, 1],
          [1, 2],
        ]),
      ).map(String),
    ).toEqual(['3', '-4', '1']);
  });
});

describe('exact certificates', () => {
  test('Schur–Cohn: roots inside the unit disk', () => {
    expect(rationalSchurStable([q(-1, 2), q(1)])).toBe(true); // z − 1/2
    expect(rationalSchurStable([q(-2), q(1)])).toBe(false); // z − 2
    expect(rationalSchurStable([q(-1), q(0), q(1)])).toBe(false); // z² − 1: roots on the circle
    expect(rationalSchurStable([q(1, 4), q(0), q(1)])).toBe(true); // z² + 1/4: ±i/2
    expect(rationalSchurStable([q(1, 4), q(-1), q(1)])).toBe(true); // (z − 1/2)²
  });
});
