/**
 * Eigenvalues (and eigenvectors) of a real square matrix by our own bounded Francis double-shift QR.
 *
 * Why not ml-matrix's EigenvalueDecomposition: its non-symmetric path (hqr2, a JAMA port) can loop
 * forever. Two things combine (reproduced in a child process under `timeout 10`, ml-matrix 6.15.1):
 *
 * 1. In the bulge-chasing sweep the test `if (x === 0) break` also runs at k = m, where x is not the
 *    bulge norm but the stale shift value x = H(n,n). EISPACK hqr2 only tests x at k ≠ m (and then
 *    skips that k). When the trailing diagonal entry is exactly 0 — e.g. a trailing 2×2 block
 *    [[0, b], [−c, 0]] carrying a purely imaginary pair — the sweep is skipped, H never changes, and
 *    since the iteration counter is only used to trigger exceptional shifts at 10 and 30 (no cap),
 *    the loop never exits. Smallest reproducer: [[0,−1,0],[1,0,1],[0,−1,0]] (eigenvalues 0, ±i√2).
 * 2. The deflation test |H(l,l−1)| < ε(|H(l−1,l−1)| + |H(l,l)|) is relative to the two neighbouring
 *    diagonal entries only. Tiny entries (~1e-23) beside exact zeros leave subdiagonal entries of
 *    size ~1e-16 between (near-)zero diagonal entries: negligible against ‖H‖ but never deflated, so
 *    the iteration stays on a block whose shift is an exact zero and hits bug 1. On random 6×6
 *    matrices with entries in {−2..2} ∪ {±1e-23, 0}, 14 in 100 000 hang; without the tiny entries 6.
 *
 * Flushing tiny entries to zero (|a_ij| < 1e-18‖A‖) is therefore neither necessary nor sufficient:
 * the flushed copies hung on exactly the same 6 seeds as the integer-only class. What guarantees
 * termination is the algorithm itself, so we run our own port of EISPACK orthes/hqr2 with
 * (i) the EISPACK placement of the zero-bulge test, (ii) an exceptional shift every 10 iterations
 * without deflation, and (iii) a hard cap of MAX_ITER_FACTOR·max(10, n) QR iterations per deflation
 * (the LAPACK dlahqr bound), beyond which an EigenvalueError is thrown. Convergence where the
 * exceptional shifts stall (two eigenvalue pairs equidistant from the shift, e.g. two rotation
 * blocks coupled by ε ≤ 1e-9) comes from (iv) a tie-breaking shift every 20 iterations from
 * iteration TIE_BREAK_ITER on, later than any converging matrix is known to need. Each pass of the main loop
 * either deflates (≤ n times) or counts one iteration, so the whole routine performs at most
 * n·(30·max(10, n) + 1) passes of O(n²) work, whatever the arithmetic produces (even NaN).
 * Eigenvectors come from the same run (hqr2 back-substitution), so ml-matrix's non-symmetric EVD is
 * not used at all (its symmetric one is, in symmetricEigen.ts).
 *
 * Accuracy safeguards for entries down to 5e-324 (none is needed for termination):
 * A is scaled by a power of 2 to max|a_ij| ≈ 1; entries below 2^−963 of that are flushed (a
 * perturbation ≤ n·1e-290‖A‖, not the 1e-18 flush above); a subdiagonal below LAPACK's smlnum
 * deflates; the orthogonal accumulation keeps unscaled reflectors; back-substitution divisors
 * below ε‖H‖ are raised to ε‖H‖ (LAPACK dtrevc's smin). Results are normwise backward stable: the
 * eigenvalues are exact for some A + E with ‖E‖ ≈ nε‖A‖ (tested through the characteristic
 * polynomial), so an ill-conditioned or defective eigenvalue may move by (nε)^{1/k}‖A‖.
 *
 * No balancing (EISPACK balanc): it makes the error ε‖D⁻¹AD‖ instead of ε‖A‖, which helps graded
 * matrices, but it made eigenvector residuals relative to ‖A‖ as large as 1 on the tiny-entry 6×6
 * class (D spanning 2^±38) while eigenvalue accuracy was the same there, and no claim's matrix is
 * graded.
 */

import { allFinite, frobenius, matvec, maxAbs } from './kernels.js';
import { type Mat, mat } from './Mat.js';

/** Thrown when the QR iteration exceeds its iteration cap, the input is not finite, or the eigenvector residual check fails. */
export class EigenvalueError extends Error {
  override readonly name = 'EigenvalueError';
}

