/**
 * The finite-t bounds of Theorem 2 (claims thm2.singular-value, thm2.spectral-radius-normal) and
 * the bound Proof 3 ends with (thm2.proof-bound): both sides at one t in float64, and a lower bound
 * of the left side against an upper bound of the right side at 60 digits. m = t − k0 throughout;
 * ‖F(k0, t)‖₂ = ‖J_t⋯J_{k0+1}‖₂·‖σ(h_{k0−1})‖₂.
 */

import type { ClaimInput } from '../../engine/contract/claim.js';
import { type Case, type Model, toModel } from '../../model/caseFile.js';
import { EigenvalueError } from '../../numerics/eigenvalues.js';
import type { HPNumber } from '../../numerics/exact/decimal.js';
import { hpNorm2 } from '../../numerics/exact/hpMat.js';
import { hpSpectralNormBounds } from '../../numerics/exact/hpSingularValues.js';
import type { Enclosure } from '../../numerics/exact/hpSymmetricEigen.js';
import { rationalToHP } from '../../numerics/exact/rational.js';
import { frobenius } from '../../numerics/kernels.js';
import {
  type Chain,
  chainOf,
  productNorms,
  type SpectralFacts,
  sigmaNorm,
  spectralFacts,
} from './chain.js';
import { type HPChainAt, hpChainAt } from './chain-hp.js';
import type { Certificate } from './thm2.js';

/** Everything a finite-t bound of Theorem 2 is computed from, in float64, for one (case, k0). */
export interface BoundContext {
  readonly case: Case;
  readonly model: Model;
  readonly chain: Chain;
  readonly k0: number;
  readonly T: number;
  /** γ = sup|σ′|. */
  readonly gamma: number;
  readonly facts: SpectralFacts;
  /** ‖σ(h_{k0−1})‖₂. */
  readonly vNorm: number;
  /** ‖J_t⋯J_{k0+1}‖₂ at index t − k0 (t = k0 … T). */
  readonly pNorm: number[];
  /** ‖σ(h_{t−1})‖₂ at index t (t = 1 … T). */
  readonly sPrevNorm: number[];
  /** max over k0 < r ≤ t of max_i |σ′(h_{r−1,i})| at index t − k0 (index 0 unused: 0). */
  readonly maxDsig: number[];
}

/** The two sides of a bound lhs ≤ rhs at one t. */
export interface Sides {
  readonly lhs: number;
  readonly rhs: number;
}

/** The same at 60 digits: a lower bound of the left side and an upper bound of the right side. */
export interface HPSides {
  readonly lhsLower: HPNumber;
  readonly rhsUpper: HPNumber;
  /** Exact facts that decide the comparison beyond the two numbers (e.g. ρ(W_R) < c). */
  readonly certificate?: Certificate;
  /** When set, the comparison is decided by these exact facts: violated iff true. */
  readonly decided?: boolean;
}

/** What recheckHP gets: the model, the exact case, k0, t and the 60-digit chain. */
export interface HPContext {
  readonly case: Case;
  readonly model: Model;
  readonly k0: number;
  readonly t: number;
  /** t − k0. */
  readonly m: number;
  readonly chain: HPChainAt;
  readonly gamma: HPNumber;
  /** ‖J_t⋯J_{k0+1}‖₂ estimated from both sides at 60 digits (not rigorous). */
  readonly pNorm: () => Enclosure;
  /** ‖W_R‖₂ estimated from both sides at 60 digits (not rigorous). */
  readonly wNorm: () => Enclosure;
  /** ‖σ(h_{k0−1})‖₂. */
  readonly vNorm: HPNumber;
  /** ‖σ(h_{t−1})‖₂. */
  readonly sPrevNorm: HPNumber;
}

/** params.k0 of a Theorem 2 input, checked: an integer ≥ 1. */
export function k0Of(input: ClaimInput): number {
  const k0 = input.params.k0;
  if (!Number.isInteger(k0) || k0 < 1)
    throw new RangeError(`params.k0 = ${k0} is not an integer ≥ 1`);
  return k0;
}

/**
 * The float64 context of (case, k0), or why there is none: outside the hypothesis (skip), the
 * eigenvalue iteration gave up (notJudged), or the trajectory overflowed.
 */
