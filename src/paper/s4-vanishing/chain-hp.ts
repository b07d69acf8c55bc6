/**
 * Theorem 2's quantities at 60 digits: the products J_t⋯J_{k0+1} from the exact inputs, and
 * two-sided enclosures of spectral norms. ‖P‖₂² = λ_max(PᵀP); cyclic Jacobi rotations bring
 * G = PᵀP to D + E with E off-diagonal, and by Weyl's inequality λ_max(G) lies within ‖E‖_F of
 * max D. Jacobi is run until ‖E‖_F is ~10⁻⁵⁵ of ‖G‖, so the enclosure is as tight as the
 * arithmetic, far inside TOLERANCES.highPrecision.
 */

import type { Model } from '../../model/caseFile.js';
import { hpForward } from '../../model/hpForward.js';
import { HP, type HPNumber } from '../../numerics/exact/decimal.js';
import {
  type HPMat,
  hpFromMat,
  hpIdentity,
  hpMatmul,
  hpScaleCols,
  hpTranspose,
} from '../../numerics/exact/hpMat.js';

const ZERO = new HP(0);

/** Two-sided bounds lo ≤ x ≤ hi on a non-negative quantity. */
export interface Enclosure {
  readonly lo: HPNumber;
  readonly hi: HPNumber;
}

/** Sweeps of cyclic Jacobi allowed (quadratic convergence needs ~6–10 for n ≤ 8). */
const MAX_SWEEPS = 40;

/** Relative size of the off-diagonal part at which Jacobi stops. */
const OFF_TARGET = new HP('1e-55');

/** λ_max of a symmetric matrix, enclosed: [max D − ‖E‖_F, max D + ‖E‖_F] after cyclic Jacobi. */
export function hpLambdaMaxSymmetric(G: HPMat): Enclosure {
  const n = G.rows;
  const a = G.data.slice();
  const at = (i: number, j: number) => a[i * n + j];
  const offNorm = () => {
    let s = ZERO;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) if (i !== j) s = s.plus(at(i, j).pow(2));
    return s.sqrt();
  };
  let scale = ZERO;
  for (const x of a) scale = scale.plus(x.pow(2));
  scale = scale.sqrt();
  if (scale.isZero()) return { lo: ZERO, hi: ZERO };
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    if (offNorm().lte(scale.times(OFF_TARGET))) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = at(p, q);
        if (apq.isZero()) continue;
        // the rotation that zeroes (p, q): θ = (a_qq − a_pp)/(2a_pq), t = sign θ/(|θ| + √(θ²+1))
        const theta = at(q, q).minus(at(p, p)).div(apq.times(2));
        const sgn = theta.isNegative() ? -1 : 1;
        const t = new HP(sgn).div(theta.abs().plus(theta.pow(2).plus(1).sqrt()));
        const c = new HP(1).div(t.pow(2).plus(1).sqrt());
        const s = t.times(c);
        for (let k = 0; k < n; k++) {
          const akp = at(k, p);
          const akq = at(k, q);
          a[k * n + p] = c.times(akp).minus(s.times(akq));
          a[k * n + q] = s.times(akp).plus(c.times(akq));
        }
        for (let k = 0; k < n; k++) {
          const apk = at(p, k);
          const aqk = at(q, k);
          a[p * n + k] = c.times(apk).minus(s.times(aqk));
          a[q * n + k] = s.times(apk).plus(c.times(aqk));
        }
      }
    }
  }
  let top = at(0, 0);
  for (let i = 1; i < n; i++) if (at(i, i).gt(top)) top = at(i, i);
  const off = offNorm();
  const lo = top.minus(off);
  return { lo: lo.isNegative() ? ZERO : lo, hi: top.plus(off) };
}

/** ‖P‖₂ enclosed through λ_max(PᵀP). */
export function hpSpectralNormBounds(P: HPMat): Enclosure {
  const G = hpMatmul(hpTranspose(P), P);
  const { lo, hi } = hpLambdaMaxSymmetric(G);
  return { lo: lo.sqrt(), hi: hi.sqrt() };
}

/** ‖v‖₂ at 60 digits. */
export function hpNorm2(v: readonly HPNumber[]): HPNumber {
  let s = ZERO;
  for (const x of v) s = s.plus(x.pow(2));
  return s.sqrt();
}

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
  const traj = hpForward(model, t);
  const W = hpFromMat(model.WR);
  let P = hpIdentity(model.n);
  let maxDsig = ZERO;
  for (let r = k0 + 1; r <= t; r++) {
    const d = traj.h[r - 1].map(model.sigma.dfHP);
    for (const x of d) if (x.abs().gt(maxDsig)) maxDsig = x.abs();
    P = hpMatmul(hpScaleCols(W, d), P);
  }
  return { P, v: traj.s[k0 - 1], sPrev: traj.s[t - 1], maxDsig, W };
}
