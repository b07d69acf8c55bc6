import type { Model } from '../../model/caseFile.js';
import { logitsOf } from '../../model/forward.js';
import {
  fixedMatvec,
  matmul,
  matmulTN,
  PRODUCT_CHUNK_ENTRIES,
  scaleColsInPlace,
} from '../../numerics/kernels.js';
import { identity, type Mat, mat, transpose } from '../../numerics/Mat.js';
import { jacobianFactors } from './jacobian-factors.js';

/** How HV(v) ∈ ℝ^{n×n²} is read: the paper's grid of vᵀ blocks, or I_n ⊗ vᵀ. */
export type HVReading = 'literal' | 'kron';

/** How Π_{r=k+1}^t J_r is ordered: J_t⋯J_{k+1} (newest on the left) or J_{k+1}⋯J_t. */
export type ProductOrder = 'descending' | 'ascending';

/** One reading of Theorem 1. */
export interface Theorem1Reading {
  readonly hv: HVReading;
  readonly order: ProductOrder;
}

/** HV(v) = I⊗vᵀ, product J_t⋯J_{k+1} (claim thm1.kron-descending). */
export const KRON_DESCENDING: Theorem1Reading = { hv: 'kron', order: 'descending' };

/** HV(v) = I⊗vᵀ, product J_{k+1}⋯J_t (claim thm1.kron-ascending). */
export const KRON_ASCENDING: Theorem1Reading = { hv: 'kron', order: 'ascending' };

/** HV(v) the literal grid of blocks vᵀ, product J_t⋯J_{k+1} (claim thm1.literal-hv). */
export const LITERAL_HV: Theorem1Reading = { hv: 'literal', order: 'descending' };

/**
 * out += P · HV(v). For I⊗vᵀ: (P(I⊗vᵀ))[i, a·n+b] = P[i,a]·v[b] = (P⊗vᵀ)[i, a·n+b].
 * For the literal grid (every block vᵀ): (P·HV(v))[i, a·n+b] = (Σ_l P[i,l])·v[b].
 */
function addTimesHV(out: Mat, P: Mat, v: Float64Array, hv: HVReading): void {
  const n = P.rows;
  const O = out.data;
  const p = P.data;
  const n2 = n * n;
  // Stryker disable next-line EqualityOperator: the extra pass of i <= n only writes past the end of a typed array, a no-op
  for (let i = 0; i < n; i++) {
    if (hv === 'kron') {
      for (let a = 0; a < n; a++) {
        const pia = p[i * n + a];
        // Stryker disable next-line ConditionalExpression: skipping a zero coefficient is only faster (inputs are finite)
        if (pia === 0) continue;
        const off = i * n2 + a * n;
        for (let b = 0; b < n; b++) O[off + b] += pia * v[b];
      }
    } else {
      let rowSum = 0;
      for (let l = 0; l < n; l++) rowSum += p[i * n + l];
      for (let a = 0; a < n; a++) {
        const off = i * n2 + a * n;
        for (let b = 0; b < n; b++) O[off + b] += rowSum * v[b];
      }
    }
  }
}

/**
 * Theorem 1's right-hand side, ∂h_t/∂W_R = Σ_{k=1}^{t−1} (Π_{r=k+1}^t J_r)·HV(σ(h_{k−1})) + HV(σ(h_{t−1})),
 * with J_r = W_R diag σ′(h_{r−1}), under the given reading. O(t·n³): the products are accumulated
 * one factor at a time (from the newest factor for the descending order), never formed per term.
 * chunkEntries bounds the memory of the descending I⊗vᵀ reading (see kronDescending).
 */
export function theorem1(
  model: Model,
  t: number,
  reading: Theorem1Reading,
  chunkEntries = PRODUCT_CHUNK_ENTRIES,
): Mat {
  const n = model.n;
  const { traj, dsig } = jacobianFactors(model, t);
  // Stryker disable next-line ConditionalExpression: the general path computes the same reading, only slower (theorem1.test compares them)
  if (reading.hv === 'kron' && reading.order === 'descending')
    return kronDescending(model, t, traj.s, dsig, chunkEntries);
  const out = mat(n, n * n);
  // k = t: the product is empty (the identity), the term is HV(σ(h_{t−1})).
  let P = identity(n);
  addTimesHV(out, P, traj.s[t - 1], reading.hv);
  let tmp = mat(n, n);
  const scaled = mat(n, n);
  for (let k = t - 1; k >= 1; k--) {
    // Extend the product by J_{k+1} = W_R diag σ′(h_k).
    if (reading.order === 'descending') {
      // J_t⋯J_{k+1} = (J_t⋯J_{k+2})·W_R·diag σ′(h_k)
      matmul(P, model.WR, tmp);
      scaleColsInPlace(tmp, dsig[k]);
    } else {
      // J_{k+1}⋯J_t = W_R·diag σ′(h_k)·(J_{k+2}⋯J_t): scale rows of P, then W_R times it.
      // Stryker disable next-line EqualityOperator: i <= n writes past the end; j <= n writes scaled[i+1, 0], which the next row overwrites
      for (let i = 0; i < n; i++) {
        // Stryker disable next-line EqualityOperator: see the line above
        for (let j = 0; j < n; j++) scaled.data[i * n + j] = P.data[i * n + j] * dsig[k][i];
      }
      matmul(model.WR, scaled, tmp);
    }
    [P, tmp] = [tmp, P];
    addTimesHV(out, P, traj.s[k - 1], reading.hv);
  }
  return out;
}

