import { claimInputArbitrary } from '../src/generators/claimInputArbitrary.js';
import { jacobianIdentityClaim } from '../src/kinds/identity.js';
import { hpTheorem1Kron } from '../src/paper/s3-bptt/high-precision.js';
import { KRON_ASCENDING, theorem1 } from '../src/paper/s3-bptt/thm1.js';

export default jacobianIdentityClaim({
  id: 'thm1.kron-ascending',
  section: '3.3, Theorem 1',
  statement: '∂h_t/∂W_R = Σ_{k=1}^{t} J_{k+1}⋯J_t·(I⊗σ(h_{k−1})ᵀ), J_r = W_R diag σ′(h_{r−1})',
  reading:
    'HV(v) = I_n⊗vᵀ and Π_{r=k+1}^t read in increasing r, J_{k+1}⋯J_t (oldest factor on the left).',
  expected: 'refuted',
  correction: {
    text: 'Order the product newest factor on the left: J_t⋯J_{k+1}.',
    claim: 'thm1.kron-descending',
  },
  rationale:
    'Matrix products do not commute: with two or more factors (t ≥ 3) and J_r that do not commute (n ≥ 2, σ′ not constant along the trajectory), J_{k+1}⋯J_t ≠ J_t⋯J_{k+1}. For σ = id all J_r = W_R and the two orders agree.',
  cells: {
    identity: {
      expected: 'holds',
      why: 'σ = id: σ′ ≡ 1, so every J_r = W_R and J_{k+1}⋯J_t = W_R^{t−k} = J_t⋯J_{k+1}.',
    },
  },
  arbitrary: (o) => claimInputArbitrary(o),
  claimed: (m, t) => theorem1(m, t, KRON_ASCENDING),
  claimedHP: (m, t) => hpTheorem1Kron(m, t, 'ascending'),
});
