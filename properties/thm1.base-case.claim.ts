import { baseCaseInputs } from '../src/generators/claimInputVariants.js';
import { jacobianIdentityClaim } from '../src/kinds/identity.js';
import { baseCaseAt, hpBaseCaseAt } from '../src/paper/s3-bptt/thm1-base-case.js';

export default jacobianIdentityClaim({
  id: 'thm1.base-case',
  section: '3.3, proof of Theorem 1 (t = 1, 2)',
  statement: 'dh_1/dW_R = I⊗σ(h_0)ᵀ and dh_2/dW_R = I⊗σ(h_1)ᵀ + W_R diag σ′(h_1)·(I⊗σ(h_0)ᵀ)',
  reading:
    'The proof writes σ(h_0) and σ(h_1) where a matrix is needed; they are read as HV(·) = I⊗(·)ᵀ, as in Lemma 2. t is drawn from {1, 2}.',
  expected: 'holds',
  rationale:
    'Direct differentiation of h_1 = W_R σ(h_0) + … and of h_2 = W_R σ(h_1) + … by the chain rule (Lemma 2 at t = 1, 2).',
  arbitrary: baseCaseInputs,
  claimed: baseCaseAt,
  claimedHP: hpBaseCaseAt,
});
