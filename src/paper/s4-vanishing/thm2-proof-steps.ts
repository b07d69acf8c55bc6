/**
 * The four inequalities of Proof 3 (Theorem 2), each on its own (claims thm2.proof-step1 … 4):
 *   ‖F(k0, t)‖ ≤ ‖W_R‖^m·‖diag σ′(h_{r−1})‖^m·‖σ(h_{t−1})‖^m       (step 1)
 *             ≤ (‖W_R‖·‖σ(h_{t−1})‖)^m                           (step 2)
 *             ≤ (λ1·‖σ(h_{t−1})‖)^m                              (step 3)
 *             ≤ (λ1·γ)^m,                                        (step 4)
 * m = t − k0, ‖diag σ′(h_{r−1})‖ read as max_{k0<r≤t} max_i|σ′(h_{r−1,i})|, λ1 as ρ(W_R).
 */

import { intervalStates } from '../../model/intervalForward.js';
import { spectralRadius } from '../../numerics/eigenvalues.js';
import { hpShow, toHP } from '../../numerics/exact/decimal.js';
import { dyadicMat, dyadicRatio } from '../../numerics/exact/dyadic.js';
import { spectralRadiusBelow } from '../../numerics/exact/eigenCertificates.js';
import { frobeniusSqI, Interval } from '../../numerics/exact/interval.js';
import { normSqLowerBound } from '../../numerics/exact/normBounds.js';
import { Rational } from '../../numerics/exact/rational.js';
import { fromRows } from '../../numerics/Mat.js';
import { spectralNorm } from '../../numerics/singularValues.js';
import { nilpotentExact } from './thm2.js';
import type { BoundContext, HPContext, HPSides, Sides } from './thm2-bounds.js';

/** Step 1: ‖F(k0, t)‖₂ against (‖W_R‖₂·max_r‖diag σ′(h_{r−1})‖₂·‖σ(h_{t−1})‖₂)^m. */
export function step1Sides(ctx: BoundContext, _p: unknown, t: number): Sides {
  return {
    lhs: ctx.pNorm[t - ctx.k0] * ctx.vNorm,
    rhs: (ctx.facts.sMax * ctx.maxDsig[t - ctx.k0] * ctx.sPrevNorm[t]) ** (t - ctx.k0),
  };
}

/** Step 1 at 60 digits. */
export function step1HPSides(h: HPContext): HPSides {
  return {
    lhsLower: h.pNorm().lo.times(h.vNorm),
    rhsUpper: h.wNorm().hi.times(h.chain.maxDsig).times(h.sPrevNorm).pow(h.m),
  };
}

/** ‖σ(h_{t−1})‖₂ and max_r‖diag σ′(h_{r−1})‖₂ for step 1's witness. */
export function step1Extra(ctx: BoundContext, _p: unknown, t: number): Record<string, number> {
  return { normSigmaPrevT: ctx.sPrevNorm[t], maxDsig: ctx.maxDsig[t - ctx.k0] };
}

/** Step 2: step 1's right side against (‖W_R‖₂·‖σ(h_{t−1})‖₂)^m. */
export function step2Sides(ctx: BoundContext, _p: unknown, t: number): Sides {
  return {
    lhs: (ctx.facts.sMax * ctx.maxDsig[t - ctx.k0] * ctx.sPrevNorm[t]) ** (t - ctx.k0),
    rhs: (ctx.facts.sMax * ctx.sPrevNorm[t]) ** (t - ctx.k0),
  };
}

/** Step 2 at 60 digits. */
export function step2HPSides(h: HPContext): HPSides {
  return {
    lhsLower: h.wNorm().lo.times(h.chain.maxDsig).times(h.sPrevNorm).pow(h.m),
    rhsUpper: h.wNorm().hi.times(h.sPrevNorm).pow(h.m),
  };
}

/** max_r‖diag σ′(h_{r−1})‖₂ for step 2's witness. */
export function step2Extra(ctx: BoundContext, _p: unknown, t: number): Record<string, number> {
  return { maxDsig: ctx.maxDsig[t - ctx.k0] };
}

/** A dyadic c a hair below the float64 ‖W_R‖₂ (2^−30 relative, far above its rounding): the certificate separates ρ(W_R) < c ≤ ‖W_R‖₂. */
function cBelow(sMax: number): number {
  return sMax * (1 - 2 ** -30);
}

/** ρ(W_R) < c exactly. */
function rhoBelow(rows: number[][], c: number): boolean {
  const r = dyadicRatio(c);
  return c > 0 && spectralRadiusBelow(dyadicMat(rows), r.num, r.den);
}

/** Step 3: (‖W_R‖₂·‖σ(h_{t−1})‖₂)^m against (ρ(W_R)·‖σ(h_{t−1})‖₂)^m. */
export function step3Sides(ctx: BoundContext, _p: unknown, t: number): Sides {
  return {
    lhs: (ctx.facts.sMax * ctx.sPrevNorm[t]) ** (t - ctx.k0),
    rhs: (ctx.facts.rho * ctx.sPrevNorm[t]) ** (t - ctx.k0),
  };
}

