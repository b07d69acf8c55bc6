/**
 * Spectral tools for the exploding-gradient claims (Theorem 3, Theorem 4, Lemma 3): singular values
 * at 60 digits, and exact rational certificates — ‖M‖₂² < x, ‖M‖₂² ≥ x, every |λ(A)| > L, exact
 * dyadic eigenpairs. Every certificate is a finite computation on the exact values of the doubles
 * (Rational.fromDouble), so a refutation built on it holds for the real numbers, not for rounding.
 */

import { type Mat, mat } from '../Mat.js';
import { HP, type HPNumber } from './decimal.js';
import { type HPMat, hpMatmul, hpTranspose } from './hpMat.js';
import {
  characteristicPolynomial,
  Rational,
  type RationalMat,
  rationalInverse,
} from './rational.js';

const HP_ZERO = new HP(0);
const HP_ONE = new HP(1);

/** Jacobi sweeps allowed at 60 digits: cyclic Jacobi converges quadratically, ~6 sweeps for n ≤ 8. */
const HP_MAX_SWEEPS = 60;

/** Off-diagonal mass (relative to ‖S‖_F) below which the 60-digit Jacobi iteration stops: 10⁻⁵⁸. */
const HP_OFF_TOL = new HP('1e-58');

/**
 * The eigenvalues of a symmetric matrix at 60 digits, descending, by cyclic Jacobi rotations
 * (Rutishauser's update; each rotation is orthogonal to working precision, so every eigenvalue is
 * accurate to ≈ 10⁻⁵⁸·‖S‖_F). Only the upper triangle is read.
 */
export function hpSymmetricEigenvalues(s: HPMat): HPNumber[] {
  const n = s.rows;
  if (s.cols !== n) throw new RangeError(`hpSymmetricEigenvalues: ${s.rows}×${s.cols}`);
  const a: HPNumber[] = new Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) a[i * n + j] = s.data[Math.min(i, j) * n + Math.max(i, j)];
  }
  let fro = HP_ZERO;
  for (const x of a) fro = fro.plus(x.times(x));
  const stop = fro.sqrt().times(HP_OFF_TOL);
  for (let sweep = 0; sweep < HP_MAX_SWEEPS; sweep++) {
    let off = HP_ZERO;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off = off.plus(a[p * n + q].pow(2));
    if (off.sqrt().lte(stop)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq.isZero()) continue;
        // θ = (a_qq − a_pp)/(2a_pq), t = sgn θ/(|θ| + √(θ² + 1)): the smaller rotation angle.
        const theta = a[q * n + q].minus(a[p * n + p]).div(apq.times(2));
        const t = (theta.isNeg() ? HP_ONE.neg() : HP_ONE).div(
          theta.abs().plus(theta.pow(2).plus(1).sqrt()),
        );
        const c = HP_ONE.div(t.pow(2).plus(1).sqrt());
        const sn = t.times(c);
        const tau = sn.div(HP_ONE.plus(c));
        a[p * n + p] = a[p * n + p].minus(t.times(apq));
        a[q * n + q] = a[q * n + q].plus(t.times(apq));
        a[p * n + q] = HP_ZERO;
        a[q * n + p] = HP_ZERO;
        for (let r = 0; r < n; r++) {
          if (r === p || r === q) continue;
          const g = a[r * n + p];
          const h = a[r * n + q];
          const gp = g.minus(sn.times(h.plus(g.times(tau))));
          const hq = h.plus(sn.times(g.minus(h.times(tau))));
          a[r * n + p] = gp;
          a[p * n + r] = gp;
          a[r * n + q] = hq;
          a[q * n + r] = hq;
        }
      }
    }
  }
  const out: HPNumber[] = [];
  for (let i = 0; i < n; i++) out.push(a[i * n + i]);
  return out.sort((x, y) => y.cmp(x));
}

/** The min(rows, cols) singular values of a at 60 digits, descending: √ of the smaller Gram matrix's eigenvalues. */
export function hpSingularValues(a: HPMat): HPNumber[] {
  const at = hpTranspose(a);
  const gram = a.rows >= a.cols ? hpMatmul(at, a) : hpMatmul(a, at);
  // A Gram eigenvalue below zero is rounding of a zero singular value.
  return hpSymmetricEigenvalues(gram).map((x) => (x.isNeg() ? HP_ZERO : x.sqrt()));
}

/** ‖a‖₂ at 60 digits. */
export function hpSpectralNorm(a: HPMat): HPNumber {
  return hpSingularValues(a)[0] ?? HP_ZERO;
}

/** s_min(a) of a square matrix at 60 digits. */
export function hpSmallestSingularValue(a: HPMat): HPNumber {
  const s = hpSingularValues(a);
  return s[s.length - 1] ?? HP_ZERO;
}

