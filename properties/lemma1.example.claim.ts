import { linearStep2Inputs } from '../src/generators/claimInputVariants.js';
import { jacobianIdentityClaim } from '../src/kinds/identity.js';
import { hpLemma1Example } from '../src/paper/s3-bptt/high-precision.js';
import { lemma1Example } from '../src/paper/s3-bptt/lemma1.js';

export default jacobianIdentityClaim({
  id: 'lemma1.example',
  section: '3.3, remark after Lemma 1',
  statement: 'σ = id, h_t = W_R h_{t−1}: dh_2/dW_R = 2 W_R h_0',
  reading:
    'The vector 2W_R h_0 ∈ ℝⁿ is compared with the n×n² Jacobian through the lift the paper applies to vectors in Lemma 2, HV(v) = I⊗vᵀ: the claim is dh_2/dW_R = I⊗(2W_R h_0)ᵀ. For n = 1 this is the scalar statement d(w²h_0)/dw = 2wh_0 (see lemma1.example-scalar).',
  expected: 'refuted',
  correction: {
    text: 'dh_2/dW_R = I⊗(W_R h_0)ᵀ + W_R⊗h_0ᵀ; it equals 2W_R h_0 only for n = 1.',
    claim: 'lemma1.example-corrected',
  },
  rationale:
    'h_2 = W_R²h_0, so dh_2/dW_R[a,b] = e_a (W_R h_0)_b + W_R[:,a] (h_0)_b, i.e. I⊗(W_R h_0)ᵀ + W_R⊗h_0ᵀ: the product rule for non-commuting matrices gives two different terms, not twice one. Equal only when W_R⊗h_0ᵀ = I⊗(W_R h_0)ᵀ (e.g. n = 1).',
  sigma: ['identity'],
  arbitrary: linearStep2Inputs,
  claimed: lemma1Example,
  claimedHP: hpLemma1Example,
});
