import type { Model } from '../../model/caseFile.js';
import { states } from '../../model/forward.js';
import { matmul } from '../../numerics/kernels.js';
import { identity, type Mat, mat } from '../../numerics/Mat.js';

/** What the paper's closed forms are built from: the trajectory and σ′(h_r) for each r. */
export interface JacobianFactors {
  readonly traj: { readonly h: Float64Array[]; readonly s: Float64Array[] };
  /** σ′(h_r) at index r = 0 … t. J_r = W_R · diag(dsig[r − 1]). */
  readonly dsig: Float64Array[];
}

/** The trajectory up to step t and the diagonals σ′(h_r) of the factors J_r = W_R diag σ′(h_{r−1}). */
export function jacobianFactors(model: Model, t: number): JacobianFactors {
  const traj = states(model, t);
  const df = model.sigma.df;
  // Plain loops: Float64Array.prototype.map is several times slower in V8.
  const dsig = traj.h.map((h) => {
    const d = new Float64Array(h.length);
    // Stryker disable next-line EqualityOperator: the extra pass of i <= h.length only writes past the end of a typed array, a no-op
    for (let i = 0; i < h.length; i++) d[i] = df(h[i]);
    return d;
  });
  return { traj, dsig };
}

/** J_t⋯J_{k+1} = ∂h_t/∂h_k in float64, J_r = W_R diag σ′(h_{r−1}); dsig[r] = σ′(h_r). */
export function jacobianProduct(WR: Mat, dsig: readonly Float64Array[], t: number, k: number): Mat {
  const n = WR.rows;
  let P = identity(n);
  for (let r = k + 1; r <= t; r++) {
    // J_r·P = W_R·(diag σ′(h_{r−1})·P): scale the rows of P, then multiply.
    const d = dsig[r - 1];
    const scaled = mat(n, n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) scaled.data[i * n + j] = d[i] * P.data[i * n + j];
    P = matmul(WR, scaled);
  }
  return P;
}
