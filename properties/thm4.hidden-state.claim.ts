import { explodingProbeArbitrary } from '../src/generators/explodingArbitrary.js';
import { limitClaim } from '../src/kinds/limit.js';
import {
  EXPLODING_PARAMS,
  EXPLODING_SERIES_KEYS,
  explodingCertificate,
  explodingCheck,
  explodingSeriesOf,
} from '../src/paper/s5-exploding/thm4.js';

export default limitClaim({
  id: 'thm4.hidden-state',
  section: '5, remark before Proof 4',
  statement: '‖W_R‖₂ ≥ (1+ε)/λ*(diag σ′(·)) ⇒ ‖∂h_t/∂W_R‖ → ∞ as t → ∞',
  reading:
    'The reduction "it is enough to prove it for ∂h_t/∂W_R", as a claim of its own: the hypothesis read as in thm4.literal (λ* = inf over the trajectory of min_i |σ′(h_{r,i})|, inputs continued with period T, ε = eps ∈ (0, 1]); ‖∂h_t/∂W_R‖ is the Frobenius norm of the n×n² Jacobian. Cases where ∂h_t/∂W_R is zero at the probe horizon (σ(h) ≡ 0, or a vanishing product with zero drive) are degenerate and skipped.',
  expected: 'refuted',
  correction: {
    text: 'The same correction as Theorem 4: ‖J_t⋯J_{k+1}‖₂ ≥ (s_min(W_R)·λ*)^{t−k}; ∂h_t/∂W_R stays bounded whenever ‖(γ|W_R|)^k‖_∞ < 1 for some k.',
    claim: 'thm4.smallest-singular-value',
  },
  rationale:
    'The same mechanism as thm4.literal: ‖(γ|W_R|)^k‖_∞ < 1 bounds every product J_t⋯J_{k+1} entrywise by (γ|W_R|)^{t−k}, so ∂h_t/∂W_R = Σ_k (J_t⋯J_{k+1})(I⊗σ(h_{k−1})ᵀ) stays bounded for all t (exact certificate: the sum of powers C, the state bound and |∂h_t/∂W_R| ≤ C·sup‖σ(h)‖_∞ entrywise), while ‖W_R‖₂ ≥ (1+ε)/λ* holds. A bounded ∂h_t/∂W_R refutes thm4.literal too (‖∂E_t/∂W_R‖ ≤ √2‖W_O‖_F‖∂h_t/∂W_R‖), so the reduction is sound but the statement it reduces to is false. For smooth σ the hypothesis rarely holds on generated cases (counted as skips).',
  params: EXPLODING_PARAMS,
  arbitrary: (o) => explodingProbeArbitrary(o),
  check: (input) => explodingCheck(input, 'hidden'),
  recheckHP: (input) => explodingCertificate(input, 'hidden'),
  series: explodingSeriesOf,
  seriesKeys: EXPLODING_SERIES_KEYS,
});