/** Complex eigenvalues as parallel real/imaginary arrays; conjugate pairs are adjacent, +im first. */
export interface Eigenvalues {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** Eigenvalues, eigenvectors (columns) and the relative residual max_j ‖A v_j − λ_j v_j‖ / (‖A‖_F ‖v_j‖). */
export interface EigenDecomposition {
  readonly values: Eigenvalues;
  /**
   * Column j is the eigenvector of a real λ_j; for a pair λ_j = a + ib, λ_{j+1} = a − ib (b > 0),
   * columns j and j+1 hold x and y with A(x + iy) = λ_j (x + iy) — the ml-matrix/JAMA convention.
   * Each real column has unit 2-norm, each pair has ‖x‖² + ‖y‖² = 1.
   */
  readonly vectors: Mat;
  readonly residual: number;
}

/** Options of the eigenvalue routines. */
export interface EigenOptions {
  /** eigenDecomposition throws when the relative residual exceeds this; default 1e-8. */
  readonly maxResidual?: number;
  /** QR iterations allowed per deflation before EigenvalueError; default MAX_ITER_FACTOR·max(10, n). */
  readonly maxIterations?: number;
}

/** Per-deflation iteration cap is MAX_ITER_FACTOR · max(10, n), as in LAPACK dlahqr (ITMAX). */
export const MAX_ITER_FACTOR = 30;

const EPS = Number.EPSILON;

/**
 * From this many QR iterations on one deflation, every 20th iteration uses the tie-breaking shift
 * (hqr2). Above the measured need of every converging class (at most 51 iterations over 65 000
 * random, integer, tiny-entry and permutation matrices, n ≤ 16), so their results are unchanged, and
 * below the smallest cap (300), which leaves ten tie-breaking steps before an EigenvalueError.
 */
const TIE_BREAK_ITER = 100;

/** The tie-breaking shift moves the shift pair apart by this multiple of the coupling |H(n−1, n−2)|. */
const TIE_BREAK_FACTOR = 0.75;

/** Flush entries below 2^−963 ≈ 1.5e-290 of max|a_ij|: each kept entry and its ε-rounding stay ≥ 2^59 above the subnormal range. */
const FLUSH = 2 ** -963;

/** All eigenvalues of a square matrix, sorted by decreasing modulus (ties: larger real part, then +im first). */
export function eigenvalues(a: Mat, options: EigenOptions = {}): Eigenvalues {
  // Stryker disable next-line BooleanLiteral: computing the eigenvectors too leaves the eigenvalues unchanged
  const r = schurEigen(a, false, options);
  return sortBlocks(r.d, r.e, null, a.rows).values;
}

/** ρ(A) = max |λ|, 0 for an empty matrix. */
export function spectralRadius(a: Mat, options: EigenOptions = {}): number {
  const { re, im } = eigenvalues(a, options);
  return re.length === 0 ? 0 : Math.hypot(re[0], im[0]);
}

/** Eigenvalues and eigenvectors by bounded hqr2 with back-substitution; throws EigenvalueError if the residual exceeds maxResidual. */
export function eigenDecomposition(a: Mat, options: EigenOptions = {}): EigenDecomposition {
  const n = a.rows;
  const r = schurEigen(a, true, options);
  const V = r.V as Float64Array;
  normalizeVectors(V, r.e, n);
  const sorted = sortBlocks(r.d, r.e, V, n);
  const vectors = mat(n, n, sorted.vectors as Float64Array);
  const residual = eigenResidual(a, sorted.values, vectors);
  const maxResidual = options.maxResidual ?? 1e-8;
  if (!(residual <= maxResidual)) {
    throw new EigenvalueError(
      `eigenDecomposition: relative residual ${residual} exceeds ${maxResidual} (n = ${n})`,
    );
  }
  return { values: sorted.values, vectors, residual };
}

/**
 * max_j ‖A v_j − λ_j v_j‖₂ / (‖A‖_F ‖v_j‖₂), with pairs read as v = x + iy: A x = a x − b y and
 * A y = b x + a y. This is the backward error of each eigenpair up to the factor ‖A‖_F. ‖A‖_F is
 * floored at 2^−1022/ε ≈ 1e-292: below it the eigenvalues themselves are subnormal and carry an
 * absolute rounding of 2^−1074, so no relative residual is attainable (a 2×2 with entries ±5e-324
 * gave 0.5).
 */
export function eigenResidual(a: Mat, values: Eigenvalues, vectors: Mat): number {
  const n = a.rows;
  // (an empty or zero A needs no special case: the loop is empty, or every Av − λv is −λv = 0)
  const normA = Math.max(frobenius(a.data), 2 ** -1022 / EPS);
  const col = (j: number) => Float64Array.from({ length: n }, (_, i) => vectors.data[i * n + j]);
  let worst = 0;
  for (let j = 0; j < n; j++) {
    const lr = values.re[j];
    const li = values.im[j];
    if (li === 0) {
      const v = col(j);
      const Av = matvec(a, v).map((x, i) => x - lr * v[i]);
      const nv = frobenius(v);
      worst = Math.max(worst, nv === 0 ? Number.POSITIVE_INFINITY : frobenius(Av) / (normA * nv));
    } else {
      // the pair occupies columns j (x) and j+1 (y); λ_j has li > 0
      const x = col(j);
      const y = col(j + 1);
      const Ax = matvec(a, x);
      const Ay = matvec(a, y);
      const r = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        r[i] = Ax[i] - lr * x[i] + li * y[i];
        r[n + i] = Ay[i] - li * x[i] - lr * y[i];
      }
      const nv = Math.hypot(frobenius(x), frobenius(y));
      worst = Math.max(worst, nv === 0 ? Number.POSITIVE_INFINITY : frobenius(r) / (normA * nv));
      j++;
    }
  }
  return worst;
}

