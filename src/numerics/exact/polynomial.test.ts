import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { squareRows } from '../../testing/exactFixtures.js';
import { propertyRuns } from '../../testing/propertyRuns.js';
import { schurCohnRecursive } from '../../testing/schurCohn.js';
import { dyadicMat } from './dyadic.js';
import {
  characteristicPolynomial,
  deflate,
  degree,
  evalInt,
  evalPolynomial,
  intCharPoly,
  multiplyLinear,
  rationalSchurStable,
  rootsInsideDisk,
  scaleRoots,
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

describe('polynomial helpers', () => {
  test('degree, Horner, deflation and multiplication by a linear factor on known polynomials', () => {
    expect(degree([1n, 2n, 0n, 0n])).toBe(1);
    expect(degree([0n, 0n])).toBe(-1);
    expect(degree([5n])).toBe(0);
    // p(z) = (z − 2)(z + 3) = z² + z − 6
    const p = [-6n, 1n, 1n];
    expect([evalInt(p, 2n), evalInt(p, -3n), evalInt(p, 0n), evalInt(p, 5n)]).toEqual([
      0n,
      0n,
      -6n,
      24n,
    ]);
    expect(evalInt([7n, 0n, 0n], 10n)).toBe(7n);
    expect(deflate(p, 2n)).toEqual([3n, 1n]);
    expect(deflate(p, -3n)).toEqual([-2n, 1n]);
    expect(() => deflate(p, 1n)).toThrow(/not a root/);
    expect(multiplyLinear([3n, 1n], 2n)).toEqual(p);
    expect(multiplyLinear([3n, 1n, 0n], 2n)).toEqual(p);
    expect(
      evalPolynomial([Rational.of(-1, 4), Rational.ZERO, Rational.ONE], Rational.of(1, 2)).isZero(),
    ).toBe(true);
    expect(
      evalPolynomial([Rational.ONE, Rational.of(2), Rational.of(3)], Rational.of(-2, 3)).toString(),
    ).toBe('1');
  });

  test('deflate inverts multiplyLinear, and evalInt sees the new root', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -20n, max: 20n }), { minLength: 1, maxLength: 6 }),
        fc.bigInt({ min: -9n, max: 9n }),
        fc.bigInt({ min: -9n, max: 9n }),
        (low, r, x) => {
          const p = [...low, 1n];
          const q = multiplyLinear(p, r);
          expect(evalInt(q, r)).toBe(0n);
          expect(evalInt(q, x)).toBe(evalInt(p, x) * (x - r));
          expect(deflate(q, r)).toEqual(p);
          const pr = p.map((c) => Rational.of(c));
          expect(evalPolynomial(pr, Rational.of(x)).toString()).toBe(evalInt(p, x).toString());
        },
      ),
      { numRuns: propertyRuns(200) },
    );
  });

  test('scaleRoots: the roots of p(r·z) are the roots of p divided by r', () => {
    // p(z) = z − 3 at r = 3/2: 3/2·z − 3, times den = 2: 3z − 6, root 2 = 3/(3/2)
    expect(scaleRoots([-3n, 1n], 3n, 2n)).toEqual([-6n, 3n]);
    // p(z) = z² − 4 at r = 2: 4z² − 4
    expect(scaleRoots([-4n, 0n, 1n], 2n, 1n)).toEqual([-4n, 0n, 4n]);
    expect(scaleRoots([-4n, 0n, 1n, 0n], 1n, 5n)).toEqual([-100n, 0n, 1n]);
  });

  test('rootsInsideDisk needs a positive radius and decides |roots| < num/den exactly', () => {
    expect(() => rootsInsideDisk([-1n, 1n], 0n, 1n)).toThrow(/positive/);
    expect(() => rootsInsideDisk([-1n, 1n], 1n, 0n)).toThrow(/positive/);
    expect(() => rootsInsideDisk([-1n, 1n], -1n, -1n)).toThrow(/positive/);
    // z² + 1: |roots| = 1
    expect(rootsInsideDisk([1n, 0n, 1n], 1n, 1n)).toBe(false);
    expect(rootsInsideDisk([1n, 0n, 1n], 1000001n, 1000000n)).toBe(true);
    // z² − 2z + 2: roots 1 ± i, |·| = √2 ∈ (1.4142, 1.4143)
    expect(rootsInsideDisk([2n, -2n, 1n], 14142n, 10000n)).toBe(false);
    expect(rootsInsideDisk([2n, -2n, 1n], 14143n, 10000n)).toBe(true);
  });

  test('schurStable: constants, the zero polynomial and a root at −1', () => {
    expect(() => schurStable([0n, 0n])).toThrow(/zero polynomial/);
    expect(schurStable([5n])).toBe(true);
    expect(schurStable([-3n, 0n])).toBe(true);
    // (z + 1)(z − 1/2) = z² + z/2 − 1/2, times 2
    expect(schurStable([-1n, 1n, 2n])).toBe(false);
    // z³ + 1/8: roots of modulus 1/2; z³ − z²/4 + 1/8 mixes signs
    expect(schurStable([1n, 0n, 0n, 8n])).toBe(true);
    expect(schurStable([1n, 0n, -2n, 8n])).toBe(true);
    expect(schurStable([-1n, 0n, 0n, 1n])).toBe(false);
    expect(rationalSchurStable([Rational.ZERO, Rational.ZERO])).toBe(false);
    // a negative leading coefficient: 1 − 2z (root 1/2), −4z² − 1 (roots ±i/2), 2 − z (root 2)
    expect(schurStable([1n, -2n])).toBe(true);
    expect(schurStable([-1n, 0n, -4n])).toBe(true);
    expect(schurStable([2n, -1n])).toBe(false);
  });
});
