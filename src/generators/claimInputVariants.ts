/**
 * claimInputArbitrary restricted as particular claims state it: the linear model of Lemma 1's
 * remark, Section 2's initial state inside the range of σ, the t ∈ {1, 2} of Theorem 1's base case.
 */

import type fc from 'fast-check';
import type { ArbitraryOptions } from '../engine/contract/claim.js';
import { initialStateInRange, linearNoInput } from './caseTransforms.js';
import { claimInputArbitrary, type StepInput } from './claimInputArbitrary.js';

/** σ = identity with no input and no bias (h_t = W_R h_{t−1}), checked at t = 2. */
export function linearStep2Inputs(o: ArbitraryOptions): fc.Arbitrary<StepInput> {
  return claimInputArbitrary({ ...o, activations: ['identity'], step: 2, adapt: linearNoInput });
}

/** The same with a scalar state (n = 1). */
export function scalarLinearStep2Inputs(o: ArbitraryOptions): fc.Arbitrary<StepInput> {
  return claimInputArbitrary({
    ...o,
    activations: ['identity'],
    maxN: 1,
    step: 2,
    adapt: linearNoInput,
  });
}

/** Cases whose h_0 lies inside the range of σ (where σ⁻¹(h_0) exists). */
export function initialStateInRangeInputs(o: ArbitraryOptions): fc.Arbitrary<StepInput> {
  return claimInputArbitrary({ ...o, adapt: initialStateInRange });
}

/** T ≥ 2 and t ∈ {1, 2} (odd draws give 1, even ones 2). */
export function baseCaseInputs(o: ArbitraryOptions): fc.Arbitrary<StepInput> {
  return claimInputArbitrary({ ...o, minT: 2 }).map((i) => ({
    ...i,
    params: { t: i.params.t % 2 === 1 ? 1 : 2 },
  }));
}
