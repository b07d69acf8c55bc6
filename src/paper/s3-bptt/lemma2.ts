import type { Model } from '../../model/caseFile.js';
import { type Mat, mat } from '../../numerics/Mat.js';
import { jacobianFactors } from './jacobian-factors.js';

/**
 * Lemma 2's recursion, dh_r/dW_R = HV(σ(h_{r−1})) + W_R diag σ′(h_{r−1})·dh_{r−1}/dW_R from
 * dh_0/dW_R = 0, with HV(v) = I⊗vᵀ; returns dh_t/dW_R (n×n²). O(t·n⁴): a direct transcription.
 */
export function lemma2Recursion(model: Model, t: number): Mat {
  const n = model.n;
  const n2 = n * n;
  const { traj, dsig } = jacobianFactors(model, t);
  let D = mat(n, n2);
  for (let r = 1; r <= t; r++) {
    const next = mat(n, n2);
    // W_R diag σ′(h_{r−1}) · D
    // Stryker disable next-line EqualityOperator: the extra pass of i <= n only writes past the end of a typed array, a no-op
    for (let i = 0; i < n; i++) {
      for (let l = 0; l < n; l++) {
        const c = model.WR.data[i * n + l] * dsig[r - 1][l];
        // Stryker disable next-line ConditionalExpression: skipping a zero coefficient is only faster (inputs are finite)
        if (c === 0) continue;
        for (let q = 0; q < n2; q++) next.data[i * n2 + q] += c * D.data[l * n2 + q];
      }
    }
    // + I⊗σ(h_{r−1})ᵀ: entry (i, i·n + b) gains σ(h_{r−1})_b.
    const v = traj.s[r - 1];
    // Stryker disable next-line EqualityOperator: the extra pass of i <= n only writes past the end of a typed array, a no-op
    for (let i = 0; i < n; i++) for (let b = 0; b < n; b++) next.data[i * n2 + i * n + b] += v[b];
    D = next;
  }
  return D;
}