interface RawEigen {
  d: Float64Array;
  e: Float64Array;
  V: Float64Array | null;
}

/** Reduce to Hessenberg form and run the bounded QR iteration; V (row-major) if wanted. */
function schurEigen(a: Mat, wantVectors: boolean, options: EigenOptions): RawEigen {
  const n = a.rows;
  if (a.cols !== n) throw new RangeError(`eigenvalues: ${a.rows}×${a.cols} is not square`);
  if (!allFinite(a.data))
    throw new EigenvalueError('eigenvalues: the matrix has a non-finite entry');
  // work on A/2^k with max|a_ij| ∈ [½, 2): exact up to subnormal bits far below ε‖A‖, and it keeps
  // the back-substitution's ε·‖H‖ divisors away from underflow (a matrix with norm ~1e-16 and
  // subnormal entries gave NaN eigenvectors without it); eigenvalues are scaled back, vectors not
  const big = maxAbs(a.data);
  // (exponent clamped to 1023: 2^1024 would be ∞ for max|a_ij| near the overflow threshold)
  const pow2 = big === 0 ? 1 : 2 ** Math.min(1023, Math.round(Math.log2(big)));
  // Entries below FLUSH·max|h_ij| become 0: a normwise perturbation ‖E‖_F ≤ n·1e-290‖A‖, far
  // below the ε‖A‖ of the QR iteration itself, that keeps subnormals out of the arithmetic (with
  // 5e-324 entries beside O(1) ones, products and quotients of subnormals gave NaN eigenvectors:
  // 14 of 20 000 fuzzed matrices without the flush, none with it; two are in the tests).
  // It is not what prevents hangs (that is the iteration cap) and leaves 1e-23 entries untouched.
  const H = a.data.map((x) => {
    const h = x / pow2;
    // Stryker disable next-line EqualityOperator: |h| = FLUSH exactly flushed or kept is the same ≤ 2^−963 perturbation
    return Math.abs(h) < FLUSH ? 0 : h;
  });
  const dH = new Float64Array(n);
  const eH = new Float64Array(n);
  const V = wantVectors ? new Float64Array(n * n) : null;
  orthes(H, n, V);
  // Stryker disable next-line MethodExpression: the default cap differs from 30·min(10, n) only for a matrix needing over 30·n iterations per deflation, and none is known
  hqr2(H, n, dH, eH, V, options.maxIterations ?? MAX_ITER_FACTOR * Math.max(10, n));
  const d = dH.map((x) => x * pow2);
  const e = eH.map((x) => x * pow2);
  if (!allFinite(d) || !allFinite(e)) throw new EigenvalueError('eigenvalues: non-finite result');
  return { d, e, V };
}

/**
 * Householder reduction to upper Hessenberg form (EISPACK orthes/ortran as in JAMA), accumulating
 * the orthogonal similarity in V when given. Entries below the subdiagonal are left as the
 * reflections leave them (rounding-sized): hqr2 never reads them as data, since it zeroes
 * (i, i−2) and (i, i−3) before each sweep and otherwise reads only columns j ≥ i − 1.
 */
