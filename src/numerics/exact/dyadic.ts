/**
 * Exact arithmetic for the certificates of Theorem 2 and the remark of 4.2. Every float64 is a
 * dyadic rational m·2^−e, so a case's matrices are integer matrices over a common power of two;
 * everything here works on BigInt integers (no gcd in the hot loops) and decides, exactly:
 * whether all roots of a polynomial lie in an open disk (Schur–Cohn), whether s_max(W) < r
 * (Sylvester's criterion on r²I − WᵀW), whether W is normal, the rational dominant eigenvalues of
 * W, the M-annihilator of a vector (Krylov), and the trajectory of Eq. (1) for piecewise-linear σ.
 */

import type { ActivationName } from '../../model/activation.js';
import type { Case } from '../../model/caseFile.js';
import { doubleToDyadic, trailingZeros } from './rational.js';

/** A dyadic matrix: entry (i, j) is data[i·cols + j]·2^−e (e may be negative). */
export interface DyadicMat {
  readonly rows: number;
  readonly cols: number;
  readonly data: readonly bigint[];
  readonly e: number;
}

/** A dyadic vector: entry i is m[i]·2^−e. */
export interface DyadicVec {
  readonly m: readonly bigint[];
  readonly e: number;
}

/** The bit length of |x|. */
export function bitLength(x: bigint): number {
  if (x === 0n) return 0;
  const hex = (x < 0n ? -x : x).toString(16);
  return 4 * (hex.length - 1) + (32 - Math.clz32(Number.parseInt(hex[0], 16)));
}

function shift(x: bigint, k: number): bigint {
  return k >= 0 ? x << BigInt(k) : x >> BigInt(-k);
}

/** Removes the common factors of two of all entries (exactly), lowering e. */
function normalize(m: bigint[], e: number): { m: bigint[]; e: number } {
  let tz = Number.POSITIVE_INFINITY;
  for (const x of m) if (x !== 0n) tz = Math.min(tz, trailingZeros(x));
  if (!Number.isFinite(tz)) return { m: m.map(() => 0n), e: 0 };
  if (tz === 0) return { m, e };
  return { m: m.map((x) => x >> BigInt(tz)), e: e - tz };
}

/** The exact dyadic vector of float64 entries. */
export function dyadicVec(x: ArrayLike<number>): DyadicVec {
  const parts = Array.from(x, doubleToDyadic);
  const e = parts.reduce((a, p) => Math.max(a, p.e), Number.NEGATIVE_INFINITY);
  const E = Number.isFinite(e) ? e : 0;
  return normalize(
    parts.map((p) => shift(p.m, E - p.e)),
    E,
  );
}

/** The exact dyadic matrix of float64 rows. */
export function dyadicMat(rows: readonly (readonly number[])[]): DyadicMat {
  const r = rows.length;
  const c = rows[0]?.length ?? 0;
  const v = dyadicVec(rows.flat());
  return { rows: r, cols: c, data: v.m, e: v.e };
}

/** Exact equality of two dyadic vectors. */
export function dyadicVecEqual(a: DyadicVec, b: DyadicVec): boolean {
  const na = normalize([...a.m], a.e);
  const nb = normalize([...b.m], b.e);
  return na.e === nb.e && na.m.length === nb.m.length && na.m.every((x, i) => x === nb.m[i]);
}

/** a + b exactly. */
export function dyadicAdd(a: DyadicVec, b: DyadicVec): DyadicVec {
  const E = Math.max(a.e, b.e);
  return normalize(
    a.m.map((x, i) => shift(x, E - a.e) + shift(b.m[i], E - b.e)),
    E,
  );
}

/** The same matrix with e ≥ 0 (an even-integer matrix normalizes to e < 0). */
export function withNonNegativeExponent(W: DyadicMat): DyadicMat {
  return W.e >= 0 ? W : { ...W, data: W.data.map((x) => x << BigInt(-W.e)), e: 0 };
}

