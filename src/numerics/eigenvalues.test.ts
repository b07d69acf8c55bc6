import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mlMatrixInChild } from '../testing/mlMatrixChild.js';
import { propertyRuns } from '../testing/propertyRuns.js';
import { similar, tinyClass, xorshift } from '../testing/testMatrices.js';
import {
  EigenvalueError,
  type Eigenvalues,
  eigenDecomposition,
  eigenResidual,
  eigenvalues,
  spectralRadius,
} from './eigenvalues.js';
import { HP, type HPNumber, toHP } from './exact/decimal.js';
import { frobenius, matmul, maxAbs } from './kernels.js';
import { fromRows, type Mat, mat, transpose } from './Mat.js';
import { spectralNorm } from './singularValues.js';

/** Coefficients c_0..c_n of det(xI − A) (c_n = 1) by Faddeev–LeVerrier at 60 digits from the exact entries. */
function charPolyHP(a: Mat): number[] {
  const n = a.rows;
  const A = Array.from(a.data, toHP);
  const zero = new HP(0);
  let M: HPNumber[] = Array.from({ length: n * n }, () => zero);
  const c: HPNumber[] = new Array(n + 1);
  c[n] = new HP(1);
  const times = (X: HPNumber[]) => {
    const out: HPNumber[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = zero;
        for (let l = 0; l < n; l++) s = s.plus(A[i * n + l].times(X[l * n + j]));
        out.push(s);
      }
    }
    return out;
  };
  // M_k = A M_{k−1} + c_{n−k+1} I,  c_{n−k} = −tr(A M_k)/k
  for (let k = 1; k <= n; k++) {
    M = times(M);
    for (let i = 0; i < n; i++) M[i * n + i] = M[i * n + i].plus(c[n - k + 1]);
    const AM = times(M);
    let tr = zero;
    for (let i = 0; i < n; i++) tr = tr.plus(AM[i * n + i]);
    c[n - k] = tr.neg().div(k);
  }
  return c.map((x) => x.toNumber());
}

/** Coefficients of Π (x − λ_j) from computed eigenvalues (complex arithmetic; the imaginary parts cancel). */
function vieta({ re, im }: Eigenvalues): number[] {
  let pr = [1];
  let pi = [0];
  for (let j = 0; j < re.length; j++) {
    const nr = new Array(pr.length + 1).fill(0);
    const ni = new Array(pr.length + 1).fill(0);
    for (let k = 0; k < pr.length; k++) {
      nr[k + 1] += pr[k];
      ni[k + 1] += pi[k];
      nr[k] -= re[j] * pr[k] - im[j] * pi[k];
      ni[k] -= re[j] * pi[k] + im[j] * pr[k];
    }
    pr = nr;
    pi = ni;
  }
  return pr;
}

function binom(n: number, k: number): number {
  let b = 1;
  for (let i = 1; i <= k; i++) b = (b * (n - k + i)) / i;
  return b;
}

/**
 * Worst |p_k − q_k| / (C(n,k)·s^{n−k}) over coefficients, s = max(‖A‖_F, 1e-300). A backward-stable
 * eigensolver returns the exact eigenvalues of some A + E with ‖E‖ ≈ nε‖A‖, and the coefficients of
 * the characteristic polynomial are Lipschitz in A on that scale, so this stays ≈ ε even for
 * defective matrices whose individual eigenvalues move by ε^{1/k}.
 */
function coefficientError(p: number[], q: number[], normA: number): number {
  const n = p.length - 1;
  const s = Math.max(normA, 1e-300);
  let worst = 0;
  for (let k = 0; k <= n; k++) {
    const diff = Math.abs(p[k] - q[k]);
    // s^{n−k} may underflow for a tiny ‖A‖: then only an exact match is accepted
    if (diff !== 0) worst = Math.max(worst, diff / (binom(n, k) * s ** (n - k)));
  }
  return worst;
}

const COEFF_TOL = 1e-12;

/** The flush of guard (a): entries below 1e-18·max|a_ij| set to 0. */
function flushed(a: Mat): Mat {
  let m = 0;
  for (const x of a.data) m = Math.max(m, Math.abs(x));
  return mat(
    a.rows,
    a.cols,
    a.data.map((x) => (Math.abs(x) < 1e-18 * m ? 0 : x)),
  );
}

/**
 * Matrices on which ml-matrix 6.15.1 EigenvalueDecomposition loops forever (each verified with
 * `timeout 10` in a child process). The 3×3 is the smallest: eigenvalues 0, ±i√2, and the trailing
 * diagonal entry of H becomes an exact 0, which JAMA's hqr2 takes for a vanished bulge. The 6×6 ones
 * are xorshift seeds 1518, 2008, 2553, 9443 of the integer class; 1518 stops hanging once the ±1e-23
 * entries are flushed, 9443 hangs with or without them.
 */