/** The exact value p/q of a rational at 60 digits. */
export function rationalToHP(x: Rational): HPNumber {
  return new HP(x.num.toString()).div(new HP(x.den.toString()));
}

/** The n×n rational matrix of a float64 matrix, exactly. */
export function rationalFromMat(a: Mat): RationalMat {
  return { rows: a.rows, cols: a.cols, data: Array.from(a.data, (x) => Rational.fromDouble(x)) };
}

/** aᵀ exactly. */
export function rationalTranspose(a: RationalMat): RationalMat {
  const data: Rational[] = new Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < a.cols; j++) data[j * a.rows + i] = a.data[i * a.cols + j];
  return { rows: a.cols, cols: a.rows, data };
}

/** aᵀa exactly. */
export function rationalGram(a: RationalMat): RationalMat {
  const n = a.cols;
  const data: Rational[] = new Array(n * n).fill(Rational.ZERO);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let acc = Rational.ZERO;
      for (let k = 0; k < a.rows; k++) acc = acc.add(a.data[k * n + i].mul(a.data[k * n + j]));
      data[i * n + j] = acc;
      data[j * n + i] = acc;
    }
  }
  return { rows: n, cols: n, data };
}

/**
 * Whether a symmetric rational matrix is positive definite, exactly: Gaussian elimination without
 * pivoting, every pivot > 0 (the pivots are the ratios of successive leading principal minors, so
 * this is Sylvester's criterion).
 */
export function isPositiveDefinite(s: RationalMat): boolean {
  const n = s.rows;
  const a = s.data.slice();
  for (let k = 0; k < n; k++) {
    const piv = a[k * n + k];
    if (piv.sign() <= 0) return false;
    for (let i = k + 1; i < n; i++) {
      const f = a[i * n + k].div(piv);
      if (f.isZero()) continue;
      for (let j = k; j < n; j++) a[i * n + j] = a[i * n + j].sub(f.mul(a[k * n + j]));
    }
  }
  return true;
}

/** ‖a‖₂² < x, exactly: x·I − aᵀa is positive definite. */
export function certifyNormSqBelow(a: RationalMat, x: Rational): boolean {
  const g = rationalGram(a);
  const n = g.rows;
  const data = g.data.map((v, q) => (q % (n + 1) === 0 ? x.sub(v) : v.neg()));
  return isPositiveDefinite({ rows: n, cols: n, data });
}

/** ‖a v‖²/‖v‖², exactly: a lower bound of ‖a‖₂² for any v ≠ 0. */
export function rayleighNormSq(a: RationalMat, v: readonly Rational[]): Rational {
  let num = Rational.ZERO;
  for (let i = 0; i < a.rows; i++) {
    let acc = Rational.ZERO;
    for (let j = 0; j < a.cols; j++) acc = acc.add(a.data[i * a.cols + j].mul(v[j]));
    num = num.add(acc.mul(acc));
  }
  let den = Rational.ZERO;
  for (const x of v) den = den.add(x.mul(x));
  return den.isZero() ? Rational.ZERO : num.div(den);
}

/**
 * Eigenvalues and orthonormal eigenvectors (columns) of a symmetric float64 matrix by cyclic
 * Jacobi, descending. Used only to choose test vectors for exact Rayleigh quotients, so its
 * accuracy affects how tight a certified bound is, never whether it is valid.
 */
export function floatSymmetricEigen(s: Mat): { values: Float64Array; vectors: Mat } {
  const n = s.rows;
  const a = Float64Array.from(s.data);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let tot = 0;
    for (let p = 0; p < n; p++) {
      for (let q = 0; q < n; q++) {
        tot += a[p * n + q] ** 2;
        if (p !== q) off += a[p * n + q] ** 2;
      }
    }
    if (off <= 1e-32 * tot) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let r = 0; r < n; r++) {
          const arp = a[r * n + p];
          const arq = a[r * n + q];
          a[r * n + p] = c * arp - sn * arq;
          a[r * n + q] = sn * arp + c * arq;
        }
        for (let r = 0; r < n; r++) {
          const apr = a[p * n + r];
          const aqr = a[q * n + r];
          a[p * n + r] = c * apr - sn * aqr;
          a[q * n + r] = sn * apr + c * aqr;
        }
        for (let r = 0; r < n; r++) {
          const vrp = v[r * n + p];
          const vrq = v[r * n + q];
          v[r * n + p] = c * vrp - sn * vrq;
          v[r * n + q] = sn * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i]);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  const vectors = mat(n, n);
  order.forEach((src, dst) => {
    for (let r = 0; r < n; r++) vectors.data[r * n + dst] = v[r * n + src];
  });
  return { values, vectors };
}