/** A·x exactly. */
export function dyadicMatvec(A: DyadicMat, x: DyadicVec): DyadicVec {
  const out: bigint[] = new Array(A.rows).fill(0n);
  for (let i = 0; i < A.rows; i++) {
    let acc = 0n;
    for (let j = 0; j < A.cols; j++) acc += A.data[i * A.cols + j] * x.m[j];
    out[i] = acc;
  }
  return normalize(out, A.e + x.e);
}

/** A·B exactly. */
export function dyadicMatmul(A: DyadicMat, B: DyadicMat): DyadicMat {
  if (A.cols !== B.rows) throw new RangeError('dyadicMatmul: shapes');
  const out: bigint[] = new Array(A.rows * B.cols).fill(0n);
  for (let i = 0; i < A.rows; i++) {
    for (let k = 0; k < A.cols; k++) {
      const a = A.data[i * A.cols + k];
      if (a === 0n) continue;
      for (let j = 0; j < B.cols; j++) out[i * B.cols + j] += a * B.data[k * B.cols + j];
    }
  }
  const nv = normalize(out, A.e + B.e);
  return { rows: A.rows, cols: B.cols, data: nv.m, e: nv.e };
}

/** The n×n identity as a dyadic matrix. */
export function dyadicIdentity(n: number): DyadicMat {
  const data: bigint[] = new Array(n * n).fill(0n);
  for (let i = 0; i < n; i++) data[i * n + i] = 1n;
  return { rows: n, cols: n, data, e: 0 };
}

/** A·diag(d) for a dyadic vector d. */
export function dyadicScaleCols(A: DyadicMat, d: DyadicVec): DyadicMat {
  const data = A.data.map((a, q) => a * d.m[q % A.cols]);
  const nv = normalize(data, A.e + d.e);
  return { rows: A.rows, cols: A.cols, data: nv.m, e: nv.e };
}

/** The largest bit length of the integer parts of a dyadic object. */
export function maxBits(x: readonly bigint[]): number {
  let b = 0;
  for (const v of x) b = Math.max(b, bitLength(v));
  return b;
}

/** "m/2^e" (or "m·2^k") for a certificate: exact and readable. */
export function dyadicString(m: bigint, e: number): string {
  if (m === 0n) return '0';
  const tz = trailingZeros(m);
  const k = Math.min(tz, Math.max(e, 0));
  m >>= BigInt(k);
  e -= k;
  if (e === 0) return m.toString();
  if (e < 0) return (m << BigInt(-e)).toString();
  return `${m}/${1n << BigInt(e)}`;
}

/** The entries of a dyadic vector as exact strings. */
export function dyadicVecStrings(v: DyadicVec): string[] {
  return v.m.map((x) => dyadicString(x, v.e));
}

/** The rows of a dyadic matrix as exact strings. */
export function dyadicMatStrings(A: DyadicMat): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < A.rows; i++)
    out.push(A.data.slice(i * A.cols, (i + 1) * A.cols).map((x) => dyadicString(x, A.e)));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Polynomials with integer coefficients, ascending: p(z) = Σ p[k] z^k.

/** The degree of p (−1 for the zero polynomial). */
export function degree(p: readonly bigint[]): number {
  let d = p.length - 1;
  while (d >= 0 && p[d] === 0n) d--;
  return d;
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

/**
 * Coefficients c_0 … c_n of det(zI − A) for an integer matrix A (c_n = 1), by Faddeev–LeVerrier
 * in integers: M_k = A·M_{k−1} + c_{n−k+1}I, c_{n−k} = −tr(A·M_k)/k. The division is exact because
 * the coefficients of the characteristic polynomial of an integer matrix are integers, and so are
 * the M_k (polynomials in A with those coefficients).
 */
export function intCharPoly(A: readonly bigint[], n: number): bigint[] {
  const c: bigint[] = new Array(n + 1).fill(0n);
  c[n] = 1n;
  let M: bigint[] = new Array(n * n).fill(0n);
  const mul = (X: readonly bigint[], Y: readonly bigint[]) => {
    const out: bigint[] = new Array(n * n).fill(0n);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < n; k++) {
        const x = X[i * n + k];
        if (x === 0n) continue;
        for (let j = 0; j < n; j++) out[i * n + j] += x * Y[k * n + j];
      }
    return out;
  };
  for (let k = 1; k <= n; k++) {
    M = mul(A, M);
    for (let i = 0; i < n; i++) M[i * n + i] += c[n - k + 1];
    const AM = mul(A, M);
    let tr = 0n;
    for (let i = 0; i < n; i++) tr += AM[i * n + i];
    if (tr % BigInt(k) !== 0n) throw new Error('intCharPoly: inexact division (a bug)');
    c[n - k] = -tr / BigInt(k);
  }
  return c;
}

