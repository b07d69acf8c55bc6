/** The inputs of the three claims on the remark of 4.2. */

import fc from 'fast-check';
import type { ArbitraryOptions } from '../engine/contract/claim.js';
import { claimInputArbitrary } from './claimInputArbitrary.js';
import {
  cancellationInputs,
  contractedLimitInputs,
  defaultLimitInputs,
  unforcedInputs,
  type VanishingInput,
} from './vanishingInputArbitrary.js';

/** k ∈ {1, 2, 3} in place of k0, shrinking toward 1. */
export function withK(arb: fc.Arbitrary<VanishingInput>): fc.Arbitrary<VanishingInput> {
  return arb.map((x) => ({ ...x, params: { k: ((x.params.k0 - 1) % 3) + 1 } }));
}

/** remark42.early-terms-persist: default cases and the same rescaled to just inside s_max·γ < 1, with k. */
export function earlyTermsInputs(o: ArbitraryOptions): fc.Arbitrary<VanishingInput> {
  return fc.oneof(
    { weight: 1, arbitrary: withK(defaultLimitInputs(o)) },
    { weight: 1, arbitrary: withK(contractedLimitInputs(o, 'sMax')) },
  );
}

/** remark42.gradient-persists-limit: default cases (no parameters) and unforced ones. */
export function gradientPersistsLimitInputs(o: ArbitraryOptions): fc.Arbitrary<VanishingInput> {
  return fc.oneof(
    { weight: 2, arbitrary: defaultLimitInputs(o).map((x) => ({ ...x, params: {} })) },
    { weight: 1, arbitrary: unforcedInputs(o) },
  );
}

/** remark42.gradient-persists: default claim inputs (family without the bias mode) and exact cancellations at t = 2. */
export function gradientPersistsInputs(o: ArbitraryOptions): fc.Arbitrary<VanishingInput> {
  return fc.oneof(
    {
      weight: 3,
      arbitrary: claimInputArbitrary(o).map((x) => ({
        ...x,
        family: `default:${x.family.split('/')[0]}`,
      })),
    },
    { weight: 1, arbitrary: cancellationInputs(o) },
  );
}
