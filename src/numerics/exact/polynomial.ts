/**
 * Polynomials with exact coefficients, ascending (p(z) = Σ p[k] z^k): the characteristic
 * polynomial (Faddeev–LeVerrier in integers), root location in a disk (Schur–Cohn, decided by
 * Möbius + Routh–Hurwitz), root scaling, evaluation and deflation.
 */

import { positiveLeadingMinors } from './definiteness.js';
import { intMatmul } from './dyadic.js';
import { Rational } from './rational.js';
import { clearDenominators, type RationalMat } from './rationalMat.js';

/** The degree of p (−1 for the zero polynomial). */
export function degree(p: readonly bigint[]): number {
  let d = p.length - 1;
  // Stryker disable next-line ConditionalExpression: p[−1] is undefined, not 0n, so the loop stops at −1 anyway
  while (d >= 0 && p[d] === 0n) d--;
  return d;
}

/**
 * Coefficients c_0 … c_n of det(zI − A) for an integer matrix A (c_n = 1), by Faddeev–LeVerrier
 * in integers: M_k = A·M_{k−1} + c_{n−k+1}I, c_{n−k} = −tr(A·M_k)/k. The division is exact because
 * the coefficients of the characteristic polynomial of an integer matrix are integers, and so are
 * the M_k (polynomials in A with those coefficients).
 */
export function intCharPoly(A: readonly bigint[], n: number): bigint[] {
  // Stryker disable next-line ArrayDeclaration,ArithmeticOperator: c_n and every c_{n−k} are assigned before they are read
  const c: bigint[] = new Array(n + 1).fill(0n);
  c[n] = 1n;
  let M: bigint[] = new Array(n * n).fill(0n);
  const mul = (X: readonly bigint[], Y: readonly bigint[]) => intMatmul(X, Y, n, n, n);
  for (let k = 1; k <= n; k++) {
    M = mul(A, M);
    for (let i = 0; i < n; i++) M[i * n + i] += c[n - k + 1];
    const AM = mul(A, M);
    let tr = 0n;
    for (let i = 0; i < n; i++) tr += AM[i * n + i];
    // Stryker disable next-line ConditionalExpression: the guard never fires: the division is exact (the coefficients are integers)
    if (tr % BigInt(k) !== 0n) throw new Error('intCharPoly: inexact division (a bug)');
    c[n - k] = -tr / BigInt(k);
  }
  return c;
}

/**
 * Coefficients c_0 … c_n of det(λI − a) = Σ c_k λ^k (c_n = 1), exactly: with a = A/L for an
 * integer A, det(λI − a) = L^{−n} det(LλI − A), so c_k = p_A[k]/L^{n−k} (intCharPoly of A).
 */
export function characteristicPolynomial(a: RationalMat): Rational[] {
  const n = a.rows;
  const { ints, den } = clearDenominators(a.data);
  return intCharPoly(ints, n).map((c, k) => Rational.of(c, den ** BigInt(n - k)));
}

/**
 * Whether every root of p lies in the open unit disk, exactly. The Möbius map z = (1 + w)/(1 − w)
 * sends |z| < 1 onto Re w < 0, so this holds iff q(w) = (1 − w)ⁿ p((1 + w)/(1 − w)) =
 * Σ p_k (1 + w)^k (1 − w)^{n−k} keeps degree n (its leading coefficient is (−1)ⁿ p(−1); a drop
 * means a root at z = −1) and is Hurwitz-stable: with q's leading coefficient made positive, all
 * leading principal minors of its Hurwitz matrix are positive (Routh–Hurwitz). The minors come
 * from Bareiss's fraction-free elimination, whose integers grow linearly, not exponentially as
 * in the Schur–Cohn recursion (src/testing/schurCohn.ts, the tests' independent reference).
 */
