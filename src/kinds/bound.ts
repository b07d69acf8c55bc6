import type {
  CheckOutcome,
  Claim,
  ClaimInput,
  ClaimSpec,
  HPOutcome,
  SeriesKey,
} from '../engine/contract/claim.js';
import { defineClaim } from '../engine/contract/claim.js';
import { integerParam, type ParamsDomain } from '../engine/contract/params.js';
import { hpToleranceBound, TOLERANCES, toleranceBound } from '../engine/contract/tolerances.js';
import type { Case } from '../model/caseFile.js';
import { HP, HP_DIGITS, hpShow } from '../numerics/exact/decimal.js';
import type { HypothesisResult } from '../paper/s4-vanishing/thm2.js';
import {
  type BoundContext,
  boundContext,
  type HPContext,
  type HPSides,
  hpContext,
  k0Of,
  type Sides,
} from '../paper/s4-vanishing/thm2-bounds.js';

/** The declaration of a finite-t bound lhs(t) ≤ rhs(t), checked at every t with k0 < t ≤ T. */
export interface BoundClaimSpec<P>
  extends Omit<
    ClaimSpec,
    'kind' | 'check' | 'recheckHP' | 'series' | 'seriesKeys' | 'hpQuantity' | 'params'
  > {
  /** What is compared, e.g. "‖F(k0,t)‖₂ ≤ (s_max γ)^{t−k0}‖σ(h_{k0−1})‖₂". */
  readonly quantity: string;
  /** The hypothesis, decided exactly from the case. */
  readonly hypothesis: (c: Case) => HypothesisResult;
  /** Claim-specific data computed once per case (e.g. the JSR constants); none when omitted. */
  readonly prepare?: (ctx: BoundContext) => P;
  /** Both sides in float64 at one t. */
  readonly sides: (ctx: BoundContext, prep: P, t: number) => Sides;
  /**
   * Exact confirmation of a float64 violation before it is reported (for bounds whose right side
   * uses a float64 quantity that can be inaccurate, like ρ of a defective matrix); a violation
   * that is not confirmed is counted as a pass.
   */
  readonly confirm?: (ctx: BoundContext, prep: P, t: number) => boolean;
  /** Both sides at 60 digits (or the exact facts that decide them). */
  readonly hpSides: (ctx: HPContext) => HPSides;
  /** Extra numbers for the witness at the violating t. */
  readonly extra?: (ctx: BoundContext, prep: P, t: number) => Record<string, number>;
}

/** k0 of a finite-t bound: checked at every t with k0 < t ≤ T, so 1 ≤ k0 ≤ T − 1. */
export const BOUND_PARAMS: ParamsDomain = { k0: integerParam(1, { of: 'T', plus: -1 }) };

interface Evaluation {
  readonly outcome: CheckOutcome;
  /** The t with the largest relative excess lhs − rhs (the witness), when the hypothesis held. */
  readonly t?: number;
}

/**
 * How a bound claim's 60-digit re-check compares when no certificate decides it: the 60-digit
 * products and the Jacobi/Weyl estimate of ‖·‖₂ ignore rounding, so this is not a proof.
 */
const TOLERANCE_COMPARISON =
  'actual (60-digit estimate of a lower bound of the left side) exceeds claimed (of an upper bound of the right side) by more than TOLERANCES.highPrecision; ‖·‖₂ by Jacobi on PᵀP with a Weyl margin that ignores rounding: a 60-digit re-check, not certified';

/** The same when the claim's certificate decides: its facts are exact or outward-rounded enclosures. */
const CERTIFIED_COMPARISON =
  'decided by the certificate (exact rationals and outward-rounded intervals); actual and claimed are 60-digit values shown for reference';

/**
 * A claim that a finite-t bound lhs(t) ≤ rhs(t) holds at every t with k0 < t ≤ T (kind
 * 'inequality'): one certified violation refutes it; the full budget passing supports `holds`
 * (with the proof in the rationale). A float64 excess above TOLERANCES.float64Exact (relative to
 * the larger side) is a violation candidate; the 60-digit re-check compares 60-digit estimates of a
 * lower bound of the left side and an upper bound of the right side (Jacobi + Weyl on ‖·‖₂, rounding
 * ignored: not rigorous) unless the claim's certificate decides, and re-decides the hypothesis exactly.
 */
