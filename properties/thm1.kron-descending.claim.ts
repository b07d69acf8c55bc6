import { claimInputArbitrary } from '../src/generators/claimInputArbitrary.js';
import { jacobianIdentityClaim } from '../src/kinds/identity.js';
import { hpTheorem1Kron } from '../src/paper/s3-bptt/high-precision.js';
import { KRON_DESCENDING, theorem1 } from '../src/paper/s3-bptt/thm1.js';

export default jacobianIdentityClaim({
  id: 'thm1.kron-descending',
  section: '3.3, Theorem 1',
  statement: '∂h_t/∂W_R = Σ_{k=1}^{t} J_t⋯J_{k+1}·(I⊗σ(h_{k−1})ᵀ), J_r = W_R diag σ′(h_{r−1})',
  reading:
    'HV(v) = I_n⊗vᵀ (the only reading under which the t = 1 step ∂h_1/∂W_R = HV(σ(h_0)) is true) and Π_{r=k+1}^t ordered newest factor on the left, J_t⋯J_{k+1}.',
  expected: 'holds',
  rationale:
    'Unrolling Lemma 2 (D_t = I⊗σ(h_{t−1})ᵀ + J_t D_{t−1}, D_0 = 0) by induction on t gives exactly this sum; each J_r multiplies from the left, so the newest factor stands leftmost.',
  arbitrary: (o) => claimInputArbitrary(o),
  claimed: (m, t) => theorem1(m, t, KRON_DESCENDING),
  claimedHP: (m, t) => hpTheorem1Kron(m, t, 'descending'),
});
