/**
 * Theorem 2's F(k0, t) in float64, and the quantities its hypotheses and Proof 3 use.
 * F(k0, t) = (J_t⋯J_{k0+1})·(I⊗σ(h_{k0−1})ᵀ) with J_r = W_R diag σ′(h_{r−1}) (Theorem 1's k-th term,
 * descending order). Since (A)(I⊗vᵀ) = A⊗vᵀ and the singular values of a Kronecker product are
 * the products of the factors' ones, ‖F‖₂ = ‖J_t⋯J_{k0+1}‖₂·‖v‖₂ and ‖F‖_F = ‖J_t⋯J_{k0+1}‖_F·‖v‖₂:
 * no n×n² matrix is ever formed.
 */

import { type Case, type Model, toModel } from '../../model/caseFile.js';
import { periodicModel } from '../../model/periodic.js';
import { eigenvalues, spectralRadius } from '../../numerics/eigenvalues.js';
import { frobenius, matmul, normalizePow2, scaleColsInPlace } from '../../numerics/kernels.js';
import { topLyapunovExponent } from '../../numerics/lyapunov.js';
import { identity, type Mat, mat } from '../../numerics/Mat.js';
import { spectralNorm } from '../../numerics/singularValues.js';
import {
  type JacobianFactors,
  jacobianFactors,
  jacobianProduct,
} from '../s3-bptt/jacobian-factors.js';

/**
 * How far limit claims follow a trajectory in float64 (the screen for "→ 0"; verdicts come from
 * exact certificates, never from this window). 64 steps decay a contraction of rate ≤ 0.9 by more
 * than 10³ and keep every per-step quantity of an n ≤ 8 case below a few milliseconds.
 */
export const LIMIT_HORIZON = 64;

/** J_r = W_R·diag σ′(h_{r−1}) for one r, from the trajectory's σ′ values. */
export function jacobianAt(model: Model, dsigPrev: Float64Array): Mat {
  return scaleColsInPlace(mat(model.n, model.n, model.WR.data.slice()), dsigPrev);
}

/** The trajectory and σ′(h_r) (index r) for r = 0 … steps. */
export interface Chain {
  readonly model: Model;
  readonly traj: JacobianFactors['traj'];
  /** σ′(h_r) at index r. */
  readonly dsig: Float64Array[];
}

/** Runs the model for `steps` steps (the model must have T ≥ steps; see periodicModel). */
export function chainOf(model: Model, steps: number): Chain {
  return { model, ...jacobianFactors(model, steps) };
}

/** The chain of a case continued periodically to `steps` steps (never cut below its own T). */
export function extendedChain(c: Case, steps: number): Chain {
  return chainOf(periodicModel(toModel(c), Math.max(steps, c.xs.length)), steps);
}

/** ‖J_t⋯J_{k0+1}‖₂ for t = k0 … tEnd (index t − k0), with log2 kept apart so nothing over/underflows. */
export interface ProductNorms {
  /** ‖J_t⋯J_{k0+1}‖₂ as a number (may be ∞ or 0 when the true value is beyond float64's range). */
  readonly norm2: number[];
  /** log2 ‖J_t⋯J_{k0+1}‖₂ (−∞ for an exactly zero product). */
  readonly log2Norm2: number[];
  /** ‖J_t⋯J_{k0+1}‖_F. */
  readonly normF: number[];
}

/**
 * The spectral and Frobenius norms of the products J_t⋯J_{k0+1}, t = k0 … tEnd (t = k0: the
 * identity); with endOnly, only t = tEnd is evaluated (one SVD instead of tEnd − k0 + 1) and the
 * arrays hold that one value.
 */
export function productNorms(
  chain: Chain,
  k0: number,
  tEnd: number,
  endOnly = false,
): ProductNorms {
  const { model, dsig } = chain;
  const n = model.n;
  let P = identity(n);
  let E = 0;
  let tmp = mat(n, n);
  const norm2: number[] = [];
  const log2Norm2: number[] = [];
  const normF: number[] = [];
  const push = () => {
    const s = spectralNorm(P);
    const f = frobenius(P.data);
    norm2.push(s * 2 ** E);
    normF.push(f * 2 ** E);
    log2Norm2.push(s === 0 ? Number.NEGATIVE_INFINITY : Math.log2(s) + E);
  };
  if (!endOnly || tEnd === k0) push();
  for (let t = k0 + 1; t <= tEnd; t++) {
    // P ← J_t·P = W_R·diag σ′(h_{t−1})·P: scale the rows of P, then multiply by W_R
    for (let i = 0; i < n; i++) {
      const d = dsig[t - 1][i];
      for (let j = 0; j < n; j++) P.data[i * n + j] *= d;
    }
    matmul(model.WR, P, tmp);
    [P, tmp] = [tmp, P];
    E += normalizePow2(P);
    if (!endOnly || t === tEnd) push();
  }
  return { norm2, log2Norm2, normF };
}

/** ‖v‖₂ for v = σ(h_{k0−1}). */
export function sigmaNorm(chain: Chain, k: number): number {
  return frobenius(chain.traj.s[k]);
}

/** The top finite-time Lyapunov exponent (natural log per step) of J_{k0+1} … J_{tEnd}. */
export function lyapunovAlong(chain: Chain, k0: number, tEnd: number): number {
  const Js: Mat[] = [];
  for (let r = k0 + 1; r <= tEnd; r++) Js.push(jacobianAt(chain.model, chain.dsig[r - 1]));
  return Js.length === 0 ? 0 : topLyapunovExponent(Js);
}

/**
 * The first exact repetition of the float64 state at the same input phase: the least a and p ≥ 1
 * with h_a = h_{a+p} bitwise and p ≡ 0 (mod T). A screen only: exact arithmetic decides.
 */
export function floatCycle(chain: Chain, T: number): { a: number; p: number } | undefined {
  const seen = new Map<string, number>();
  const h = chain.traj.h;
  for (let t = 0; t < h.length; t++) {
    const key = `${t % T}|${Array.from(h[t]).join(',')}`;
    const a = seen.get(key);
    if (a !== undefined) return { a, p: t - a };
    seen.set(key, t);
  }
  return undefined;
}

/** Spectral facts of W_R used by the hypotheses, in float64 (decisions are made exactly elsewhere). */
export interface SpectralFacts {
  /** ρ(W_R). */
  readonly rho: number;
  /** s_max(W_R) = ‖W_R‖₂. */
  readonly sMax: number;
  /** Eigenvalues, sorted by decreasing modulus. */
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** ρ, ‖·‖₂ and the eigenvalues of W_R (bounded QR, never ml-matrix's EVD). */
export function spectralFacts(WR: Mat): SpectralFacts {
  const { re, im } = eigenvalues(WR);
  return { rho: re.length ? Math.hypot(re[0], im[0]) : 0, sMax: spectralNorm(WR), re, im };
}

/** ρ of a product J_{a+p}⋯J_{a+1} in float64 (for reports). */
export function cycleSpectralRadius(chain: Chain, a: number, p: number): number {
  return spectralRadius(jacobianProduct(chain.model.WR, chain.dsig, a + p, a));
}
