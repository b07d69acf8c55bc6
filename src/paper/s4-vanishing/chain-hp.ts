/**
 * Theorem 2's quantities at 60 digits: the products J_t⋯J_{k0+1} from the exact inputs (their
 * spectral norms are enclosed by hpSpectralNormBounds in numerics/exact/hpSingularValues).
 */

import type { Model } from '../../model/caseFile.js';
import { HP, type HPNumber } from '../../numerics/exact/decimal.js';
import { type HPMat, hpFromMat } from '../../numerics/exact/hpMat.js';
import { hpJacobianProduct } from '../s3-bptt/high-precision.js';

const ZERO = new HP(0);

/** What Proof 3 is made of at one (k0, t), at 60 digits from the exact inputs. */
export interface HPChainAt {
  /** J_t⋯J_{k0+1}. */
  readonly P: HPMat;
  /** σ(h_{k0−1}). */
  readonly v: HPNumber[];
  /** σ(h_{t−1}). */
  readonly sPrev: HPNumber[];
  /** max over k0 < r ≤ t of ‖diag σ′(h_{r−1})‖₂ = max_i |σ′(h_{r−1,i})|. */
  readonly maxDsig: HPNumber;
  /** W_R. */
  readonly W: HPMat;
}

/** The products and vectors of Proof 3 at (k0, t), 1 ≤ k0 < t ≤ T, at 60 digits. */
export function hpChainAt(model: Model, k0: number, t: number): HPChainAt {
  const { P, dsig, traj } = hpJacobianProduct(model, t, k0);
  let maxDsig = ZERO;
  for (const d of dsig) for (const x of d) if (x.abs().gt(maxDsig)) maxDsig = x.abs();
  return { P, v: traj.s[k0 - 1], sPrev: traj.s[t - 1], maxDsig, W: hpFromMat(model.WR) };
}
