import type { Claim, ClaimSpec } from '../engine/contract/claim.js';
import { defineClaim } from '../engine/contract/claim.js';
import { integerParam, type ParamsDomain } from '../engine/contract/params.js';
import { LIMIT_HORIZON } from '../paper/s4-vanishing/chain.js';
import {
  type LimitHypothesisOf,
  VANISHING_SERIES_KEYS,
  vanishingCheck,
  vanishingHPQuantity,
  vanishingRecheck,
  vanishingSeries,
} from '../paper/s4-vanishing/thm2-limits.js';

/**
 * k0 of a vanishing-limit claim (the inputs repeat with period T, so k0 may exceed T): 1 ≤ k0 < H,
 * the float64 horizon, so the screen of F(k0, t) ends at H as for every generated input (k0 ≤ 4);
 * a larger k0 would make the screen and the exact certificate run past H, to k0 itself.
 */
export const VANISHING_PARAMS: ParamsDomain = { k0: integerParam(1, LIMIT_HORIZON - 1) };

/** The declaration of a claim "hypothesis ⇒ F(k0, t) → 0 as t → ∞". */
export interface VanishingLimitSpec
  extends Omit<
    ClaimSpec,
    'kind' | 'check' | 'recheckHP' | 'series' | 'seriesKeys' | 'hpQuantity' | 'params'
  > {
  /** The claim's hypothesis on W_R and σ, decided exactly where possible. */
  readonly hypothesis: LimitHypothesisOf;
}

/**
 * A claim "hypothesis ⇒ F(k0, t) → 0 as t → ∞" (Theorem 2), the inputs of a finite case repeated
 * with period T: refuted only by a certificate valid for all t on a case whose hypothesis is
 * certified exactly (paper/s4-vanishing/thm2-limits).
 */
export function vanishingLimitClaim(spec: VanishingLimitSpec): Claim {
  const { hypothesis, ...rest } = spec;
  return limitClaim({
    ...rest,
    params: VANISHING_PARAMS,
    check: (input) => vanishingCheck(input, hypothesis),
    recheckHP: (input) => vanishingRecheck(input, hypothesis),
    series: vanishingSeries,
    seriesKeys: VANISHING_SERIES_KEYS,
    hpQuantity: vanishingHPQuantity,
  });
}

/** A limit claim (→ 0, → ∞ as t → ∞): refuted only by a certificate valid for all t, open when the search finds none. */
export function limitClaim(spec: Omit<ClaimSpec, 'kind'>): Claim {
  return defineClaim({ ...spec, kind: 'limit' });
}
