import { claimInputArbitrary } from '../src/generators/claimInputArbitrary.js';
import { gradientIdentityClaim } from '../src/kinds/identity.js';
import { eq3Gradient } from '../src/paper/s3-bptt/eq3.js';
import { hpGradientLiteralSum } from '../src/paper/s3-bptt/high-precision.js';

export default gradientIdentityClaim({
  id: 'eq3.literal-sum',
  section: '3.2, Eq. (3)',
  statement: '∂E_t/∂W_R = Σ_{k=1}^t (∂E_t/∂o_t)(∂o_t/∂h_t)(∂h_t/∂W_R)',
  reading:
    'As written: the summand does not depend on k, so the sum is t copies of the chain-rule product (reshaped row-major to n×n), with ∂h_t/∂W_R from Theorem 1 (I⊗vᵀ, descending).',
  expected: 'refuted',
  correction: {
    text: 'Drop the Σ_k: ∂E_t/∂W_R = (∂E_t/∂h_t)(∂h_t/∂W_R).',
    claim: 'eq3.chain-rule',
  },
  rationale:
    'The sum equals t·∂E_t/∂W_R, which differs from ∂E_t/∂W_R whenever t ≥ 2 and the gradient is not zero.',
  arbitrary: (o) => claimInputArbitrary(o),
  claimed: (m, t) => eq3Gradient(m, t, 'literal-sum'),
  claimedHP: (m, t) => hpGradientLiteralSum(m, t),
});
