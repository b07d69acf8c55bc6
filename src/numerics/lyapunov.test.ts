import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { propertyRuns } from '../testing/propertyRuns.js';
import { withEigenvalues, xorshift } from '../testing/testMatrices.js';
import { spectralRadius } from './eigenvalues.js';
import { frobenius, matvec } from './kernels.js';
import { genericStartVector, lyapunovSpectrum, topLyapunovExponent } from './lyapunov.js';
import { fromRows, type Mat, mat } from './Mat.js';

function randomMat(n: number, r: () => number, scale = 1): Mat {
  return mat(
    n,
    n,
    Float64Array.from({ length: n * n }, () => scale * (2 * r() - 1)),
  );
}

/** A chain J_1…J_T of n×n randomMat(·, ·, scale) from the xorshift stream of `seed`. */
function randomChain(n: number, T: number, seed: number, scale = 1): Mat[] {
  const r = xorshift(seed);
  return Array.from({ length: T }, () => randomMat(n, r, scale));
}

/** log|det A| by Gaussian elimination with partial pivoting (−∞ for a singular A). */
function logAbsDet(a: Mat): number {
  const n = a.rows;
  const A = a.data.slice();
  let acc = 0;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(A[i * n + c]) > Math.abs(A[piv * n + c])) piv = i;
    if (A[piv * n + c] === 0) return Number.NEGATIVE_INFINITY;
    for (let j = 0; j < n; j++) [A[c * n + j], A[piv * n + j]] = [A[piv * n + j], A[c * n + j]];
    acc += Math.log(Math.abs(A[c * n + c]));
    for (let i = c + 1; i < n; i++) {
      const f = A[i * n + c] / A[c * n + c];
      for (let j = c; j < n; j++) A[i * n + j] -= f * A[c * n + j];
    }
  }
  return acc;
}

describe('topLyapunovExponent', () => {
  test('equals (1/T)·log‖J_T⋯J_1 v₀‖ computed directly (short chains, no overflow)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer(),
        (n, T, seed) => {
          const Js = randomChain(n, T, seed);
          let v = genericStartVector(n);
          for (const J of Js) v = matvec(J, v);
          const direct = Math.log(frobenius(v)) / T;
          expect(Math.abs(topLyapunovExponent(Js) - direct)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: propertyRuns(200) },
    );
  });

  test('scaled rotation c·R(θ): ‖J^T v‖ = c^T‖v‖, so the estimate is log c for every T', () => {
    for (const [c, theta] of [
      [1.7, 0.4],
      [0.3, 2],
      [1, 1],
    ]) {
      const J = fromRows([
        [c * Math.cos(theta), -c * Math.sin(theta)],
        [c * Math.sin(theta), c * Math.cos(theta)],
      ]);
      for (const T of [1, 10, 1000]) {
        expect(Math.abs(topLyapunovExponent(Array(T).fill(J)) - Math.log(c))).toBeLessThan(1e-14);
      }
    }
  });

  test('constant diagonalizable J: the estimate is log ρ(J) + κ/T with a constant κ', () => {
    const r = xorshift(3);
    for (const lambdas of [
      [1.3, -0.9, 0.5, 0.2],
      [0.8, 0.7, -0.3],
      [-2, 1.5, 1, 0.1, 0.05],
    ]) {
      const J = withEigenvalues(lambdas, r);
      const logRho = Math.log(spectralRadius(J));
      expect(Math.abs(logRho - Math.log(Math.max(...lambdas.map(Math.abs))))).toBeLessThan(1e-13);
      const est = (T: number) => topLyapunovExponent(Array(T).fill(J));
      // T·(est − log ρ) → log|c₁|·‖x₁‖ (the start vector's top component) at the rate (|λ₂|/|λ₁|)^T
      const k1 = 1000 * (est(1000) - logRho);
      const k2 = 4000 * (est(4000) - logRho);
      expect(Math.abs(k1)).toBeLessThan(10);
      expect(Math.abs(k2 - k1)).toBeLessThan(1e-8);
    }
  });

  test('a chain that annihilates v₀ gives −∞; invalid inputs throw', () => {
    const zero = mat(3, 3);
    expect(topLyapunovExponent([randomMat(3, xorshift(1)), zero])).toBe(Number.NEGATIVE_INFINITY);
    expect(() => topLyapunovExponent([])).toThrow(RangeError);
    expect(() => topLyapunovExponent([mat(2, 3)])).toThrow(RangeError);
    expect(() => topLyapunovExponent([mat(2, 2)], { v0: Float64Array.of(1, 2, 3) })).toThrow(
      RangeError,
    );
    expect(() => topLyapunovExponent([mat(2, 2)], { v0: Float64Array.of(0, 0) })).toThrow(
      RangeError,
    );
  });
});