/** The characteristic polynomial of a dyadic W = A·2^−e as (integer polynomial of A, e): p_W(z) = 2^−en p_A(2^e z). */
export function dyadicCharPoly(W: DyadicMat): { p: bigint[]; e: number } {
  return { p: intCharPoly(W.data, W.rows), e: W.e };
}

/**
 * Whether every root of p lies in the open unit disk, exactly, by the Schur–Cohn recursion: with
 * a_n the leading coefficient, if |a_0| ≥ |a_n| the product of the roots has modulus ≥ 1 and the
 * answer is no; otherwise (a_n·p(z) − a_0·p*(z))/z, p* the reversed polynomial, has degree n − 1
 * and, by Rouché on |z| = 1 (where |a_0 p*| < |a_n p|, and p, p* vanish together), all its roots in
 * the disk iff p has. Coefficient sizes double at every step, so this is the reference for tests;
 * schurStable is the fast equivalent.
 */
export function schurCohnRecursive(p: readonly bigint[]): boolean {
  let a = p.slice(0, degree(p) + 1);
  if (a.length === 0) throw new RangeError('schurCohnRecursive: the zero polynomial');
  for (;;) {
    const n = a.length - 1;
    if (n === 0) return true;
    if (abs(a[0]) >= abs(a[n])) return false;
    const an = a[n];
    const a0 = a[0];
    const b: bigint[] = new Array(n);
    for (let k = 0; k < n; k++) b[k] = an * a[k + 1] - a0 * a[n - 1 - k];
    a = normalize(b, 0).m;
  }
}

/**
 * Whether every root of p lies in the open unit disk, exactly. The Möbius map z = (1 + w)/(1 − w)
 * sends |z| < 1 onto Re w < 0, so this holds iff q(w) = (1 − w)ⁿ p((1 + w)/(1 − w)) =
 * Σ p_k (1 + w)^k (1 − w)^{n−k} keeps degree n (its leading coefficient is (−1)ⁿ p(−1); a drop
 * means a root at z = −1) and is Hurwitz-stable: with q's leading coefficient made positive, all
 * leading principal minors of its Hurwitz matrix are positive (Routh–Hurwitz). The minors come
 * from Bareiss's fraction-free elimination, whose integers grow linearly, not exponentially as
 * in the Schur–Cohn recursion.
 */