export function boundContext(
  c: Case,
  k0: number,
): BoundContext | { skip: string } | { notJudged: string } | { overflow: string } {
  const model = toModel(c);
  const T = model.T;
  if (k0 >= T) return { skip: `k0 = ${k0} ≥ T = ${T}: no t with k0 < t ≤ T` };
  let facts: SpectralFacts;
  try {
    facts = spectralFacts(model.WR);
  } catch (e) {
    if (e instanceof EigenvalueError)
      return { notJudged: 'the eigenvalues of W_R did not converge' };
    throw e;
  }
  const chain = chainOf(model, T);
  if (!chain.traj.h.every((h) => h.every(Number.isFinite)))
    return { overflow: 'the trajectory left float64 range' };
  const pNorm = productNorms(chain, k0, T).norm2;
  const sPrevNorm = chain.traj.s.map((s) => frobenius(s));
  const maxDsig = [0];
  let mx = 0;
  for (let t = k0 + 1; t <= T; t++) {
    for (const d of chain.dsig[t - 1]) mx = Math.max(mx, Math.abs(d));
    maxDsig.push(mx);
  }
  return {
    case: c,
    model,
    chain,
    k0,
    T,
    gamma: model.sigma.gamma,
    facts,
    vNorm: sigmaNorm(chain, k0 - 1),
    pNorm,
    sPrevNorm: [0, ...sPrevNorm.slice(0, T)],
    maxDsig,
  };
}

/** The 60-digit context at (k0, t); enclosures are computed on first use. */
export function hpContext(c: Case, k0: number, t: number): HPContext {
  const model = toModel(c);
  const chain = hpChainAt(model, k0, t);
  let p: Enclosure | undefined;
  let w: Enclosure | undefined;
  return {
    case: c,
    model,
    k0,
    t,
    m: t - k0,
    chain,
    // γ's exact upper bound: it enters the right-hand sides as an upper bound
    gamma: rationalToHP(model.sigma.gammaBounds.hi),
    pNorm: () => {
      p ??= hpSpectralNormBounds(chain.P);
      return p;
    },
    wNorm: () => {
      w ??= hpSpectralNormBounds(chain.W);
      return w;
    },
    vNorm: hpNorm2(chain.v),
    sPrevNorm: hpNorm2(chain.sPrev),
  };
}

/** ‖F(k0, t)‖₂ ≤ (s_max(W_R)·γ)^m·‖σ(h_{k0−1})‖₂ (thm2.singular-value). */
export function singularValueSides(ctx: BoundContext, _p: unknown, t: number): Sides {
  return {
    lhs: ctx.pNorm[t - ctx.k0] * ctx.vNorm,
    rhs: (ctx.facts.sMax * ctx.gamma) ** (t - ctx.k0) * ctx.vNorm,
  };
}

/**
 * The same at 60 digits, ‖W_R‖₂ enclosed from above; also thm2.spectral-radius-normal's, since for
 * a normal W_R, ρ(W_R) = ‖W_R‖₂.
 */
export function singularValueHPSides(h: HPContext): HPSides {
  return {
    lhsLower: h.pNorm().lo.times(h.vNorm),
    rhsUpper: h.wNorm().hi.times(h.gamma).pow(h.m).times(h.vNorm),
  };
}

/** ‖F(k0, t)‖₂ ≤ (ρ(W_R)·γ)^m·‖σ(h_{k0−1})‖₂ (thm2.spectral-radius-normal). */
export function normalSides(ctx: BoundContext, _p: unknown, t: number): Sides {
  return {
    lhs: ctx.pNorm[t - ctx.k0] * ctx.vNorm,
    rhs: (ctx.facts.rho * ctx.gamma) ** (t - ctx.k0) * ctx.vNorm,
  };
}

/** ‖F(k0, t)‖₂ ≤ (s_max(W_R)·γ)^m, without the factor ‖σ(h_{k0−1})‖₂ (thm2.proof-bound). */
export function proofBoundSides(ctx: BoundContext, _p: unknown, t: number): Sides {
  return {
    lhs: ctx.pNorm[t - ctx.k0] * ctx.vNorm,
    rhs: (ctx.facts.sMax * ctx.gamma) ** (t - ctx.k0),
  };
}

/** The same at 60 digits. */
export function proofBoundHPSides(h: HPContext): HPSides {
  return {
    lhsLower: h.pNorm().lo.times(h.vNorm),
    rhsUpper: h.wNorm().hi.times(h.gamma).pow(h.m),
  };
}