/**
 * A float64 ρ of a defective matrix can be off by (ε‖W_R‖)^{1/k}: step 3's violation is reported
 * only where ρ(W_R) < c is certified, c just below ‖W_R‖₂, and σ(h_{t−1}) ≠ 0.
 */
export function step3Confirm(ctx: BoundContext, _p: unknown, t: number): boolean {
  return ctx.sPrevNorm[t] > 0 && rhoBelow(ctx.case.W_R, cBelow(ctx.facts.sMax));
}

/** ‖σ(h_{t−1})‖₂² enclosed by outward-rounded interval arithmetic on the exact model. */
function sPrevNormSqI(h: HPContext): Interval {
  return frobeniusSqI(intervalStates(h.model, h.t - 1).s[h.t - 1]);
}

/** Step 3 decided: ρ(W_R) < c and c² < ‖W_R‖₂² exactly, with σ(h_{t−1}) ≠ 0 by an enclosure. */
export function step3HPSides(h: HPContext): HPSides {
  // the same c as the check: from the float64 ‖W_R‖₂, re-derived from the case
  const W = fromRows(h.case.W_R, h.case.W_R.length);
  const c = cBelow(spectralNorm(W));
  const exact = rhoBelow(h.case.W_R, c);
  const cHP = toHP(c);
  const wLo = h.wNorm().lo;
  const s = h.sPrevNorm;
  // an exact Rayleigh quotient ‖W_R v‖²/‖v‖² ≤ ‖W_R‖₂²
  const wSqLower = normSqLowerBound(W);
  const cBelowNorm = Rational.fromDouble(c).mul(Rational.fromDouble(c)).cmp(wSqLower) < 0;
  return {
    lhsLower: wLo.times(s).pow(h.m),
    // (ρ·s)^m < (c·s)^m once ρ < c is certified; otherwise no valid upper bound is claimed
    rhsUpper: exact ? cHP.times(s).pow(h.m) : wLo.times(s).pow(h.m),
    decided: exact && cBelowNorm && sPrevNormSqI(h).isPositive(),
    certificate: {
      c: c.toString(),
      rhoBelowC: exact,
      normWLowerBound: hpShow(Interval.point(wSqLower).sqrt().lo),
      decidedBy:
        'ρ(W_R) < c exactly (all roots of det(zI − W_R) in |z| < c: Möbius + Routh–Hurwitz in integers), c² < ‖W_R v‖²/‖v‖² ≤ ‖W_R‖₂² exactly (a rational Rayleigh quotient), and ‖σ(h_{t−1})‖₂² > 0 by outward-rounded interval arithmetic',
    },
  };
}

/** Step 4: (ρ(W_R)·‖σ(h_{t−1})‖₂)^m against (ρ(W_R)·γ)^m. */
export function step4Sides(ctx: BoundContext, _p: unknown, t: number): Sides {
  return {
    lhs: (ctx.facts.rho * ctx.sPrevNorm[t]) ** (t - ctx.k0),
    rhs: (ctx.facts.rho * ctx.gamma) ** (t - ctx.k0),
  };
}

/** A float64 ρ of a nilpotent W_R is rounding noise, not a positive radius: step 4 needs W_R not nilpotent, exactly. */
export function step4Confirm(ctx: BoundContext): boolean {
  return !nilpotentExact(ctx.case);
}

/** Step 4 decided: ρ(W_R) > 0 exactly and ‖σ(h_{t−1})‖₂² > γ² by an enclosure. */
export function step4HPSides(h: HPContext): HPSides {
  const rhoPositive = !nilpotentExact(h.case);
  const above = sPrevNormSqI(h).gt(Interval.point(h.model.sigma.gamma).sqr());
  // displayed with the float64 ρ (exactly converted); the verdict rests on ρ > 0 and ‖σ(h_{t−1})‖ > γ
  const rho = toHP(spectralRadius(h.model.WR));
  return {
    lhsLower: rho.times(h.sPrevNorm).pow(h.m),
    rhsUpper: rho.times(h.gamma).pow(h.m),
    decided: rhoPositive && above,
    certificate: {
      rhoPositive,
      normSigmaPrev: hpShow(h.sPrevNorm),
      gamma: h.gamma.toString(),
      decidedBy:
        'ρ(W_R) > 0 exactly (det(zI − W_R) ≠ zⁿ) and ‖σ(h_{t−1})‖₂² > γ² by outward-rounded interval arithmetic, so (ρ‖σ(h_{t−1})‖)^m > (ργ)^m for m = t − k0 ≥ 1',
    },
  };
}

/** ‖σ(h_{t−1})‖₂ for step 4's witness. */
export function step4Extra(ctx: BoundContext, _p: unknown, t: number): Record<string, number> {
  return { normSigmaPrevT: ctx.sPrevNorm[t] };
}
