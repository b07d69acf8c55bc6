/**
 * Theorem 2 with its hypothesis replaced by a joint-spectral-radius bound (claim thm2.jsr). Every
 * J_r = W_R·diag σ′(h_{r−1}) has σ′ ∈ [0, γ]ⁿ, a product of l of them is affine in each diagonal
 * and ‖·‖₂ is convex, so ‖J_{r+l}⋯J_{r+1}‖₂ ≤ B_l = max{‖P‖₂ : P a product of l matrices of
 * Σ = {W_R·diag(d) : d ∈ {0, γ}ⁿ}}; blocks of L* factors give
 *   ‖J_t⋯J_{k0+1}‖₂ ≤ B_{m mod L*}·B_{L*}^{⌊m/L*⌋},  m = t − k0,
 * and ρ̂ = min_l B_l^{1/l} < 1 makes it → 0. The B_l are float64 for the check and enclosed from
 * above at 60 digits for the re-check, over the same enumeration of products.
 */

import { activation } from '../../model/activation.js';
import type { Case } from '../../model/caseFile.js';
import { type HPNumber, hpShow, toHP } from '../../numerics/exact/decimal.js';
import {
  type HPMat,
  hpFromMat,
  hpIdentity,
  hpMatmul,
  hpScaleCols,
} from '../../numerics/exact/hpMat.js';
import { hpSpectralNormBounds } from '../../numerics/exact/hpSingularValues.js';
import { rationalToHP } from '../../numerics/exact/rational.js';
import {
  boxVertices,
  forEachProduct,
  jsrExtremeSet,
  jsrNormBound,
  type NormBound,
} from '../../numerics/jointSpectralRadius.js';
import { fromRows, type Mat } from '../../numerics/Mat.js';
import type { HypothesisResult } from './thm2.js';
import type { BoundContext, HPContext, HPSides, Sides } from './thm2-bounds.js';

/** The largest n whose 2ⁿ extreme Jacobians are enumerated. */
export const JSR_MAX_N = 4;

/** Product cap of the JSR bound: (2ⁿ)^L ≤ 256 keeps n ≤ 4 to L ≤ 2 and its HP re-check cheap. */
export const JSR_MAX_PRODUCTS = 256;

/** Longest product length of the JSR bound. */
export const JSR_MAX_LENGTH = 8;

/** B_0 … B_L of the extreme set of (W, γ), L* and ρ̂ = B_{L*}^{1/L*}, L as the suite caps it. */
export function jsrNormBoundOf(W: Mat, gamma: number): NormBound {
  return jsrNormBound(jsrExtremeSet(W, gamma), JSR_MAX_LENGTH, JSR_MAX_PRODUCTS);
}

/**
 * min over l ≤ L of B_l^{1/l}, B_l the largest ‖P‖₂ over products of l matrices of
 * {W·diag(d) : d ∈ {0, γ}ⁿ}: an upper bound on the joint spectral radius of the Jacobians.
 */
export function jsrUpperBound(W: Mat, gamma: number): number {
  return jsrNormBoundOf(W, gamma).rhoHat;
}

/** B_0 … B_L, L* and ρ̂ of a case's W_R and γ. */
export function jsrData(c: Case): NormBound {
  return jsrNormBoundOf(fromRows(c.W_R, c.W_R.length), activation(c.activation).gamma);
}

/** jsrData of the case a bound is evaluated on. */
export function jsrDataOf(ctx: { readonly case: Case }): NormBound {
  return jsrData(ctx.case);
}

/** The hypothesis of thm2.jsr: n ≤ JSR_MAX_N and ρ̂ < 1 (float64; the bound holds whatever ρ̂ is). */
export function jsrHypothesis(c: Case): HypothesisResult {
  const n = c.W_R.length;
  if (n > JSR_MAX_N)
    return {
      holds: false,
      reason: `n = ${n} > ${JSR_MAX_N}: the 2ⁿ extreme Jacobians are not enumerated`,
      certificate: { holds: false },
    };
  const d = jsrData(c);
  const holds = d.rhoHat < 1;
  return {
    holds,
    ...(holds ? {} : { reason: 'the JSR upper bound ρ̂ = min_l B_l^{1/l} ≥ 1' }),
    certificate: {
      hypothesis:
        'ρ̂ = min_{l ≤ L} B_l^{1/l} < 1 (float64 SVDs; the bound below holds whatever ρ̂ is)',
      B: d.B.map(String),
      Lstar: d.Lstar,
      holds,
    },
  };
}

/** Upper bounds at 60 digits of B_0 … B_L (every product of the 2ⁿ extreme matrices enclosed). */
export function hpExtremeUpper(c: Case, L: number): HPNumber[] {
  const n = c.W_R.length;
  const W = hpFromMat(fromRows(c.W_R, n));
  const zero = toHP(0);
  // γ's exact upper bound: the B_l are enclosed from above
  const gammaHi = rationalToHP(activation(c.activation).gammaBounds.hi);
  const set: HPMat[] = boxVertices(n, gammaHi, zero).map((d) => hpScaleCols(W, d));
  const B: HPNumber[] = [toHP(1), ...new Array<HPNumber>(L).fill(zero)];
  forEachProduct(
    set.length,
    L,
    hpIdentity(n),
    (P, i) => hpMatmul(set[i], P),
    (P, depth) => {
      const hi = hpSpectralNormBounds(P).hi;
      if (hi.gt(B[depth])) B[depth] = hi;
    },
  );
  return B;
}

/** Both sides of ‖F(k0, t)‖₂ ≤ B_{m mod L*}·B_{L*}^{⌊m/L*⌋}·‖σ(h_{k0−1})‖₂ in float64. */
export function jsrSides(
  ctx: Pick<BoundContext, 'k0' | 'pNorm' | 'vNorm'>,
  d: NormBound,
  t: number,
): Sides {
  const m = t - ctx.k0;
  return {
    lhs: ctx.pNorm[m] * ctx.vNorm,
    rhs: d.B[m % d.Lstar] * d.B[d.Lstar] ** Math.floor(m / d.Lstar) * ctx.vNorm,
  };
}

/**
 * A lower bound of ‖F(k0, t)‖₂ and an upper bound of the right side at 60 digits: L* from the
 * float64 B_l (any L* gives a valid bound), every B_l enclosed from above.
 */
export function jsrHPSides(h: Pick<HPContext, 'case' | 'm' | 'pNorm' | 'vNorm'>): HPSides {
  const d = jsrData(h.case);
  const B = hpExtremeUpper(h.case, d.Lstar);
  return {
    lhsLower: h.pNorm().lo.times(h.vNorm),
    rhsUpper: B[h.m % d.Lstar].times(B[d.Lstar].pow(Math.floor(h.m / d.Lstar))).times(h.vNorm),
    certificate: { Lstar: d.Lstar, BUpper: B.map(hpShow) },
  };
}

/** ρ̂ and L* for the witness. */
export function jsrExtra(_ctx: unknown, d: NormBound): Record<string, number> {
  return { rhoHat: d.rhoHat, Lstar: d.Lstar };
}
