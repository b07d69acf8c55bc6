/**
 * Singular values by one-sided (Hestenes) Jacobi with a hard sweep cap.
 *
 * Why our own routine rather than ml-matrix's SingularValueDecomposition (a JAMA Golub–Kahan port):
 * 1. Termination: its `while (p > 0)` loop counts iterations but never tests the count, so its
 *    termination rests on convergence theory, not on the code. Here every loop is bounded:
 *    at most MAX_SWEEPS sweeps of n(n−1)/2 rotations, then a SingularValueError.
 * 2. Accuracy where the suite needs it: Golub–Kahan bidiagonalization gives each σ_i with an
 *    absolute error ≈ ε·σ_max, so σ_min of W_R·diag(d) with some d_j ≈ 1e-23 comes out as rounding
 *    noise. One-sided Jacobi applied to A = B·D (D diagonal) is invariant under the column scaling
 *    and computes every σ_i to relative accuracy ≈ ε·κ(B) (Demmel & Veselić 1992), so a tiny σ_min
 *    of a column-scaled matrix is accurate to nearly all its digits.
 */

import { allFinite, frobenius, maxAbs } from './kernels.js';
import type { Mat } from './Mat.js';

/** Thrown when Jacobi does not converge within MAX_SWEEPS sweeps, or the input is not finite. */
export class SingularValueError extends Error {
  override readonly name = 'SingularValueError';
}

/** The sweep cap; cyclic Jacobi converges quadratically, typically in 5–10 sweeps for n ≤ 128. */
export const MAX_SWEEPS = 60;

/** ≈ 2^−1022/ε: columns shorter than this (after scaling to max|a_ij| ≈ 1) are not rotated. */
const TINY_COLUMN = 2 ** -968;

/** Options of singularValues. */
export interface SingularValueOptions {
  /** Sweeps allowed before SingularValueError; default MAX_SWEEPS. */
  readonly maxSweeps?: number;
}

/** All min(m, n) singular values of an m×n matrix, in descending order. */
export function singularValues(a: Mat, options: SingularValueOptions = {}): Float64Array {
  const maxSweeps = options.maxSweeps ?? MAX_SWEEPS;
  if (!allFinite(a.data)) throw new SingularValueError('singularValues: non-finite entry');
  // work on the orientation with at least as many rows as columns (σ(A) = σ(Aᵀ))
  const tall = a.rows >= a.cols;
  const m = tall ? a.rows : a.cols;
  const n = tall ? a.cols : a.rows;
  if (n === 0) return new Float64Array(0);
  // a power-of-2 scaling is exact and keeps squared column norms away from over/underflow
  const big = maxAbs(a.data);
  if (big === 0) return new Float64Array(n);
  const scale = 2 ** Math.min(1023, Math.round(Math.log2(big)));
  // columns of the working matrix stored contiguously: U[j*m + i] = A(i, j) (or Aᵀ)
  const U = new Float64Array(m * n);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) {
      const v = a.data[i * a.cols + j] / scale;
      if (tall) U[j * m + i] = v;
      else U[i * m + j] = v;
    }
  }
  // stop rotating a pair once |cos∠(u_p, u_q)| ≤ tol; tol = m·ε as in Demmel–Veselić
  const tol = m * Number.EPSILON;
  // column norms are kept by the overflow/underflow-safe frobenius and the cosine is formed from
  // normalized columns: squaring a column of norm 1e-161 would underflow to a subnormal and make
  // the test (and the rotation) meaningless, and the sweeps would cycle until the cap
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) norms[j] = frobenius(U.subarray(j * m, (j + 1) * m));
  let converged = false;
  for (let sweep = 0; sweep < maxSweeps && !converged; sweep++) {
    converged = true;
    for (let p = 0; p < n - 1; p++) {
      const op = p * m;
      for (let q = p + 1; q < n; q++) {
        const np = norms[p];
        const nq = norms[q];
        // a column within 53 bits of the subnormal range (the matrix is scaled to max|a_ij| ≈ 1) can
        // no longer be rotated accurately (its updates underflow, and the sweeps cycle): treat
        // it as orthogonal to everything; its σ ≤ 2^−968·scale is below ε·σ_max in any case
        if (np < TINY_COLUMN || nq < TINY_COLUMN) continue;
        const oq = q * m;
        let cos = 0;
        for (let i = 0; i < m; i++) cos += (U[op + i] / np) * (U[oq + i] / nq);
        if (Math.abs(cos) <= tol) continue;
        // the rotation that diagonalizes the Gram matrix [[np², γ], [γ, nq²]], γ = cos·np·nq,
        // smaller angle (|t| ≤ 1): ζ = (nq² − np²)/(2γ) = (nq/np − np/nq)/(2 cos)
        const zeta = (nq / np - np / nq) / (2 * cos);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        // t = 0 only when nq/np overflows: an angle below 1e-308 is no rotation at all
        if (t === 0 || !Number.isFinite(t)) continue;
        converged = false;
        const c = 1 / Math.sqrt(1 + t * t);
        const sn = c * t;
        for (let i = 0; i < m; i++) {
          const up = U[op + i];
          const uq = U[oq + i];
          U[op + i] = c * up - sn * uq;
          U[oq + i] = sn * up + c * uq;
        }
        norms[p] = frobenius(U.subarray(op, op + m));
        norms[q] = frobenius(U.subarray(oq, oq + m));
      }
    }
  }
  if (!converged) {
    throw new SingularValueError(
      `singularValues: no convergence in ${maxSweeps} sweeps (${m}×${n})`,
    );
  }
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) out[j] = norms[j] * scale;
  return out.sort().reverse();
}

/** ‖A‖₂ = σ_max (0 for an empty matrix). */
export function spectralNorm(a: Mat): number {
  const s = singularValues(a);
  return s.length === 0 ? 0 : s[0];
}

/** σ_min(m,n), the smallest of the min(m, n) singular values (0 for an empty matrix). */
export function smallestSingularValue(a: Mat): number {
  const s = singularValues(a);
  return s.length === 0 ? 0 : s[s.length - 1];
}
