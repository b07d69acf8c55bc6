/**
 * Exact positive definiteness and Gram matrices: Sylvester's criterion by fraction-free (Bareiss)
 * elimination on integers; rational matrices are cleared of denominators first.
 */

import { clearDenominators, type RationalMat } from './rationalMat.js';

/**
 * Whether all leading principal minors of an integer matrix are positive, exactly: Bareiss's
 * fraction-free elimination without pivoting leaves the k-th leading principal minor in position
 * (k, k) (every division is exact), and stops at the first minor ≤ 0.
 */
export function positiveLeadingMinors(S: readonly bigint[], n: number): boolean {
  const M = S.slice();
  let prev = 1n;
  // Stryker disable next-line EqualityOperator: at k = n the pivot is undefined, `undefined <= 0n` is false and no row follows
  for (let k = 0; k < n; k++) {
    const piv = M[k * n + k];
    if (piv <= 0n) return false;
    for (let i = k + 1; i < n; i++) {
      for (let j = k + 1; j < n; j++) {
        // Stryker disable next-line ArithmeticOperator: prev > 0, so multiplying by it instead of dividing scales every later entry by a positive factor: the signs the test reads are unchanged
        M[i * n + j] = (M[i * n + j] * piv - M[i * n + k] * M[k * n + j]) / prev;
      }
    }
    prev = piv;
  }
  return true;
}

/**
 * Whether a symmetric rational matrix is positive definite, exactly (Sylvester: all leading
 * principal minors > 0), decided on the integer matrix den·s, which has the same sign pattern.
 */
export function isPositiveDefinite(s: RationalMat): boolean {
  return positiveLeadingMinors(clearDenominators(s.data).ints, s.rows);
}

/** AᵀA for an integer rows×cols matrix (cols×cols). */
export function intGram(A: readonly bigint[], rows: number, cols: number): bigint[] {
  // Stryker disable next-line ArrayDeclaration,ArithmeticOperator: both G_ij and G_ji are assigned for every i ≤ j
  const G: bigint[] = new Array(cols * cols).fill(0n);
  // Stryker disable next-line EqualityOperator: for i = cols the inner loop is empty
  for (let i = 0; i < cols; i++)
    for (let j = i; j < cols; j++) {
      let acc = 0n;
      for (let k = 0; k < rows; k++) acc += A[k * cols + i] * A[k * cols + j];
      G[i * cols + j] = acc;
      G[j * cols + i] = acc;
    }
  return G;
}

/**
 * Whether b·AᵀA ≺ a·I exactly for an integer rows×cols matrix A and integers a, b ≥ 0: the
 * integer matrix a·I − b·AᵀA is positive definite. With A = L·M this is ‖M‖₂² < a/(b·L²).
 */
export function gramBelow(
  A: readonly bigint[],
  rows: number,
  cols: number,
  a: bigint,
  b: bigint,
): boolean {
  const G = intGram(A, rows, cols);
  const S = G.map((g, q) => (q % (cols + 1) === 0 ? a : 0n) - b * g);
  return positiveLeadingMinors(S, cols);
}
