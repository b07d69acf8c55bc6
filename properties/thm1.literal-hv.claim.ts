import { claimInputArbitrary } from '../src/generators/claimInputArbitrary.js';
import { jacobianIdentityClaim } from '../src/kinds/identity.js';
import { hpTheorem1LiteralHV } from '../src/paper/s3-bptt/high-precision.js';
import { LITERAL_HV, theorem1 } from '../src/paper/s3-bptt/thm1.js';

export default jacobianIdentityClaim({
  id: 'thm1.literal-hv',
  section: '3.3, Theorem 1',
  statement:
    '∂h_t/∂W_R = Σ_{k=1}^{t−1} (Π_{r=k+1}^t W_R diag σ′(h_{r−1}))·HV(σ(h_{k−1})) + HV(σ(h_{t−1})), HV(v) = n×n grid of blocks vᵀ',
  reading:
    'HV exactly as the paper defines it: an n×n grid of blocks, every block vᵀ, so HV(v)[i, a·n+b] = v_b for every row i; the product ordered J_t⋯J_{k+1}.',
  expected: 'refuted',
  correction: {
    text: 'Read HV(v) as I_n⊗vᵀ (the block-diagonal lift), with the product J_t⋯J_{k+1}.',
    claim: 'thm1.kron-descending',
  },
  rationale:
    'At t = 1 the true Jacobian is ∂h_1[i]/∂W_R[a,b] = δ_{ia}·σ(h_0)_b, i.e. I⊗σ(h_0)ᵀ, while the grid puts σ(h_0)_b in every row i: the two differ as soon as n ≥ 2 and σ(h_0) ≠ 0.',
  arbitrary: (o) => claimInputArbitrary(o),
  claimed: (m, t) => theorem1(m, t, LITERAL_HV),
  claimedHP: hpTheorem1LiteralHV,
});