const ML_MATRIX_HANGS: number[][][] = [
  [
    [0, -1, 0],
    [1, 0, 1],
    [0, -1, 0],
  ],
  [
    [1, 0, 2, 2, 1e-23, -2],
    [1e-23, 2, 0, 0, -1, 1],
    [0, 0, 0, 0, -1, 0],
    [-1, 0, -1e-23, 0, -1, 0],
    [0, 1e-23, 1, -1e-23, 0, 0],
    [2, -2, 0, 0, 1, 0],
  ],
  [
    [0, -1, -1, 1e-23, 2, -2],
    [-1e-23, 0, 0, 0, 0, -2],
    [1e-23, -2, 1, -2, 2, 2],
    [2, 0, 1e-23, -2, 0, -1e-23],
    [0, 0, 1e-23, 1e-23, 0, -1],
    [0, 0, 0, 0, 1, 0],
  ],
  [
    [1, 1, -1, 1, 0, 2],
    [0, 1e-23, 0, 0, 1, 2],
    [-2, -1, 0, -1, -2, -2],
    [0, 0, 0, 1e-23, -1, 2],
    [0, 1, 1, 0, 1, 0],
    [0, -2, 0, -2, 0, 0],
  ],
  [
    [0, 0, 0, 2, -1e-23, -2],
    [2, -1e-23, 0, -1, 1, 1],
    [0, 0, 0, -1e-23, -1e-23, 2],
    [2, 0, 0, 1, 1e-23, 0],
    [1e-23, -1, 0, 2, 0, 0],
    [1e-23, 1e-23, -2, 0, 0, 1e-23],
  ],
];

const squareMatrix = (maxN: number, range = 2) =>
  fc.integer({ min: 1, max: maxN }).chain((n) =>
    fc
      .array(fc.double({ min: -range, max: range, noNaN: true }), {
        minLength: n * n,
        maxLength: n * n,
      })
      .map((xs) => mat(n, n, Float64Array.from(xs))),
  );

/** Two rotation blocks [[0, 1], [−1, 0]] coupled by ±ε: [[0,1,0,0],[−1,0,ε,0],[0,−ε,0,1],[0,0,−1,0]]. */
function coupledRotations(eps: number): Mat {
  return fromRows([
    [0, 1, 0, 0],
    [-1, 0, eps, 0],
    [0, -eps, 0, 1],
    [0, 0, -1, 0],
  ]);
}

function expectSortedWithAdjacentPairs({ re, im }: Eigenvalues): void {
  for (let j = 0; j + 1 < re.length; j++) {
    expect(Math.hypot(re[j], im[j])).toBeGreaterThanOrEqual(Math.hypot(re[j + 1], im[j + 1]));
  }
  for (let j = 0; j < re.length; j++) {
    if (im[j] > 0) {
      expect(re[j + 1]).toBe(re[j]);
      expect(im[j + 1]).toBe(-im[j]);
      j++;
    } else {
      expect(im[j]).toBe(0);
    }
  }
}