export function boundClaim<P>(spec: BoundClaimSpec<P>): Claim {
  const { quantity, hypothesis, prepare, sides, confirm, hpSides, extra, ...rest } = spec;
  const evaluate = (input: ClaimInput): Evaluation => {
    const c = input.case;
    const k0 = k0Of(input);
    const ctx = boundContext(c, k0);
    if ('skip' in ctx) return { outcome: { status: 'skip', reason: ctx.skip } };
    if ('notJudged' in ctx)
      return { outcome: { status: 'skip', reason: ctx.notJudged, numerical: true } };
    if ('overflow' in ctx) return { outcome: { status: 'overflow', reason: ctx.overflow } };
    const hyp = hypothesis(c);
    if (!hyp.holds)
      return { outcome: { status: 'skip', reason: hyp.reason ?? 'hypothesis fails' } };
    const prep = prepare?.(ctx) as P;
    const tol = TOLERANCES.float64Exact;
    let worst: { t: number; rel: number; s: Sides; excess: number; bound: number } | undefined;
    let closeness = 0;
    for (let t = k0 + 1; t <= ctx.T; t++) {
      const s = sides(ctx, prep, t);
      if (!Number.isFinite(s.lhs) || !Number.isFinite(s.rhs))
        return { outcome: { status: 'overflow', reason: `a side is not finite at t = ${t}` } };
      const scale = Math.max(Math.abs(s.lhs), Math.abs(s.rhs));
      const excess = s.lhs - s.rhs;
      const bound = toleranceBound(tol, scale);
      const rel = scale > 0 ? excess / scale : 0;
      if (excess > bound && (worst === undefined || rel > worst.rel))
        worst = { t, rel, s, excess, bound };
      if (s.rhs > 0) closeness = Math.max(closeness, s.lhs / s.rhs);
      else if (s.lhs > 0) closeness = Math.max(closeness, 1 + rel);
    }
    if (worst !== undefined && (confirm === undefined || confirm(ctx, prep, worst.t))) {
      return {
        t: worst.t,
        outcome: {
          status: 'violated',
          witness: {
            quantity,
            claimed: [[worst.s.rhs]],
            actual: [[worst.s.lhs]],
            absError: worst.excess,
            relError: worst.rel,
            threshold: worst.bound,
            extra: {
              k0,
              t: worst.t,
              rhoW: ctx.facts.rho,
              sMaxW: ctx.facts.sMax,
              gamma: ctx.gamma,
              normSigmaPrevK0: ctx.vNorm,
              ...(extra ? extra(ctx, prep, worst.t) : {}),
            },
          },
        },
      };
    }
    // the largest t is the default place of the high-precision re-check
    return { t: ctx.T, outcome: { status: 'pass', closeness } };
  };
  const recheckHP = (input: ClaimInput): HPOutcome => {
    const c = input.case;
    const k0 = k0Of(input);
    const ev = evaluate(input);
    const hyp = hypothesis(c);
    const t = ev.t ?? Math.max(k0 + 1, c.xs.length);
    const ctx = hpContext(c, k0, t);
    const hs = hpSides(ctx);
    const tol = TOLERANCES.highPrecision;
    const diff = hs.lhsLower.minus(hs.rhsUpper);
    const scale = HP.max(hs.lhsLower.abs(), hs.rhsUpper.abs());
    const byNumbers = diff.gt(hpToleranceBound(tol, scale));
    const violated = hyp.holds && (hs.decided ?? byNumbers);
    return {
      violated,
      digits: HP_DIGITS,
      claimed: [[hpShow(hs.rhsUpper)]],
      actual: [[hpShow(hs.lhsLower)]],
      absError: hpShow(diff),
      relError: hpShow(scale.isZero() ? diff : diff.div(scale)),
      certificate: {
        t,
        comparison: hs.decided === undefined ? TOLERANCE_COMPARISON : CERTIFIED_COMPARISON,
        hypothesis: hyp.certificate,
        ...(hs.certificate ?? {}),
      },
    };
  };
  const series = (input: ClaimInput): Record<string, number[]> => {
    const k0 = k0Of(input);
    const ctx = boundContext(input.case, k0);
    if ('skip' in ctx || 'notJudged' in ctx || 'overflow' in ctx) return {};
    const prep = prepare?.(ctx) as P;
    const lhs: number[] = [];
    const rhs: number[] = [];
    // indexed by t − k0 − 1 for t = k0 + 1 … T
    for (let t = k0 + 1; t <= ctx.T; t++) {
      const s = sides(ctx, prep, t);
      lhs.push(s.lhs);
      rhs.push(s.rhs);
    }
    return lhs.every(Number.isFinite) && rhs.every(Number.isFinite) ? { lhs, rhs } : {};
  };
  return defineClaim({
    ...rest,
    kind: 'inequality',
    params: BOUND_PARAMS,
    check: (input) => evaluate(input).outcome,
    recheckHP,
    series,
    seriesKeys: boundSeriesKeys(spec.id, quantity),
  });
}

/** The keys of a bound's series, lhs and rhs for t = k0 + 1 … T, named by the two sides of its quantity "lhs ≤ rhs". */
export function boundSeriesKeys(id: string, quantity: string): Record<string, SeriesKey> {
  const sides = quantity.split(' ≤ ');
  if (sides.length !== 2)
    throw new Error(`boundClaim(${id}): quantity must read "lhs ≤ rhs", got ${quantity}`);
  const firstT = { param: 'k0', plus: 1 };
  return {
    lhs: { symbol: sides[0], firstT, bound: false },
    rhs: { symbol: sides[1], firstT, bound: true },
  };
}

/** An inequality claim whose float64 check and 60-digit re-check are given as functions; one certified counterexample refutes it. */
export function inequalityClaim(spec: Omit<ClaimSpec, 'kind'>): Claim {
  return defineClaim({ ...spec, kind: 'inequality' });
}
