import { linearStep2Inputs } from '../src/generators/claimInputVariants.js';
import { jacobianIdentityClaim } from '../src/kinds/identity.js';
import { hpLemma1Corrected, lemma1Corrected } from '../src/paper/s3-bptt/lemma1-corrected.js';

export default jacobianIdentityClaim({
  id: 'lemma1.example-corrected',
  section: '3.3, remark after Lemma 1 (corrected)',
  statement: 'σ = id, h_t = W_R h_{t−1}: dh_2/dW_R = I⊗(W_R h_0)ᵀ + W_R⊗h_0ᵀ',
  reading:
    'The product rule for h_2 = W_R·W_R·h_0 with non-commuting factors: d(W_R W_R h_0)[i]/dW_R[a,b] = δ_{ia}(W_R h_0)_b + W_R[i,a](h_0)_b.',
  expected: 'holds',
  rationale: 'Differentiate h_2 = W_R(W_R h_0) entrywise; both factors depend on W_R.',
  sigma: ['identity'],
  arbitrary: linearStep2Inputs,
  claimed: lemma1Corrected,
  claimedHP: hpLemma1Corrected,
});