describe('lyapunovSpectrum', () => {
  test('Σ of all n exponents = (1/T)·Σ_t log|det J_t| (volume growth), for any chain', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer(),
        (n, T, seed) => {
          const Js = randomChain(n, T, seed, 1.5);
          const spec = lyapunovSpectrum(Js, n);
          const sum = spec.reduce((s, x) => s + x, 0);
          const want = Js.reduce((s, J) => s + logAbsDet(J), 0) / T;
          expect(Math.abs(sum - want)).toBeLessThan(1e-10 * Math.max(1, Math.abs(want)));
        },
      ),
      { numRuns: propertyRuns(150) },
    );
  });

  test('k = 1 is the top exponent; the first exponent of any k is the same number', () => {
    const Js = randomChain(5, 200, 8);
    const top = topLyapunovExponent(Js);
    expect(Math.abs(lyapunovSpectrum(Js, 1)[0] - top)).toBeLessThan(1e-12);
    expect(Math.abs(lyapunovSpectrum(Js, 4)[0] - top)).toBeLessThan(1e-12);
  });

  test('constant J with real eigenvalues: the spectrum tends to log|λ_i| in decreasing order', () => {
    const lambdas = [2, -0.5, 0.1];
    const J = withEigenvalues(lambdas, xorshift(21));
    const T = 4000;
    const spec = lyapunovSpectrum(Array(T).fill(J), 3);
    lambdas.forEach((l, i) => {
      expect(Math.abs(spec[i] - Math.log(Math.abs(l)))).toBeLessThan(10 / T);
    });
  });

  test('rank loss: W·diag(d) with a zero d_j leaves only rounding in the last slot; a zero Jacobian gives −∞', () => {
    const r = xorshift(4);
    const n = 4;
    const Js = Array.from({ length: 50 }, () => {
      const J = randomMat(n, r);
      for (let i = 0; i < n; i++) J.data[i * n + 2] = 0; // unit 2 saturated: column 2 vanishes
      return J;
    });
    const spec = lyapunovSpectrum(Js, n);
    // the 4th direction is annihilated every step; what Gram–Schmidt leaves is rounding (~ε)
    expect(spec[n - 1]).toBeLessThan(Math.log(1e-12));
    expect(spec.slice(0, n - 1).every((x) => Number.isFinite(x) && x > Math.log(1e-6))).toBe(true);
    const dead = lyapunovSpectrum([randomMat(n, r), mat(n, n), randomMat(n, r)], n);
    expect(Array.from(dead).every((x) => x === Number.NEGATIVE_INFINITY)).toBe(true);
    expect(() => lyapunovSpectrum(Js, 0)).toThrow(RangeError);
    expect(() => lyapunovSpectrum(Js, n + 1)).toThrow(RangeError);
  });
});

describe('lyapunovSpectrum: a column that vanishes exactly', () => {
  // v₀ = e₀ makes the start frame (e₀, q₁, q₂, q₃) with q₁ = (0, a, b, c) exactly as stored, so
  // the row r = (0, b, −a, 0) gives r·q₁ = ba − ab = 0 in float64 (and 2r·q₁ = 0 too). J maps e₀
  // to e₀ and q₁ to exactly 0, and the rest onto the line (0, 1, 0, 2): slot 1 vanishes, and
  // slot 2 must measure J q₂ = x·(0, 1, 0, 2) orthogonally to e₀ and to the unit vector that
  // replaced slot 1. That replacement is the basis vector keeping most norm, e₁ (ties go to
  // the first), so R₂₂ = |2x|: a frame left with a zero column would give √5·|x|, and e₃ |x|.
  test('slot 1 → −∞, slot 2 = log|2x| (growth orthogonal to e₀ and e₁), slot 3 → −∞', () => {
    const n = 4;
    const g1 = genericStartVector(n, 1);
    const nv = frobenius(Float64Array.from([0, g1[1], g1[2], g1[3]]));
    const q1 = [0, g1[1] / nv, g1[2] / nv, g1[3] / nv];
    const [a, b] = [q1[1], q1[2]];
    const J = fromRows([
      [1, 0, 0, 0],
      [0, b, -a, 0],
      [0, 0, 0, 0],
      [0, 2 * b, -2 * a, 0],
    ]);
    // q₂ by classical Gram–Schmidt of the third generic vector against e₀ and q₁.
    const v = Array.from(genericStartVector(n, 2));
    v[0] = 0;
    const d = v.reduce((s, x, i) => s + x * q1[i], 0);
    for (let i = 0; i < n; i++) v[i] -= d * q1[i];
    const q2 = v.map((x) => x / Math.hypot(...v));
    const x = b * q2[1] - a * q2[2];
    const spec = lyapunovSpectrum([J], n, { v0: Float64Array.from([1, 0, 0, 0]) });
    expect(spec[0]).toBe(0);
    expect(spec[1]).toBe(Number.NEGATIVE_INFINITY);
    expect(Math.abs(spec[2] - Math.log(Math.abs(2 * x)))).toBeLessThan(1e-12);
    expect(spec[3]).toBe(Number.NEGATIVE_INFINITY);
  });
});
