import { claimInputArbitrary } from '../src/generators/claimInputArbitrary.js';
import { gradientIdentityClaim } from '../src/kinds/identity.js';
import { eq3Gradient } from '../src/paper/s3-bptt/eq3.js';
import { hpGradientChainRule } from '../src/paper/s3-bptt/high-precision.js';

export default gradientIdentityClaim({
  id: 'eq3.chain-rule',
  section: '3.2, Eq. (3) without the sum',
  statement: '∂E_t/∂W_R = (∂E_t/∂h_t)(∂h_t/∂W_R), ∂E_t/∂h_t = (o_t − e_{y_t})ᵀ W_O',
  reading:
    'Eq. (3) with the spurious Σ_k dropped: the 1×n row ∂E_t/∂h_t times the n×n² Jacobian of Theorem 1 (I⊗vᵀ, descending), reshaped row-major to n×n; E_t is the cross-entropy of softmax(W_O h_t + b_O).',
  expected: 'holds',
  rationale: 'The chain rule for E_t(h_t(W_R)), with ∂h_t/∂W_R given by thm1.kron-descending.',
  arbitrary: (o) => claimInputArbitrary(o),
  claimed: (m, t) => eq3Gradient(m, t, 'chain-rule'),
  claimedHP: (m, t) => hpGradientChainRule(m, t),
});
