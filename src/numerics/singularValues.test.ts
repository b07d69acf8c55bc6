import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mlMatrixInChild } from '../testing/mlMatrixChild.js';
import { propertyRuns } from '../testing/propertyRuns.js';
import { tinyClass, xorshift } from '../testing/testMatrices.js';
import { spectralRadius } from './eigenvalues.js';
import { frobenius } from './kernels.js';
import { fromRows, type Mat, mat, transpose } from './Mat.js';
import {
  SingularValueError,
  singularValues,
  smallestSingularValue,
  spectralNorm,
} from './singularValues.js';

/** ml-matrix SingularValueDecomposition of each matrix (in a child process: see mlMatrixInChild). */
function mlMatrixSingularValues(mats: Mat[]): number[][] {
  return mlMatrixInChild<number[]>(
    `(ml, m) => new ml.SingularValueDecomposition(m, { autoTranspose: true, computeLeftSingularVectors: false, computeRightSingularVectors: false }).diagonal`,
    mats,
    60_000,
  );
}

/** A random orthogonal matrix: the Q of Gram–Schmidt (twice) on a random matrix. */
function randomOrthogonal(n: number, r: () => number): Mat {
  const cols = Array.from({ length: n }, () => Array.from({ length: n }, () => 2 * r() - 1));
  for (let i = 0; i < n; i++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        let d = 0;
        for (let t = 0; t < n; t++) d += cols[j][t] * cols[i][t];
        for (let t = 0; t < n; t++) cols[i][t] -= d * cols[j][t];
      }
    }
    const nv = frobenius(cols[i]);
    for (let t = 0; t < n; t++) cols[i][t] /= nv;
  }
  const q = mat(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) q.data[i * n + j] = cols[j][i];
  return q;
}

const anyMatrix = (maxDim: number) =>
  fc
    .tuple(fc.integer({ min: 1, max: maxDim }), fc.integer({ min: 1, max: maxDim }))
    .chain(([m, n]) =>
      fc
        .array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: m * n, maxLength: m * n })
        .map((xs) => mat(m, n, Float64Array.from(xs))),
    );

const mutation = process.env.BPTT_MUTATION === '1';

describe('singularValues: known values', () => {
  test('[[3, 0], [4, 5]]: σ = 3√5, √5', () => {
    const s = singularValues(
      fromRows([
        [3, 0],
        [4, 5],
      ]),
    );
    expect(s[0]).toBeCloseTo(3 * Math.sqrt(5), 14);
    expect(s[1]).toBeCloseTo(Math.sqrt(5), 14);
  });

  test('Q·diag(d) with tiny d_j: every σ to high relative accuracy (column scaling invariance)', () => {
    const r = xorshift(99);
    for (let trial = 0; trial < 20; trial++) {
      const n = 2 + (trial % 7);
      const Q = randomOrthogonal(n, r);
      const d = Array.from({ length: n }, () => {
        const u = r();
        return (u < 0.3 ? 1e-23 : u < 0.5 ? 1e-10 : 1) * (0.5 + r());
      });
      const a = mat(n, n, Q.data.slice());
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a.data[i * n + j] *= d[j];
      const s = singularValues(a);
      const want = [...d].sort((u, v) => v - u);
      for (let i = 0; i < n; i++) expect(Math.abs(s[i] - want[i]) / want[i]).toBeLessThan(1e-13);
      expect(smallestSingularValue(a) / want[n - 1]).toBeCloseTo(1, 13);
    }
  });

  test('zero, empty and non-finite inputs', () => {
    expect(Array.from(singularValues(mat(3, 2)))).toEqual([0, 0]);
    expect(singularValues(mat(0, 3)).length).toBe(0);
    expect(spectralNorm(mat(0, 0))).toBe(0);
    expect(() => singularValues(fromRows([[1, Number.POSITIVE_INFINITY]]))).toThrow(
      SingularValueError,
    );
  });
});

