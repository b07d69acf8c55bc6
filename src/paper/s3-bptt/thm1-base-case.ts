import type { Model } from '../../model/caseFile.js';
import type { HPMat } from '../../numerics/exact/hpMat.js';
import { type Mat, mat } from '../../numerics/Mat.js';
import { hpBaseCase } from './high-precision.js';
import { jacobianFactors } from './jacobian-factors.js';

/**
 * The proof's base steps with HV read as I⊗vᵀ: dh_1/dW_R = I⊗σ(h_0)ᵀ and
 * dh_2/dW_R = I⊗σ(h_1)ᵀ + W_R diag σ′(h_1)(I⊗σ(h_0)ᵀ), written out as the proof writes them.
 */
export function baseCase(model: Model, t: 1 | 2): Mat {
  const n = model.n;
  const n2 = n * n;
  const { traj, dsig } = jacobianFactors(model, t);
  const out = mat(n, n2);
  const last = traj.s[t - 1];
  for (let i = 0; i < n; i++) out.data.set(last, i * n2 + i * n);
  if (t === 2) {
    // (W_R diag σ′(h_1))[i, a] · σ(h_0)_b at column a·n + b.
    const v0 = traj.s[0];
    // Stryker disable next-line EqualityOperator: the extra pass of i <= n only writes past the end of a typed array, a no-op
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < n; a++) {
        const c = model.WR.data[i * n + a] * dsig[1][a];
        for (let b = 0; b < n; b++) out.data[i * n2 + a * n + b] += c * v0[b];
      }
    }
  }
  return out;
}

/** The base step a drawn t stands for: t = 1, or t = 2 for any other t. */
function baseStep(t: number): 1 | 2 {
  return t === 1 ? 1 : 2;
}

/** baseCase at the base step of t (claim thm1.base-case). */
export function baseCaseAt(model: Model, t: number): Mat {
  return baseCase(model, baseStep(t));
}

/** hpBaseCase at the base step of t. */
export function hpBaseCaseAt(model: Model, t: number): HPMat {
  return hpBaseCase(model, baseStep(t));
}