function orthes(H: Float64Array, n: number, V: Float64Array | null): void {
  const low = 0;
  const high = n - 1;
  // The reflectors P_m = I − u_m u_mᵀ/h_m, kept unscaled for the accumulation of V. EISPACK ortran
  // rebuilds them from the scaled column and divides by ort[m]·H(m, m−1) = −scale²·h_m, which
  // underflowed for scale ≈ 1e-290 and filled V with ∞ and NaN.
  // row m of us holds u_m; hs[m] = 0 marks a step with nothing to reflect
  const us = new Float64Array(n * n);
  const hs = new Float64Array(n);
  for (let m = low + 1; m <= high - 1; m++) {
    let scale = 0;
    // Stryker disable next-line AssignmentOperator: a negative scale negates u, and I − uuᵀ/h is the same reflector
    for (let i = m; i <= high; i++) scale += Math.abs(H[i * n + m - 1]);
    if (scale === 0) continue;
    const ort = new Float64Array(n);
    let h = 0;
    for (let i = high; i >= m; i--) {
      ort[i] = H[i * n + m - 1] / scale;
      h += ort[i] * ort[i];
    }
    let g = Math.sqrt(h);
    // Stryker disable next-line EqualityOperator: at ort[m] = 0 either sign of g avoids cancellation
    if (ort[m] > 0) g = -g;
    h -= ort[m] * g;
    ort[m] -= g;
    // H ← (I − u uᵀ/h) H (I − u uᵀ/h)
    // Stryker disable next-line EqualityOperator: j = n touches column 0 of rows m+1…high+1, below the subdiagonal (never read) or past the end
    for (let j = m; j < n; j++) {
      let f = 0;
      for (let i = high; i >= m; i--) f += ort[i] * H[i * n + j];
      f /= h;
      for (let i = m; i <= high; i++) H[i * n + j] -= f * ort[i];
    }
    for (let i = 0; i <= high; i++) {
      let f = 0;
      for (let j = high; j >= m; j--) f += ort[j] * H[i * n + j];
      f /= h;
      for (let j = m; j <= high; j++) H[i * n + j] -= f * ort[j];
    }
    H[m * n + m - 1] = scale * g;
    us.set(ort, m * n);
    hs[m] = h;
  }
  if (V) {
    // V = P_1 P_2 ⋯ P_{n−2}, accumulated from the right end as in ortran
    V.fill(0);
    // Stryker disable next-line EqualityOperator: the extra pass of i <= n only writes past the end of a typed array, a no-op
    for (let i = 0; i < n; i++) V[i * n + i] = 1;
    // Stryker disable next-line ArithmeticOperator: starting at m = high + 1 only adds steps m = n, n − 1 that hold no reflector (hs = 0 or past the end)
    for (let m = high - 1; m >= low + 1; m--) {
      const h = hs[m];
      if (h === 0) continue;
      const u = us.subarray(m * n, (m + 1) * n);
      for (let j = m; j <= high; j++) {
        let g = 0;
        for (let i = m; i <= high; i++) g += u[i] * V[i * n + j];
        g /= h;
        for (let i = m; i <= high; i++) V[i * n + j] -= g * u[i];
      }
    }
  }
}

/** Smith's complex division (xr + i xi)/(yr + i yi). */
function cdiv(xr: number, xi: number, yr: number, yi: number): [number, number] {
  // Stryker disable next-line EqualityOperator: at |yr| = |yi| both branches are Smith's formula
  if (Math.abs(yr) > Math.abs(yi)) {
    const r = yi / yr;
    const den = yr + r * yi;
    return [(xr + r * xi) / den, (xi - r * xr) / den];
  }
  const r = yr / yi;
  const den = yi + r * yr;
  return [(r * xr + xi) / den, (r * xi - xr) / den];
}

/**
 * EISPACK hqr2 (Francis double-shift QR on the Hessenberg H, then back-substitution for the
 * eigenvectors of the quasi-triangular Schur form and back-transformation by V). Differences from
 * the JAMA/ml-matrix port, each for termination: the zero-bulge test is only made at k ≠ m and
 * skips that k (as EISPACK); an exceptional shift every 10 iterations; a hard iteration cap.
 */