export function schurStable(p: readonly bigint[]): boolean {
  const n = degree(p);
  if (n < 0) throw new RangeError('schurStable: the zero polynomial');
  if (n === 0) return true;
  // q = Σ p_k (1 + w)^k (1 − w)^{n−k}
  const q: bigint[] = new Array(n + 1).fill(0n);
  const plus = binomialPowers(n, 1n);
  const minus = binomialPowers(n, -1n);
  for (let k = 0; k <= n; k++) {
    if (p[k] === 0n) continue;
    const a = plus[k];
    const b = minus[n - k];
    for (let i = 0; i < a.length; i++) {
      if (a[i] === 0n) continue;
      for (let j = 0; j < b.length; j++) q[i + j] += p[k] * a[i] * b[j];
    }
  }
  if (q[n] === 0n) return false;
  const sign = q[n] > 0n ? 1n : -1n;
  // descending coefficients c_0 = q_n > 0, …, c_n = q_0; every c_k > 0 is necessary
  const c = q.map((x) => x * sign).reverse();
  if (c.some((x) => x <= 0n)) return false;
  // Hurwitz matrix H[i][j] = c_{2j − i + 1} (0-based i, j; c_k = 0 outside 0…n)
  const H: bigint[] = new Array(n * n).fill(0n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const k = 2 * j - i + 1;
      if (k >= 0 && k <= n) H[i * n + j] = c[k];
    }
  return positiveLeadingMinors(H, n);
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

/**
 * Whether all leading principal minors of an integer matrix are positive, exactly: Bareiss's
 * fraction-free elimination without pivoting leaves the k-th leading principal minor in position
 * (k, k) (every division is exact), and stops at the first minor ≤ 0.
 */
export function positiveLeadingMinors(S: readonly bigint[], n: number): boolean {
  const M = S.slice();
  let prev = 1n;
  for (let k = 0; k < n; k++) {
    const piv = M[k * n + k];
    if (piv <= 0n) return false;
    for (let i = k + 1; i < n; i++) {
      for (let j = k + 1; j < n; j++) {
        M[i * n + j] = (M[i * n + j] * piv - M[i * n + k] * M[k * n + j]) / prev;
      }
    }
    prev = piv;
  }
  return true;
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

/** num/den as BigInts for a positive dyadic radius r given as a double. */
export function dyadicRatio(r: number): { num: bigint; den: bigint } {
  const { m, e } = doubleToDyadic(r);
  return e >= 0 ? { num: m, den: 1n << BigInt(e) } : { num: m << BigInt(-e), den: 1n };
}

/**
 * ρ(W) < r exactly, for a dyadic W = A·2^−e and r = num/den: the roots of p_A (the eigenvalues of
 * A = 2^e W) must lie inside |z| < 2^e·r.
 */
export function spectralRadiusBelow(W: DyadicMat, num: bigint, den: bigint): boolean {
  const p = intCharPoly(W.data, W.rows);
  return W.e >= 0
    ? rootsInsideDisk(p, num << BigInt(W.e), den)
    : rootsInsideDisk(p, num, den << BigInt(-W.e));
}

/** ρ(W) = 0 exactly, i.e. W is nilpotent: det(zI − W) = zⁿ. */
export function isNilpotent(W: DyadicMat): boolean {
  const p = intCharPoly(W.data, W.rows);
  return p.slice(0, W.rows).every((c) => c === 0n);
}

/** Whether a symmetric integer matrix is positive definite, exactly (Sylvester: all leading principal minors > 0). */
export function positiveDefinite(S: readonly bigint[], n: number): boolean {
  return positiveLeadingMinors(S, n);
}

/** AᵀA for an integer n×n matrix. */
function gram(A: readonly bigint[], n: number): bigint[] {
  const G: bigint[] = new Array(n * n).fill(0n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let acc = 0n;
      for (let k = 0; k < n; k++) acc += A[k * n + i] * A[k * n + j];
      G[i * n + j] = acc;
    }
  return G;
}

/**
 * s_max(W) < num/den exactly: r²I − WᵀW ≻ 0; multiplied by 2^{2e}den² it is the integer matrix
 * num²·2^{2e}·I − den²·AᵀA for W = A·2^−e.
 */
export function spectralNormBelow(W: DyadicMat, num: bigint, den: bigint): boolean {
  const n = W.rows;
  const G = gram(W.data, n);
  const e2 = 2 * W.e;
  const scaleI = e2 >= 0 ? num * num * (1n << BigInt(e2)) : num * num;
  const scaleG = e2 >= 0 ? den * den : den * den * (1n << BigInt(-e2));
  const S = G.map((g, q) => (Math.floor(q / n) === q % n ? scaleI : 0n) - scaleG * g);
  return positiveDefinite(S, n);
}

/** W Wᵀ = Wᵀ W exactly. */
export function isNormalExact(W: DyadicMat): boolean {
  const n = W.rows;
  const A = W.data;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let aat = 0n;
      let ata = 0n;
      for (let k = 0; k < n; k++) {
        aat += A[i * n + k] * A[j * n + k];
        ata += A[k * n + i] * A[k * n + j];
      }
      if (aat !== ata) return false;
    }
  return true;
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
  const q: bigint[] = new Array(n).fill(0n);
  let acc = 0n;
  for (let k = n; k >= 1; k--) {
    acc = acc * r + p[k];
    q[k - 1] = acc;
  }
  if (acc * r + p[0] !== 0n) throw new RangeError('deflate: not a root');
  return q;
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
    if (!Number.isFinite(g)) continue;
    for (let j = 0; j <= Math.min(W.e, 60); j++) {
      const r = Math.round(g * 2 ** j);
      if (!Number.isSafeInteger(r)) continue;
      const k = BigInt(r) << BigInt(W.e - j);
      if (tried.has(k)) continue;
      tried.add(k);
      let mult = 0;
      while (degree(p) > 0 && evalInt(p, k) === 0n) {
        p = deflate(p, k);
        mult++;
      }
      if (mult > 0) roots.set(k, (roots.get(k) ?? 0) + mult);
    }
  }
  if (roots.size === 0) return undefined;
  let top = 0n;
  for (const k of roots.keys()) if (abs(k) > top) top = abs(k);
  const dominant: RationalEigenvalue[] = [];
  let rest = p;
  for (const [k, mult] of roots) {
    if (abs(k) === top) dominant.push({ k, e: W.e, multiplicity: mult });
    else for (let i = 0; i < mult; i++) rest = multiplyLinear(rest, k);
  }
  // every remaining root must have modulus < |λ1| = top·2^−e (for top = 0, no root may remain)
  if (top === 0n) return degree(rest) === 0 ? { dominant, rest } : undefined;
  return rootsInsideDisk(rest, top, 1n) ? { dominant, rest } : undefined;
}

