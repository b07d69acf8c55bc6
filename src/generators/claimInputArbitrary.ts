import fc from 'fast-check';
import type { Case } from '../model/caseFile.js';
import { type CaseConstraints, caseArbitrary } from './caseArbitrary.js';

/** Options of claimInputArbitrary. */
export interface ClaimInputConstraints extends CaseConstraints {
  /**
   * Which steps t the claim is checked at: 'any' draws t in 1…T (shrinking toward t = T, so that
   * shrinking T shrinks t), a number fixes t (cases get T ≥ t). Default 'any'.
   */
  readonly step?: 'any' | number;
  /** A final rewrite of the generated case, for claims whose statement fixes part of the model. */
  readonly adapt?: (c: Case) => Case;
}

/** An input of a claim: a generated case, the step t, and the generator family it came from. */
export interface StepInput {
  readonly case: Case;
  readonly params: { readonly t: number };
  readonly family: string;
}

/** Claim inputs: a case from caseArbitrary plus the step t at which the claim is checked. */
export function claimInputArbitrary(
  constraints: ClaimInputConstraints = {},
): fc.Arbitrary<StepInput> {
  const { step = 'any', adapt, ...caseConstraints } = constraints;
  const minT =
    typeof step === 'number' ? Math.max(step, caseConstraints.minT ?? 1) : caseConstraints.minT;
  const cases = caseArbitrary({ ...caseConstraints, ...(minT !== undefined ? { minT } : {}) });
  return fc.tuple(cases, fc.nat({ max: 1 << 16 })).map(([g, k]) => {
    const c = adapt ? adapt(g.case) : g.case;
    const T = c.xs.length;
    const t = typeof step === 'number' ? step : T - (k % T);
    return { case: c, params: { t }, family: `${g.family}/${g.biasMode}` };
  });
}
