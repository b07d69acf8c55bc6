/**
 * Theorem 4's products on a model (Theorems 3–4, Lemma 3, Proof 4): the Jacobian products
 * J_t⋯J_{k+1} in float64 and at 60 digits, λ*(D_r) = min_i |σ′(h_{r−1,i})| and the trajectory's λ*.
 */

import type { Model } from '../../model/caseFile.js';
import { jacobianFactors } from '../s3-bptt/jacobian-factors.js';

/** σ′(h_r) for r = 0 … steps − 1 along the model's trajectory (float64). */
export function derivativeTrajectory(model: Model, steps: number): Float64Array[] {
  return jacobianFactors(model, steps).dsig.slice(0, steps);
}

/** min_i |d_i|: λ*(diag d), the smallest |eigenvalue| of a diagonal matrix. */
export function lambdaStarOf(d: ArrayLike<number>): number {
  let m = Number.POSITIVE_INFINITY;
  for (let i = 0; i < d.length; i++) m = Math.min(m, Math.abs(d[i]));
  return m;
}

/** λ* along a trajectory: min over r < steps and i of |σ′(h_{r,i})| (the D_r of Proof 4 for r ≤ steps). */
export function trajectoryLambdaStar(dsig: readonly Float64Array[]): number {
  let m = Number.POSITIVE_INFINITY;
  for (const d of dsig) m = Math.min(m, lambdaStarOf(d));
  return m;
}

/** Π_{r=k+1}^t λ*(D_r), D_r = diag σ′(h_{r−1}), in float64. */
export function lambdaStarProduct(dsig: readonly Float64Array[], t: number, k: number): number {
  let p = 1;
  for (let r = k + 1; r <= t; r++) p *= lambdaStarOf(dsig[r - 1]);
  return p;
}
