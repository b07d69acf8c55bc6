/**
 * Eigenvalues of symmetric matrices at 60 digits by cyclic Jacobi rotations, with two-sided
 * estimates: the rotations bring S to D + E with E off-diagonal, and by Weyl's inequality every
 * eigenvalue of S lies within ‖E‖₂ ≤ ‖E‖_F of the matching one of D. The rotations are rounded at
 * 60 digits and that rounding is not accounted for, so these are estimates, not enclosures: a
 * rigorous decision uses numerics/exact/interval.ts or normBounds.ts instead.
 */

import { HP, type HPNumber } from './decimal.js';
import type { HPMat } from './hpMat.js';

const HP_ZERO = new HP(0);
const HP_ONE = new HP(1);

/** Jacobi sweeps allowed at 60 digits: cyclic Jacobi converges quadratically, ~6 sweeps for n ≤ 8. */
const HP_MAX_SWEEPS = 60;

/** Off-diagonal mass (relative to ‖S‖_F) below which the 60-digit Jacobi iteration stops: 10⁻⁵⁸. */
const HP_OFF_TOL = new HP('1e-58');

/** The diagonal D (in position order) and ‖E‖_F of S ≈ D + E after cyclic Jacobi. */
export interface HPJacobi {
  readonly diagonal: HPNumber[];
  readonly offFrobenius: HPNumber;
}

/**
 * Cyclic Jacobi rotations on a symmetric matrix at 60 digits (Rutishauser's update; each rotation
 * is orthogonal to working precision, so every eigenvalue is accurate to ≈ 10⁻⁵⁸·‖S‖_F), until the
 * off-diagonal part is 10⁻⁵⁸ of ‖S‖_F. Only the upper triangle is read.
 */
export function hpJacobi(s: HPMat): HPJacobi {
  const n = s.rows;
  if (s.cols !== n) throw new RangeError(`hpJacobi: ${s.rows}×${s.cols}`);
  const a: HPNumber[] = new Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) a[i * n + j] = s.data[Math.min(i, j) * n + Math.max(i, j)];
  }
  // Σ_{p<q} a_pq²: half the off-diagonal mass of the symmetric matrix
  const upperOff = () => {
    let off = HP_ZERO;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off = off.plus(a[p * n + q].pow(2));
    return off;
  };
  let fro = HP_ZERO;
  for (const x of a) fro = fro.plus(x.times(x));
  const stop = fro.sqrt().times(HP_OFF_TOL);
  for (let sweep = 0; sweep < HP_MAX_SWEEPS; sweep++) {
    if (upperOff().sqrt().lte(stop)) break;
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
  const diagonal: HPNumber[] = [];
  for (let i = 0; i < n; i++) diagonal.push(a[i * n + i]);
  return { diagonal, offFrobenius: upperOff().times(2).sqrt() };
}

/** The eigenvalues of a symmetric matrix at 60 digits, descending (hpJacobi's diagonal). */
export function hpSymmetricEigenvalues(s: HPMat): HPNumber[] {
  return hpJacobi(s).diagonal.sort((x, y) => y.cmp(x));
}

/** Two-sided 60-digit estimates lo ≲ x ≲ hi of a non-negative quantity (not rigorous: rounding is ignored). */
export interface Enclosure {
  readonly lo: HPNumber;
  readonly hi: HPNumber;
}

/** λ_max of a symmetric matrix, estimated: [max D − ‖E‖_F, max D + ‖E‖_F] after hpJacobi (lo clamped at 0; rounding ignored). */
export function hpLambdaMaxSymmetric(G: HPMat): Enclosure {
  const { diagonal, offFrobenius } = hpJacobi(G);
  if (diagonal.length === 0) return { lo: HP_ZERO, hi: HP_ZERO };
  let top = diagonal[0];
  for (const x of diagonal) if (x.gt(top)) top = x;
  const lo = top.minus(offFrobenius);
  return { lo: lo.isNeg() ? HP_ZERO : lo, hi: top.plus(offFrobenius) };
}