describe('singularValues: properties', () => {
  test('descending, Σσ² = ‖A‖_F², σ(A) = σ(Aᵀ), ρ(A) ≤ ‖A‖₂ for square A', () => {
    fc.assert(
      fc.property(anyMatrix(9), (a) => {
        const s = singularValues(a);
        expect(s.length).toBe(Math.min(a.rows, a.cols));
        for (let i = 0; i + 1 < s.length; i++) expect(s[i]).toBeGreaterThanOrEqual(s[i + 1]);
        const f = frobenius(a.data);
        expect(Math.abs(frobenius(s) - f)).toBeLessThanOrEqual(
          1e-14 * f * Math.sqrt(a.rows * a.cols),
        );
        const st = singularValues(transpose(a));
        for (let i = 0; i < s.length; i++)
          expect(Math.abs(st[i] - s[i])).toBeLessThanOrEqual(1e-14 * (s[0] + 1e-300) * 10);
        if (a.rows === a.cols)
          expect(spectralRadius(a)).toBeLessThanOrEqual(spectralNorm(a) * (1 + 1e-12));
        expect(smallestSingularValue(a)).toBe(s[s.length - 1]);
        expect(spectralNorm(a)).toBe(s[0]);
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  test('agrees with ml-matrix SVD (run in a child process) on random and tiny-entry matrices', () => {
    const r = xorshift(5);
    const mats: Mat[] = [];
    for (let t = 0; t < 300; t++) {
      const m = 1 + Math.floor(r() * 9);
      const n = 1 + Math.floor(r() * 9);
      mats.push(
        mat(
          m,
          n,
          Float64Array.from({ length: m * n }, () => 2 * r() - 1),
        ),
      );
    }
    for (let seed = 1; seed <= 2000; seed++) mats.push(tinyClass(seed));
    const ref = mlMatrixSingularValues(mats);
    let worst = 0;
    mats.forEach((a, k) => {
      const s = singularValues(a);
      // Golub–Kahan is accurate to ε·σ_max in absolute terms only, so compare on that scale
      const scale = Math.max(s[0], 1e-300);
      for (let i = 0; i < s.length; i++)
        worst = Math.max(worst, Math.abs(s[i] - ref[k][i]) / scale);
    });
    expect(worst).toBeLessThan(1e-13);
  });

  test('tiny-entry class: terminates; column-scaled variant keeps its tiny σ to relative accuracy', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const a = tinyClass(seed);
      const s = singularValues(a);
      expect(s.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
    }
    // W·diag(d), d ∈ {1e-23·u, 1}: σ_min/σ_min(W·diag(d) with d scaled by 2) = 1/2 exactly up to rounding
    const r = xorshift(11);
    for (let trial = 0; trial < 50; trial++) {
      const n = 6;
      const w = Float64Array.from({ length: n * n }, () => 2 * r() - 1);
      const d = Array.from({ length: n }, () => (r() < 0.5 ? 1e-23 * (0.5 + r()) : 1));
      d[0] = 1e-23;
      const a = mat(n, n, w.slice());
      const b = mat(n, n, w.slice());
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          a.data[i * n + j] *= d[j];
          b.data[i * n + j] *= d[j] * (d[j] < 1e-20 ? 2 : 1);
        }
      }
      // only the tiny columns doubled: σ_min ∝ the tiny scale when one tiny column dominates it,
      // so at least σ_min(b)/σ_min(a) ∈ [1, 2]; and σ_min(a) ≥ min_j d_j·σ_min(W)
      const ra = smallestSingularValue(a);
      const rb = smallestSingularValue(b);
      expect(rb / ra).toBeGreaterThanOrEqual(1 - 1e-12);
      expect(rb / ra).toBeLessThanOrEqual(2 + 1e-12);
      expect(ra).toBeGreaterThanOrEqual(
        Math.min(...d) * smallestSingularValue(mat(n, n, w)) * (1 - 1e-12),
      );
    }
  });
});

describe('singularValues: convergence rate (maxSweeps as a probe)', () => {
  // One-sided Jacobi converges quadratically: the last sweep only confirms that no pair needs a
  // rotation. Measured: 2000 uniform random m×n (m, n ≤ 12) needed ≤ 8 sweeps, the tiny-entry
  // 6×6 class ≤ 16, n = 128 11. A rotation that is wrong but still orthogonal converges linearly
  // (or not at all), so these caps turn "right but slow" into a failure.
  test('uniform random m×n, m, n ≤ 12: converged within 10 sweeps; the tiny-entry class within 20', () => {
    const r = xorshift(5);
    for (let trial = 0; trial < (mutation ? 200 : 2000); trial++) {
      const m = 1 + (trial % 12);
      const n = 1 + ((trial * 7) % 12);
      const a = mat(
        m,
        n,
        Float64Array.from({ length: m * n }, () => 2 * r() - 1),
      );
      expect(singularValues(a, { maxSweeps: 10 }).length, `trial ${trial}`).toBe(Math.min(m, n));
    }
    for (let seed = 1; seed <= (mutation ? 100 : 1000); seed++) {
      expect(singularValues(tinyClass(seed), { maxSweeps: 20 }).length).toBe(6);
    }
  });

  test('the cap throws SingularValueError naming the sweeps: none allowed, or one for non-orthogonal columns', () => {
    const a = fromRows([
      [3, 0],
      [4, 5],
    ]);
    expect(() => singularValues(a, { maxSweeps: 0 })).toThrow(/no convergence in 0 sweeps \(2×2\)/);
    expect(() => singularValues(a, { maxSweeps: 1 })).toThrow(SingularValueError);
    expect(singularValues(a, { maxSweeps: 3 })[0]).toBeCloseTo(3 * Math.sqrt(5), 14);
    // orthogonal columns need no rotation: one confirming sweep
    expect(
      Array.from(
        singularValues(
          fromRows([
            [3, 0],
            [0, 4],
          ]),
          { maxSweeps: 1 },
        ),
      ),
    ).toEqual([4, 3]);
  });
});