/** aᵀa in float64. */
function floatGram(a: Mat): Mat {
  const n = a.cols;
  const g = mat(n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let k = 0; k < a.rows; k++) acc += a.data[k * n + i] * a.data[k * n + j];
      g.data[i * n + j] = acc;
    }
  return g;
}

/**
 * A certified lower bound of ‖a‖₂²: the exact Rayleigh quotient ‖a v‖²/‖v‖² at the float64 top
 * right singular vector v (its error is second order in the vector's, so the bound is tight to
 * about 10⁻³⁰ relative for a simple top singular value).
 */
export function normSqLowerBound(a: Mat): Rational {
  if (a.data.every((x) => x === 0)) return Rational.ZERO;
  const { vectors } = floatSymmetricEigen(floatGram(a));
  const n = a.cols;
  const v: Rational[] = [];
  for (let i = 0; i < n; i++) v.push(Rational.fromDouble(vectors.data[i * n]));
  return rayleighNormSq(rationalFromMat(a), v);
}

/**
 * Whether every root of Σ_i a_i z^i (a_n ≠ 0) lies strictly inside the unit disk, exactly: the
 * Schur–Cohn recursion f ↦ (a_n f − a_0 f*)/z with f*(z) = zⁿ f(1/z). On |z| = 1, |f*| = |f| for
 * real coefficients, so when |a_0| < |a_n| Rouché gives a_n f − a_0 f* the zeros of f inside the
 * disk; it vanishes at 0, and dividing by z leaves a polynomial of degree n − 1 with one zero
 * fewer inside. A zero on the circle survives every step and ends in a failed |a_0| < |a_n|.
 */
export function schurStable(coefficients: readonly Rational[]): boolean {
  let c = coefficients.slice();
  while (c.length > 0 && c[c.length - 1].isZero()) c.pop();
  if (c.length === 0) return false;
  while (c.length > 1) {
    const n = c.length - 1;
    const an = c[n];
    const a0 = c[0];
    if (a0.abs().cmp(an.abs()) >= 0) return false;
    const next: Rational[] = [];
    for (let i = 0; i < n; i++) next.push(an.mul(c[i + 1]).sub(a0.mul(c[n - 1 - i])));
    c = next;
  }
  return true;
}

/**
 * Whether every eigenvalue λ of the square rational matrix a has |λ| > L (L > 0), exactly: with
 * p(z) = det(zI − a) = Σ c_k z^k, the polynomial q(w) = wⁿ p(L/w) = Σ_k c_k L^k w^{n−k} has the
 * roots w = L/λ, and |λ| > L for all λ exactly when q is Schur stable (c_0 = 0 means λ = 0).
 */
export function certifyEigenvaluesAbove(a: RationalMat, L: Rational): boolean {
  if (L.sign() <= 0) throw new RangeError('certifyEigenvaluesAbove: L must be positive');
  const c = characteristicPolynomial(a);
  const n = a.rows;
  if (c[0].isZero()) return false;
  const q: Rational[] = [];
  let Lk = Rational.ONE;
  const powers: Rational[] = [];
  for (let k = 0; k <= n; k++) {
    powers.push(Lk);
    Lk = Lk.mul(L);
  }
  for (let i = 0; i <= n; i++) q.push(c[n - i].mul(powers[n - i]));
  return schurStable(q);
}

/** The dyadic rational nearest to x with denominator 2^s. */
function dyadicNear(x: number, s: number): Rational {
  return Rational.of(BigInt(Math.round(x * 2 ** s)), 1n << BigInt(s));
}

/**
 * A certified lower bound L of min |λ(a)|, from the float64 estimate: the largest of
 * estimate·(1 − 2^−k), k = 40, 30, 20, 12, 6 (rounded to a dyadic) that certifyEigenvaluesAbove
 * confirms. The slack covers the float64 error of the estimate (≈ √ε for a double eigenvalue);
 * undefined when none is confirmed or the estimate is not positive.
 */
export function minEigenvalueModulusLowerBound(
  a: RationalMat,
  estimate: number,
): Rational | undefined {
  if (!(estimate > 0) || !Number.isFinite(estimate)) return undefined;
  for (const k of [40, 30, 20, 12, 6]) {
    const e = Math.floor(Math.log2(estimate));
    const L = dyadicNear(estimate * (1 - 2 ** -k), Math.max(0, k + 4 - e));
    if (L.sign() > 0 && certifyEigenvaluesAbove(a, L)) return L;
  }
  return undefined;
}

/** p(x) for ascending coefficients, exactly (Horner). */
export function evalPolynomial(c: readonly Rational[], x: Rational): Rational {
  let acc = Rational.ZERO;
  for (let i = c.length - 1; i >= 0; i--) acc = acc.mul(x).add(c[i]);
  return acc;
}

/** Largest dyadic denominator exponent tried when recognising an exact eigenvalue. */
const MAX_DYADIC_EXPONENT = 24;

