import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Case } from '../../model/caseFile.js';
import { toModel } from '../../model/caseFile.js';
import { forward } from '../../model/forward.js';
import { adJacobianHWR } from '../../oracles/autodiff.js';
import { propertyRuns } from '../../testing/propertyRuns.js';
import { spectralRadius } from '../eigenvalues.js';
import { fromRows } from '../Mat.js';
import { spectralNorm } from '../singularValues.js';
import {
  annihilator,
  dyadicMat,
  exactCase,
  exactJacobianHWR,
  exactTrajectory,
  intCharPoly,
  isNilpotent,
  isNormalExact,
  positiveDefinite,
  rationalDominantEigenvalues,
  rootsInsideDisk,
  schurCohnRecursive,
  schurStable,
  spectralNormBelow,
  spectralRadiusBelow,
} from './dyadic.js';
import {
  characteristicPolynomial,
  doubleToDyadic,
  Rational,
  rationalFromRows,
} from './rational.js';

/** Dyadic entries k/8, k ∈ [−24, 24]: exact in float64, and exactly what the constructed families use. */
const dyadic = fc.integer({ min: -24, max: 24 }).map((k) => k / 8);

const squareRows = (maxN: number, entry: fc.Arbitrary<number> = dyadic) =>
  fc
    .integer({ min: 1, max: maxN })
    .chain((n) =>
      fc.array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
    );

describe('dyadic conversion', () => {
  test('doubleToDyadic is the exact value of the double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const { m, e } = doubleToDyadic(x);
        const r = e >= 0 ? Rational.of(m, 1n << BigInt(e)) : Rational.of(m << BigInt(-e));
        expect(r.eq(Rational.fromDouble(x))).toBe(true);
      }),
    );
  });
});

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

  test('nilpotent, normal, positive definite', () => {
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
    expect(positiveDefinite([2n, -1n, -1n, 2n], 2)).toBe(true);
    expect(positiveDefinite([1n, 2n, 2n, 1n], 2)).toBe(false);
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

/** A small dyadic case with a piecewise-linear σ. */
const plCase = fc
  .tuple(
    fc.constantFrom('identity', 'relu', 'leaky_relu'),
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 4 }),
  )
  .chain(([act, n, T]) =>
    fc
      .tuple(
        fc.array(fc.array(dyadic, { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
        fc.array(dyadic, { minLength: n, maxLength: n }),
        fc.array(dyadic, { minLength: n, maxLength: n }),
        fc.array(fc.array(dyadic, { minLength: 1, maxLength: 1 }), { minLength: T, maxLength: T }),
        fc.array(fc.array(dyadic, { minLength: 1, maxLength: 1 }), { minLength: n, maxLength: n }),
      )
      .map(
        ([W, b, h0, xs, WI]): Case => ({
          activation: act as Case['activation'],
          W_R: W.map((r) => r.map((x) => x / 4)),
          W_I: WI,
          b_R: b,
          W_O: [new Array(n).fill(0)],
          b_O: [0],
          h_0: h0,
          xs,
          ys: new Array(T).fill(0),
        }),
      ),
  );

describe('exact trajectories and Jacobians', () => {
  test('the exact trajectory equals float64 where float64 is exact (few-bit dyadics)', () => {
    fc.assert(
      fc.property(plCase, (c) => {
        const T = c.xs.length;
        const traj = exactTrajectory(exactCase(c), T, 4096);
        const f = forward(toModel(c), T);
        traj.h.forEach((h, t) => {
          const exact = h.m.map((m) => Number(m) * 2 ** -h.e);
          expect(exact).toEqual(Array.from(f.h[t]).map((x) => x + 0));
        });
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  test('exact forward-mode ∂h_t/∂W_R equals reverse-mode autodiff off the kinks', () => {
    fc.assert(
      fc.property(plCase, (c) => {
        const T = c.xs.length;
        const J = exactJacobianHWR(c, T, 4096);
        if (J === undefined) return; // a kink on the way
        const ad = adJacobianHWR(toModel(c), T);
        const exact = J.data.map((m) => Number(m) * 2 ** -J.e);
        expect(exact).toEqual(Array.from(ad.data).map((x) => x + 0));
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});
