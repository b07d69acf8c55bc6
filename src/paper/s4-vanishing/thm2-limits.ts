/**
 * The hypotheses of Theorem 2's limit claims (thm2.spectral-radius, thm2.signed-eigenvalue) as the
 * limit kind reads them: met (certified), met in float64 only, or not met (the case is skipped).
 */

import { TOLERANCES } from '../../engine/contract/tolerances.js';
import type { Case } from '../../model/caseFile.js';
import { type Certificate, signedEigenvalueHypothesis, spectralRadiusHypothesis } from './thm2.js';

/** A limit claim's hypothesis on a case. */
export type LimitHypothesisStatus =
  | { readonly status: 'holds'; readonly certificate: Certificate }
  | { readonly status: 'uncertain'; readonly reason: string; readonly certificate: Certificate }
  | { readonly status: 'skip'; readonly reason: string };

/** ρ(W_R)·γ < 1, decided exactly (thm2.spectral-radius). */
export function spectralRadiusLimitHypothesis(c: Case): LimitHypothesisStatus {
  const h = spectralRadiusHypothesis(c);
  return h.holds
    ? { status: 'holds', certificate: h.certificate }
    : { status: 'skip', reason: h.reason ?? 'ρ(W_R)·γ ≥ 1' };
}

/**
 * "λ1 < 1/γ" with λ1 signed (thm2.signed-eigenvalue), from the float64 eigenvalues sorted by
 * modulus; ties in modulus within TOLERANCES.eigenvalueTie.
 */
export function signedEigenvalueLimitHypothesis(
  c: Case,
  facts: { readonly re: Float64Array; readonly im: Float64Array },
): LimitHypothesisStatus {
  const h = signedEigenvalueHypothesis(c, facts.re, facts.im, TOLERANCES.eigenvalueTie.rtol);
  if (h.status === 'holds') return { status: 'holds', certificate: h.certificate };
  if (h.status === 'uncertain')
    return { status: 'uncertain', reason: h.reason, certificate: h.certificate };
  return { status: 'skip', reason: h.reason };
}
