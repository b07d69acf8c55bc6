import type { Model } from '../../model/caseFile.js';
import { forward } from '../../model/forward.js';
import { matTvec } from '../../numerics/kernels.js';
import { type Mat, mat } from '../../numerics/Mat.js';
import { bpttGradient, outputDelta, theorem1 } from './thm1.js';

/** How Eq. (3) is read: with its Σ_{k=1}^t over a summand that has no k, or without the sum. */
export type Eq3Reading = 'literal-sum' | 'chain-rule';

/**
 * Eq. (3): ∂E_t/∂W_R = Σ_{k=1}^t (∂E_t/∂h_t)(∂h_t/∂W_R), the 1×n² row reshaped row-major to n×n,
 * with ∂h_t/∂W_R from Theorem 1 (I⊗vᵀ, descending). The literal sum repeats the same term t times.
 */
export function eq3Gradient(model: Model, t: number, reading: Eq3Reading): Mat {
  const n = model.n;
  const z = forward(model, t).z[t];
  const delta = outputDelta(model, z, model.ys[t - 1]);
  const jac = theorem1(model, t, { hv: 'kron', order: 'descending' });
  // δᵀ·(∂h_t/∂W_R) = (∂h_t/∂W_R)ᵀδ, n² entries.
  const row = matTvec(jac, delta);
  const times = reading === 'literal-sum' ? t : 1;
  return mat(
    n,
    n,
    row.map((x) => x * times),
  );
}

/** Section 3.1: ∂E/∂W_R = Σ_{t=1}^T ∂E_t/∂W_R for E = Σ_t E_t, each term by BPTT through Theorem 1. */
export function totalGradient(model: Model): Mat {
  let g = new Float64Array(model.n * model.n);
  for (let t = 1; t <= model.T; t++) {
    const gt = bpttGradient(model, t).data;
    g = g.map((x, q) => x + gt[q]);
  }
  return mat(model.n, model.n, g);
}