/**
 * The exact dyadic eigenvalues of a, one per float64 estimate: for each estimate x, among the
 * roundings k/2^s of x (s = 0…24) that are exact roots of det(λI − a), the one nearest x (a coarse
 * rounding can land on a neighbouring root). Undefined when some estimate has no such root (an
 * irrational or non-dyadic eigenvalue: its eigenvectors are not exactly known).
 */
export function exactDyadicEigenvalues(
  a: RationalMat,
  estimates: readonly number[],
): Rational[] | undefined {
  const p = characteristicPolynomial(a);
  const out: Rational[] = [];
  for (const x of estimates) {
    let found: Rational | undefined;
    let dist = Number.POSITIVE_INFINITY;
    for (let s = 0; s <= MAX_DYADIC_EXPONENT; s++) {
      const r = dyadicNear(x, s);
      const d = Math.abs(r.toNumber() - x);
      if (d < dist && evalPolynomial(p, r).isZero()) {
        found = r;
        dist = d;
      }
    }
    if (found === undefined) return undefined;
    out.push(found);
  }
  return out;
}

/** A nonzero vector of the null space of a square rational matrix (exact elimination), or undefined if a is invertible. */
export function rationalNullVector(a: RationalMat): Rational[] | undefined {
  const n = a.rows;
  const m = a.cols;
  const r = a.data.slice();
  const pivotCol: number[] = [];
  let row = 0;
  for (let col = 0; col < m && row < n; col++) {
    let p = row;
    while (p < n && r[p * m + col].isZero()) p++;
    if (p === n) continue;
    for (let j = 0; j < m; j++) [r[row * m + j], r[p * m + j]] = [r[p * m + j], r[row * m + j]];
    const piv = r[row * m + col];
    for (let j = 0; j < m; j++) r[row * m + j] = r[row * m + j].div(piv);
    for (let i = 0; i < n; i++) {
      if (i === row || r[i * m + col].isZero()) continue;
      const f = r[i * m + col];
      for (let j = 0; j < m; j++) r[i * m + j] = r[i * m + j].sub(f.mul(r[row * m + j]));
    }
    pivotCol.push(col);
    row++;
  }
  const free = Array.from({ length: m }, (_, j) => j).find((j) => !pivotCol.includes(j));
  if (free === undefined) return undefined;
  const v: Rational[] = new Array(m).fill(Rational.ZERO);
  v[free] = Rational.ONE;
  pivotCol.forEach((col, i) => {
    v[col] = r[i * m + free].neg();
  });
  return v;
}

/** An exact real eigen-decomposition a = V·diag(λ)·V⁻¹ with dyadic eigenvalues. */
export interface ExactEigen {
  /** Eigenvalues in the order of the estimates (decreasing modulus when the estimates are). */
  readonly values: Rational[];
  /** Columns are right eigenvectors q_i: a q_i = λ_i q_i. */
  readonly V: RationalMat;
  /** V⁻¹; its rows are left eigenvectors p_iᵀ (p_iᵀ a = λ_i p_iᵀ) with p_iᵀ q_k = δ_ik. */
  readonly Vinv: RationalMat;
}

/**
 * The exact eigen-decomposition of a (distinct dyadic eigenvalues recognised from the float64
 * estimates), verified by a·V = V·diag(λ) exactly; undefined when the spectrum is not dyadic, not
 * simple, or V is singular.
 */
export function exactEigen(a: RationalMat, estimates: readonly number[]): ExactEigen | undefined {
  const n = a.rows;
  const values = exactDyadicEigenvalues(a, estimates);
  if (values === undefined) return undefined;
  for (let i = 0; i < n; i++)
    for (let k = i + 1; k < n; k++) if (values[i].eq(values[k])) return undefined;
  const cols: Rational[][] = [];
  for (const lam of values) {
    const shifted: RationalMat = {
      rows: n,
      cols: n,
      data: a.data.map((x, q) => (q % (n + 1) === 0 ? x.sub(lam) : x)),
    };
    const v = rationalNullVector(shifted);
    if (v === undefined) return undefined;
    cols.push(v);
  }
  const V: RationalMat = {
    rows: n,
    cols: n,
    data: Array.from({ length: n * n }, (_, q) => cols[q % n][Math.floor(q / n)]),
  };
  const Vinv = rationalInverse(V);
  if (Vinv === undefined) return undefined;
  // a·q_i = λ_i q_i for every i, exactly.
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < n; r++) {
      let acc = Rational.ZERO;
      for (let k = 0; k < n; k++) acc = acc.add(a.data[r * n + k].mul(cols[i][k]));
      if (!acc.eq(values[i].mul(cols[i][r]))) return undefined;
    }
  }
  return { values, V, Vinv };
}
