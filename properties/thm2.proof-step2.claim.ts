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
  expected: 'refuted',
  correction: {
    text: 'The step needs max|σ′| ≤ 1: (‖W_R‖·Δ·‖σ(h_{t−1})‖)^{t−k0} ≤ (‖W_R‖·‖σ(h_{t−1})‖)^{t−k0} for Δ = max_r‖diag σ′(h_{r−1})‖ ≤ 1, which every activation with sup|σ′| ≤ 1 guarantees (its cells hold); keep the factor Δ^{t−k0} otherwise.',
  },
  rationale:
    "The step is (‖W_R‖ s)^m·Δ^m ≤ (‖W_R‖ s)^m with Δ = max|σ′| ≤ γ, i.e. it holds iff Δ ≤ 1 (or ‖W_R‖·s = 0). It holds for every activation with sup|σ′| ≤ 1 (identity, tanh, relu, leaky_relu, softplus, elu, hardtanh: 1; sigmoid: 1/4), and only because of that bound: the paper's hypothesis ‖diag σ′‖ ≤ γ with γ < 1/λ1 does not exclude σ′ > 1. It is refuted for scaled_tanh (2·tanh, γ = 2), silu (γ ≈ 1.0998) and gelu (γ ≈ 1.1289), each by a certified counterexample of that activation: a state where σ′ > 1 makes the dropped factor Δ^m exceed 1. Equality (Δ = 1) is reached by the activations with γ = 1.",
  otherCells: 'holds',
  cells: {
    scaled_tanh: {
      expected: 'refuted',
      why: 'γ = 2: wherever |h| < atanh(1/√2) ≈ 0.88, σ′(h) = 2 sech²h > 1, so the dropped factor Δ^m exceeds 1.',
    },
    silu: {
      expected: 'refuted',
      why: 'γ ≈ 1.0998: σ′(h) > 1 for every h > 0 past a point (σ′ → 1 from above after its maximum at h ≈ 2.40), so the dropped factor Δ^m exceeds 1.',
    },
    gelu: {
      expected: 'refuted',
      why: 'γ ≈ 1.1289: σ′(h) = Φ(h) + hφ(h) > 1 for every h > 0 past a point (its maximum is at h = √2), so the dropped factor Δ^m exceeds 1.',
    },
  },
  quantity:
    '(‖W_R‖₂·max_r‖diag σ′(h_{r−1})‖₂·‖σ(h_{t−1})‖₂)^{t−k0} ≤ (‖W_R‖₂·‖σ(h_{t−1})‖₂)^{t−k0}',
  numRuns: 1000,
  arbitrary: (o) => boundClaimArbitrary(o, 'rho'),
  hypothesis: spectralRadiusHypothesis,
  sides: step2Sides,
  hpSides: step2HPSides,
  extra: step2Extra,
});