function hqr2(
  H: Float64Array,
  nn: number,
  d: Float64Array,
  e: Float64Array,
  V: Float64Array | null,
  maxIter: number,
) {
  const N = nn;
  const at = (i: number, j: number) => H[i * N + j];
  const set = (i: number, j: number, v: number) => {
    H[i * N + j] = v;
  };
  const low = 0;
  // Stryker disable next-line ArithmeticOperator: high = nn + 1 only adds rows past the end of V to its row loops, which are independent per row
  const high = nn - 1;
  // LAPACK dlahqr: safmin·(n/ulp); H is scaled to max|h_ij| ≈ 1, so this is ≈ 1e-292·n·‖H‖
  const smlnum = 2 ** -1022 * (nn / EPS);
  let n = nn - 1;
  let exshift = 0;
  let p = 0;
  let q = 0;
  let r = 0;
  let s = 0;
  let z = 0;
  let t: number;
  let w: number;
  let x: number;
  let y: number;
  let iter = 0;

  let norm = 0;
  for (let i = 0; i < nn; i++) {
    for (let j = Math.max(i - 1, 0); j < nn; j++) norm += Math.abs(at(i, j));
  }
  if (norm === 0) {
    // the zero matrix: all eigenvalues 0, V (identity) already holds eigenvectors
    return;
  }

  while (n >= low) {
    // look for a single small subdiagonal element
    let l = n;
    while (l > low) {
      // Stryker disable next-line ArithmeticOperator,ConditionalExpression: a looser or tighter deflation test changes the iteration's path, not its backward-stable result
      s = Math.abs(at(l - 1, l - 1)) + Math.abs(at(l, l));
      // Stryker disable next-line ConditionalExpression,EqualityOperator: see the line above
      if (s === 0) s = norm;
      const sub = Math.abs(at(l, l - 1));
      // relative to the neighbours (EISPACK), or absolutely negligible (LAPACK dlahqr's smlnum):
      // without the latter a subnormal subdiagonal beside ~1e-297 diagonals was kept, and the
      // shift computation divided by it, overflowed and turned H into NaN
      if (sub <= smlnum || sub < EPS * s) break;
      l--;
    }

    if (l === n) {
      // one root found
      set(n, n, at(n, n) + exshift);
      d[n] = at(n, n);
      e[n] = 0;
      n--;
      iter = 0;
    } else if (l === n - 1) {
      // two roots found
      w = at(n, n - 1) * at(n - 1, n);
      p = (at(n - 1, n - 1) - at(n, n)) / 2;
      q = p * p + w;
      z = Math.sqrt(Math.abs(q));
      set(n, n, at(n, n) + exshift);
      set(n - 1, n - 1, at(n - 1, n - 1) + exshift);
      x = at(n, n);
      if (q >= 0) {
        // real pair: rotate the 2×2 block to upper triangular form
        // Stryker disable next-line EqualityOperator: at p = 0 either sign gives the same pair x ± √w, in the other order
        z = p >= 0 ? p + z : p - z;
        d[n - 1] = x + z;
        d[n] = d[n - 1];
        if (z !== 0) d[n] = x - w / z;
        e[n - 1] = 0;
        e[n] = 0;
        x = at(n, n - 1);
        s = Math.abs(x) + Math.abs(z);
        p = x / s;
        q = z / s;
        r = Math.sqrt(p * p + q * q);
        p /= r;
        q /= r;
        for (let j = n - 1; j < nn; j++) {
          z = at(n - 1, j);
          set(n - 1, j, q * z + p * at(n, j));
          set(n, j, q * at(n, j) - p * z);
        }
        for (let i = 0; i <= n; i++) {
          z = at(i, n - 1);
          set(i, n - 1, q * z + p * at(i, n));
          set(i, n, q * at(i, n) - p * z);
        }
        if (V) {
          for (let i = low; i <= high; i++) {
            z = V[i * N + n - 1];
            V[i * N + n - 1] = q * z + p * V[i * N + n];
            V[i * N + n] = q * V[i * N + n] - p * z;
          }
        }
      } else {
        // complex pair
        d[n - 1] = x + p;
        d[n] = x + p;
        e[n - 1] = z;
        e[n] = -z;
      }
      n -= 2;
      iter = 0;
    } else {
      // no convergence yet: the termination guarantee lives here
      if (iter >= maxIter) {
        throw new EigenvalueError(
          `eigenvalues: no deflation after ${iter} QR iterations (n = ${nn}, active block ${l}..${n})`,
        );
      }
      // (the active block has ≥ 3 rows here: l < n − 1)
      x = at(n, n);
      y = at(n - 1, n - 1);
      w = at(n, n - 1) * at(n - 1, n);
      if (iter >= TIE_BREAK_ITER && iter % 20 === 0) {
        // Tie-breaking shift: the Francis pair of the trailing 2×2, a ± √q (q the discriminant,
        // complex when q < 0), moved apart to a ± (√q + cβ) with β = |H(n−1, n−2)|, the coupling
        // to the rest of the block. The standard pair stalls when two eigenvalue pairs lie at the
        // same distance from it: |p(λ₁)| = |p(λ₂)| for p(λ) = λ² − (x + y)λ + xy − w, so the step
        // reduces β by a factor 1 − O(split) that is lost in rounding (two rotation blocks coupled
        // by ±β: ±i(1 ± β/2) around the shift ±i, for β ≤ 1e-9). A split of a coupled pair is of
        // order β (normal) or √β (defective); a shift cβ off the tie makes one pair strictly nearer,
        // and the following standard shifts then converge to it. The ad hoc shift below is O(‖H‖)
        // away from both pairs and leaves them at a ratio 1 − O(β), so it cannot break the tie.
        const beta = Math.abs(at(n - 1, n - 2));
        const q0 = ((y - x) / 2) ** 2 + w;
        const widen = TIE_BREAK_FACTOR * beta;
        // ((y − x)/2)² + w′ = ±(√|q0| + widen)², with the sign of q0 (a real pair for q0 = 0)
        w += (q0 < 0 ? -1 : 1) * widen * (2 * Math.sqrt(Math.abs(q0)) + widen);
      } else if (iter > 0 && iter % 10 === 0) {
        // Exceptional shifts. At iterations 20, 40, … MATLAB's (JAMA iteration 30), when its
        // discriminant is positive; otherwise, and at 10, 30, 50, …, Wilkinson's ad hoc shift
        // (EISPACK).
        let shifted = false;
        if (iter % 20 === 0) {
          s = (y - x) / 2;
          s = s * s + w;
          if (s > 0) {
            s = Math.sqrt(s);
            if (y < x) s = -s;
            s = x - w / ((y - x) / 2 + s);
            for (let i = low; i <= n; i++) set(i, i, at(i, i) - s);
            exshift += s;
            x = 0.964;
            y = x;
            w = x;
            shifted = true;
          }
        }
        if (!shifted) {
          exshift += x;
          for (let i = low; i <= n; i++) set(i, i, at(i, i) - x);
          s = Math.abs(at(n, n - 1)) + Math.abs(at(n - 1, n - 2));
          x = 0.75 * s;
          y = x;
          w = -0.4375 * s * s;
        }
      }
      iter++;

      // look for two consecutive small subdiagonal elements
      let m = n - 2;
      while (m >= l) {
        z = at(m, m);
        r = x - z;
        s = y - z;
        p = (r * s - w) / at(m + 1, m) + at(m, m + 1);
        q = at(m + 1, m + 1) - z - r - s;
        r = at(m + 2, m + 1);
        // Stryker disable next-line ArithmeticOperator: a scale for p, q, r; only their ratios enter the step
        s = Math.abs(p) + Math.abs(q) + Math.abs(r);
        p /= s;
        q /= s;
        r /= s;
        if (m === l) break;
        // Stryker disable all: this search only shortens the step; starting it at any m ≥ l gives a valid Francis step
        if (
          Math.abs(at(m, m - 1)) * (Math.abs(q) + Math.abs(r)) <
          EPS *
            (Math.abs(p) * (Math.abs(at(m - 1, m - 1)) + Math.abs(z) + Math.abs(at(m + 1, m + 1))))
        ) {
          break;
        }
        // Stryker restore all
        m--;
      }
      for (let i = m + 2; i <= n; i++) {
        set(i, i - 2, 0);
        if (i > m + 2) set(i, i - 3, 0);
      }

      // double QR step on rows l..n and columns m..n
      for (let k = m; k <= n - 1; k++) {
        const notlast = k !== n - 1;
        if (k !== m) {
          p = at(k, k - 1);
          q = at(k + 1, k - 1);
          r = notlast ? at(k + 2, k - 1) : 0;
          // Stryker disable next-line ArithmeticOperator: a scale for p, q, r, undone by −s·x below
          x = Math.abs(p) + Math.abs(q) + Math.abs(r);
          // the bulge vanished at this k: nothing to chase here (EISPACK "go to 260")
          if (x === 0) continue;
          p /= x;
          q /= x;
          r /= x;
        }
        s = Math.sqrt(p * p + q * q + r * r);
        // Stryker disable next-line EqualityOperator: at p = 0 either sign avoids cancellation
        if (p < 0) s = -s;
        // (s ≥ 1/3 here: p, q, r were scaled to |p| + |q| + |r| = 1, or are NaN)
        if (k !== m) set(k, k - 1, -s * x);
        // Stryker disable next-line ConditionalExpression: at l = m, H(m, m−1) is the negligible entry that split the block; its sign is never used
        else if (l !== m) set(k, k - 1, -at(k, k - 1));
        p += s;
        x = p / s;
        y = q / s;
        z = r / s;
        q /= p;
        r /= p;
        // row modification
        for (let j = k; j < nn; j++) {
          p = at(k, j) + q * at(k + 1, j);
          if (notlast) {
            p += r * at(k + 2, j);
            set(k + 2, j, at(k + 2, j) - p * z);
          }
          set(k, j, at(k, j) - p * x);
          set(k + 1, j, at(k + 1, j) - p * y);
        }
        // column modification
        const iMax = Math.min(n, k + 3);
        for (let i = 0; i <= iMax; i++) {
          p = x * at(i, k) + y * at(i, k + 1);
          if (notlast) {
            p += z * at(i, k + 2);
            set(i, k + 2, at(i, k + 2) - p * r);
          }
          set(i, k, at(i, k) - p);
          set(i, k + 1, at(i, k + 1) - p * q);
        }
        // accumulate transformations
        if (V) {
          for (let i = low; i <= high; i++) {
            p = x * V[i * N + k] + y * V[i * N + k + 1];
            if (notlast) {
              p += z * V[i * N + k + 2];
              V[i * N + k + 2] -= p * r;
            }
            V[i * N + k] -= p;
            V[i * N + k + 1] -= p * q;
          }
        }
      }
    }
  }

  if (!V) return;

  // back-substitute to find the vectors of the upper (quasi-)triangular form
  // Stryker disable next-line ArithmeticOperator: n = nn, nn + 1 have d, e undefined, so neither branch runs
  for (n = nn - 1; n >= 0; n--) {
    p = d[n];
    q = e[n];
    if (q === 0) {
      // real vector
      let l = n;
      set(n, n, 1);
      for (let i = n - 1; i >= 0; i--) {
        w = at(i, i) - p;
        r = 0;
        for (let j = l; j <= n; j++) r += at(i, j) * at(j, n);
        if (e[i] < 0) {
          z = w;
          s = r;
        } else {
          l = i;
          if (e[i] === 0) {
            // a repeated eigenvalue gives w ≈ 0: EISPACK perturbs w = 0 to ε‖H‖; like LAPACK
            // dtrevc (smin) we do so for every |w| < ε‖H‖, since a subnormal w overflowed −r/w
            set(i, n, -r / (Math.abs(w) >= EPS * norm ? w : (Math.sign(w) || 1) * EPS * norm));
          } else {
            x = at(i, i + 1);
            y = at(i + 1, i);
            q = (d[i] - p) * (d[i] - p) + e[i] * e[i];
            t = (x * s - z * r) / q;
            set(i, n, t);
            // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: both branches are the same quantity in exact arithmetic; the test only picks the larger divisor
            set(i + 1, n, Math.abs(x) > Math.abs(z) ? (-r - w * t) / x : (-s - y * t) / z);
          }
          // overflow control
          t = Math.abs(at(i, n));
          // Stryker disable next-line all: rescaling a column by 1/t only averts overflow (reached only for entries above 1/√ε ≈ 7e7), and columns are normalized later
          if (EPS * t * t > 1) for (let j = i; j <= n; j++) set(j, n, at(j, n) / t);
        }
      }
      // Stryker disable next-line EqualityOperator: q = 0 took the branch above
    } else if (q < 0) {
      // complex vector, stored in columns n−1 (real part) and n (imaginary part)
      let l = n - 1;
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: both branches are the same quantity in exact arithmetic; the test only picks the larger divisor
      if (Math.abs(at(n, n - 1)) > Math.abs(at(n - 1, n))) {
        set(n - 1, n - 1, q / at(n, n - 1));
        set(n - 1, n, -(at(n, n) - p) / at(n, n - 1));
      } else {
        const [cr, ci] = cdiv(0, -at(n - 1, n), at(n - 1, n - 1) - p, q);
        set(n - 1, n - 1, cr);
        set(n - 1, n, ci);
      }
      set(n, n - 1, 0);
      set(n, n, 1);
      for (let i = n - 2; i >= 0; i--) {
        let ra = 0;
        let sa = 0;
        for (let j = l; j <= n; j++) {
          ra += at(i, j) * at(j, n - 1);
          sa += at(i, j) * at(j, n);
        }
        w = at(i, i) - p;
        if (e[i] < 0) {
          z = w;
          r = ra;
          s = sa;
        } else {
          l = i;
          if (e[i] === 0) {
            // same safeguard as in the real case for a divisor w + iq below ε‖H‖
            const small = Math.abs(w) + Math.abs(q) < EPS * norm;
            const [cr, ci] = cdiv(-ra, -sa, small ? EPS * norm : w, small ? 0 : q);
            set(i, n - 1, cr);
            set(i, n, ci);
          } else {
            x = at(i, i + 1);
            y = at(i + 1, i);
            let vr = (d[i] - p) * (d[i] - p) + e[i] * e[i] - q * q;
            const vi = (d[i] - p) * 2 * q;
            if (vr === 0 && vi === 0) {
              vr =
                EPS * norm * (Math.abs(w) + Math.abs(q) + Math.abs(x) + Math.abs(y) + Math.abs(z));
            }
            const [cr, ci] = cdiv(x * r - z * ra + q * sa, x * s - z * sa - q * ra, vr, vi);
            set(i, n - 1, cr);
            set(i, n, ci);
            // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: both branches are the same quantity in exact arithmetic; the test only picks the larger divisor
            if (Math.abs(x) > Math.abs(z) + Math.abs(q)) {
              set(i + 1, n - 1, (-ra - w * at(i, n - 1) + q * at(i, n)) / x);
              set(i + 1, n, (-sa - w * at(i, n) - q * at(i, n - 1)) / x);
            } else {
              const [c2r, c2i] = cdiv(-r - y * at(i, n - 1), -s - y * at(i, n), z, q);
              set(i + 1, n - 1, c2r);
              set(i + 1, n, c2i);
            }
          }
          t = Math.max(Math.abs(at(i, n - 1)), Math.abs(at(i, n)));
          if (EPS * t * t > 1) {
            for (let j = i; j <= n; j++) {
              set(j, n - 1, at(j, n - 1) / t);
              set(j, n, at(j, n) / t);
            }
          }
        }
      }
    }
  }

  // back transformation: eigenvectors of the original matrix are V · (Schur vectors)
  for (let j = nn - 1; j >= low; j--) {
    for (let i = low; i <= high; i++) {
      z = 0;
      for (let k = low; k <= Math.min(j, high); k++) z += V[i * N + k] * at(k, j);
      V[i * N + j] = z;
    }
  }
}

