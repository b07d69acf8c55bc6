import { boundClaimArbitrary } from '../src/generators/vanishingInputArbitrary.js';
import { boundClaim } from '../src/kinds/bound.js';
import { spectralRadiusHypothesis } from '../src/paper/s4-vanishing/thm2.js';
import {
  step2Extra,
  step2HPSides,
  step2Sides,
} from '../src/paper/s4-vanishing/thm2-proof-steps.js';

export default boundClaim({
  id: 'thm2.proof-step2',
  section: '4.1, Proof 3, second inequality',
  statement:
    '‖W_R‖^{t−k0}·‖diag σ′(h_{r−1})‖^{t−k0}·‖σ(h_{t−1})‖^{t−k0} ≤ (‖W_R‖·‖σ(h_{t−1})‖)^{t−k0}',
  reading:
    "The step on its own: the right side of the first inequality (with ‖diag σ′(h_{r−1})‖ read as max_{k0<r≤t} max_i|σ′(h_{r−1,i})|, as in thm2.proof-step1) against the next line, which drops the σ′ factor. Spectral norms; every t with k0 < t ≤ T; Theorem 2's hypothesis read as ρ(W_R)·γ < 1 (exact).",
  expected: 'holds',
  rationale:
    "The step is (‖W_R‖ s)^m·Δ^m ≤ (‖W_R‖ s)^m with Δ = max|σ′| ≤ γ, i.e. it holds iff Δ ≤ 1 (or ‖W_R‖·s = 0). Every activation of the suite has sup|σ′| ≤ 1 (identity, tanh, relu, leaky_relu, softplus: 1; sigmoid: 1/4), so the step is valid here; it would fail for an activation with σ′ > 1 somewhere (e.g. 2·tanh), which the paper's hypothesis ‖diag σ′‖ ≤ γ with γ < 1/λ1 does not exclude. Seed 20190701: the hypothesis held on 762 of 1000 runs; equality (Δ = 1) is reached.",
  quantity:
    '(‖W_R‖₂·max_r‖diag σ′(h_{r−1})‖₂·‖σ(h_{t−1})‖₂)^{t−k0} ≤ (‖W_R‖₂·‖σ(h_{t−1})‖₂)^{t−k0}',
  numRuns: 1000,
  arbitrary: (o) => boundClaimArbitrary(o, 'rho'),
  hypothesis: spectralRadiusHypothesis,
  sides: step2Sides,
  hpSides: step2HPSides,
  extra: step2Extra,
});
