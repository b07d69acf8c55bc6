import { claimInputArbitrary } from '../src/generators/claimInputArbitrary.js';
import { jacobianIdentityClaim } from '../src/kinds/identity.js';
import { hpLemma2 } from '../src/paper/s3-bptt/high-precision.js';
import { lemma2Recursion } from '../src/paper/s3-bptt/lemma2.js';

export default jacobianIdentityClaim({
  id: 'lemma2.recursion',
  section: '3.3, Lemma 2',
  statement: 'dh_t/dW_R = HV(σ(h_{t−1})) + W_R diag σ′(h_{t−1})·dh_{t−1}/dW_R, dh_0/dW_R = 0',
  reading:
    'HV(v) = I⊗vᵀ; "W_R σ′(h_{t−1})" is W_R·diag σ′(h_{t−1}) as Proof 2 states; the recursion is unrolled from dh_0/dW_R = 0 (h_0 does not depend on W_R).',
  expected: 'holds',
  rationale:
    'Proof 2: the chain rule for h_t(W_R, h_{t−1}) = W_R σ(h_{t−1}) + W_I x_t + b_R, with ∂h_t/∂W_R|_{h_{t−1}} = I⊗σ(h_{t−1})ᵀ and ∂h_t/∂h_{t−1} = W_R diag σ′(h_{t−1}).',
  arbitrary: (o) => claimInputArbitrary(o),
  claimed: (m, t) => lemma2Recursion(m, t),
  claimedHP: (m, t) => hpLemma2(m, t),
});
