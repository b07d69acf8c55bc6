import type { Model } from '../../model/caseFile.js';
import { matvec } from '../../numerics/kernels.js';
import { type Mat, mat } from '../../numerics/Mat.js';

/**
 * The remark after Lemma 1 (σ = id, h_t = W_R h_{t−1}): "dh_2/dW_R = 2 W_R h_0". The vector
 * 2W_R h_0 is compared with the n×n² Jacobian by the lift the paper applies to vectors in
 * Lemma 2, HV(v) = I⊗vᵀ; for n = 1 this is exactly the scalar statement d(w²h_0)/dw = 2wh_0.
 */
export function lemma1Example(model: Model): Mat {
  const n = model.n;
  const v = matvec(model.WR, model.h0).map((x) => 2 * x);
  const out = mat(n, n * n);
  for (let i = 0; i < n; i++) for (let b = 0; b < n; b++) out.data[i * n * n + i * n + b] = v[b];
  return out;
}
