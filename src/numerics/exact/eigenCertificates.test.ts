import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { squareRows } from '../../testing/exactFixtures.js';
import { propertyRuns } from '../../testing/propertyRuns.js';
import { spectralRadius } from '../eigenvalues.js';
import { fromRows } from '../Mat.js';
import { spectralNorm } from '../singularValues.js';
import { dyadicMat } from './dyadic.js';
import {
  certifyEigenvaluesAbove,
  exactEigen,
  isNilpotent,
  minEigenvalueModulusLowerBound,
  rationalDominantEigenvalues,
  spectralRadiusBelow,
} from './eigenCertificates.js';
import { spectralNormBelow } from './normBounds.js';
import { Rational } from './rational.js';
import {
  type RationalMat,
  rationalFromRows,
  rationalInverse,
  rationalMatmul,
} from './rationalMat.js';

const q = (p: bigint | number, d: bigint | number = 1n) => Rational.of(p, d);

describe('characteristic polynomial and root location', () => {
  test('ρ(W) < 1 and s_max(W) < 1 exactly agree with float64 away from the boundary', () => {
    fc.assert(
      fc.property(squareRows(5, fc.double({ min: -1, max: 1, noNaN: true })), (rows) => {
        const W = dyadicMat(rows);
        const M = fromRows(rows, rows.length);
        const rho = spectralRadius(M);
        const s = spectralNorm(M);
        if (Math.abs(rho - 1) > 1e-6) expect(spectralRadiusBelow(W, 1n, 1n)).toBe(rho < 1);
        if (Math.abs(s - 1) > 1e-9) expect(spectralNormBelow(W, 1n, 1n)).toBe(s < 1);
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  test('nilpotent', () => {
    expect(
      isNilpotent(
        dyadicMat([
          [1, 1],
          [-1, -1],
        ]),
      ),
    ).toBe(true);
    expect(
      isNilpotent(
        dyadicMat([
          [1, 0],
          [-1, 0],
        ]),
      ),
    ).toBe(false);
  });
});

describe('rational dominant eigenvalues', () => {
  test('a triangular matrix: the diagonal entry of largest modulus, with multiplicity', () => {
    const W = dyadicMat([
      [-3 / 2, 5, 1],
      [0, 1 / 2, 7],
      [0, 0, -3 / 2],
    ]);
    const d = rationalDominantEigenvalues(W, [-1.5, -1.5000001, 0.5]);
    expect(d?.dominant).toEqual([{ k: -3n, e: 1, multiplicity: 2 }]);
    // A = 2W has eigenvalues −3, −3, 1: the rest is z − 1, the non-dominant root put back once
    expect(d?.rest).toEqual([-1n, 1n]);
  });

  test('λ = 0 is not dominant while a root the guesses missed remains', () => {
    const W = dyadicMat([
      [0, 0],
      [0, 1],
    ]);
    expect(rationalDominantEigenvalues(W, [0])).toBeUndefined();
    expect(rationalDominantEigenvalues(W, [0, 1])?.dominant).toEqual([
      { k: 1n, e: 0, multiplicity: 1 },
    ]);
  });

  test('a tie ±2 is reported with both signs; a rotation has none', () => {
    const tie = rationalDominantEigenvalues(
      dyadicMat([
        [2, 0],
        [0, -2],
      ]),
      [2, -2],
    );
    expect(tie?.dominant.map((x) => x.k).sort()).toEqual([-2n, 2n]);
    expect(
      rationalDominantEigenvalues(
        dyadicMat([
          [0, -1],
          [1, 0],
        ]),
        [0, 0],
      ),
    ).toBeUndefined();
  });

  test('nilpotent: λ1 = 0 with full multiplicity', () => {
    const d = rationalDominantEigenvalues(
      dyadicMat([
        [1, 1],
        [-1, -1],
      ]),
      [1e-9, -1e-9],
    );
    expect(d?.dominant).toEqual([{ k: 0n, e: 0, multiplicity: 2 }]);
  });
});

describe('exact certificates', () => {
  test('every |λ| > L: the Jordan block [[1, 4], [0, 1]] (λ = 1 twice) and a rotation (|λ| = √2)', () => {
    const J = rationalFromRows([
      [1, 4],
      [0, 1],
    ]);
    expect(certifyEigenvaluesAbove(J, q(999, 1000))).toBe(true);
    expect(certifyEigenvaluesAbove(J, q(1))).toBe(false);
    const rot = rationalFromRows([
      [1, -1],
      [1, 1],
    ]);
    expect(certifyEigenvaluesAbove(rot, q(141, 100))).toBe(true);
    expect(certifyEigenvaluesAbove(rot, q(142, 100))).toBe(false);
    expect(
      certifyEigenvaluesAbove(
        rationalFromRows([
          [0, 1],
          [0, 0],
        ]),
        q(1, 1000),
      ),
    ).toBe(false);
  });

  test('a certified lower bound of min |λ| from a float64 estimate', () => {
    const L = minEigenvalueModulusLowerBound(
      rationalFromRows([
        [1, 4],
        [0, 1],
      ]),
      1 + 1e-9,
    );
    expect(L).toBeDefined();
    expect(L!.toNumber()).toBeLessThan(1);
    expect(L!.toNumber()).toBeGreaterThan(0.98);
  });

  test('exact eigen-decomposition of V·diag(3, −2, 1/2)·V⁻¹ with a unimodular V', () => {
    const V = rationalFromRows([
      [1, 1, 0],
      [0, 1, -1],
      [1, 1, 1],
    ]);
    const Vinv = rationalInverse(V)!;
    const lam = [q(3), q(-2), q(1, 2)];
    const VL: RationalMat = { rows: 3, cols: 3, data: V.data.map((x, i) => x.mul(lam[i % 3])) };
    const W = rationalMatmul(VL, Vinv);
    const eig = exactEigen(W, [3, -2, 0.5])!;
    expect(eig.values.map((x) => x.toString())).toEqual(['3', '-2', '1/2']);
    // every column of V is an eigenvector (the exactEigen verification), and V·V⁻¹ = I
    const I = rationalMatmul(eig.V, eig.Vinv);
    expect(I.data.map((x) => x.toString())).toEqual(['1', '0', '0', '0', '1', '0', '0', '0', '1']);
    expect(
      exactEigen(
        rationalFromRows([
          [0, 1],
          [2, 0],
        ]),
        [Math.SQRT2, -Math.SQRT2],
      ),
    ).toBeUndefined();
  });
});

describe('eigenvalue certificates: exponents, guards and grids', () => {
  test('ρ(W) < r for W with even integer entries (a negative binary exponent)', () => {
    const W = dyadicMat([
      [2, 0],
      [6, 4],
    ]);
    expect(W.e).toBeLessThan(0);
    expect(spectralRadiusBelow(W, 4n, 1n)).toBe(false);
    expect(spectralRadiusBelow(W, 4001n, 1000n)).toBe(true);
    expect(spectralRadiusBelow(W, 9n, 2n)).toBe(true);
  });

  test('certifyEigenvaluesAbove needs L > 0; the lower bound needs a positive finite estimate', () => {
    const a = rationalFromRows([[3]]);
    expect(() => certifyEigenvaluesAbove(a, q(0))).toThrow(/L must be positive/);
    expect(() => certifyEigenvaluesAbove(a, q(-1))).toThrow(/L must be positive/);
    for (const bad of [0, -3, Number.NaN, Number.POSITIVE_INFINITY])
      expect(minEigenvalueModulusLowerBound(a, bad)).toBeUndefined();
    const L = minEigenvalueModulusLowerBound(a, 3)!;
    expect(L.cmp(q(3))).toBe(-1);
    expect(L.toNumber()).toBeGreaterThan(3 * (1 - 2 ** -39));
  });

  test('exact dyadic eigenvalues: the root nearest the estimate, down to the grid 2^−24', () => {
    // eigenvalues 1 and 5/4: the estimate 1.25 rounds to the root 1 on the grid 1, and to 5/4 on 1/4
    const a = rationalFromRows([
      [1, 0],
      [0, 1.25],
    ]);
    expect(exactEigen(a, [1.25, 1])?.values.map(String)).toEqual(['5/4', '1']);
    // a nearer rounding that is no root is not taken
    expect(exactEigen(a, [1.2500001, 1])?.values.map(String)).toEqual(['5/4', '1']);
    const tiny = rationalFromRows([[2 ** -24]]);
    expect(exactEigen(tiny, [2 ** -24])?.values.map(String)).toEqual(['1/16777216']);
    expect(exactEigen(rationalFromRows([[2 ** -25]]), [2 ** -25])).toBeUndefined();
  });
});
