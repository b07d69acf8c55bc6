import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { caseArbitrary } from '../../generators/caseArbitrary.js';
import { toModel } from '../../model/caseFile.js';
import { matmul } from '../../numerics/kernels.js';
import { identity, type Mat, mat } from '../../numerics/Mat.js';
import { spectralNorm } from '../../numerics/singularValues.js';
import { NILPOTENT_RELU_FIXED_POINT } from '../../testing/exactFixtures.js';
import { propertyRuns } from '../../testing/propertyRuns.js';
import { theorem1 } from '../s3-bptt/thm1.js';
import {
  chainOf,
  extendedChain,
  floatCycle,
  jacobianAt,
  productNorms,
  sigmaNorm,
} from './chain.js';

/** F(k0, t) = (J_t⋯J_{k0+1})·(I⊗σ(h_{k0−1})ᵀ) formed explicitly as an n×n² matrix. */
function explicitF(c: Parameters<typeof toModel>[0], k0: number, t: number): Mat {
  const model = toModel(c);
  const chain = chainOf(model, t);
  const n = model.n;
  let P: Mat = identity(n);
  for (let r = k0 + 1; r <= t; r++) P = matmul(jacobianAt(model, chain.dsig[r - 1]), P);
  const v = chain.traj.s[k0 - 1];
  const F = mat(n, n * n);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) F.data[i * n * n + a * n + b] = P.data[i * n + a] * v[b];
  return F;
}

describe('‖F(k0, t)‖₂ = ‖J_t⋯J_{k0+1}‖₂·‖σ(h_{k0−1})‖₂', () => {
  test('against the explicit n×n² matrix P⊗σ(h_{k0−1})ᵀ', () => {
    fc.assert(
      fc.property(caseArbitrary({ maxN: 4, minT: 2, maxT: 6 }), fc.nat(), ({ case: c }, k) => {
        const T = c.xs.length;
        const k0 = 1 + (k % (T - 1));
        const chain = chainOf(toModel(c), T);
        if (!chain.traj.h.every((h) => h.every(Number.isFinite))) return;
        const norms = productNorms(chain, k0, T).norm2;
        const v = sigmaNorm(chain, k0 - 1);
        for (let t = k0 + 1; t <= T; t++) {
          const direct = spectralNorm(explicitF(c, k0, t));
          const viaKron = norms[t - k0] * v;
          if (!Number.isFinite(direct)) continue;
          expect(Math.abs(direct - viaKron)).toBeLessThanOrEqual(1e-10 * Math.max(direct, 1e-300));
        }
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  test('the k-th term of Theorem 1: Σ_k F(k, t) = ∂h_t/∂W_R (descending, I⊗vᵀ)', () => {
    fc.assert(
      fc.property(caseArbitrary({ maxN: 3, minT: 2, maxT: 5 }), ({ case: c }) => {
        const T = c.xs.length;
        const model = toModel(c);
        const sum = mat(model.n, model.n * model.n);
        for (let k = 1; k <= T; k++) {
          const F = explicitF(c, k, T);
          for (let q = 0; q < sum.data.length; q++) sum.data[q] += F.data[q];
        }
        const th = theorem1(model, T, { hv: 'kron', order: 'descending' });
        const scale = Math.max(1, ...Array.from(th.data, Math.abs));
        if (!Number.isFinite(scale)) return;
        for (let q = 0; q < sum.data.length; q++)
          expect(Math.abs(sum.data[q] - th.data[q])).toBeLessThanOrEqual(1e-9 * scale);
      }),
      { numRuns: propertyRuns(50) },
    );
  });
});

describe('periodic extension and cycles', () => {
  test('the hint case is a float64 fixed point with phase period 1', () => {
    const c = NILPOTENT_RELU_FIXED_POINT;
    const chain = extendedChain(c, 8);
    expect(floatCycle(chain, 1)).toEqual({ a: 0, p: 1 });
    // F(1, t) = J⊗σ(h*)ᵀ with J = [[1, 0], [−1, 0]]: ‖F‖₂ = √2 for every t > 1
    const n2 = productNorms(chain, 1, 8).norm2;
    for (let t = 2; t <= 8; t++) expect(n2[t - 1]).toBeCloseTo(Math.SQRT2, 14);
  });
});
