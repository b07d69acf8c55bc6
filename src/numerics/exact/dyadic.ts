/**
 * Dyadic rationals m·2^−e over BigInt. Every float64 is one, so a case's matrices are integer
 * matrices over a common power of two: sums and products are exact, no gcd in the hot loops.
 */

import { doubleToDyadic, Rational, trailingZeros } from './rational.js';

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
  // Stryker disable next-line ConditionalExpression: a shortcut; 0 is "0" in hex, whose length formula gives 0 as well
  if (x === 0n) return 0;
  // Stryker disable next-line EqualityOperator: −0n = 0n
  const hex = (x < 0n ? -x : x).toString(16);
  return 4 * (hex.length - 1) + (32 - Math.clz32(Number.parseInt(hex[0], 16)));
}

function shift(x: bigint, k: number): bigint {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,UnaryOperator: callers pass k ≥ 0 (E is the largest exponent), and BigInt's << by a negative count is >> anyway
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

/** A dyadic vector from integers and an exponent, with common factors of two removed. */
export function normalizeVec(m: bigint[], e: number): DyadicVec {
  return normalize(m, e);
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
  // Stryker disable next-line EqualityOperator: at e = 0 both branches give W's entries
  return W.e >= 0 ? W : { ...W, data: W.data.map((x) => x << BigInt(-W.e)), e: 0 };
}

/** A·x exactly. */
export function dyadicMatvec(A: DyadicMat, x: DyadicVec): DyadicVec {
  // Stryker disable next-line ArrayDeclaration: every entry 0 … rows − 1 is assigned below
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
  const nv = normalize(intMatmul(A.data, B.data, A.rows, A.cols, B.cols), A.e + B.e);
  return { rows: A.rows, cols: B.cols, data: nv.m, e: nv.e };
}

/** A·B for integer matrices A (rows×inner) and B (inner×cols), row-major. */
export function intMatmul(
  A: readonly bigint[],
  B: readonly bigint[],
  rows: number,
  inner: number,
  cols: number,
): bigint[] {
  const out: bigint[] = new Array(rows * cols).fill(0n);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < inner; k++) {
      const a = A[i * inner + k];
      // Stryker disable next-line ConditionalExpression: a shortcut; a zero term adds nothing
      if (a === 0n) continue;
      for (let j = 0; j < cols; j++) out[i * cols + j] += a * B[k * cols + j];
    }
  }
  return out;
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

/** The n×m matrix with the given dyadic columns, over their common exponent. */
export function dyadicMatFromCols(cols: readonly DyadicVec[], n: number): DyadicMat {
  const m = cols.length;
  const E = cols.reduce((acc, v) => Math.max(acc, v.e), 0);
  // Stryker disable next-line ArrayDeclaration: every entry is assigned below
  const data: bigint[] = new Array(n * m).fill(0n);
  cols.forEach((v, q) => {
    for (let i = 0; i < n; i++) data[i * m + q] = shift(v.m[i], E - v.e);
  });
  const nv = normalize(data, E);
  return { rows: n, cols: m, data: nv.m, e: nv.e };
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

/** The largest bit length of the integer parts of a dyadic object. */
export function maxBits(x: readonly bigint[]): number {
  let b = 0;
  for (const v of x) b = Math.max(b, bitLength(v));
  return b;
}

/** num/den as BigInts for a positive dyadic radius r given as a double. */
export function dyadicRatio(r: number): { num: bigint; den: bigint } {
  const { m, e } = doubleToDyadic(r);
  // Stryker disable next-line EqualityOperator: at e = 0 both branches give m/1
  return e >= 0 ? { num: m, den: 1n << BigInt(e) } : { num: m << BigInt(-e), den: 1n };
}

/** The entries of a dyadic vector as exact rationals. */
export function dyadicToRationals(v: DyadicVec): Rational[] {
  // Stryker disable next-line EqualityOperator: at e = 0 both branches give the integers m
  return v.e >= 0
    ? v.m.map((x) => Rational.of(x, 1n << BigInt(v.e)))
    : v.m.map((x) => Rational.of(x << BigInt(-v.e)));
}

/** "m/2^e" (or "m·2^k") for a certificate: exact and readable. */
export function dyadicString(m: bigint, e: number): string {
  if (m === 0n) return '0';
  const tz = trailingZeros(m);
  const k = Math.min(tz, Math.max(e, 0));
  m >>= BigInt(k);
  e -= k;
  if (e === 0) return m.toString();
  // Stryker disable next-line EqualityOperator: e = 0 returned on the line above
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