/**
 * The descending I⊗vᵀ reading, the one that holds, arranged for speed: with P_k = J_t⋯J_{k+1},
 * (∂h_t/∂W_R)[i, a·n+b] = Σ_k P_k[i,a]·σ(h_{k−1})_b, i.e. the n²×n matrix product X·V with
 * X[(i,a), k] = P_k[i,a] and V[k, b] = σ(h_{k−1})_b, whose row-major data is exactly the n×n²
 * Jacobian. Xᵀ is stored (row k − lo is P_k, one contiguous block) and read transposed by the
 * product, in chunks of at most chunkEntries entries accumulated into the result: O(t·n³)
 * flops, O(n³ + min(t·n², CHUNK_ENTRIES)) memory (16 MB of chunk at n = 128, T = 500, not 65).
 */
function kronDescending(
  model: Model,
  t: number,
  s: Float64Array[],
  dsig: Float64Array[],
  chunkEntries: number,
): Mat {
  const n = model.n;
  const n2 = n * n;
  // Stryker disable next-line MethodExpression,ArithmeticOperator: the chunk size bounds memory only; any size gives the same sum (theorem1.test compares chunked and whole)
  const chunk = Math.max(1, Math.min(t, Math.floor(chunkEntries / n2)));
  const XT = mat(chunk, n2);
  const V = mat(chunk, n);
  const out = mat(n2, n);
  let P = identity(n);
  // Chunks from the newest steps down: rows r = 0 … hi − lo hold k = lo + r.
  for (let hi = t; hi >= 1; hi -= chunk) {
    const lo = Math.max(1, hi - chunk + 1);
    const rows = hi - lo + 1;
    for (let k = hi; k >= lo; k--) {
      const row = mat(n, n, XT.data.subarray((k - lo) * n2, (k - lo + 1) * n2));
      // P_t = I; P_k = P_{k+1}·W_R·diag σ′(h_k).
      if (k === t) row.data.set(P.data);
      else scaleColsInPlace(matmul(P, model.WR, row), dsig[k]);
      P = row;
      V.data.set(s[k - 1], (k - lo) * n);
    }
    // The next chunk overwrites XT: carry P_lo in its own storage.
    P = mat(n, n, P.data.slice());
    const xt = mat(rows, n2, XT.data.subarray(0, rows * n2));
    // out starts at 0, so every chunk, the first included, accumulates.
    matmulTN(xt, mat(rows, n, V.data.subarray(0, rows * n)), out, true);
  }
  return mat(n, n2, out.data);
}

/**
 * BPTT through Theorem 1 and the chain rule: ∂E_t/∂W_R = δᵀ Σ_k (J_t⋯J_{k+1})(I⊗σ(h_{k−1})ᵀ)
 * = Σ_k u_k σ(h_{k−1})ᵀ with δ = ∂E_t/∂h_tᵀ = W_Oᵀ(softmax(z_t) − e_{y_t}) and
 * u_t = δ, u_k = J_{k+1}ᵀ u_{k+1}: the descending reading contracted from the left, O(t·n²).
 * The u_k are the rows of U and the σ(h_{k−1}) the rows of S, so the sum is the one product UᵀS;
 * J_kᵀu = σ′(h_{k−1}) ⊙ (W_Rᵀu) reads W_Rᵀ by rows, as dot products.
 */
export function bpttGradient(model: Model, t: number): Mat {
  const n = model.n;
  const { traj, dsig } = jacobianFactors(model, t);
  const U = mat(t, n);
  const S = mat(t, n);
  U.data.set(outputDelta(model, logitsOf(model, traj.h[t]), model.ys[t - 1]), (t - 1) * n);
  const wrT = fixedMatvec(transpose(model.WR));
  const u = U.data;
  for (let k = t; k >= 2; k--) {
    // u_{k−1} = J_kᵀ u_k = diag σ′(h_{k−1}) W_Rᵀ u_k.
    const d = dsig[k - 1];
    const prev = (k - 2) * n;
    wrT(u, (k - 1) * n, u, prev);
    for (let j = 0; j < n; j++) u[prev + j] *= d[j];
  }
  for (let k = 1; k <= t; k++) S.data.set(traj.s[k - 1], (k - 1) * n);
  return matmulTN(U, S);
}

/**
 * ∂E_t/∂h_t as a vector: W_Oᵀ(o_t − e_{y_t}), the "straightforward" factors of Eq. (3). The y entry
 * of o_t − e_y is evaluated as −Σ_{j≠y} o_t[j], which does not cancel when o_t[y] ≈ 1.
 */
export function outputDelta(model: Model, z: Float64Array, y: number): Float64Array {
  let mx = Number.NEGATIVE_INFINITY;
  for (const v of z) mx = Math.max(mx, v);
  let tot = 0;
  const p = z.map((v) => {
    const e = Math.exp(v - mx);
    tot += e;
    return e;
  });
  let others = 0;
  for (let j = 0; j < p.length; j++) {
    p[j] /= tot;
    if (j !== y) others += p[j];
  }
  p[y] = -others;
  const out = new Float64Array(model.n);
  const WO = model.WO.data;
  for (let j = 0; j < model.m; j++) {
    // Stryker disable next-line EqualityOperator: the extra pass of i <= model.n only writes past the end of a typed array, a no-op
    for (let i = 0; i < model.n; i++) out[i] += WO[j * model.n + i] * p[j];
  }
  return out;
}
