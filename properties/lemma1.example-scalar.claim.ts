import { scalarLinearStep2Inputs } from '../src/generators/claimInputVariants.js';
import { jacobianIdentityClaim } from '../src/kinds/identity.js';
import { hpLemma1Example } from '../src/paper/s3-bptt/high-precision.js';
import { lemma1Example } from '../src/paper/s3-bptt/lemma1.js';

export default jacobianIdentityClaim({
  id: 'lemma1.example-scalar',
  section: '3.3, remark after Lemma 1 (n = 1)',
  statement: 'n = 1, σ = id, h_t = w h_{t−1}: dh_2/dw = 2 w h_0',
  reading:
    'The remark restricted to a scalar state, where the vector and the Jacobian are both 1×1.',
  expected: 'holds',
  rationale: 'h_2 = w²h_0, so dh_2/dw = 2wh_0 by the power rule; scalars commute.',
  sigma: ['identity'],
  arbitrary: scalarLinearStep2Inputs,
  claimed: lemma1Example,
  claimedHP: hpLemma1Example,
});