export function schurStable(p: readonly bigint[]): boolean {
  const n = degree(p);
  if (n < 0) throw new RangeError('schurStable: the zero polynomial');
  // Stryker disable next-line ConditionalExpression: a shortcut; for n = 0 the general path tests c_0 > 0 and an empty Hurwitz matrix, and returns true
  if (n === 0) return true;
  // q = Σ p_k (1 + w)^k (1 − w)^{n−k}
  const q: bigint[] = new Array(n + 1).fill(0n);
  const plus = binomialPowers(n, 1n);
  const minus = binomialPowers(n, -1n);
  for (let k = 0; k <= n; k++) {
    // Stryker disable next-line ConditionalExpression: a shortcut; a zero term adds nothing
    if (p[k] === 0n) continue;
    const a = plus[k];
    const b = minus[n - k];
    for (let i = 0; i < a.length; i++) {
      // Stryker disable next-line ConditionalExpression: a shortcut; a zero term adds nothing
      if (a[i] === 0n) continue;
      // Stryker disable next-line AssignmentOperator: −q has the roots of q, and the sign normalization below gives the same c
      for (let j = 0; j < b.length; j++) q[i + j] += p[k] * a[i] * b[j];
    }
  }
  // Stryker disable next-line ConditionalExpression: a shortcut; with q_n = 0, c_0 = 0 fails the positivity test below
  if (q[n] === 0n) return false;
  const sign = q[n] > 0n ? 1n : -1n;
  // descending coefficients c_0 = q_n > 0, …, c_n = q_0; every c_k > 0 is necessary
  // Stryker disable next-line MethodExpression,ArithmeticOperator: sign = ±1, so x/sign = x·sign; the reversed polynomial has the roots 1/w, in the same half-plane
  const c = q.map((x) => x * sign).reverse();
  // Stryker disable next-line ConditionalExpression,MethodExpression,ArrowFunction,EqualityOperator: a shortcut; positive Hurwitz minors already imply positive coefficients (Hurwitz)
  if (c.some((x) => x <= 0n)) return false;
  // Hurwitz matrix H[i][j] = c_{2j − i + 1} (0-based i, j; c_k = 0 outside 0…n)
  const H: bigint[] = new Array(n * n).fill(0n);
  // Stryker disable next-line EqualityOperator: a row i = n is written past the n×n block, which positiveLeadingMinors never reads
  for (let i = 0; i < n; i++)
    // Stryker disable next-line EqualityOperator: for j = n, k = 2n − i + 1 > n, so nothing is written
    for (let j = 0; j < n; j++) {
      const k = 2 * j - i + 1;
      if (k >= 0 && k <= n) H[i * n + j] = c[k];
    }
  return positiveLeadingMinors(H, n);
}

/**
 * Whether every root of Σ_i c_i z^i lies strictly inside the unit disk, exactly, for rational
 * coefficients (false for the zero polynomial): schurStable on the integer multiple with the same
 * roots.
 */
export function rationalSchurStable(coefficients: readonly Rational[]): boolean {
  if (coefficients.every((c) => c.isZero())) return false;
  return schurStable(clearDenominators(coefficients).ints);
}

/** (1 + s·w)^k coefficients for k = 0 … n (ascending). */
function binomialPowers(n: number, s: bigint): bigint[][] {
  const out: bigint[][] = [[1n]];
  for (let k = 1; k <= n; k++) {
    const prev = out[k - 1];
    const next: bigint[] = new Array(k + 1).fill(0n);
    for (let i = 0; i < prev.length; i++) {
      next[i] += prev[i];
      next[i + 1] += s * prev[i];
    }
    out.push(next);
  }
  return out;
}

/** p(r·z) scaled to integers for r = num/den > 0: Σ p_k num^k den^{n−k} z^k (same roots as p(rz)). */
export function scaleRoots(p: readonly bigint[], num: bigint, den: bigint): bigint[] {
  const n = degree(p);
  const out: bigint[] = [];
  let nk = 1n;
  for (let k = 0; k <= n; k++) {
    out.push(p[k] * nk * den ** BigInt(n - k));
    nk *= num;
  }
  return out;
}

/** Whether every root of p has modulus < num/den, exactly (num, den > 0). */
export function rootsInsideDisk(p: readonly bigint[], num: bigint, den: bigint): boolean {
  if (num <= 0n || den <= 0n) throw new RangeError('rootsInsideDisk: radius must be positive');
  return schurStable(scaleRoots(p, num, den));
}

/** p(x) for an integer x (Horner). */
export function evalInt(p: readonly bigint[], x: bigint): bigint {
  let acc = 0n;
  for (let k = degree(p); k >= 0; k--) acc = acc * x + p[k];
  return acc;
}

/** p(z)/(z − r) for an integer root r of p (synthetic division; exact for monic p). */
export function deflate(p: readonly bigint[], r: bigint): bigint[] {
  const n = degree(p);
  // Stryker disable next-line ArrayDeclaration: every entry 0 … n − 1 is assigned below
  const q: bigint[] = new Array(n).fill(0n);
  let acc = 0n;
  for (let k = n; k >= 1; k--) {
    acc = acc * r + p[k];
    q[k - 1] = acc;
  }
  if (acc * r + p[0] !== 0n) throw new RangeError('deflate: not a root');
  return q;
}

/** p(z)·(z − r). */
export function multiplyLinear(p: readonly bigint[], r: bigint): bigint[] {
  const n = degree(p);
  const out: bigint[] = new Array(n + 2).fill(0n);
  for (let k = 0; k <= n; k++) {
    out[k + 1] += p[k];
    out[k] -= r * p[k];
  }
  return out;
}

/** p(x) for ascending coefficients, exactly (Horner). */
export function evalPolynomial(c: readonly Rational[], x: Rational): Rational {
  let acc = Rational.ZERO;
  for (let i = c.length - 1; i >= 0; i--) acc = acc.mul(x).add(c[i]);
  return acc;
}
