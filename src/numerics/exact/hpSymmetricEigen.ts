/**
 * Eigenvalues of symmetric matrices at 60 digits by cyclic Jacobi rotations, and two-sided
 * enclosures of λ_max.
 */

import { HP, type HPNumber } from './decimal.js';
import type { HPMat } from './hpMat.js';

const HP_ZERO = new HP(0);
const HP_ONE = new HP(1);

/** Jacobi sweeps allowed at 60 digits: cyclic Jacobi converges quadratically, ~6 sweeps for n ≤ 8. */
const HP_MAX_SWEEPS = 60;

/** Off-diagonal mass (relative to ‖S‖_F) below which the 60-digit Jacobi iteration stops: 10⁻⁵⁸. */
const HP_OFF_TOL = new HP('1e-58');

/**
 * The eigenvalues of a symmetric matrix at 60 digits, descending, by cyclic Jacobi rotations
 * (Rutishauser's update; each rotation is orthogonal to working precision, so every eigenvalue is
 * accurate to ≈ 10⁻⁵⁸·‖S‖_F). Only the upper triangle is read.
 */
export function hpSymmetricEigenvalues(s: HPMat): HPNumber[] {
  const n = s.rows;
  if (s.cols !== n) throw new RangeError(`hpSymmetricEigenvalues: ${s.rows}×${s.cols}`);
  const a: HPNumber[] = new Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) a[i * n + j] = s.data[Math.min(i, j) * n + Math.max(i, j)];
  }
  let fro = HP_ZERO;
  for (const x of a) fro = fro.plus(x.times(x));
  const stop = fro.sqrt().times(HP_OFF_TOL);
  for (let sweep = 0; sweep < HP_MAX_SWEEPS; sweep++) {
    let off = HP_ZERO;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off = off.plus(a[p * n + q].pow(2));
    if (off.sqrt().lte(stop)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq.isZero()) continue;
        // θ = (a_qq − a_pp)/(2a_pq), t = sgn θ/(|θ| + √(θ² + 1)): the smaller rotation angle.
        const theta = a[q * n + q].minus(a[p * n + p]).div(apq.times(2));
        const t = (theta.isNeg() ? HP_ONE.neg() : HP_ONE).div(
          theta.abs().plus(theta.pow(2).plus(1).sqrt()),
        );
        const c = HP_ONE.div(t.pow(2).plus(1).sqrt());
        const sn = t.times(c);
        const tau = sn.div(HP_ONE.plus(c));
        a[p * n + p] = a[p * n + p].minus(t.times(apq));
        a[q * n + q] = a[q * n + q].plus(t.times(apq));
        a[p * n + q] = HP_ZERO;
        a[q * n + p] = HP_ZERO;
        for (let r = 0; r < n; r++) {
          if (r === p || r === q) continue;
          const g = a[r * n + p];
          const h = a[r * n + q];
          const gp = g.minus(sn.times(h.plus(g.times(tau))));
          const hq = h.plus(sn.times(g.minus(h.times(tau))));
          a[r * n + p] = gp;
          a[p * n + r] = gp;
          a[r * n + q] = hq;
          a[q * n + r] = hq;
        }
      }
    }
  }
  const out: HPNumber[] = [];
  for (let i = 0; i < n; i++) out.push(a[i * n + i]);
  return out.sort((x, y) => y.cmp(x));
}

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
    let s = HP_ZERO;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) if (i !== j) s = s.plus(at(i, j).pow(2));
    return s.sqrt();
  };
  let scale = HP_ZERO;
  for (const x of a) scale = scale.plus(x.pow(2));
  scale = scale.sqrt();
  if (scale.isZero()) return { lo: HP_ZERO, hi: HP_ZERO };
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
  return { lo: lo.isNegative() ? HP_ZERO : lo, hi: top.plus(off) };
}
