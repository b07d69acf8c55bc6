/**
 * Exact eigenvalue certificates from the characteristic polynomial: ρ(W) < r and nilpotency of a
 * dyadic W, its rational dominant eigenvalues, every |λ| > L for a rational matrix, and exact
 * eigen-decompositions with dyadic eigenvalues recognised from float64 estimates.
 */

import { type DyadicMat, withNonNegativeExponent } from './dyadic.js';
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
} from './polynomial.js';
import { absBig, Rational } from './rational.js';
import { type RationalMat, rationalInverse, rationalNullVector } from './rationalMat.js';

/**
 * ρ(W) < r exactly, for a dyadic W = A·2^−e and r = num/den: the roots of p_A (the eigenvalues of
 * A = 2^e W) must lie inside |z| < 2^e·r.
 */
export function spectralRadiusBelow(W: DyadicMat, num: bigint, den: bigint): boolean {
  const p = intCharPoly(W.data, W.rows);
  // Stryker disable next-line EqualityOperator: at e = 0 both branches shift by 0
  return W.e >= 0
    ? rootsInsideDisk(p, num << BigInt(W.e), den)
    : rootsInsideDisk(p, num, den << BigInt(-W.e));
}

/** ρ(W) = 0 exactly, i.e. W is nilpotent: det(zI − W) = zⁿ. */
export function isNilpotent(W: DyadicMat): boolean {
  const p = intCharPoly(W.data, W.rows);
  return p.slice(0, W.rows).every((c) => c === 0n);
}

/** An eigenvalue of W found exactly: value k·2^−e, with its algebraic multiplicity. */
export interface RationalEigenvalue {
  readonly k: bigint;
  readonly e: number;
  readonly multiplicity: number;
}

/** The eigenvalues of W that are exact dyadic rationals k·2^−e (e = W's exponent), with their float value. */
export interface DominantEigenvalues {
  /** The dominant (largest-modulus) eigenvalues, all rational, with multiplicities. */
  readonly dominant: RationalEigenvalue[];
  /** The characteristic polynomial of A = 2^e W left after removing the dominant roots. */
  readonly rest: bigint[];
}

/**
 * The dominant eigenvalues of W, when they are all rational: every real float estimate is rounded
 * to the grids 2^−j (j ≤ min(e, 60)) and kept if it is an exact root of p_A(2^e·z) (the
 * eigenvalues of A = 2^e W are roots of a monic integer polynomial, so rational ones are integers);
 * the roots of the largest modulus are removed with their multiplicity, and the rest must have all
 * roots strictly inside that modulus (Schur–Cohn). Undefined when no such certificate is found
 * (an irrational or complex dominant eigenvalue, or a rational one the guesses missed).
 */
export function rationalDominantEigenvalues(
  W: DyadicMat,
  floatGuesses: readonly number[],
): DominantEigenvalues | undefined {
  W = withNonNegativeExponent(W);
  const n = W.rows;
  let p = intCharPoly(W.data, n);
  const roots = new Map<bigint, number>();
  const tried = new Set<bigint>();
  for (const g of floatGuesses) {
    // Stryker disable next-line ConditionalExpression: a non-finite guess rounds to a non-safe integer and is skipped below
    if (!Number.isFinite(g)) continue;
    for (let j = 0; j <= Math.min(W.e, 60); j++) {
      const r = Math.round(g * 2 ** j);
      // Stryker disable next-line ConditionalExpression: a shortcut; a larger rounding is still an integer, and only the exact root test decides
      if (!Number.isSafeInteger(r)) continue;
      const k = BigInt(r) << BigInt(W.e - j);
      // Stryker disable next-line ConditionalExpression: a shortcut; a tried root was deflated with its full multiplicity and is no root any more
      if (tried.has(k)) continue;
      tried.add(k);
      let mult = 0;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: p is monic, so at degree 0 it is 1 and has no root
      while (degree(p) > 0 && evalInt(p, k) === 0n) {
        p = deflate(p, k);
        mult++;
      }
      if (mult > 0) roots.set(k, (roots.get(k) ?? 0) + mult);
    }
  }
  // Stryker disable next-line ConditionalExpression: a shortcut; with no root found, top = 0 and the degree-n rest (n ≥ 1) returns undefined below
  if (roots.size === 0) return undefined;
  let top = 0n;
  // Stryker disable next-line EqualityOperator: at equality top keeps its value
  for (const k of roots.keys()) if (absBig(k) > top) top = absBig(k);
  const dominant: RationalEigenvalue[] = [];
  let rest = p;
  for (const [k, mult] of roots) {
    if (absBig(k) === top) dominant.push({ k, e: W.e, multiplicity: mult });
    else for (let i = 0; i < mult; i++) rest = multiplyLinear(rest, k);
  }
  // every remaining root must have modulus < |λ1| = top·2^−e (for top = 0, no root may remain)
  if (top === 0n) return degree(rest) === 0 ? { dominant, rest } : undefined;
  return rootsInsideDisk(rest, top, 1n) ? { dominant, rest } : undefined;
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
  return rationalSchurStable(q);
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
    // Stryker disable next-line ConditionalExpression,EqualityOperator: L > 0 always: the grid 2^−(k+4−e) is finer than estimate·2^−k, so the rounding is positive
    if (L.sign() > 0 && certifyEigenvaluesAbove(a, L)) return L;
  }
  return undefined;
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
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equal eigenvalues give the same null vector, so a singular V, which the inverse check rejects
  for (let i = 0; i < n; i++)
    // Stryker disable next-line ConditionalExpression: as above
    for (let k = i + 1; k < n; k++) if (values[i].eq(values[k])) return undefined;
  const cols: Rational[][] = [];
  for (const lam of values) {
    const shifted: RationalMat = {
      rows: n,
      cols: n,
      data: a.data.map((x, q) => (q % (n + 1) === 0 ? x.sub(lam) : x)),
    };
    const v = rationalNullVector(shifted);
    // Stryker disable next-line ConditionalExpression: λ is an exact root of det(λI − a), so a − λI is singular and has a null vector
    if (v === undefined) return undefined;
    cols.push(v);
  }
  const V: RationalMat = {
    rows: n,
    cols: n,
    data: Array.from({ length: n * n }, (_, q) => cols[q % n][Math.floor(q / n)]),
  };
  const Vinv = rationalInverse(V);
  // Stryker disable next-line ConditionalExpression: eigenvectors of distinct eigenvalues are independent, so V is invertible once the values are distinct
  if (Vinv === undefined) return undefined;
  // a·q_i = λ_i q_i for every i, exactly. The null vectors satisfy it by construction; the check
  // guards the code above, so its mutants cannot change a result:
  // Stryker disable next-line ConditionalExpression,BlockStatement: see above
  for (let i = 0; i < n; i++) {
    // Stryker disable next-line ConditionalExpression,BlockStatement: see above
    for (let r = 0; r < n; r++) {
      let acc = Rational.ZERO;
      for (let k = 0; k < n; k++) acc = acc.add(a.data[r * n + k].mul(cols[i][k]));
      // Stryker disable next-line ConditionalExpression: see above
      if (!acc.eq(values[i].mul(cols[i][r]))) return undefined;
    }
  }
  return { values, V, Vinv };
}
