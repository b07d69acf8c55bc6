import type { Claim, ClaimSpec } from '../engine/contract/claim.js';
import { defineClaim } from '../engine/contract/claim.js';
import {
  type LimitHypothesisOf,
  vanishingCheck,
  vanishingRecheck,
  vanishingSeries,
} from '../paper/s4-vanishing/thm2-limits.js';

/** The declaration of a claim "hypothesis ⇒ F(k0, t) → 0 as t → ∞". */
export interface VanishingLimitSpec
  extends Omit<ClaimSpec, 'kind' | 'check' | 'recheckHP' | 'series'> {
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
    check: (input) => vanishingCheck(input, hypothesis),
    recheckHP: (input) => vanishingRecheck(input, hypothesis),
    series: vanishingSeries,
  });
}

/** A limit claim (→ 0, → ∞ as t → ∞): refuted only by a certificate valid for all t, open when the search finds none. */
export function limitClaim(spec: Omit<ClaimSpec, 'kind'>): Claim {
  return defineClaim({ ...spec, kind: 'limit' });
}