/** Unit 2-norm for real columns, ‖x‖² + ‖y‖² = 1 for the two columns of a complex pair. */
function normalizeVectors(V: Float64Array, e: Float64Array, n: number): void {
  const colNorm = (j: number) => {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = V[i * n + j];
    return frobenius(c);
  };
  for (let j = 0; j < n; j++) {
    const pair = e[j] !== 0 && j + 1 < n;
    const nrm = pair ? Math.hypot(colNorm(j), colNorm(j + 1)) : colNorm(j);
    if (nrm > 0 && Number.isFinite(nrm)) {
      for (let i = 0; i < n; i++) {
        V[i * n + j] /= nrm;
        if (pair) V[i * n + j + 1] /= nrm;
      }
    }
    if (pair) j++;
  }
}

/**
 * Sorts eigenvalue blocks (a real value, or a conjugate pair kept together) by decreasing
 * modulus, then larger real part, then larger |im|; permutes eigenvector columns alike. Sorting
 * blocks rather than values keeps each pair adjacent even when several pairs share a modulus.
 */
function sortBlocks(
  d: Float64Array,
  e: Float64Array,
  V: Float64Array | null,
  n: number,
): { values: Eigenvalues; vectors: Float64Array | null } {
  const blocks: { start: number; size: 1 | 2; mod: number; re: number; im: number }[] = [];
  for (let j = 0; j < n; j++) {
    if (e[j] !== 0 && j + 1 < n) {
      // hqr2 stores a pair as (x + p, +z), (x + p, −z) in consecutive slots
      blocks.push({ start: j, size: 2, mod: Math.hypot(d[j], e[j]), re: d[j], im: Math.abs(e[j]) });
      j++;
    } else {
      blocks.push({ start: j, size: 1, mod: Math.abs(d[j]), re: d[j], im: 0 });
    }
  }
  blocks.sort((a, b) => b.mod - a.mod || b.re - a.re || b.im - a.im);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const out = V ? new Float64Array(n * n) : null;
  let c = 0;
  for (const b of blocks) {
    if (b.size === 1) {
      re[c] = b.re;
      im[c] = 0;
    } else {
      re[c] = b.re;
      im[c] = b.im;
      re[c + 1] = b.re;
      im[c + 1] = -b.im;
    }
    if (V && out) {
      // for a pair hqr2 stores +z = √|q| > 0 in the first slot, so the columns (x, y) already
      // match the +im-first order and move unchanged
      for (let k = 0; k < b.size; k++) {
        for (let i = 0; i < n; i++) out[i * n + c + k] = V[i * n + b.start + k];
      }
    }
    c += b.size;
  }
  return { values: { re, im }, vectors: out };
}