/** p(z)·(z − r). */
function multiplyLinear(p: readonly bigint[], r: bigint): bigint[] {
  const n = degree(p);
  const out: bigint[] = new Array(n + 2).fill(0n);
  for (let k = 0; k <= n; k++) {
    out[k + 1] += p[k];
    out[k] -= r * p[k];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The M-annihilator of a vector (local minimal polynomial), over the rationals.

/** p/q over BigInt with q > 0, kept unreduced except for common factors of two (dyadic data). */
interface Frac {
  n: bigint;
  d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function frac(n: bigint, d: bigint): Frac {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

/**
 * The monic polynomial μ of least degree with μ(B)x = 0, for an integer matrix B and an integer
 * vector x, scaled to integer coefficients (a positive multiple, same roots). The Krylov vectors
 * x, Bx, B²x, … are reduced against the earlier ones (Gaussian elimination over ℚ) until one
 * depends on them; the dependency is μ. The cyclic subspace K = span{Bⁱx} is B-invariant and x is
 * cyclic for B|K, so μ is the characteristic polynomial of B|K: B^q x → 0 iff every root of μ
 * lies in the open unit disk. x = 0 gives μ = 1.
 */
export function annihilator(B: readonly bigint[], n: number, x: readonly bigint[]): bigint[] {
  // basis rows: reduced vector, its expression in the Krylov vectors, its pivot
  const basis: { vec: Frac[]; coef: Frac[]; pivot: number }[] = [];
  let kv: bigint[] = x.slice();
  for (let k = 0; k <= n; k++) {
    let r: Frac[] = kv.map((v) => ({ n: v, d: 1n }));
    let c: Frac[] = new Array(n + 1).fill(null).map((_, i) => ({ n: i === k ? 1n : 0n, d: 1n }));
    for (const b of basis) {
      const rp = r[b.pivot];
      if (rp.n === 0n) continue;
      const bp = b.vec[b.pivot];
      // f = rp / bp
      const fn = rp.n * bp.d;
      const fd = rp.d * bp.n;
      r = r.map((v, i) => fracSub(v, fracMul(b.vec[i], fn, fd)));
      c = c.map((v, i) => fracSub(v, fracMul(b.coef[i], fn, fd)));
    }
    const pivot = r.findIndex((v) => v.n !== 0n);
    if (pivot < 0) {
      // Σ c_i Bⁱx = 0 with c_k = 1: μ(z) = Σ_{i ≤ k} c_i zⁱ, cleared of denominators
      let l = 1n;
      for (let i = 0; i <= k; i++) l = (l / gcd(l, c[i].d)) * c[i].d;
      return c.slice(0, k + 1).map((v) => (v.n * l) / v.d);
    }
    basis.push({ vec: r, coef: c, pivot });
    // next Krylov vector
    const next: bigint[] = new Array(n).fill(0n);
    for (let i = 0; i < n; i++) {
      let acc = 0n;
      for (let j = 0; j < n; j++) acc += B[i * n + j] * kv[j];
      next[i] = acc;
    }
    kv = next;
  }
  throw new Error('annihilator: n + 1 Krylov vectors were independent (a bug)');
}

function fracMul(a: Frac, n: bigint, d: bigint): Frac {
  return frac(a.n * n, a.d * d);
}

function fracSub(a: Frac, b: Frac): Frac {
  return frac(a.n * b.d - b.n * a.d, a.d * b.d);
}

// ---------------------------------------------------------------------------------------------
// Exact trajectories of Eq. (1) for piecewise-linear σ.

/** The activations whose σ maps dyadic rationals to dyadic rationals exactly (σ(x) = x, max(x,0), x or x/64). */
export const PIECEWISE_LINEAR: readonly ActivationName[] = ['identity', 'relu', 'leaky_relu'];

/** log2 of leaky_relu's slope 1/64 below 0. */
const LEAKY_SHIFT = 6;

/** σ(x) exactly for a piecewise-linear σ. */
export function dyadicSigma(name: ActivationName, h: DyadicVec): DyadicVec {
  switch (name) {
    case 'identity':
      return h;
    case 'relu':
      return normalize(
        h.m.map((x) => (x > 0n ? x : 0n)),
        h.e,
      );
    case 'leaky_relu':
      // x/64 for x < 0: scale everything by 64 and leave the negative entries as they are
      return normalize(
        h.m.map((x) => (x > 0n ? x << BigInt(LEAKY_SHIFT) : x)),
        h.e + LEAKY_SHIFT,
      );
    default:
      throw new RangeError(`dyadicSigma: σ = ${name} is not piecewise linear`);
  }
}

/** σ′(x) exactly for a piecewise-linear σ away from its kink (undefined at a kink x = 0 of relu/leaky). */
export function dyadicSigmaPrime(name: ActivationName, h: DyadicVec): DyadicVec | undefined {
  if (name === 'identity') return { m: h.m.map(() => 1n), e: 0 };
  if (h.m.some((x) => x === 0n)) return undefined;
  if (name === 'relu') return { m: h.m.map((x) => (x > 0n ? 1n : 0n)), e: 0 };
  if (name === 'leaky_relu')
    return { m: h.m.map((x) => (x > 0n ? 1n << BigInt(LEAKY_SHIFT) : 1n)), e: LEAKY_SHIFT };
  throw new RangeError(`dyadicSigmaPrime: σ = ${name} is not piecewise linear`);
}

/** The exact data of a case: W_R and the input drive u_t = W_I x_t + b_R for each t ≤ T. */
export interface ExactCase {
  readonly sigma: ActivationName;
  readonly W: DyadicMat;
  /** u_1 … u_T at index t − 1; the inputs repeat with period T beyond T. */
  readonly drive: DyadicVec[];
  readonly h0: DyadicVec;
}

/** The exact data of a case (every double is a dyadic rational). */
export function exactCase(c: Case): ExactCase {
  const d = c.W_I[0]?.length ?? 0;
  const bR = dyadicVec(c.b_R);
  const WI = d === 0 ? undefined : dyadicMat(c.W_I);
  const drive = c.xs.map((x) => (WI ? dyadicAdd(dyadicMatvec(WI, dyadicVec(x)), bR) : bR));
  return { sigma: c.activation, W: dyadicMat(c.W_R), drive, h0: dyadicVec(c.h_0) };
}

/** An exact trajectory h_0 … h_steps of Eq. (1) with the inputs repeated with period T. */
export interface ExactTrajectory {
  readonly h: DyadicVec[];
  /** Set when the integers outgrew the budget at that step (the trajectory is then shorter). */
  readonly stoppedAt?: number;
}

/** Runs Eq. (1) exactly for `steps` steps (periodic inputs); stops early if an entry exceeds maxBitsBudget bits. */
export function exactTrajectory(
  ec: ExactCase,
  steps: number,
  maxBitsBudget: number,
): ExactTrajectory {
  const T = ec.drive.length;
  const h: DyadicVec[] = [ec.h0];
  for (let t = 1; t <= steps; t++) {
    const s = dyadicSigma(ec.sigma, h[t - 1]);
    const ht = dyadicAdd(dyadicMatvec(ec.W, s), ec.drive[(t - 1) % T]);
    if (maxBits(ht.m) > maxBitsBudget) return { h, stoppedAt: t };
    h.push(ht);
  }
  return { h };
}

/** J_r = W_R·diag σ′(h_{r−1}) exactly (undefined at a kink). */
export function exactJacobian(ec: ExactCase, hPrev: DyadicVec): DyadicMat | undefined {
  const d = dyadicSigmaPrime(ec.sigma, hPrev);
  return d === undefined ? undefined : dyadicScaleCols(ec.W, d);
}

/**
 * ∂h_t/∂W_R exactly (n×n², column a·n+b is ∂h_t/∂W_R[a, b]) for piecewise-linear σ, by forward-mode
 * differentiation of Eq. (1) over the dyadic rationals: the tangent along E_ab obeys
 * ḣ_r = E_ab·σ(h_{r−1}) + W_R·(σ′(h_{r−1}) ⊙ ḣ_{r−1}), ḣ_0 = 0 (the chain rule applied to one step;
 * no closed form of the paper). Undefined if some h_r, 1 ≤ r < t, has a coordinate at a kink of σ
 * (h_t is then not differentiable in W_R in general) or the integers outgrow maxBitsBudget.
 */
export function exactJacobianHWR(c: Case, t: number, maxBitsBudget: number): DyadicMat | undefined {
  const ec = exactCase(c);
  const n = ec.W.rows;
  const traj = exactTrajectory(ec, t - 1, maxBitsBudget);
  if (traj.stoppedAt !== undefined) return undefined;
  const sig = traj.h.map((h) => dyadicSigma(ec.sigma, h));
  const dsig: (DyadicVec | undefined)[] = traj.h.map((h, r) =>
    r === 0 ? undefined : dyadicSigmaPrime(ec.sigma, h),
  );
  if (dsig.slice(1).some((d) => d === undefined)) return undefined;
  const cols: DyadicVec[] = [];
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let tan: DyadicVec = { m: new Array(n).fill(0n), e: 0 };
      for (let r = 1; r <= t; r++) {
        // E_ab·σ(h_{r−1}) is σ(h_{r−1})_b in row a
        const s = sig[r - 1];
        const unit: DyadicVec = { m: s.m.map((_, i) => (i === a ? s.m[b] : 0n)), e: s.e };
        const d = dsig[r - 1];
        const carried =
          r === 1 || d === undefined
            ? { m: new Array<bigint>(n).fill(0n), e: 0 }
            : dyadicMatvec(
                ec.W,
                normalizeVec(
                  tan.m.map((x, i) => x * d.m[i]),
                  tan.e + d.e,
                ),
              );
        tan = dyadicAdd(unit, carried);
      }
      cols.push(tan);
    }
  }
  // assemble the n×n² matrix over a common exponent
  const E = cols.reduce((m, v) => Math.max(m, v.e), 0);
  const data: bigint[] = new Array(n * n * n).fill(0n);
  cols.forEach((v, q) => {
    for (let i = 0; i < n; i++) data[i * n * n + q] = shift(v.m[i], E - v.e);
  });
  const nv = normalize(data, E);
  return { rows: n, cols: n * n, data: nv.m, e: nv.e };
}

/** A dyadic vector from integers and an exponent, with common factors of two removed. */
export function normalizeVec(m: bigint[], e: number): DyadicVec {
  return normalize(m, e);
}
