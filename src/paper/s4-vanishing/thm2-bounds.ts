/**
 * The finite-t bounds of Theorem 2 (claims thm2.singular-value, thm2.spectral-radius-normal) and
 * the bound Proof 3 ends with (thm2.proof-bound): both sides at one t in float64, and a lower bound
 * of the left side against an upper bound of the right side at 60 digits. m = t − k0 throughout;
 * ‖F(k0, t)‖₂ = ‖J_t⋯J_{k0+1}‖₂·‖σ(h_{k0−1})‖₂.
 */

import type { Case, Model } from '../../model/caseFile.js';
import type { HPNumber } from '../../numerics/exact/decimal.js';
import type { Enclosure } from '../../numerics/exact/hpSymmetricEigen.js';
import type { Certificate } from './thm2.js';

/** The float64 quantities of (case, k0) the bounds are written in (the bound kind's context). */
export interface BoundQuantities {
  readonly case: Case;
  readonly k0: number;
  /** γ = sup|σ′|. */
  readonly gamma: number;
  readonly facts: { readonly rho: number; readonly sMax: number };
  /** ‖σ(h_{k0−1})‖₂. */
  readonly vNorm: number;
  /** ‖J_t⋯J_{k0+1}‖₂ at index t − k0. */
  readonly pNorm: readonly number[];
  /** ‖σ(h_{t−1})‖₂ at index t. */
  readonly sPrevNorm: readonly number[];
  /** max over k0 < r ≤ t of max_i |σ′(h_{r−1,i})| at index t − k0. */
  readonly maxDsig: readonly number[];
}

/** The 60-digit quantities at (case, k0, t) (the bound kind's 60-digit context). */
export interface HPBoundQuantities {
  readonly case: Case;
  readonly model: Model;
  /** t − k0. */
  readonly m: number;
  readonly chain: { readonly maxDsig: HPNumber };
  readonly gamma: HPNumber;
  /** ‖J_t⋯J_{k0+1}‖₂ enclosed. */
  readonly pNorm: () => Enclosure;
  /** ‖W_R‖₂ enclosed. */
  readonly wNorm: () => Enclosure;
  /** ‖σ(h_{k0−1})‖₂. */
  readonly vNorm: HPNumber;
  /** ‖σ(h_{t−1})‖₂. */
  readonly sPrevNorm: HPNumber;
}

/** Both sides of lhs ≤ rhs at one t. */
export interface BoundSides {
  readonly lhs: number;
  readonly rhs: number;
}

/** A lower bound of the left side and an upper bound of the right side, at 60 digits. */
export interface HPBoundSides {
  readonly lhsLower: HPNumber;
  readonly rhsUpper: HPNumber;
  /** Exact facts that decide the comparison beyond the two numbers. */
  readonly certificate?: Certificate;
  /** When set, the comparison is decided by the exact facts: violated iff true. */
  readonly decided?: boolean;
}

/** ‖F(k0, t)‖₂ ≤ (s_max(W_R)·γ)^m·‖σ(h_{k0−1})‖₂ (thm2.singular-value). */
export function singularValueSides(ctx: BoundQuantities, _p: unknown, t: number): BoundSides {
  return {
    lhs: ctx.pNorm[t - ctx.k0] * ctx.vNorm,
    rhs: (ctx.facts.sMax * ctx.gamma) ** (t - ctx.k0) * ctx.vNorm,
  };
}

/**
 * The same at 60 digits, ‖W_R‖₂ enclosed from above; also thm2.spectral-radius-normal's, since for
 * a normal W_R, ρ(W_R) = ‖W_R‖₂.
 */
export function singularValueHPSides(h: HPBoundQuantities): HPBoundSides {
  return {
    lhsLower: h.pNorm().lo.times(h.vNorm),
    rhsUpper: h.wNorm().hi.times(h.gamma).pow(h.m).times(h.vNorm),
  };
}

/** ‖F(k0, t)‖₂ ≤ (ρ(W_R)·γ)^m·‖σ(h_{k0−1})‖₂ (thm2.spectral-radius-normal). */
export function normalSides(ctx: BoundQuantities, _p: unknown, t: number): BoundSides {
  return {
    lhs: ctx.pNorm[t - ctx.k0] * ctx.vNorm,
    rhs: (ctx.facts.rho * ctx.gamma) ** (t - ctx.k0) * ctx.vNorm,
  };
}

/** ‖F(k0, t)‖₂ ≤ (s_max(W_R)·γ)^m, without the factor ‖σ(h_{k0−1})‖₂ (thm2.proof-bound). */
export function proofBoundSides(ctx: BoundQuantities, _p: unknown, t: number): BoundSides {
  return {
    lhs: ctx.pNorm[t - ctx.k0] * ctx.vNorm,
    rhs: (ctx.facts.sMax * ctx.gamma) ** (t - ctx.k0),
  };
}

/** The same at 60 digits. */
export function proofBoundHPSides(h: HPBoundQuantities): HPBoundSides {
  return {
    lhsLower: h.pNorm().lo.times(h.vNorm),
    rhsUpper: h.wNorm().hi.times(h.gamma).pow(h.m),
  };
}
