import { describe, expect, test } from 'vitest';
import { fromRows } from '../Mat.js';
import { HP } from './decimal.js';
import { hpFromRows } from './hpMat.js';
import {
  characteristicPolynomial,
  Rational,
  type RationalMat,
  rationalFromRows,
  rationalInverse,
  rationalMatmul,
} from './rational.js';
import {
  certifyEigenvaluesAbove,
  certifyNormSqBelow,
  exactEigen,
  hpSingularValues,
  hpSymmetricEigenvalues,
  isPositiveDefinite,
  minEigenvalueModulusLowerBound,
  normSqLowerBound,
  rationalNullVector,
  schurStable,
} from './spectra.js';

const q = (p: bigint | number, d: bigint | number = 1n) => Rational.of(p, d);
const hp = (rows: number[][]) => hpFromRows(rows.map((r) => r.map((x) => new HP(x))));

describe('60-digit spectra', () => {
  test('eigenvalues of [[2, 1], [1, 2]] are 3 and 1 to 58 digits', () => {
    const [a, b] = hpSymmetricEigenvalues(
      hp([
        [2, 1],
        [1, 2],
      ]),
    );
    expect(a.minus(3).abs().lt('1e-58')).toBe(true);
    expect(b.minus(1).abs().lt('1e-58')).toBe(true);
  });

  test('singular values of [[1, 4], [0, 1]] are √5 ± 2', () => {
    const [s1, s2] = hpSingularValues(
      hp([
        [1, 4],
        [0, 1],
      ]),
    );
    const r5 = new HP(5).sqrt();
    expect(s1.minus(r5.plus(2)).abs().lt('1e-55')).toBe(true);
    expect(s2.minus(r5.minus(2)).abs().lt('1e-55')).toBe(true);
  });

  test('a 4×4 symmetric matrix: eigenvalues sum to the trace, multiply to the determinant', () => {
    const rows = [
      [4, 1, -2, 2],
      [1, 2, 0, 1],
      [-2, 0, 3, -2],
      [2, 1, -2, -1],
    ];
    const ev = hpSymmetricEigenvalues(hp(rows));
    const tr = ev.reduce((a, x) => a.plus(x), new HP(0));
    expect(tr.minus(8).abs().lt('1e-55')).toBe(true);
    // det(λI − A) = Σ c_k λ^k has c_0 = det(−A) = det A for n = 4.
    const det = characteristicPolynomial(rationalFromRows(rows))[0];
    const prod = ev.reduce((a, x) => a.times(x), new HP(1));
    expect(prod.minus(det.toNumber()).abs().lt('1e-50')).toBe(true);
    expect(ev[0].gte(ev[1]) && ev[1].gte(ev[2]) && ev[2].gte(ev[3])).toBe(true);
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

  test('Schur–Cohn: roots inside the unit disk', () => {
    expect(schurStable([q(-1, 2), q(1)])).toBe(true); // z − 1/2
    expect(schurStable([q(-2), q(1)])).toBe(false); // z − 2
    expect(schurStable([q(-1), q(0), q(1)])).toBe(false); // z² − 1: roots on the circle
    expect(schurStable([q(1, 4), q(0), q(1)])).toBe(true); // z² + 1/4: ±i/2
    expect(schurStable([q(1, 4), q(-1), q(1)])).toBe(true); // (z − 1/2)²
  });

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
});
