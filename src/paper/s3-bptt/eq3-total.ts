/**
 * Section 3.1's total loss E = Σ_t E_t (claim eq3.total): the BPTT gradient Σ_t ∂E_t/∂W_R of
 * Theorem 1 and the chain rule, against the oracles that differentiate E as one function.
 */

import type { CheckOutcome, ClaimInput, HPOutcome } from '../../engine/contract/claim.js';
import { checkIdentity, recheckIdentityHP } from '../../engine/contract/compare.js';
import { toModel } from '../../model/caseFile.js';
import { maxAbs } from '../../numerics/kernels.js';
import { adGradientTotal } from '../../oracles/autodiff.js';
import { csGradientTotal } from '../../oracles/complexStep.js';
import { hpGradientTotal as hpOracleTotal } from '../../oracles/highPrecision.js';
import { totalGradient } from './eq3.js';
import { hpGradientTotal as hpClosedFormTotal } from './high-precision.js';

/** ∂E/∂W_R by BPTT against reverse-mode autodiff and complex step, in float64. */
export function totalGradientCheck(input: ClaimInput): CheckOutcome {
  const m = toModel(input.case);
  return checkIdentity(
    '∂E/∂W_R',
    totalGradient(m),
    [
      { oracle: 'reverse-mode autodiff', value: adGradientTotal(m) },
      { oracle: 'complex step', value: csGradientTotal(m) },
    ],
    undefined,
    maxAbs(adGradientTotal(m, true).data),
  );
}

/** The same at 60 digits: the closed form against 60-digit dual numbers. */
export function totalGradientRecheck(input: ClaimInput): HPOutcome {
  const m = toModel(input.case);
  return recheckIdentityHP(hpClosedFormTotal(m), hpOracleTotal(m));
}