describe('eigenvalues: known spectra', () => {
  test('diagonal: the diagonal entries, by decreasing modulus', () => {
    const a = fromRows([
      [1, 0, 0, 0],
      [0, -3, 0, 0],
      [0, 0, 2, 0],
      [0, 0, 0, 0.5],
    ]);
    const { re, im } = eigenvalues(a);
    expect(Array.from(re)).toEqual([-3, 2, 1, 0.5]);
    expect(Array.from(im)).toEqual([0, 0, 0, 0]);
    expect(spectralRadius(a)).toBe(3);
  });

  test('triangular: the diagonal entries, whatever lies above', () => {
    fc.assert(
      fc.property(squareMatrix(8), (a) => {
        const n = a.rows;
        const t = mat(n, n, a.data.slice());
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) t.data[i * n + j] = 0;
        const diag = Array.from({ length: n }, (_, i) => t.data[i * n + i]);
        const { re, im } = eigenvalues(t);
        // an upper triangular matrix is already Hessenberg with a zero subdiagonal: every root deflates at once
        // exact, except that entries below 2^−963·max|a_ij| are flushed to 0 and the power-of-2
        // prescaling may round subnormal ones
        const big = Math.max(...Array.from(t.data, Math.abs));
        const got = Array.from(re).sort((u, v) => u - v);
        const want = diag.sort((u, v) => u - v);
        for (let k = 0; k < n; k++)
          expect(Math.abs(got[k] - want[k])).toBeLessThanOrEqual(2 ** -963 * big + 2 ** -1021);
        expect(im.every((x) => x === 0)).toBe(true);
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  test('rotation by θ: the pair cos θ ± i sin θ', () => {
    for (const theta of [0.3, 1, Math.PI / 2, 2.5]) {
      const c = Math.cos(theta);
      const s = Math.sin(theta);
      const { re, im } = eigenvalues(
        fromRows([
          [c, -s],
          [s, c],
        ]),
      );
      expect(re[0]).toBeCloseTo(c, 14);
      expect(re[1]).toBeCloseTo(c, 14);
      expect(im[0]).toBeCloseTo(s, 14);
      expect(im[1]).toBeCloseTo(-s, 14);
    }
  });

  test('companion matrix of (x−1)(x−2)(x−3)(x²+1): roots 3, 2, 1, ±i', () => {
    // x⁵ − 6x⁴ + 12x³ − 12x² + 11x − 6: last column holds −c_0..−c_4
    const c = [-6, 11, -12, 12, -6];
    const n = 5;
    const a = mat(n, n);
    for (let i = 1; i < n; i++) a.data[i * n + i - 1] = 1;
    for (let i = 0; i < n; i++) a.data[i * n + n - 1] = -c[i];
    const { re, im } = eigenvalues(a);
    const expected = [
      [3, 0],
      [2, 0],
      [1, 0],
      [0, 1],
      [0, -1],
    ];
    expected.forEach(([r, i], j) => {
      expect(Math.abs(re[j] - r)).toBeLessThan(1e-12);
      expect(Math.abs(im[j] - i)).toBeLessThan(1e-12);
    });
  });

  test('nilpotent: strictly triangular gives exact zeros; a dense nilpotent gives x^n as characteristic polynomial', () => {
    const strict = fromRows([
      [0, 1, 2, 3],
      [0, 0, 4, 5],
      [0, 0, 0, 6],
      [0, 0, 0, 0],
    ]);
    const ev = eigenvalues(strict);
    expect(Array.from(ev.re).every((x) => x === 0)).toBe(true);
    expect(spectralRadius(strict)).toBe(0);
    // N = S·J·S⁻¹ with J a 5×5 Jordan block at 0: N⁵ = 0 but N is dense; its eigenvalues scatter by
    // ~ε^{1/5} around 0, yet their elementary symmetric functions are ≈ ε‖N‖^k
    const n = 5;
    const S = fromRows([
      [1, 2, 0, 1, 3],
      [0, 1, 1, 2, 1],
      [1, 0, 1, 0, 2],
      [2, 1, 0, 1, 1],
      [0, 1, 2, 1, 1],
    ]);
    const J = mat(n, n);
    for (let i = 0; i + 1 < n; i++) J.data[i * n + i + 1] = 1;
    const N = similar(S, J);
    const p = vieta(eigenvalues(N));
    // against the exact polynomial of the rounded N, and (looser: forming N rounds, κ(S) ≈ 50) x⁵
    expect(coefficientError(p, charPolyHP(N), frobenius(N.data))).toBeLessThan(COEFF_TOL);
    const xn = Array.from({ length: n + 1 }, (_, k) => (k === n ? 1 : 0));
    expect(coefficientError(p, xn, frobenius(N.data))).toBeLessThan(1e-10);
    expect(spectralRadius(N)).toBeLessThan(1e-2);
  });

  test('zero, 1×1 and empty matrices', () => {
    expect(Array.from(eigenvalues(mat(3, 3)).re)).toEqual([0, 0, 0]);
    expect(Array.from(eigenvalues(fromRows([[-2.5]])).re)).toEqual([-2.5]);
    expect(eigenvalues(mat(0, 0)).re.length).toBe(0);
    expect(spectralRadius(mat(0, 0))).toBe(0);
  });
});

describe('eigenvalues: properties on random matrices', () => {
  test('the computed spectrum reproduces the exact (60-digit) characteristic polynomial', () => {
    fc.assert(
      fc.property(squareMatrix(8), (a) => {
        const p = vieta(eigenvalues(a));
        expect(coefficientError(p, charPolyHP(a), frobenius(a.data))).toBeLessThan(COEFF_TOL);
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  test('sorted by decreasing modulus, conjugate pairs adjacent with +im first', () => {
    fc.assert(
      fc.property(squareMatrix(10), (a) => expectSortedWithAdjacentPairs(eigenvalues(a))),
      { numRuns: propertyRuns(200) },
    );
  });

  test('ρ(A) ≤ ‖A‖₂, and ρ(A) = ‖A‖₂ for symmetric A', () => {
    fc.assert(
      fc.property(squareMatrix(8), (a) => {
        const rho = spectralRadius(a);
        const s = spectralNorm(a);
        expect(rho).toBeLessThanOrEqual(s * (1 + 1e-12));
        const n = a.rows;
        const sym = mat(n, n);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) sym.data[i * n + j] = a.data[i * n + j] + a.data[j * n + i];
        }
        expect(Math.abs(spectralRadius(sym) - spectralNorm(sym))).toBeLessThanOrEqual(
          1e-12 * Math.max(spectralNorm(sym), 1e-300),
        );
      }),
      { numRuns: propertyRuns(150) },
    );
  });
});

describe('eigenResidual: max_j ‖A v_j − λ_j v_j‖ / (‖A‖_F ‖v_j‖)', () => {
  const values = (re: number[], im: number[] = re.map(() => 0)) => ({
    re: Float64Array.from(re),
    im: Float64Array.from(im),
  });
  const I2 = fromRows([
    [1, 0],
    [0, 1],
  ]);

  test('real pairs: 0 when exact; a wrong λ or v gives its own error over ‖A‖_F', () => {
    const A = fromRows([
      [2, 0],
      [0, 3],
    ]);
    expect(eigenResidual(A, values([2, 3]), I2)).toBe(0);
    // ‖A‖_F = √13; λ₂ off by 0.5 leaves ‖(0, −0.5)‖ = 0.5 (the worst of the two columns)
    expect(eigenResidual(A, values([2, 3.5]), I2)).toBeCloseTo(0.5 / Math.sqrt(13), 15);
    // v₁ = (1, 1)/… for λ = 2: A v − 2v = (0, 1), relative to ‖v‖ = √2
    const V = fromRows([
      [1, 0],
      [1, 1],
    ]);
    expect(eigenResidual(A, values([2, 3]), V)).toBeCloseTo(1 / Math.sqrt(2 * 13), 15);
    // a zero column is no eigenvector at all
    expect(
      eigenResidual(
        A,
        values([2, 3]),
        fromRows([
          [1, 0],
          [0, 0],
        ]),
      ),
    ).toBe(Number.POSITIVE_INFINITY);
  });

  test('complex pairs: A(x + iy) = (a + ib)(x + iy) is checked in both parts', () => {
    // rotation by 90°: λ = ±i with x = (1, 0)/√2, y = (0, −1)/√2
    const A = fromRows([
      [0, -1],
      [1, 0],
    ]);
    const s = Math.SQRT1_2;
    const V = fromRows([
      [s, 0],
      [0, -s],
    ]);
    expect(eigenResidual(A, values([0, 0], [1, -1]), V)).toBeLessThan(1e-16);
    // a = 0.1 instead of 0: the residual is 0.1·(x, y), of norm 0.1 against ‖(x, y)‖ = 1
    expect(eigenResidual(A, values([0.1, 0.1], [1, -1]), V)).toBeCloseTo(0.1 / Math.SQRT2, 15);
    // b = 2 instead of 1: residual (−y, x) of norm 1
    expect(eigenResidual(A, values([0, 0], [2, -2]), V)).toBeCloseTo(1 / Math.SQRT2, 15);
    // y with the wrong sign: A(x − iy) = −i(x − iy), so each part misses by 2‖·‖
    const W = fromRows([
      [s, 0],
      [0, s],
    ]);
    expect(eigenResidual(A, values([0, 0], [1, -1]), W)).toBeCloseTo(Math.SQRT2, 15);
    expect(
      eigenResidual(
        A,
        values([0, 0], [1, -1]),
        fromRows([
          [0, 0],
          [0, 0],
        ]),
      ),
    ).toBe(Number.POSITIVE_INFINITY);
  });

  test('empty and zero matrices give 0; below 2^−1022/ε ≈ 1e-292 the norm is floored there', () => {
    expect(eigenResidual(mat(0, 0), values([]), mat(0, 0))).toBe(0);
    expect(eigenResidual(mat(2, 2), values([0, 0]), I2)).toBe(0);
    // A = [1e-300], λ = 2e-300: the error 1e-300 is measured against the floor, not ‖A‖
    const r = eigenResidual(fromRows([[1e-300]]), values([2e-300]), fromRows([[1]]));
    expect(r).toBeCloseTo(1e-300 / 2 ** -970, 20);
  });

  test('scale-free in v: the residual of 2v (or of a pair 3(x, y)) is that of v', () => {
    const A = fromRows([
      [2, 1],
      [0, 3],
    ]);
    const V = fromRows([
      [1, 0.6],
      [0.1, 0.8],
    ]);
    const r = eigenResidual(A, values([2, 3]), V);
    expect(r).toBeGreaterThan(0.01);
    const V2 = mat(
      2,
      2,
      V.data.map((x) => 2 * x),
    );
    expect(eigenResidual(A, values([2, 3]), V2)).toBeCloseTo(r, 15);
    const R = fromRows([
      [0, -1],
      [1, 0],
    ]);
    const W = fromRows([
      [0.7, 0.1],
      [0.2, -0.9],
    ]);
    const p = eigenResidual(R, values([0.1, 0.1], [1, -1]), W);
    const W3 = mat(
      2,
      2,
      W.data.map((x) => 3 * x),
    );
    expect(eigenResidual(R, values([0.1, 0.1], [1, -1]), W3)).toBeCloseTo(p, 15);
  });

  test('eigenDecomposition throws EigenvalueError when the residual exceeds maxResidual, not when it equals it', () => {
    const a = fromRows([
      [1, 2, 0.5],
      [-0.3, 0.7, 1.1],
      [0.2, -1.4, 0.9],
    ]);
    const { residual } = eigenDecomposition(a);
    expect(residual).toBeGreaterThan(0);
    expect(eigenDecomposition(a, { maxResidual: residual }).residual).toBe(residual);
    expect(() => eigenDecomposition(a, { maxResidual: residual / 2 })).toThrow(EigenvalueError);
  });
});

describe('eigenDecomposition', () => {
  test('random matrices: residual ≤ 1e-13, unit columns, same values as eigenvalues()', () => {
    fc.assert(
      fc.property(squareMatrix(10), (a) => {
        const { values, vectors, residual } = eigenDecomposition(a);
        expect(residual).toBeLessThan(1e-13);
        expect(eigenResidual(a, values, vectors)).toBe(residual);
        const ev = eigenvalues(a);
        expect(Array.from(values.re)).toEqual(Array.from(ev.re));
        expect(Array.from(values.im)).toEqual(Array.from(ev.im));
        const n = a.rows;
        for (let j = 0; j < n; j++) {
          const x = Array.from({ length: n }, (_, i) => vectors.data[i * n + j]);
          if (values.im[j] === 0) expect(Math.abs(frobenius(x) - 1)).toBeLessThan(1e-14);
          else {
            const y = Array.from({ length: n }, (_, i) => vectors.data[i * n + j + 1]);
            expect(Math.abs(Math.hypot(frobenius(x), frobenius(y)) - 1)).toBeLessThan(1e-14);
            j++;
          }
        }
      }),
      { numRuns: propertyRuns(150) },
    );
  });

  test('complex pair convention: A(x + iy) = (a + ib)(x + iy) with b > 0 for columns (x, y)', () => {
    const a = fromRows([
      [0, -2, 1],
      [1, 0, 0],
      [0, 0, 3],
    ]);
    const { values, vectors } = eigenDecomposition(a);
    expect(values.re[0]).toBeCloseTo(3, 14);
    const j = 1;
    const b = values.im[j];
    expect(b).toBeCloseTo(Math.SQRT2, 14);
    const x = [0, 1, 2].map((i) => vectors.data[i * 3 + j]);
    const y = [0, 1, 2].map((i) => vectors.data[i * 3 + j + 1]);
    for (let i = 0; i < 3; i++) {
      const Ax = a.data[i * 3] * x[0] + a.data[i * 3 + 1] * x[1] + a.data[i * 3 + 2] * x[2];
      const Ay = a.data[i * 3] * y[0] + a.data[i * 3 + 1] * y[1] + a.data[i * 3 + 2] * y[2];
      expect(Ax).toBeCloseTo(values.re[j] * x[i] - b * y[i], 14);
      expect(Ay).toBeCloseTo(b * x[i] + values.re[j] * y[i], 14);
    }
  });

  // Two copies of one complex pair make the back-substitution's 2×2 system for the second pair
  // exactly singular (vr = vi = 0); EISPACK then perturbs it to ε‖H‖-size. Diagonal, coupled
  // (a complex Jordan block), and generic upper-triangular coupling, at a = 0 and a = 1.
  test('repeated complex pair (diagonal, defective, coupled): residual ≤ 1e-13, λ = a ± bi twice', () => {
    const cases: [number[][], number, number][] = [
      [
        [
          [0, -1, 0, 0],
          [1, 0, 0, 0],
          [0, 0, 0, -1],
          [0, 0, 1, 0],
        ],
        0,
        1,
      ],
      [
        [
          [0, -1, 1, 0],
          [1, 0, 0, 1],
          [0, 0, 0, -1],
          [0, 0, 1, 0],
        ],
        0,
        1,
      ],
      [
        [
          [0, -1, 0.3, 0.7],
          [1, 0, -0.2, 0.5],
          [0, 0, 0, -1],
          [0, 0, 1, 0],
        ],
        0,
        1,
      ],
      [
        [
          [1, -2, 0.3, 0.7],
          [2, 1, -0.2, 0.5],
          [0, 0, 1, -2],
          [0, 0, 2, 1],
        ],
        1,
        2,
      ],
    ];
    for (const [rows, a, b] of cases) {
      const { values, residual } = eigenDecomposition(fromRows(rows));
      expect(residual, JSON.stringify(rows)).toBeLessThan(1e-13);
      // a defective pair splits by ~√ε around a ± bi
      for (let j = 0; j < 4; j++) {
        expect(Math.abs(values.re[j] - a)).toBeLessThan(1e-7);
        expect(Math.abs(Math.abs(values.im[j]) - b)).toBeLessThan(1e-7);
      }
    }
  });

  test('defective (Jordan block) and zero matrices still give small residuals', () => {
    const jordan = fromRows([
      [2, 1, 0],
      [0, 2, 1],
      [0, 0, 2],
    ]);
    expect(eigenDecomposition(jordan).residual).toBeLessThan(1e-13);
    const z = eigenDecomposition(mat(3, 3));
    expect(z.residual).toBe(0);
    expect(Array.from(z.vectors.data)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  test('n = 64 and 128: residual small, Σλ = trace', () => {
    const r = xorshift(7);
    // (n = 64 alone under `npm run mutate`: the n = 128 run costs 1.4 s per mutant and reaches no
    // branch that n = 64 does not)
    for (const n of process.env.BPTT_MUTATION === '1' ? [64] : [64, 128]) {
      const a = mat(
        n,
        n,
        Float64Array.from({ length: n * n }, () => 2 * r() - 1),
      );
      const { values, residual } = eigenDecomposition(a);
      expect(residual).toBeLessThan(1e-12);
      let tr = 0;
      for (let i = 0; i < n; i++) tr += a.data[i * n + i];
      const sum = values.re.reduce((s, x) => s + x, 0);
      expect(Math.abs(sum - tr)).toBeLessThan(1e-10 * n);
    }
  });
});

// Both routines are backward stable (hqr2 on the Hessenberg form), so on generic matrices each
// eigenvalue agrees to about κ(λ)·ε·‖A‖; measured on 2000 such matrices the worst was 9.4e-16·‖A‖_F.
// 1e-12·‖A‖_F allows condition numbers up to ~10³ without masking a wrong eigenvalue.
const ML_MATRIX_AGREEMENT = 1e-12;

/** ml-matrix's EVD of one matrix, for mlMatrixInChild: its real and imaginary eigenvalue parts. */
const EVD =
  '(ml, m) => { const e = new ml.EigenvalueDecomposition(m); return [e.realEigenvalues, e.imaginaryEigenvalues]; }';

describe('against ml-matrix EigenvalueDecomposition (in a child process killed after 60 s)', () => {
  test.skipIf(process.env.BPTT_MUTATION === '1')(
    'generic random matrices, n ≤ 12: the same eigenvalues, as many real ones',
    () => {
      const r = xorshift(2026);
      const mats = Array.from({ length: 1200 }, (_, k) => {
        const n = 1 + (k % 12);
        const scale = 10 ** [0, -100, 100][k % 3];
        return mat(
          n,
          n,
          Float64Array.from({ length: n * n }, () => (2 * r() - 1) * scale),
        );
      });
      const ml = mlMatrixInChild<[number[], number[]]>(EVD, mats, 60_000);
      mats.forEach((a, k) => {
        const ours = eigenvalues(a);
        const [re, im] = ml[k];
        const n = a.rows;
        expect(ours.im.filter((x) => x === 0).length, `matrix ${k}: real eigenvalues`).toBe(
          im.filter((x) => x === 0).length,
        );
        // Greedy nearest matching: generic eigenvalues are far apart compared with the tolerance.
        const free = new Set(Array.from({ length: n }, (_, j) => j));
        for (let i = 0; i < n; i++) {
          let best = -1;
          let dist = Number.POSITIVE_INFINITY;
          for (const j of free) {
            const d = Math.hypot(ours.re[i] - re[j], ours.im[i] - im[j]);
            if (d < dist) [best, dist] = [j, d];
          }
          free.delete(best);
          expect(dist, `matrix ${k}, eigenvalue ${i}`).toBeLessThanOrEqual(
            ML_MATRIX_AGREEMENT * frobenius(a.data),
          );
        }
      });
    },
  );
});

// Under `npm run mutate` (StrykerJS) every mutant reruns the tests that cover it in instrumented
// code: the ml-matrix reproducer tests ml-matrix, not this file, and the tiny-entry class is
// sampled at 1 in 10 (any mutant it kills, it kills on the first few matrices as well).
const mutation = process.env.BPTT_MUTATION === '1';

describe('the termination guard', () => {
  test.skipIf(mutation)(
    'ml-matrix 6.15.1 EigenvalueDecomposition loops forever on the 3×3 reproducer (child process, killed after 3 s)',
    () => {
      // Documents why ml-matrix's non-symmetric EVD is not used, and that the child helper of the
      // differential test above turns a hang into a failure.
      expect(() => mlMatrixInChild(EVD, [fromRows(ML_MATRIX_HANGS[0])], 3000)).toThrow(
        /killed after 3000 ms \(a hang\)/,
      );
    },
  );

  test('our routine terminates on every known ml-matrix hang, with the right spectrum and small residuals', () => {
    for (const rows of ML_MATRIX_HANGS) {
      const a = fromRows(rows);
      const ev = eigenvalues(a);
      expect(coefficientError(vieta(ev), charPolyHP(a), frobenius(a.data))).toBeLessThan(COEFF_TOL);
      expect(eigenDecomposition(a).residual).toBeLessThan(1e-13);
      expectSortedWithAdjacentPairs(ev);
    }
    // the 3×3: 0 and ±i√2
    const ev = eigenvalues(fromRows(ML_MATRIX_HANGS[0]));
    expect(Math.abs(ev.im[0] - Math.SQRT2)).toBeLessThan(1e-14);
    expect(Math.abs(ev.re[2])).toBeLessThan(1e-14);
  });

  test('tiny-entry 6×6 class (2000 matrices, four variants): terminates, matches the characteristic polynomial and the flushed copy', () => {
    let worstPoly = 0;
    let worstFlush = 0;
    let worstResidual = 0;
    for (let seed = 1; seed <= (mutation ? 200 : 2000); seed++) {
      const a = tinyClass(seed);
      const normA = frobenius(a.data);
      const p = vieta(eigenvalues(a));
      // the 60-digit polynomial costs ~n⁴ decimal operations: check it on every 10th matrix
      if (seed % 10 === 0)
        worstPoly = Math.max(worstPoly, coefficientError(p, charPolyHP(a), normA));
      // flushing is a perturbation of ‖E‖ ≤ 36·1e-18‖A‖: the polynomials agree to ≈ ε
      worstFlush = Math.max(worstFlush, coefficientError(p, vieta(eigenvalues(flushed(a))), normA));
      worstResidual = Math.max(worstResidual, eigenDecomposition(a).residual);
    }
    expect(worstPoly).toBeLessThan(COEFF_TOL);
    expect(worstFlush).toBeLessThan(COEFF_TOL);
    expect(worstResidual).toBeLessThan(1e-13);
  });

  // Two matrices with entries in {k·5e-324, ±1e-300, 0, O(1)}: without the flush of entries below
  // 2^−963·max|a_ij|, products of subnormals make NaN eigenvectors here.
  test('subnormal entries beside O(1) ones: finite eigenpairs with small residuals', () => {
    const fuzzed = [
      [
        -1.5e-323, -2e-323, 1e-323, 0.5072351330891252, -5e-324, 0.21001417376101017, -1e-323,
        -1.5e-323, -1.5e-323,
      ],
      [
        0, 2e-323, -0.38728459645062685, 0.23403928568586707, 1.5e-323, -9.724603798240424e-301,
        2e-323, -5e-324, 2e-323,
      ],
    ];
    for (const data of fuzzed) {
      const a = mat(3, 3, Float64Array.from(data));
      const { values, residual } = eigenDecomposition(a);
      expect(residual).toBeLessThan(1e-13);
      expect(coefficientError(vieta(values), charPolyHP(a), frobenius(a.data))).toBeLessThan(
        COEFF_TOL,
      );
    }
  });

  test('a spectrum beyond the float64 range is an EigenvalueError, not ∞', () => {
    const big = 1.7e308;
    expect(() =>
      eigenvalues(
        fromRows([
          [big, big],
          [big, big],
        ]),
      ),
    ).toThrow(/non-finite result/);
  });

  // Two rotation blocks coupled by ±ε: a skew-symmetric tridiagonal with characteristic
  // polynomial λ⁴ + (2 + ε²)λ² + 1, so λ = ±iω± with ω± = √(1 + ε²/4) ± |ε|/2. The Francis pair
  // of the trailing block is ±i, equidistant from both pairs, so the standard step stalls; the
  // EISPACK ad hoc shift is O(1) away from both and changes H by O(ε²), lost in rounding for
  // ε ≤ 1e-9. For ε = 1e-8 that change survives rounding and the iteration converges at 24.
  test('coupled rotation blocks: ε = 1e-8 converges at iteration 24; ε = 1e-9 needs the tie-breaking shift at iteration 100', () => {
    const ev = eigenvalues(coupledRotations(1e-8), { maxIterations: 24 });
    expect(() => eigenvalues(coupledRotations(1e-8), { maxIterations: 20 })).toThrow(
      EigenvalueError,
    );
    const im = Array.from(ev.im).sort((p, q) => p - q);
    const want = [-(1 + 5e-9), -(1 - 5e-9), 1 - 5e-9, 1 + 5e-9];
    for (let j = 0; j < 4; j++) expect(Math.abs(im[j] - want[j])).toBeLessThan(1e-14);
    expect(maxAbs(ev.re)).toBeLessThan(1e-14);
    // before iteration 100 only the standard and ad hoc shifts run, and they stall
    expect(() => eigenvalues(coupledRotations(1e-9), { maxIterations: 100 })).toThrow(
      /no deflation after 100 QR iterations/,
    );
    // measured: 104 iterations, through the tie-breaking shift at 100
    const tie = eigenvalues(coupledRotations(1e-9), { maxIterations: 104 });
    expect(maxAbs(tie.re)).toBeLessThan(1e-14);
    expect(Array.from(tie.im)).toEqual([
      1.0000000005, -1.0000000005, 0.9999999994999998, -0.9999999994999998,
    ]);
  });

  // Backward stability: the computed eigenvalues are exact for A + E with ‖E‖_F ≤ c·nε‖A‖_F
  // (c a small constant; measured c ≤ 2 over 20 000 cases of this class). The class is normal
  // (skew-symmetric, or orthogonally similar to it up to the rounding of forming QAQᵀ, another
  // perturbation of ≤ 2nε‖A‖_F), so by Bauer–Fike with κ(V) = 1 each eigenvalue moves by at most
  // ‖E‖₂ ≤ ‖E‖_F: 8nε‖A‖_F bounds the error with a factor 4 of headroom. (Below |ε| ≈ 1e-14 the
  // split ω₊ − ω₋ = |ε| is inside that bound, as it is inside the data's own rounding.)
  test('coupled rotation blocks, ε log-uniform in ±[1e-15, 1e-6], scaled by ±2^k, transposed or rotated: no EigenvalueError, λ = ±iω± to 8nε‖A‖_F', () => {
    const variant = fc.oneof(
      fc.constant<null | 'transpose'>(null),
      fc.constant<null | 'transpose'>('transpose'),
      fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
    );
    fc.assert(
      fc.property(
        fc.double({ min: -15, max: -6, noNaN: true }),
        fc.boolean(),
        fc.integer({ min: -20, max: 20 }),
        fc.boolean(),
        variant,
        (exponent, negEps, k, negAlpha, how) => {
          const eps = (negEps ? -1 : 1) * 10 ** exponent;
          const alpha = (negAlpha ? -1 : 1) * 2 ** k;
          // αA is exact (a power of 2), and so is the transpose
          let a = mat(
            4,
            4,
            coupledRotations(eps).data.map((x) => alpha * x),
          );
          if (how === 'transpose') a = transpose(a);
          else if (how !== null) {
            const vv = how.reduce((s, x) => s + x * x, 0);
            // (a zero vector leaves A as it is)
            if (vv > 0) {
              const Q = mat(4, 4);
              for (let i = 0; i < 4; i++)
                for (let j = 0; j < 4; j++)
                  Q.data[i * 4 + j] = (i === j ? 1 : 0) - (2 * how[i] * how[j]) / vv;
              a = matmul(matmul(Q, a), Q);
            }
          }
          const ev = eigenvalues(a);
          expectSortedWithAdjacentPairs(ev);
          const c = Math.sqrt(1 + (eps * eps) / 4);
          const h = Math.abs(eps) / 2;
          const want = [c + h, c + h, c - h, c - h].map((w) => Math.abs(alpha) * w);
          const got = Array.from(ev.im, Math.abs).sort((p, q) => q - p);
          const bound = 8 * 4 * Number.EPSILON * frobenius(a.data);
          for (let j = 0; j < 4; j++) {
            expect(Math.abs(got[j] - want[j])).toBeLessThanOrEqual(bound);
            expect(Math.abs(ev.re[j])).toBeLessThanOrEqual(bound);
          }
          // two conjugate pairs: +im at positions 0 and 2
          expect(ev.im[0]).toBeGreaterThan(0);
          expect(ev.im[2]).toBeGreaterThan(0);
          expect(eigenDecomposition(a).residual).toBeLessThan(1e-13);
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });

  test('the iteration cap throws EigenvalueError instead of looping; non-finite input is rejected', () => {
    const a = tinyClass(4);
    expect(() => eigenvalues(a, { maxIterations: 0 })).toThrow(EigenvalueError);
    expect(() =>
      eigenvalues(
        fromRows([
          [1, Number.NaN],
          [0, 1],
        ]),
      ),
    ).toThrow(/non-finite entry/);
    expect(() => eigenvalues(fromRows([[1, 2, 3]]))).toThrow(RangeError);
  });
});

describe('convergence rate (the cap as a probe: maxIterations bounds the QR iterations per deflation)', () => {
  // Francis' double shift converges quadratically from a generic start: measured on 3000 uniform
  // random matrices (n = 2…12, entries in [−1, 1)) no deflation needed more than 17 iterations,
  // and most need 4–7. A shift or bulge-chase that is wrong but still converges (linearly) needs
  // far more, so a cap of 20 turns "correct but slow" into a failure.
  test('uniform random matrices, n = 2…12: every deflation within 20 QR iterations', () => {
    const r = xorshift(77);
    for (let trial = 0; trial < (mutation ? 300 : 2000); trial++) {
      const n = 2 + (trial % 11);
      const a = mat(
        n,
        n,
        Float64Array.from({ length: n * n }, () => 2 * r() - 1),
      );
      const ev = eigenvalues(a, { maxIterations: 20 });
      expect(ev.re.length, `trial ${trial}`).toBe(n);
    }
  });

  // The cyclic shift C e_i = e_{i+1 mod n} is where the standard shift stalls: it is orthogonal
  // with all eigenvalues on the unit circle, and a QR step with the Francis shift of its trailing
  // block leaves it unchanged. Only the exceptional shift at iteration 10 breaks the stall
  // (measured: 15–18 iterations for n = 3…12), after which the roots of unity come out to ~ε.
  test('cyclic shift, n = 3…12: the exceptional shift breaks the stall; λ = the n-th roots of unity', () => {
    for (let n = 3; n <= 12; n++) {
      const a = mat(n, n);
      for (let i = 0; i < n; i++) a.data[((i + 1) % n) * n + i] = 1;
      expect(() => eigenvalues(a, { maxIterations: 9 }), `n = ${n}`).toThrow(EigenvalueError);
      // measured 15–18 iterations for n = 3…12
      const ev = eigenvalues(a, { maxIterations: 18 });
      const want = Array.from({ length: n }, (_, k) => ({
        re: Math.cos((2 * Math.PI * k) / n),
        im: Math.sin((2 * Math.PI * k) / n),
      }));
      // each computed λ is within 1e-14 of a distinct root of unity
      const used = new Set<number>();
      for (let j = 0; j < n; j++) {
        const k = want.findIndex(
          (w, i) => !used.has(i) && Math.hypot(w.re - ev.re[j], w.im - ev.im[j]) < 1e-14,
        );
        expect(k, `n = ${n}: λ_${j} = ${ev.re[j]} + ${ev.im[j]}i`).toBeGreaterThanOrEqual(0);
        used.add(k);
      }
    }
  });

  // Day's 4×4 [[0,1,0,0],[1,0,ε,0],[0,−ε,0,1],[0,0,1,0]] (D. Day, "How the shifted QR algorithm fails
  // to converge and how to fix it", 1996: the example where
  // the standard and ad hoc shifts cycle): the eigenvalues ±√(1 − ε²/4 …) are double, and the
  // iteration needs the second exceptional shift at iteration 20 (measured 24–34 iterations for
  // ε = 1e-3…1e-14), so this exercises the MATLAB shift that the random matrices never reach.
  test('Day’s matrix, ε = 1e-3, 1e-6, 1e-10: needs more than 20 iterations, converges, and matches the 60-digit characteristic polynomial', () => {
    // measured iterations for the last deflation: 24, 28, 33; a cap at that count pins the
    // exceptional shifts' effect (a variant that converges more slowly fails here)
    for (const [eps, needs] of [
      [1e-3, 24],
      [1e-6, 28],
      [1e-10, 33],
    ]) {
      const a = fromRows([
        [0, 1, 0, 0],
        [1, 0, eps, 0],
        [0, -eps, 0, 1],
        [0, 0, 1, 0],
      ]);
      expect(() => eigenvalues(a, { maxIterations: 20 }), `ε = ${eps}`).toThrow(EigenvalueError);
      const ev = eigenvalues(a, { maxIterations: needs });
      expect(coefficientError(vieta(ev), charPolyHP(a), frobenius(a.data))).toBeLessThan(COEFF_TOL);
      expect(eigenDecomposition(a).residual, `ε = ${eps}`).toBeLessThan(1e-13);
    }
  });
});
